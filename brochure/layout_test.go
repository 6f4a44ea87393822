package brochure

import (
	"bytes"
	"strings"
	"testing"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// projectRows returns, per page, the y of every row of pairs: the tops of
// the project blocks placed in column one.
func projectRows(pl *plan, g geometry) [][]float64 {
	rows := make([][]float64, len(pl.pages))
	for i, p := range pl.pages {
		for _, b := range p.blocks {
			if !b.full && b.x == g.col(0) && len(b.b.lines) > 0 && b.b.h > 30 {
				rows[i] = append(rows[i], b.y)
			}
		}
	}
	return rows
}

// TestPairsShareAPage checks that short pairs go two to a page, that every
// block stays between header and footer, and that the closing is not left
// alone on a page of its own when it fits beside or below the last row.
func TestPairsShareAPage(t *testing.T) {
	tests := []struct {
		name      string
		items     int // items kept per project
		size      string
		wantTwo   bool // some page holds two rows
		wantPages int
	}{
		{"one item each: two rows a page", 1, "", true, 3},
		{"two items each on A4", 2, roadmap.PageA4, true, 0},
		{"three items each: pages fill, blocks continue", 3, "", true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := fixtureInput(t, roadmap.LayoutPairs, tt.size)
			in.Projects = append(in.Projects, fixtureProjects(t)...)
			for i := range in.Projects {
				in.Projects[i].Items = in.Projects[i].Items[:min(tt.items, len(in.Projects[i].Items))]
			}
			var buf bytes.Buffer
			res, pl, err := render(&buf, in)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range res.Warnings {
				if strings.Contains(w, "shortened") || strings.Contains(w, "left out") {
					t.Errorf("unexpected cut: %s", w)
				}
			}
			g, _ := newGeometry(in.Client.PageSize)
			two := false
			for i, ys := range projectRows(pl, g) {
				two = two || len(ys) >= 2
				for _, b := range pl.pages[i].blocks {
					if b.y < g.top-0.01 || b.y+b.b.h > g.bottom+0.01 {
						t.Errorf("page %d: block at y %.1f, height %.1f, leaves the content area %.1f–%.1f", i+1, b.y, b.b.h, g.top, g.bottom)
					}
				}
			}
			if two != tt.wantTwo {
				t.Errorf("some page holds two rows: %v, want %v (rows per page %v)", two, tt.wantTwo, projectRows(pl, g))
			}
			if tt.wantPages > 0 && len(pl.pages) != tt.wantPages {
				t.Errorf("%d pages, want %d", len(pl.pages), tt.wantPages)
			}
			last := pl.pages[len(pl.pages)-1]
			if len(last.blocks) == 1 {
				t.Errorf("the closing is alone on the last page")
			}
		})
	}
}
