package store

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

func TestOpenCreatesDirAndMigrationsAreIdempotent(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "a", "b", "roadmapper.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("database file: %v", err)
	}
	var mode string
	if err := s.db.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q, %v; want wal", mode, err)
	}
	var fk int
	if err := s.db.QueryRowContext(ctx, `PRAGMA foreign_keys`).Scan(&fk); err != nil || fk != 1 {
		t.Errorf("foreign_keys = %d, %v", fk, err)
	}
	c, err := s.BeginCrawl(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	for i := 0; i < 2; i++ { // reopen twice: nothing re-applied, data kept
		s, err = Open(ctx, path)
		if err != nil {
			t.Fatalf("reopen %d: %v", i, err)
		}
		var n int
		if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		files, _ := filepath.Glob("migrations/*.sql")
		if n != len(files) || n == 0 {
			t.Errorf("schema_migrations has %d rows, want %d", n, len(files))
		}
		if got, err := s.Crawl(ctx, c.ID); err != nil || got.ID != c.ID {
			t.Errorf("Crawl after reopen = %+v, %v", got, err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

func TestOpenRejectsURIs(t *testing.T) {
	for _, p := range []string{"", "x.db?mode=ro", "file:x.db"} {
		if _, err := Open(context.Background(), p); err == nil {
			t.Errorf("Open(%q) succeeded", p)
		}
	}
}

func TestCrawls(t *testing.T) {
	ctx := context.Background()
	s, clk := newStore(t)
	if _, err := s.LatestCrawl(ctx); !errors.Is(err, ErrNotFound) {
		t.Errorf("LatestCrawl on empty store: %v", err)
	}
	if _, err := s.Crawl(ctx, 42); !errors.Is(err, ErrNotFound) {
		t.Errorf("Crawl(42): %v", err)
	}
	if err := s.FinishCrawl(ctx, roadmap.Crawl{ID: 42}); !errors.Is(err, ErrNotFound) {
		t.Errorf("FinishCrawl(42): %v", err)
	}

	c1, _ := s.BeginCrawl(ctx, false)
	clk.Advance(time.Minute)
	c1.Projects, c1.Fetched, c1.NotModified, c1.Failed = 3, 2, 1, 0
	c1.ItemsAdded, c1.ItemsRemoved, c1.ItemsChanged, c1.Bytes = 5, 1, 2, 12345
	c1.GitHub = roadmap.Quota{Requests: 9, Counted: 4, NotModified: 5, Retries: 1, Waited: 1500 * time.Millisecond}
	if err := s.FinishCrawl(ctx, c1); err != nil {
		t.Fatal(err)
	}
	clk.Advance(time.Hour)
	c2, _ := s.BeginCrawl(ctx, true) // never finished
	clk.Advance(time.Hour)
	c3, _ := s.BeginCrawl(ctx, false)
	fin := t0.Add(5 * time.Hour)
	c3.FinishedAt = fin
	if err := s.FinishCrawl(ctx, c3); err != nil {
		t.Fatal(err)
	}

	got, err := s.Crawl(ctx, c1.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := c1
	want.FinishedAt = t0.Add(time.Minute)
	if got != want {
		t.Errorf("Crawl = %+v\nwant %+v", got, want)
	}
	all, err := s.Crawls(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	var gotIDs []int64
	for _, c := range all {
		gotIDs = append(gotIDs, c.ID)
	}
	if !slices.Equal(gotIDs, []int64{c3.ID, c2.ID, c1.ID}) {
		t.Errorf("Crawls = %v", gotIDs)
	}
	if !all[1].FinishedAt.IsZero() || !all[1].Replay || !all[1].StartedAt.Equal(t0.Add(61*time.Minute)) {
		t.Errorf("unfinished crawl = %+v", all[1])
	}
	if two, _ := s.Crawls(ctx, 2); len(two) != 2 {
		t.Errorf("Crawls(2) = %d crawls", len(two))
	}
	if l, err := s.LatestCrawl(ctx); err != nil || l.ID != c3.ID || !l.FinishedAt.Equal(fin) {
		t.Errorf("LatestCrawl = %+v, %v", l, err)
	}
	if p, err := s.PreviousCrawl(ctx, c3.ID); err != nil || p.ID != c1.ID {
		t.Errorf("PreviousCrawl(c3) = %+v, %v (the unfinished crawl must be skipped)", p, err)
	}
	if _, err := s.PreviousCrawl(ctx, c1.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("PreviousCrawl(c1): %v", err)
	}
}

func TestItemsQuery(t *testing.T) {
	ctx := context.Background()
	s, clk := newStore(t)
	q := withGitHub(page(1, "Zeta", "Alpha"), ghOK(issue(1, "Aardvark", 0)))
	q.Project = "q"
	save(t, s, clk, withGitHub(page(1, "Beta", "Alpha"), ghOK(issue(3, "Sorting", 2))), q)
	save(t, s, clk, withGitHub(page(2, "Beta"), ghOK(issue(3, "Sorting", 2))), q)

	tests := []struct {
		name string
		q    ItemQuery
		want []string
	}{
		{"all current, page before github, by position", ItemQuery{},
			[]string{"p/beta", "p/issue-3-sorting", "q/zeta", "q/alpha", "q/issue-1-aardvark"}},
		{"one project with removed", ItemQuery{Projects: []string{"p"}, IncludeRemoved: true},
			[]string{"p/beta", "p/alpha", "p/issue-3-sorting"}},
		{"by ID", ItemQuery{IDs: []string{"q/alpha", "p/alpha", "p/beta"}}, []string{"p/beta", "q/alpha"}},
		{"unknown project", ItemQuery{Projects: []string{"nope"}}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			items, err := s.Items(ctx, tc.q)
			if err != nil {
				t.Fatal(err)
			}
			if got := ids(items); !slices.Equal(got, tc.want) {
				t.Errorf("Items = %q, want %q", got, tc.want)
			}
		})
	}
	full, _ := s.Items(ctx, ItemQuery{})
	lean, err := s.Items(ctx, ItemQuery{NoText: true})
	if err != nil || len(lean) != len(full) {
		t.Fatalf("NoText: %d items, %v; want %d", len(lean), err, len(full))
	}
	for i := range full {
		if lean[i].Text != "" {
			t.Errorf("NoText: %s has text %q", lean[i].ID, lean[i].Text)
		}
		lean[i].Text = full[i].Text
		if !reflect.DeepEqual(lean[i], full[i]) {
			t.Errorf("NoText: %s = %+v, want %+v but the text", lean[i].ID, lean[i], full[i])
		}
	}
	items, _ := s.Items(ctx, ItemQuery{IDs: []string{"p/issue-3-sorting"}})
	if it := items[0]; it.Issue == nil || it.Issue.Number != 3 || len(it.Issue.Labels) != 1 || it.Project != "p" {
		t.Errorf("issue item = %+v", it)
	}
}

// TestItemsQueryManyIDs asks for more IDs and projects than SQLite takes
// as statement variables (32,766), as the report of a first crawl of
// thousands of projects does: it must work and find the ones that exist.
func TestItemsQueryManyIDs(t *testing.T) {
	ctx := context.Background()
	s, clk := newStore(t)
	save(t, s, clk, page(1, "Beta", "Alpha"))
	const n = 40000
	idList := make([]string, 0, n)
	projects := make([]string, 0, n)
	for i := range n - 2 {
		idList = append(idList, "p/missing-"+strconv.Itoa(i))
		projects = append(projects, "x"+strconv.Itoa(i))
	}
	idList = append(idList, "p/alpha", "p/beta")
	projects = append(projects, "p", "q")
	items, err := s.Items(ctx, ItemQuery{IDs: idList, Projects: projects, IncludeRemoved: true})
	if err != nil {
		t.Fatalf("Items with %d IDs: %v", n, err)
	}
	if got, want := ids(items), []string{"p/beta", "p/alpha"}; !slices.Equal(got, want) {
		t.Errorf("Items = %q, want %q", got, want)
	}
}

func TestSnapshotsHistoryAndLatest(t *testing.T) {
	ctx := context.Background()
	s, clk := newStore(t)
	q := page(1, "Q1")
	q.Project = "q"
	c1, _ := save(t, s, clk, page(1, "Alpha"), q)
	c2, _ := save(t, s, clk, withSources(notModified(u1, at(2))))
	c3, _ := save(t, s, clk, page(3, "Alpha", "Beta"))

	snaps, err := s.Snapshots(ctx, c1)
	if err != nil || len(snaps) != 2 {
		t.Fatalf("Snapshots(c1) = %v, %v", snaps, err)
	}
	latest, err := s.LatestSnapshots(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if latest["p"].CrawlID != c3 || latest["q"].CrawlID != c1 || latest["p"].Items != 2 {
		t.Errorf("LatestSnapshots = %+v", latest)
	}
	hist, err := s.History(ctx, "p", 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []int64
	for _, h := range hist {
		got = append(got, h.CrawlID)
	}
	if !slices.Equal(got, []int64{c3, c2, c1}) {
		t.Errorf("History = %v", got)
	}
	if h, _ := s.History(ctx, "p", 1); len(h) != 1 || h[0].CrawlID != c3 {
		t.Errorf("History(1) = %+v", h)
	}
	if m, err := s.Snapshots(ctx, 999); err != nil || len(m) != 0 {
		t.Errorf("Snapshots(999) = %v, %v", m, err)
	}
}

// TestHistories reads every project's recent history in one query, as
// History would one project at a time: newest first, cut at a crawl and
// to a depth, for the projects asked.
func TestHistories(t *testing.T) {
	ctx := context.Background()
	s, clk := newStore(t)
	q := page(1, "Q1")
	q.Project = "q"
	c1, _ := save(t, s, clk, page(1, "Alpha"), q)
	c2, _ := save(t, s, clk, withSources(notModified(u1, at(2))))
	c3, _ := save(t, s, clk, page(3, "Alpha", "Beta"))
	crawls := func(h []roadmap.ProjectSnapshot) []int64 {
		var out []int64
		for _, sn := range h {
			out = append(out, sn.CrawlID)
		}
		return out
	}
	tests := []struct {
		name     string
		projects []string
		upTo     int64
		limit    int
		want     map[string][]int64
	}{
		{"all", nil, 0, 0, map[string][]int64{"p": {c3, c2, c1}, "q": {c1}}},
		{"depth", nil, 0, 2, map[string][]int64{"p": {c3, c2}, "q": {c1}}},
		{"up to a crawl", nil, c2, 5, map[string][]int64{"p": {c2, c1}, "q": {c1}}},
		{"some projects", []string{"q", "nope"}, 0, 5, map[string][]int64{"q": {c1}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h, err := s.Histories(ctx, tc.projects, tc.upTo, tc.limit)
			if err != nil {
				t.Fatal(err)
			}
			if len(h) != len(tc.want) {
				t.Errorf("Histories has %d projects, want %d", len(h), len(tc.want))
			}
			for slug, want := range tc.want {
				if got := crawls(h[slug]); !slices.Equal(got, want) {
					t.Errorf("%s: crawls %v, want %v", slug, got, want)
				}
			}
			if one, _ := s.History(ctx, "p", 0); tc.upTo == 0 && tc.limit == 0 && !reflect.DeepEqual(one, h["p"]) {
				t.Errorf("Histories[p] differs from History(p)")
			}
		})
	}
}

func TestLogos(t *testing.T) {
	ctx := context.Background()
	s, clk := newStore(t)
	if _, err := s.Logo(ctx, "p"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Logo on empty store: %v", err)
	}
	r := roadmap.ProjectResult{Project: "p", Logo: &roadmap.Logo{Format: "png", Method: roadmap.LogoMonogram, Data: []byte{1}}}
	save(t, s, clk, r)
	r.Logo = &roadmap.Logo{Format: "jpeg", Method: roadmap.LogoJPEG, Data: []byte{2, 3}}
	save(t, s, clk, r)
	logos, err := s.Logos(ctx)
	if err != nil || len(logos) != 1 || logos["p"].Method != roadmap.LogoJPEG || len(logos["p"].Data) != 2 {
		t.Errorf("Logos = %+v, %v", logos, err)
	}
	q := roadmap.ProjectResult{Project: "q", Logo: &roadmap.Logo{Format: "png", Method: roadmap.LogoMonogram, Data: []byte{4},
		Ready: &roadmap.LogoRendition{Version: "v1", Type: "PNG", Width: 3, Height: 2, Data: []byte{5, 6}}}}
	save(t, s, clk, q)
	some, err := s.LogosOf(ctx, []string{"q", "missing"})
	if err != nil || len(some) != 1 || some["q"].Project != "q" || some["q"].Data[0] != 4 {
		t.Errorf("LogosOf(q, missing) = %+v, %v", some, err)
	}
	if rd := some["q"].Ready; rd == nil || !reflect.DeepEqual(*rd, *q.Logo.Ready) {
		t.Errorf("rendition read back = %+v, want %+v", rd, q.Logo.Ready)
	}
	if logos["p"].Ready != nil {
		t.Errorf("logo saved without a rendition reads back with one: %+v", logos["p"].Ready)
	}
}

// TestOpenUpToDateWritesNothing: opening a database whose migrations are
// all applied only reads it (every command opens the store, most only to
// read): the file is left as it was.
func TestOpenUpToDateWritesNothing(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "roadmapper.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	old := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	var version int
	if err := s.db.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&version); err != nil || version == 0 {
		t.Errorf("user_version = %d, %v", version, err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) || !fi.ModTime().Equal(old) {
		t.Errorf("opening an up-to-date database wrote to it (modified %v)", fi.ModTime())
	}
}

// TestLogoVariants: variants a brochure made are read back with their
// logo; saving variants of a new logo (or preparation) drops the old ones.
func TestLogoVariants(t *testing.T) {
	ctx := context.Background()
	s, clk := newStore(t)
	save(t, s, clk, roadmap.ProjectResult{Project: "p", Logo: &roadmap.Logo{Format: "png", Method: roadmap.LogoPNG, Data: []byte{1}}})
	save(t, s, clk, roadmap.ProjectResult{Project: "q", Logo: &roadmap.Logo{Format: "png", Method: roadmap.LogoPNG, Data: []byte{2}}})
	variant := func(of byte, version string, w int) roadmap.LogoVariant {
		return roadmap.LogoVariant{Of: [32]byte{of}, LogoRendition: roadmap.LogoRendition{Version: version, Type: "PNG", Width: w, Height: w / 2, Data: []byte{of, byte(w)}}}
	}
	if err := s.SaveLogoVariants(ctx, map[string][]roadmap.LogoVariant{"p": {variant(1, "v1", 99), variant(1, "v1", 98)}}); err != nil {
		t.Fatal(err)
	}
	logos, err := s.LogosOf(ctx, []string{"p", "q"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := logos["p"].Variants, []roadmap.LogoVariant{variant(1, "v1", 98), variant(1, "v1", 99)}; !reflect.DeepEqual(got, want) {
		t.Errorf("variants of p = %+v, want %+v", got, want)
	}
	if len(logos["q"].Variants) != 0 {
		t.Errorf("q has variants: %+v", logos["q"].Variants)
	}
	// The same width again replaces; another logo's variants drop p's old ones.
	if err := s.SaveLogoVariants(ctx, map[string][]roadmap.LogoVariant{"p": {variant(7, "v1", 99)}}); err != nil {
		t.Fatal(err)
	}
	logos, err = s.LogosOf(ctx, []string{"p"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := logos["p"].Variants, []roadmap.LogoVariant{variant(7, "v1", 99)}; !reflect.DeepEqual(got, want) {
		t.Errorf("after a new logo's variant, variants of p = %+v, want %+v", got, want)
	}
}
