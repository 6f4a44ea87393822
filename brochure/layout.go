package brochure

import (
	"fmt"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// Spacing between placed blocks.
const (
	rowGap   = 8.0 // between pairs of projects on a page
	blockGap = 9.0 // between project blocks in a flow column
	coverGap = 8.0 // between the cover and the first projects
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
		var done bool
		if end, done = r.layoutPairs(pl, projects, y0); done {
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

// pairLimits are the summary lengths a page of pairs may use, longest
// first: a page takes the longest that fits the most rows, so two pairs
// share a page whenever they fit with summaries of at least
// quietSummaryLines lines, and every row of a page uses the same limit.
var pairLimits = []int{maxSummaryLines, quietSummaryLines}

// pairRow is a laid-out pair of projects.
type pairRow struct {
	blocks []*block
	notes  [][]string // per block: the cuts to warn about once placed
	h      float64
}

// pairRowAt lays out pair at a summary limit, without deep cuts.
func (r *renderer) pairRowAt(pair []*preparedProject, summaryLines int) pairRow {
	var row pairRow
	for _, p := range pair {
		b, notes := r.projectBlock(p, r.g.colW, itemLimits{summaryLines: summaryLines, titleLines: maxTitleLines, items: len(p.items)})
		row.blocks = append(row.blocks, b)
		row.notes = append(row.notes, notes)
		row.h = max(row.h, b.h)
	}
	return row
}

// pagePlan is the rows chosen for one page of pairs.
type pagePlan struct {
	rows    []pairRow
	end     float64 // y below the last row
	closing bool    // the closing fits after the last row
}

// composePage fills a page from y with the pairs from index i on at one
// summary limit, as many whole rows as fit.
func (r *renderer) composePage(pairs [][]*preparedProject, rows map[[2]int]pairRow, i int, y float64, summaryLines int) pagePlan {
	pp := pagePlan{end: y}
	for j := i; j < len(pairs); j++ {
		gap := 0.0
		if len(pp.rows) > 0 {
			gap = rowGap
		}
		row, ok := rows[[2]int{j, summaryLines}]
		if !ok {
			row = r.pairRowAt(pairs[j], summaryLines)
			rows[[2]int{j, summaryLines}] = row
		}
		if pp.end+gap+row.h > r.g.bottom {
			break
		}
		pp.rows = append(pp.rows, row)
		pp.end += gap + row.h
	}
	if i+len(pp.rows) == len(pairs) && len(pp.rows) > 0 {
		_, _, pp.closing = r.closingAfterPairs(pp.end-pp.rows[len(pp.rows)-1].h, pp.rows[len(pp.rows)-1], pp.end)
	}
	return pp
}

// better reports whether page a is a better use of a page than b: more
// rows, then room for the closing, then (in order of pairLimits) longer
// summaries.
func (a pagePlan) better(b pagePlan) bool {
	if len(a.rows) != len(b.rows) {
		return len(a.rows) > len(b.rows)
	}
	return a.closing && !b.closing
}

// layoutPairs puts two projects side by side per row, as many rows on a
// page as fit, and places the closing. It returns done when the closing
// has been placed, else the y where the last row ends.
func (r *renderer) layoutPairs(pl *plan, projects []*preparedProject, y float64) (end float64, done bool) {
	g := r.g
	var pairs [][]*preparedProject
	for i := 0; i < len(projects); i += 2 {
		pairs = append(pairs, projects[i:min(i+2, len(projects))])
	}
	rows := map[[2]int]pairRow{} // laid-out rows by pair and summary limit
	for i := 0; i < len(pairs); {
		var best pagePlan
		for k, s := range pairLimits {
			pp := r.composePage(pairs, rows, i, y, s)
			if k == 0 || pp.better(best) {
				best = pp
			}
		}
		if len(best.rows) == 0 {
			if y > g.top {
				pl.newPage()
				y = g.top
				continue
			}
			// Not even alone on a page at quiet limits: cut deeper.
			row := pairRow{}
			for _, p := range pairs[i] {
				b, _ := r.fitBlock(p, g.colW, g.bottom-g.top, true)
				row.blocks = append(row.blocks, b)
				row.notes = append(row.notes, nil)
				row.h = max(row.h, b.h)
			}
			best = pagePlan{rows: []pairRow{row}, end: y + row.h}
		}
		// The closing is not left alone on a last page: the last row
		// goes over with it.
		if n := len(best.rows); n >= 2 && i+n == len(pairs) && !best.closing {
			best.rows = best.rows[:n-1]
		}
		for k, row := range best.rows {
			if k > 0 {
				y += rowGap
				rule := &block{w: g.width(), h: 0.25}
				rule.addRule(0, 0, g.width(), colRule)
				pl.add(placement{b: rule, x: g.left, y: y - rowGap/2, full: true})
			}
			r.placeRow(pl, pairs[i+k], row, y)
			if i+k == len(pairs)-1 {
				if c, at, ok := r.closingAfterPairs(y, row, y+row.h); ok {
					if c != nil {
						pl.add(placement{b: c, x: at[0], y: at[1], full: c.w > g.colW})
					}
					return 0, true
				}
			}
			y += row.h
		}
		i += len(best.rows)
		if i < len(pairs) {
			pl.newPage()
			y = g.top
		}
	}
	return y, false
}

// placeRow adds a row's blocks (left column first, so the content stream
// reads column one then column two) and the vertical rule between them,
// and records the row's cuts as warnings.
func (r *renderer) placeRow(pl *plan, pair []*preparedProject, row pairRow, y float64) {
	g := r.g
	for c, b := range row.blocks {
		r.noteAll(pair[c], row.notes[c])
		pl.add(placement{b: b, x: g.col(c), y: y})
	}
	if len(row.blocks) == 2 {
		v := &block{w: 0.25, h: row.h}
		v.rects = append(v.rects, rect{w: 0.25, h: row.h, fill: colRule})
		pl.add(placement{b: v, x: g.col(1) - gutter/2, y: y})
	}
}

// closingAfterPairs finds room for the closing after the last row (top
// rowY, bottom end): beside a project alone on its row, level with its
// name or else with its logo, or below the row across the page. at is
// the closing's top-left corner.
func (r *renderer) closingAfterPairs(rowY float64, row pairRow, end float64) (c *block, at [2]float64, ok bool) {
	g := r.g
	if len(row.blocks) == 1 {
		if c = r.closingBlock(g.colW); c == nil {
			return nil, at, true
		}
		for _, y := range []float64{rowY + topLogoH + logoGap, rowY} {
			if y+c.h <= g.bottom {
				return c, [2]float64{g.col(1), y}, true
			}
		}
	}
	if c = r.closingBlock(g.width()); c == nil {
		return nil, at, true
	}
	if y := end + rowGap; y+c.h <= g.bottom {
		return c, [2]float64{g.left, y}, true
	}
	return c, at, false
}

// layoutFlow pours project blocks down column one, then column two, then
// the next page, keeping each block whole and in order: a block takes the
// room left in a column with summaries of maxSummaryLines lines, else of
// quietSummaryLines lines (fitLoose, the same rule for every block and
// column), and only moves to the next column when neither fits. Then it
// places the closing when it fits a column of the last page (done). It
// returns the y where the lower column of the last page ends.
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
