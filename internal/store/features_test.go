package store

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// storedFeatureIDs lists the items with features under key.
func storedFeatureIDs(t *testing.T, s *Store, key string) []string {
	t.Helper()
	var out []string
	err := s.EachFeatures(context.Background(), key, nil, true, func(id string, data, words []byte) error {
		if string(data) != "d:"+id || string(words) != "w:"+id {
			t.Errorf("%s: stored %q, %q", id, data, words)
		}
		out = append(out, id)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// featureAll stores features under key for every current item without.
func featureAll(t *testing.T, s *Store, key string) {
	t.Helper()
	ctx := context.Background()
	items, err := s.ItemsWithoutFeatures(ctx, key, "", 1000)
	if err != nil {
		t.Fatal(err)
	}
	var rows []FeatureRow
	for _, it := range items {
		if it.Text == "" {
			t.Errorf("%s: read for its features without its text", it.ID)
		}
		rows = append(rows, FeatureRow{ItemID: it.ID, Project: it.Project, Data: []byte("d:" + it.ID), Words: []byte("w:" + it.ID)})
	}
	if err := s.SaveFeatures(ctx, key, rows); err != nil {
		t.Fatal(err)
	}
}

func covers(t *testing.T, s *Store, key string) bool {
	t.Helper()
	_, ok, err := s.FeaturesCover(context.Background(), key, nil)
	if err != nil {
		t.Fatal(err)
	}
	return ok
}

// TestFeaturesFollowTheirItems: stored features go when what they came
// from changes (words, position, removal) and stay when a crawl only sees
// the item again; another key never counts.
func TestFeaturesFollowTheirItems(t *testing.T) {
	s, clk := newStore(t)
	save(t, s, clk, page(1, "Alpha", "Beta", "Gamma"))
	const key = "k1"
	if covers(t, s, key) {
		t.Fatal("features cover items before any is stored")
	}
	featureAll(t, s, key)
	if !covers(t, s, key) || covers(t, s, "other key") {
		t.Fatal("FeaturesCover: wrong answer after storing all under k1")
	}
	all := []string{"p/alpha", "p/beta", "p/gamma"}
	if got := storedFeatureIDs(t, s, key); !slices.Equal(got, all) {
		t.Fatalf("stored %v, want %v", got, all)
	}

	// Seen again unchanged (a 304): kept.
	save(t, s, clk, withSources(notModified(u1, at(2))))
	if got := storedFeatureIDs(t, s, key); !slices.Equal(got, all) {
		t.Fatalf("after an unchanged crawl: %v, want %v", got, all)
	}

	// Beta rewritten, Gamma gone, Delta new (so Gamma's position is
	// Delta's): features of the rewritten and the removed item go.
	next := page(3, "Alpha", "Beta", "Delta")
	next.Sources[0].Document.Items[1].Text = "Beta, rewritten."
	save(t, s, clk, next)
	if got := storedFeatureIDs(t, s, key); !slices.Equal(got, []string{"p/alpha"}) {
		t.Fatalf("after a change: %v, want only p/alpha", got)
	}
	if covers(t, s, key) {
		t.Fatal("features cover items added or changed since")
	}
	if items, err := s.ItemsWithoutFeatures(context.Background(), key, "p/beta", 10); err != nil || !slices.Equal(ids(items), []string{"p/delta"}) {
		t.Fatalf("ItemsWithoutFeatures after p/beta = %v, %v", ids(items), err)
	}

	// Moved: Alpha's position changes, so do its features.
	save(t, s, clk, page(4, "Zeta", "Alpha", "Beta", "Delta"))
	if got := storedFeatureIDs(t, s, key); len(got) != 0 {
		t.Fatalf("after Alpha moved: %v, want none", got)
	}
}

// TestEachItemStreamsItems walks the items Items returns, in order.
func TestEachItemStreamsItems(t *testing.T) {
	s, clk := newStore(t)
	save(t, s, clk, page(1, "Alpha", "Beta"))
	want, err := s.Items(context.Background(), ItemQuery{NoText: true})
	if err != nil {
		t.Fatal(err)
	}
	var got []roadmap.Item
	if err := s.EachItem(context.Background(), ItemQuery{NoText: true}, func(it roadmap.Item) error {
		got = append(got, it)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || !slices.EqualFunc(got, want, func(a, b roadmap.Item) bool { return a.ID == b.ID && a.Text == "" && a.Summary == b.Summary }) {
		t.Fatalf("EachItem = %v, want %v", ids(got), ids(want))
	}
}

// TestItemTextIsLastColumn: a long text lives in overflow pages that a
// read of any later column walks; listings without text rely on it being
// last (migration 0012).
func TestItemTextIsLastColumn(t *testing.T) {
	s, _ := newStore(t)
	rows, err := s.db.Query(`SELECT name FROM pragma_table_info('items') ORDER BY cid`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var last string
	for rows.Next() {
		if err := rows.Scan(&last); err != nil {
			t.Fatal(err)
		}
	}
	if last != "text" {
		t.Errorf("the items table ends with %q, want text", last)
	}
}

// TestTitlesReadFromIndex: reading the titles of every current item stays
// in the index of current titles, never walking the rows and their texts.
func TestTitlesReadFromIndex(t *testing.T) {
	s, clk := newStore(t)
	save(t, s, clk, page(1, "Alpha", "Beta"))
	for _, q := range []string{currentTitles} {
		rows, err := s.db.Query(`EXPLAIN QUERY PLAN ` + q)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		if !strings.Contains(strings.Join(plan, "; "), "COVERING INDEX items_current_titles") {
			t.Errorf("%s:\nplan %q, want the covering index of current titles", q, plan)
		}
	}
	var got []string
	if err := s.EachTitle(context.Background(), nil, func(id, title string) error { got = append(got, id+" "+title); return nil }); err != nil || len(got) != 2 {
		t.Errorf("titles %v (%v), want 2", got, err)
	}
}
