package github

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// TestRequestTimeout: a GitHub that never answers fails the project with
// an error instead of hanging the crawl.
func TestRequestTimeout(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	c, err := New(Options{BaseURL: srv.URL + "/api-v3/", Token: "t", Timeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	res := c.Project(context.Background(), roadmap.Project{Slug: "slow", Repo: "slow/slow"}, false)
	if res.Err == "" || !strings.Contains(res.Err, "deadline") {
		t.Errorf("hung GitHub gave Err %q, want a deadline error", res.Err)
	}
}
