package crawler

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"sync"
	"testing"
	"time"
	"weak"

	"github.com/roadmapper/roadmapper/internal/roadmap"
	"github.com/roadmapper/roadmapper/internal/testutil"
)

// weakSink saves nothing: it keeps weak pointers to the parsed documents
// it was handed and, before the last save, counts how many of the earlier
// ones something else still holds.
type weakSink struct {
	mu    sync.Mutex
	last  int
	docs  []weak.Pointer[roadmap.Document]
	alive int // earlier documents reachable when the last project was saved
}

func (s *weakSink) SaveProject(_ context.Context, _ int64, res roadmap.ProjectResult) (roadmap.ProjectChanges, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.docs) == s.last {
		runtime.GC()
		runtime.GC()
		for _, wp := range s.docs {
			if wp.Value() != nil {
				s.alive++
			}
		}
	}
	for _, sr := range res.Sources {
		if sr.Document != nil {
			s.docs = append(s.docs, weak.Make(sr.Document))
		}
	}
	return roadmap.ProjectChanges{}, nil
}

// TestRunKeepsOnlyOutcomes checks that a crawl's memory is bounded by its
// concurrency, not by the registry: once a project is saved, nothing of
// its result (documents, bodies, logo) stays reachable from the summary
// being built, so the garbage collector can take it while the crawl goes on.
func TestRunKeepsOnlyOutcomes(t *testing.T) {
	const n = 12
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var i int
		if _, err := fmt.Sscanf(r.URL.Path, "/p/%d/roadmap.html", &i); err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write(benchPage(i))
	}))
	defer srv.Close()
	projects := make([]roadmap.Project, n)
	for i := range projects {
		projects[i] = roadmap.Project{Slug: fmt.Sprintf("p%02d", i), Roadmap: []string{fmt.Sprintf("%s/p/%d/roadmap.html", srv.URL, i)}}
	}
	sink := &weakSink{last: n - 1}
	cr := New(Options{UserAgent: testUA, Timeout: 10 * time.Second, Concurrency: 2, AllowPrivate: testutil.LoopbackNets}, sink, nil, nil, nil)
	sum, err := cr.Run(context.Background(), 1, projects, nil)
	if err != nil || sum.Fetched != n {
		t.Fatalf("Run: %v, fetched %d of %d", err, sum.Fetched, n)
	}
	if len(sink.docs) != n || sink.alive > 1 {
		t.Errorf("%d of the %d documents saved before the last project were still reachable; want at most 1 (the one being saved)",
			sink.alive, n-1)
	}
}
