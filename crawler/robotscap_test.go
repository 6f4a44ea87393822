package crawler

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// TestRobotsOverLimitHonoursItsStart: a robots.txt larger than the read
// limit is not ignored: the rules in its first 512 KiB apply, and a
// warning (shown without -v) says the rest was not read.
func TestRobotsOverLimitHonoursItsStart(t *testing.T) {
	robots := "User-agent: *\nDisallow: /private/\n" + strings.Repeat("# padding line of a huge robots.txt\n", 40000) + "Disallow: /late/\n"
	page := fixture(t, "roadmap.html")
	hits := map[string]int{}
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits[r.URL.Path]++
		mu.Unlock()
		if r.URL.Path == "/robots.txt" {
			w.Write([]byte(robots))
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.Write(page)
	}))
	defer srv.Close()
	var logs strings.Builder
	opts := testOptions()
	opts.Logger = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelWarn}))
	sum, err := New(opts, newFakeSink(), nil, nil, nil).Run(context.Background(), 1,
		[]roadmap.Project{{Slug: "a", Roadmap: []string{srv.URL + "/private/x.html", srv.URL + "/late/y.html"}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if hits["/private/x.html"] != 0 {
		t.Errorf("a page robots.txt forbids in its first 512 KiB was fetched")
	}
	if hits["/late/y.html"] != 1 || sum.Outcomes[0].Status != roadmap.StatusFetched {
		t.Errorf("the page allowed within the limit: %d requests, %+v", hits["/late/y.html"], sum.Outcomes[0])
	}
	if !strings.Contains(logs.String(), "only its first 512 KiB are honoured") {
		t.Errorf("no warning at the default level:\n%s", logs.String())
	}
}
