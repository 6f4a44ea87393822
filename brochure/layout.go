package brochure

import (
	"fmt"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// Spacing between placed blocks.
const (
	rowGap   = 10.0 // between pairs of projects on a page
	blockGap = 9.0  // between project blocks in a flow column
	coverGap = 8.0  // between the cover and the first projects
)

// placement is a block at a position on a page.
type placement struct {
	b    *block
	x, y float64
	full bool // spans both columns
}

// page is the content of one page, between header and footer.
type page struct {
	blocks []placement
}

// plan is the laid-out document.
type plan struct {
	pages []page
}

func (p *plan) add(pl placement) {
	p.pages[len(p.pages)-1].blocks = append(p.pages[len(p.pages)-1].blocks, pl)
}

func (p *plan) newPage() { p.pages = append(p.pages, page{}) }

// shrinkSteps are the ever tighter limits tried for a block too tall for a
// column; the last steps leave items out.
var shrinkSteps = []itemLimits{
	{summaryLines: 4, titleLines: maxTitleLines},
	{summaryLines: 3, titleLines: maxTitleLines},
	{summaryLines: 2, titleLines: 3},
	{summaryLines: 1, titleLines: 3},
	{summaryLines: 0, titleLines: 2},
}

// quietSummaryLines is the shortest summary a block may get to fit
// without a warning.
const quietSummaryLines = 3

// fitBlock lays a project out in width w, at most maxH tall, trying ever
// tighter limits. Without cuts it stops at quietSummaryLines; with cuts it
// goes on to shorter summaries and then leaves items out, warning about
// each. ok is false when the block does not fit.
func (r *renderer) fitBlock(p *preparedProject, w, maxH float64, cuts bool) (b *block, ok bool) {
	var notes []string
	for _, lim := range shrinkSteps {
		if lim.summaryLines < quietSummaryLines && !cuts {
			return nil, false
		}
		lim.items = len(p.items)
		b, notes = r.projectBlock(p, w, lim)
		if b.h <= maxH {
			if lim.summaryLines < quietSummaryLines {
				what := "lines"
				if lim.summaryLines == 1 {
					what = "line"
				}
				notes = append(notes, fmt.Sprintf("summaries shortened to %d %s to fit a column", lim.summaryLines, what))
			}
			r.noteAll(p, notes)
			return b, true
		}
	}
	last := shrinkSteps[len(shrinkSteps)-1]
	for n := len(p.items) - 1; n >= 1; n-- {
		last.items = n
		b, notes = r.projectBlock(p, w, last)
		if b.h <= maxH {
			break
		}
	}
	notes = append(notes, "summaries left out to fit a column")
	r.noteAll(p, notes)
	return b, b.h <= maxH
}

func (r *renderer) noteAll(p *preparedProject, notes []string) {
	for _, n := range notes {
		r.warn("project %q: %s", truncateRunes(p.name, 60), n)
	}
}

// fitLoose tries a block in the space left (avail) without deep cuts; ok
// false means it needs a fresh column.
func (r *renderer) fitLoose(p *preparedProject, w, avail float64) (*block, bool) {
	return r.fitBlock(p, w, avail, false)
}

// layout places the cover, the project blocks and the closing on pages.
func (r *renderer) layout(projects []*preparedProject, layout string) *plan {
	g := r.g
	pl := &plan{}
	pl.newPage()
	cover := r.coverBlock()
	pl.add(placement{b: cover, x: g.left, y: g.top, full: true})
	y0 := g.top + cover.h + coverGap
	var end float64
	if layout == roadmap.LayoutFlow {
		var done bool
		if end, done = r.layoutFlow(pl, projects, y0); done {
			return pl
		}
	} else {
		var single bool
		var rowY float64
		end, rowY, single = r.layoutPairs(pl, projects, y0)
		// A last project alone on its row leaves the right column free:
		// the closing goes there, level with the project's name.
		if c := r.closingBlock(g.colW); single && c != nil && rowY+logoBoxH+4+c.h <= g.bottom {
			pl.add(placement{b: c, x: g.col(1), y: rowY + logoBoxH + 4})
			return pl
		}
	}
	if c := r.closingBlock(g.width()); c != nil {
		y := end + rowGap
		if y+c.h > g.bottom {
			pl.newPage()
			y = g.top
		}
		pl.add(placement{b: c, x: g.left, y: y, full: true})
	}
	return pl
}

// layoutPairs puts two projects side by side per row, as many rows on a
// page as fit. It returns the y where the last row ends, the y where it
// starts and whether it holds a single project.
func (r *renderer) layoutPairs(pl *plan, projects []*preparedProject, y float64) (end, rowY float64, single bool) {
	g := r.g
	full := g.bottom - g.top
	first := true
	for i := 0; i < len(projects); i += 2 {
		pair := projects[i:min(i+2, len(projects))]
		gap := rowGap
		if first {
			gap = 0
		}
		blocks, ok := r.fitRow(pair, g.bottom-(y+gap))
		if ok {
			y += gap
		} else {
			pl.newPage()
			y = g.top
			blocks = r.fitRowFull(pair, full)
		}
		h := 0.0
		for _, b := range blocks {
			h = max(h, b.h)
		}
		if !first && y != g.top {
			rule := &block{w: g.width(), h: 0.25}
			rule.addRule(0, 0, g.width(), colRule)
			pl.add(placement{b: rule, x: g.left, y: y - gap/2, full: true})
		}
		for c, b := range blocks {
			pl.add(placement{b: b, x: g.col(c), y: y})
		}
		if len(blocks) == 2 {
			v := &block{w: 0.25, h: h}
			v.rects = append(v.rects, rect{w: 0.25, h: h, fill: colRule})
			pl.add(placement{b: v, x: g.col(1) - gutter/2, y: y})
		}
		rowY, single = y, len(blocks) == 1
		y += h
		first = false
	}
	return y, rowY, single
}

// fitRow lays out a pair in the space left without deep cuts; ok false
// means it belongs on a new page.
func (r *renderer) fitRow(pair []*preparedProject, avail float64) ([]*block, bool) {
	var out []*block
	for _, p := range pair {
		b, ok := r.fitLoose(p, r.g.colW, avail)
		if !ok {
			return nil, false
		}
		out = append(out, b)
	}
	return out, true
}

// fitRowFull lays out a pair on an empty page, shrinking as needed.
func (r *renderer) fitRowFull(pair []*preparedProject, full float64) []*block {
	var out []*block
	for _, p := range pair {
		b, _ := r.fitBlock(p, r.g.colW, full, true)
		out = append(out, b)
	}
	return out
}

// layoutFlow pours project blocks down column one, then column two, then
// the next page, keeping each block whole, and then the closing when it
// fits a column of the last page (done). It returns the y where the lower
// column of the last page ends.
func (r *renderer) layoutFlow(pl *plan, projects []*preparedProject, y0 float64) (end float64, done bool) {
	g := r.g
	full := g.bottom - g.top
	col, y := 0, y0
	colTop := y0
	ends := [2]float64{y0, y0}
	for _, p := range projects {
		for {
			gap := blockGap
			if y == colTop {
				gap = 0
			}
			b, ok := r.fitLoose(p, g.colW, g.bottom-(y+gap))
			if !ok && colTop == g.top && y == colTop {
				b, ok = r.fitBlock(p, g.colW, full, true)
			}
			if ok {
				if gap > 0 {
					rule := &block{w: g.colW, h: 0.25}
					rule.addRule(0, 0, g.colW, colRule)
					pl.add(placement{b: rule, x: g.col(col), y: y + gap/2})
				}
				y += gap
				pl.add(placement{b: b, x: g.col(col), y: y})
				y += b.h
				ends[col] = y
				break
			}
			// Next column, or next page.
			if col == 0 {
				col, y = 1, colTop
				continue
			}
			pl.newPage()
			col, colTop, y = 0, g.top, g.top
			ends = [2]float64{g.top, g.top}
		}
	}
	if c := r.closingBlock(g.colW); c != nil {
		for ; col < 2; col, y = col+1, colTop {
			gap := blockGap
			if y == colTop {
				gap = 0
			}
			if y+gap+c.h <= g.bottom {
				pl.add(placement{b: c, x: g.col(col), y: y + gap})
				return 0, true
			}
		}
	}
	return max(ends[0], ends[1]), false
}
