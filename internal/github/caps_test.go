package github

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// TestHugeAnswerWithoutValidatorsIsCapped: an answer with neither ETag nor
// Last-Modified is read at most maxBody bytes, not decoded without bound.
func TestHugeAnswerWithoutValidatorsIsCapped(t *testing.T) {
	var served, hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"name":"alpha","description":"`)
		chunk := strings.Repeat("a", 1<<20)
		for range 40 {
			n, err := io.WriteString(w, chunk)
			served.Add(int64(n))
			if err != nil {
				return
			}
		}
		io.WriteString(w, `"}`)
	}))
	defer srv.Close()
	c, err := New(Options{BaseURL: srv.URL, Token: token, Labels: []string{"roadmap"}, Cache: newTestCache(),
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	res := c.Project(context.Background(), roadmap.Project{Slug: "alpha", Name: "alpha", Repo: "sci/alpha"}, false)
	if !strings.Contains(res.Err, "larger than 16 MiB") {
		t.Errorf("err = %q, want the answer refused as too large", res.Err)
	}
	t.Logf("%d requests, %d MiB served, err %q", hits.Load(), served.Load()>>20, res.Err)
}

// cancelCache fails its reads once the request's context is cancelled,
// as the SQLite store does.
type cancelCache struct{ *testCache }

func (c cancelCache) CacheGet(ctx context.Context, key string) (roadmap.CachedResponse, bool, error) {
	if err := ctx.Err(); err != nil {
		return roadmap.CachedResponse{}, false, err
	}
	return c.testCache.CacheGet(ctx, key)
}

// TestCancelNoCacheWarning: Ctrl-C during the GitHub part gives no
// "cache read failed: context canceled" warning.
func TestCancelNoCacheWarning(t *testing.T) {
	s := newSetup(t)
	s.fake.AddRepo(fakeRepo("sci", "alpha", 1))
	c := s.client(t, token, func(o *Options) { o.Cache = cancelCache{s.cache} })
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	c.Project(ctx, project("sci", "alpha"), true)
	if strings.Contains(s.logs.String(), "cache read failed") {
		t.Errorf("spurious warning:\n%s", s.logs.String())
	}
}

func TestUntilTextHasADateWhenNotToday(t *testing.T) {
	now := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	for reset, want := range map[time.Time]string{
		now.Add(2 * time.Hour):  "11:00 (UTC)",
		now.AddDate(1, 0, 0):    "2027-12-03 09:00 (UTC)",
		now.Add(16 * time.Hour): "2026-12-04 01:00 (UTC)",
		now.AddDate(-1, 0, 0):   "2025-12-03 09:00 (UTC)",
	} {
		if got := untilText(reset, now); got != want {
			t.Errorf("untilText(%v) = %q, want %q", reset, got, want)
		}
	}
}

// TestWaitForRateLimitIsCapped: a reset beyond MaxRateLimitWait is not
// slept through: the GitHub work is skipped at once, saying so.
func TestWaitForRateLimitIsCapped(t *testing.T) {
	s := newSetup(t)
	s.fake.AddRepo(fakeRepo("sci", "alpha", 1))
	s.fake.ExhaustPrimary(time.Now().AddDate(1, 0, 0))
	c := s.client(t, token, func(o *Options) { o.WaitForRateLimit = true })
	start := time.Now()
	res := c.Project(context.Background(), project("sci", "alpha"), false)
	if time.Since(start) > 30*time.Second || !strings.HasPrefix(res.Skipped, "rate limited until ") || !strings.Contains(res.Skipped, "-") {
		t.Errorf("skipped %q after %v", res.Skipped, time.Since(start))
	}
	if !strings.Contains(s.logs.String(), "not waiting that long") {
		t.Errorf("no announcement:\n%s", s.logs.String())
	}
}
