package app

import (
	"bytes"
	"context"
	"log/slog"
	"reflect"
	"strings"
	"testing"

	"github.com/roadmapper/roadmapper/internal/curation"
	"github.com/roadmapper/roadmapper/internal/plaintext"
	"github.com/roadmapper/roadmapper/internal/rank"
	"github.com/roadmapper/roadmapper/internal/roadmap"
	"github.com/roadmapper/roadmapper/internal/store"
	"github.com/roadmapper/roadmapper/internal/testutil"
)

// TestCrawlStoresRankFeatures: a crawl computes the rank features of the
// items it adds or changes, and only those.
func TestCrawlStoresRankFeatures(t *testing.T) {
	f := newFixture(t)
	f.crawl()
	ctx := context.Background()
	if n, err := f.app.RefreshFeatures(ctx); err != nil || n != 0 {
		t.Fatalf("after a crawl, %d items still lacked features (%v)", n, err)
	}
	f.site.SetHTML("/quasar/roadmap.html", testutil.SphinxPage("Quasar roadmap", [][2]string{
		{"GPU acceleration", "Run the core kernels on CUDA and ROCm devices, now also on oneAPI."},
		{"Documentation overhaul", "Rewrite the tutorials for newcomers and add worked examples from imaging and genomics."},
		{"Free-threaded Python", "Make the extension modules safe without the GIL and ship wheels for free-threaded builds."},
	}))
	var log bytes.Buffer
	f.app.Log = slog.New(slog.NewTextHandler(&log, nil))
	f.crawl()
	if !strings.Contains(log.String(), `msg="rank features computed" items=1`) {
		t.Errorf("the second crawl did not compute the features of just the 1 item that changed; log:\n%s", log.String())
	}
}

