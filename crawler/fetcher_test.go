package crawler

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
	"github.com/roadmapper/roadmapper/internal/testutil"
)

func TestFetcherPoliteSingleFetches(t *testing.T) {
	site := testutil.NewFakeSite(t)
	site.Set("/", testutil.FakePage{ContentType: "text/html; charset=iso-8859-1", Body: []byte("<title>Caf\xe9</title>")})
	site.SetHTML("/private/roadmap", "<h1>secret</h1>")
	c := New(Options{RespectRobots: true, MaxRetries: -1, BaseBackoff: time.Millisecond, AllowPrivate: testutil.LoopbackNets}, nopSink{}, nil, nil, nil)
	f := c.Fetcher()
	ctx := context.Background()

	home, err := f.Page(ctx, site.URL()+"/")
	if err != nil || home.Status != 200 || !strings.Contains(string(home.Body), "Café") {
		t.Fatalf("home = %d %q, %v; want the page in UTF-8", home.Status, home.Body, err)
	}
	missing, err := f.Page(ctx, site.URL()+"/roadmap")
	if err == nil || missing.Status != 404 || !strings.Contains(err.Error(), "HTTP 404") {
		t.Errorf("a missing page: status %d, err %v", missing.Status, err)
	}
	if _, err := f.Page(ctx, site.URL()+"/private/roadmap"); !errors.Is(err, ErrDisallowed) {
		t.Errorf("robots.txt forbids /private/: err %v", err)
	}
	if site.Requests("/private/roadmap") != 0 {
		t.Error("a page robots.txt forbids was requested")
	}
	if n := site.Requests("/robots.txt"); n != 1 {
		t.Errorf("robots.txt fetched %d times, want once per host", n)
	}
	if _, err := f.Page(ctx, "file:///etc/passwd"); err == nil {
		t.Error("a file: URL was accepted")
	}
}

type nopSink struct{}

func (nopSink) SaveProject(context.Context, int64, roadmap.ProjectResult) (roadmap.ProjectChanges, error) {
	return roadmap.ProjectChanges{}, nil
}
