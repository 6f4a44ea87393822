package crawler

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
	"github.com/roadmapper/roadmapper/internal/testutil"
)

// benchPage builds a ~20 KB Sphinx-like roadmap page for project n.
func benchPage(n int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Project %d roadmap</title></head><body>\n", n)
	fmt.Fprintf(&b, "<section id=\"roadmap\"><h1>Project %d roadmap</h1>\n<p>Plans of project %d for the coming years.</p>\n", n, n)
	for s := 0; b.Len() < 20<<10; s++ {
		fmt.Fprintf(&b, "<section id=\"s%d\"><h2>Theme %d of project %d</h2>\n", s, s, n)
		for range 4 {
			b.WriteString("<p>We intend to improve performance, documentation and interoperability with the wider " +
				"ecosystem, working with downstream libraries and users on the details as they emerge.</p>\n")
		}
		b.WriteString("</section>\n")
	}
	b.WriteString("</section></body></html>\n")
	return []byte(b.String())
}

// BenchmarkCrawl200 crawls 200 projects on a local server twice: a first
// Run that fetches and parses every ~20 KB page, then an unchanged second
// Run that must send 200 conditional requests and parse nothing.
func BenchmarkCrawl200(b *testing.B) {
	const n = 200
	pages := make([][]byte, n)
	for i := range pages {
		pages[i] = benchPage(i)
	}
	var conditional atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var i int
		if _, err := fmt.Sscanf(r.URL.Path, "/p/%d/roadmap.html", &i); err != nil || i < 0 || i >= n {
			http.NotFound(w, r)
			return
		}
		if r.Header.Get("If-None-Match") != "" {
			conditional.Add(1)
		}
		w.Header().Set("ETag", fmt.Sprintf(`"v1-%d"`, i))
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if r.Header.Get("If-None-Match") == fmt.Sprintf(`"v1-%d"`, i) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		_, _ = w.Write(pages[i])
	}))
	defer srv.Close()
	projects := make([]roadmap.Project, n)
	for i := range projects {
		projects[i] = roadmap.Project{Slug: fmt.Sprintf("p%03d", i), Roadmap: []string{fmt.Sprintf("%s/p/%d/roadmap.html", srv.URL, i)}}
	}
	var parses atomic.Int64
	orig := extractDoc
	extractDoc = func(docURL, contentType string, body []byte) (*roadmap.Document, error) {
		parses.Add(1)
		return orig(docURL, contentType, body)
	}
	defer func() { extractDoc = orig }()
	opts := Options{UserAgent: testUA, RespectRobots: true, PerHost: 8, Timeout: 10 * time.Second, AllowPrivate: testutil.LoopbackNets}

	var firstDur, secondDur time.Duration
	runs := 0
	b.ReportAllocs()
	for b.Loop() {
		sink := newFakeSink()
		cr := New(opts, sink, sink, nil, nil)
		t0 := time.Now()
		first, err := cr.Run(context.Background(), 1, projects, nil)
		if err != nil || first.Fetched != n {
			b.Fatalf("first run: %v, fetched %d", err, first.Fetched)
		}
		t1 := time.Now()
		conditional.Store(0)
		parses.Store(0)
		second, err := cr.Run(context.Background(), 2, projects, nil)
		if err != nil || second.NotModified != n {
			b.Fatalf("second run: %v, not modified %d", err, second.NotModified)
		}
		firstDur += t1.Sub(t0)
		secondDur += time.Since(t1)
		runs++
		if c, p := conditional.Load(), parses.Load(); c != n || p != 0 {
			b.Fatalf("second run: %d conditional requests, %d parses; want %d and 0", c, p, n)
		}
	}
	b.ReportMetric(float64(firstDur.Milliseconds())/float64(runs), "first-ms/op")
	b.ReportMetric(float64(secondDur.Milliseconds())/float64(runs), "second-ms/op")
	b.ReportMetric(float64(conditional.Load()), "conditional-requests")
	b.ReportMetric(float64(parses.Load()), "second-run-parses")
	b.Logf("second run: %d conditional requests, %d parses", conditional.Load(), parses.Load())
}
