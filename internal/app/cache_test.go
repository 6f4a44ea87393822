package app

import (
	"context"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/internal/testutil"
)

// TestReadCacheListsAndFilters: with a cache, listings and the audit
// follow a crawl that changes the data version, and filtering by project
// works.
func TestReadCacheListsAndFilters(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.crawl()
	f.app.Cache = &ReadCache{}
	v1, err := f.app.DataVersion(ctx)
	if err != nil || v1 == "" {
		t.Fatalf("data version %q, %v", v1, err)
	}
	setup, _ := LoadRankSetup(f.app.Config, nil, "")
	only := setup
	only.Projects = []string{"nebula"}
	l, err := f.app.Items(ctx, ItemsRequest{Setup: only})
	if err != nil || len(l.List) != 2 {
		t.Fatalf("nebula: %d, %v", len(l.List), err)
	}
	l, err = f.app.Items(ctx, ItemsRequest{Setup: setup})
	if err != nil || len(l.List) != 6 {
		t.Fatalf("all items: %d, %v", len(l.List), err)
	}
	l, err = f.app.Items(ctx, ItemsRequest{Setup: only})
	if err != nil || len(l.List) != 2 || l.List[0].Item.Project != "nebula" {
		t.Fatalf("nebula again: %d, %v", len(l.List), err)
	}
	a1, err := f.app.Audit(ctx)
	if err != nil || len(a1.Findings) != 4 {
		t.Fatalf("audit: %v", err)
	}

	// A crawl changes the data: the cache follows.
	f.site.SetHTML("/quasar/roadmap.html", testutil.SphinxPage("Quasar roadmap", [][2]string{
		{"GPU acceleration", "Run the core kernels on CUDA and ROCm devices through the array API, so arrays can stay on the accelerator."},
	}))
	f.now = f.now.Add(time.Hour)
	f.crawl()
	if v2, _ := f.app.DataVersion(ctx); v2 == v1 {
		t.Errorf("data version did not change after a crawl: %q", v2)
	}
	l, err = f.app.Items(ctx, ItemsRequest{Setup: setup})
	if err != nil || len(l.List) != 4 {
		t.Errorf("after the crawl: %d items, %v (want the two removed sections gone)", len(l.List), err)
	}
}

func TestSurveyTrend(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.crawl()
	s, res, err := f.app.Survey(ctx)
	if err != nil || s.All.Projects != 4 || len(res.Findings) != 4 || len(s.Trend) != 0 {
		t.Fatalf("survey after one crawl: %+v, %v", s, err)
	}
	f.now = f.now.Add(24 * time.Hour)
	f.crawl()
	s, _, err = f.app.Survey(ctx)
	if err != nil || len(s.Trend) != 2 {
		t.Errorf("trend over two crawls: %+v, %v", s.Trend, err)
	}
}
