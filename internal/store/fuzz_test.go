package store

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// FuzzSaveProject checks, on arbitrary crawled titles and text, that a save
// round-trips and that saving the same result again changes nothing.
func FuzzSaveProject(f *testing.F) {
	f.Add("Alpha\nBeta\nGamma", "summary", "https://p.example.org/#a")
	f.Add("Goals\nGoals\n\n", "", "")
	f.Add("Été 2025 – ünïcode\n数组 API\n\x00bad\xff", "text with 'quotes' and \"double\"; DROP TABLE items;--", "javascript:alert(1)")
	f.Fuzz(func(t *testing.T, titles, summary, url string) {
		ctx := context.Background()
		s, clk := newStore(t)
		var d roadmap.Document
		for i, title := range strings.Split(titles, "\n") {
			if i >= 50 {
				break
			}
			d.Items = append(d.Items, roadmap.Item{Title: title, Summary: summary, URL: url, Position: i})
		}
		res := withSources(roadmap.SourceResult{URL: u1, Kind: roadmap.FetchPage, Document: &d,
			Fetch: roadmap.Fetch{URL: u1, Status: 200, Body: []byte(titles), FetchedAt: at(1)}})
		_, first := save(t, s, clk, res)
		items, err := s.Items(ctx, ItemQuery{})
		if err != nil {
			t.Fatal(err)
		}
		if first[0].Added != len(items) || len(items) == 0 || len(items) > len(d.Items) {
			t.Fatalf("added %d, stored %d of %d", first[0].Added, len(items), len(d.Items))
		}
		for _, it := range items {
			if it.Summary != summary || it.URL != url || !strings.HasPrefix(it.ID, "p/") {
				t.Fatalf("round trip: %+v", it)
			}
		}
		c2, second := save(t, s, clk, res)
		if second[0] != (roadmap.ProjectChanges{}) {
			t.Fatalf("unchanged re-save changed %+v", second[0])
		}
		again, _ := s.Items(ctx, ItemQuery{})
		if !slices.Equal(ids(items), ids(again)) {
			t.Fatalf("items moved: %q → %q", ids(items), ids(again))
		}
		if ars, err := s.Archived(ctx, c2); err != nil || len(ars) != 1 || string(ars[0].Body) != titles {
			t.Fatalf("Archived = %+v, %v", ars, err)
		}
	})
}
