package crawler

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
	"github.com/roadmapper/roadmapper/internal/testutil"
)

// lockedBuffer is a bytes.Buffer safe for the logger's goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestWatchdogDumpsGoroutinesOnStall hangs one project's page until the
// watchdog has spoken: the warning must say how far the crawl got and
// carry the stacks that show where it waits.
func TestWatchdogDumpsGoroutinesOnStall(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/slow.html" {
			select {
			case <-release:
			case <-r.Context().Done():
				return
			}
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write(benchPage(1))
	}))
	defer srv.Close()
	var logs lockedBuffer
	projects := []roadmap.Project{
		{Slug: "quick", Roadmap: []string{srv.URL + "/quick.html"}},
		{Slug: "slow", Roadmap: []string{srv.URL + "/slow.html"}},
	}
	cr := New(Options{UserAgent: testUA, Timeout: time.Minute, StallAfter: 50 * time.Millisecond, AllowPrivate: testutil.LoopbackNets, Logger: newTextLogger(&logs)},
		newFakeSink(), nil, nil, nil)
	go func() {
		deadline := time.Now().Add(10 * time.Second)
		// The warning repeats every StallAfter; on a slow machine the first
		// may come before the quick project is saved.
		for !strings.Contains(logs.String(), "finished=1 projects=2") && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		close(release)
	}()
	sum, err := cr.Run(context.Background(), 1, projects, nil)
	if err != nil || sum.Fetched != 2 {
		t.Fatalf("Run: %v, fetched %d; want 2", err, sum.Fetched)
	}
	out := logs.String()
	for _, want := range []string{"crawl stalled: no project finished for", "finished=1 projects=2", "goroutine ", "crawler.(*run).attempt"} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%.2000s", want, out)
		}
	}
}

// TestWatchdogQuietWhileProjectsFinish: a crawl that keeps finishing
// projects within StallAfter logs no stall.
func TestWatchdogQuietWhileProjectsFinish(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write(benchPage(2))
	}))
	defer srv.Close()
	var logs lockedBuffer
	var projects []roadmap.Project
	for _, s := range []string{"a", "b", "c"} {
		projects = append(projects, roadmap.Project{Slug: s, Roadmap: []string{srv.URL + "/" + s + ".html"}})
	}
	cr := New(Options{UserAgent: testUA, Timeout: time.Minute, StallAfter: time.Minute, AllowPrivate: testutil.LoopbackNets, Logger: newTextLogger(&logs)},
		newFakeSink(), nil, nil, nil)
	if _, err := cr.Run(context.Background(), 1, projects, nil); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(logs.String(), "stalled") {
		t.Errorf("stall logged by a crawl that made progress:\n%s", logs.String())
	}
}