// TestRankingFromStoredFeatures: a ranking that reads stored features and
// only the texts it must scan equals one that reads every item in full,
// for a client with interests, one with themes only and none.
func TestRankingFromStoredFeatures(t *testing.T) {
	f := newFixture(t)
	f.crawl()
	setup, err := LoadRankSetup(f.app.Config, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	real := f.app.Store
	for _, st := range []Store{real, uncoveredStore{real}, featurelessStore{real}, damagedStore{real}} {
		f.app.Store = st
		checkRankingFromFeatures(t, f, setup, st != real)
	}
}

// leanIDs are the IDs of the items r read lean (readLean).
func leanIDs(r *Ranked) map[string]bool {
	out := map[string]bool{}
	for _, s := range r.Scored {
		if readLean(s.Item) {
			out[s.Item.ID] = true
		}
	}
	return out
}

// damagedStore returns stored features that cannot be decoded: the
// ranking reads the items instead, with the same result.
type damagedStore struct{ Store }

func (s damagedStore) EachFeatures(ctx context.Context, key string, projects []string, withWords bool, fn func(string, []byte, []byte) error) error {
	return s.Store.EachFeatures(ctx, key, projects, withWords, func(id string, _, _ []byte) error { return fn(id, []byte{0xff}, nil) })
}

func (s damagedStore) EachItemWithFeatures(ctx context.Context, q store.ItemQuery, key string, withWords bool, fn func(roadmap.Item, []byte, []byte) error) error {
	return s.Store.EachItemWithFeatures(ctx, q, key, withWords, func(it roadmap.Item, _, _ []byte) error { return fn(it, []byte{0xff}, nil) })
}

// featurelessStore has no stored features at all, as a database crawled
// by an older build: they are computed from the texts.
type featurelessStore struct{ Store }

func (featurelessStore) FeaturesCover(context.Context, string, []string) (int, bool, error) {
	return 0, false, nil
}

func (s featurelessStore) EachItemWithFeatures(ctx context.Context, q store.ItemQuery, key string, withWords bool, fn func(roadmap.Item, []byte, []byte) error) error {
	return s.Store.EachItemWithFeatures(ctx, q, key, withWords, func(it roadmap.Item, _, _ []byte) error { return fn(it, nil, nil) })
}

// uncoveredStore says some items lack features, as after a crawl by an
// older build.
type uncoveredStore struct{ Store }

func (uncoveredStore) FeaturesCover(context.Context, string, []string) (int, bool, error) {
	return 0, false, nil
}

func checkRankingFromFeatures(t *testing.T, f *fixture, setup RankSetup, partial bool) {
	ctx := context.Background()
	for name, c := range map[string]*roadmap.Client{
		"none":      nil,
		"themes":    {Name: "T", Themes: map[string]float64{"gpu": 3, "documentation": 1}},
		"interests": {Name: "I", Themes: map[string]float64{"performance": 2}, Interests: []string{"CUDA", "free-threaded", "scheduler"}},
	} {
		lean, err := f.app.Rank(ctx, setup, c)
		if err != nil {
			t.Fatal(err)
		}
		// The reference: every item read in full and scanned.
		items, err := f.app.Store.Items(ctx, store.ItemQuery{})
		if err != nil {
			t.Fatal(err)
		}
		full := &Ranked{Scored: rank.Rank(rank.Input{Items: items, Themes: setup.Themes, Client: c,
			Weights: RankWeights(f.app.Config), Updated: lean.Updated, Now: f.app.now()})}
		if len(leanIDs(lean)) == 0 && !partial {
			t.Errorf("%s: every item's row was read", name)
		}
		// What is shown is read in full first: row by row, or (here in
		// the partial case) in one pass over the table.
		if partial {
			defer func(n int) { fillByScan = n }(fillByScan)
			fillByScan = 0
		}
		if err := f.app.fillScored(ctx, lean.Scored, false); err != nil {
			t.Fatal(err)
		}
		if len(lean.Scored) != len(full.Scored) || len(lean.Scored) == 0 {
			t.Fatalf("%s: %d items ranked from features, %d from texts", name, len(lean.Scored), len(full.Scored))
		}
		unread := 0
		for i := range full.Scored {
			a, b := lean.Scored[i], full.Scored[i]
			if a.Item.Text == "" && b.Item.Text != "" {
				unread++
			}
			ai, bi := *a.Item, *b.Item // compared without their texts
			ai.Text, bi.Text = "", ""
			a.Item, b.Item = &ai, &bi
			if !reflect.DeepEqual(a, b) {
				t.Errorf("%s: item %d differs:\nfeatures %+v\ntexts    %+v", name, i, a, b)
			}
		}
		if unread == 0 {
			t.Errorf("%s (partial %v): the ranking read every text", name, partial)
		}
		// A listing of titles reads just those.
		titles, err := f.app.Items(ctx, ItemsRequest{Setup: setup, Client: c, TitlesOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		title := map[string]string{}
		for _, s := range full.Scored {
			title[s.Item.ID] = s.Item.Title
		}
		for _, s := range titles.List {
			if s.Item.Title != title[s.Item.ID] {
				t.Errorf("%s: titles-only listing: %s is %q, want %q", name, s.Item.ID, s.Item.Title, title[s.Item.ID])
			}
		}
		// A listing that shows summaries reads what they need.
		l, err := f.app.Items(ctx, ItemsRequest{Setup: setup, Client: c, WithText: true})
		if err != nil {
			t.Fatal(err)
		}
		summary := map[string]string{}
		for _, s := range full.Scored {
			summary[s.Item.ID] = plaintext.Summary(s.Item.Summary, s.Item.Text)
		}
		for _, s := range l.List {
			if got := plaintext.Summary(s.Item.Summary, s.Item.Text); got != summary[s.Item.ID] {
				t.Errorf("%s: listed item %s summarised %q, want %q", name, s.Item.ID, got, summary[s.Item.ID])
			}
		}
	}
}

// TestCurationOfLeanItems: items read lean that the curation retitles or
// rewrites keep the curation's words when they are shown.
func TestCurationOfLeanItems(t *testing.T) {
	f := newFixture(t)
	f.crawl()
	ctx := context.Background()
	setup, err := LoadRankSetup(f.app.Config, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	const id = "nebula/typed-public-api" // a project without GitHub issues: read lean
	setup.Curation = &curation.Curation{Entries: []curation.Entry{
		{ID: id, Action: curation.ActionRetitle, Title: "Types for every public function"},
		{ID: id, Action: curation.ActionRewrite, Summary: "Annotate and check the public API."},
		{ID: id, Action: curation.ActionPin, Reason: "the client asked"},
	}}
	c := roadmap.Client{Name: "T", Projects: []string{"nebula"}, Themes: map[string]float64{"typing": 3}}
	job, err := f.app.PrepareBrochures(ctx, setup, true)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := f.app.Pick(ctx, job, c)
	if err != nil {
		t.Fatal(err)
	}
	if read := leanIDs(plan.Ranked); !read["nebula/distributed-scheduling"] && len(read) == 0 {
		t.Fatal("nothing was read lean: the test does not test what it says")
	}
	found := false
	for _, b := range plan.Projects {
		for _, it := range b.Items {
			if it.ID == id {
				found = true
				if it.Title != "Types for every public function" || it.Summary != "Annotate and check the public API." {
					t.Errorf("shown as %q / %q, not as curated", it.Title, it.Summary)
				}
			} else if it.Title == "" {
				t.Errorf("%s shown without its title", it.ID)
			}
		}
	}
	if !found {
		t.Fatalf("pinned item %s not in the plan", id)
	}
}
