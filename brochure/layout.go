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
	b       *block
	x, y    float64
	full    bool // spans both columns
	closing bool // the closing call to action
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

// layout places the cover, the project blocks and the closing on pages.
// Project blocks may continue in the next column or page under a
// "continued" heading, so every page but the last is filled to its foot
// (see fillPages). When the closing would stand alone on the last page,
// the page before gives it company: it is laid out again a little
// shorter, within the blank a full page may keep.
func (r *renderer) layout(projects []*preparedProject, layout string) *plan {
	blocks := make([]*block, len(projects))
	for i, p := range projects {
		blocks[i] = r.fullBlock(p)
	}
	place := r.layoutFlow
	if layout != roadmap.LayoutFlow {
		place = r.layoutPairs
	}
	limits := map[int]float64{}
	pl := place(projects, blocks, limits)
	if n := len(pl.pages); n >= 2 && onlyClosing(pl.pages[n-1]) {
		// The page keeps footKeep when filled: stay within the rule.
		limits[n-2] = r.g.bottom - (maxFootBlank-footKeep-0.02)*(r.g.bottom-r.g.top)
		if alt := place(projects, blocks, limits); len(alt.pages) == n && !onlyClosing(alt.pages[n-1]) && r.footBlank(alt.pages[n-2]) <= maxFootBlank {
			pl = alt
		}
		delete(limits, n-2)
	}
	if layout == roadmap.LayoutFlow {
		pl = r.balanceLastPage(projects, blocks, pl, limits)
	}
	return pl
}

// footKeep is the share of a column's height that filling it to its foot
// leaves blank: the columns need not end exactly level.
const footKeep = 0.02

// maxLoosen is the most the vertical distances inside a column grow to
// fill it to its foot.
const maxLoosen = 1.15

// maxStretch is the most a gap between items or blocks grows to fill a
// column to its foot.
const maxStretch = 16.0

// maxFootBlank is the share of a page's content height that may stay blank
// at the foot of its columns on every page but the last.
const maxFootBlank = 0.15

// footBlank is the share of the content height a page leaves blank below
// the lowest block of each column, averaged over the two columns.
func (r *renderer) footBlank(p page) float64 {
	g := r.g
	low := [2]float64{g.top, g.top}
	for _, b := range p.blocks {
		end := b.y + b.b.h
		switch {
		case b.full:
			low[0], low[1] = max(low[0], end), max(low[1], end)
		case b.x < g.col(1)-gutter:
			low[0] = max(low[0], end)
		default:
			low[1] = max(low[1], end)
		}
	}
	return (2*g.bottom - low[0] - low[1]) / (2 * (g.bottom - g.top))
}

// onlyClosing reports a page that holds nothing but the closing.
func onlyClosing(p page) bool {
	return len(p.blocks) == 1 && p.blocks[0].closing
}

// fullBlock lays a project out at full length.
func (r *renderer) fullBlock(p *preparedProject) *block {
	b, notes := r.projectBlock(p, r.g.colW, itemLimits{summaryLines: maxSummaryLines, titleLines: maxTitleLines, items: len(p.items)})
	r.noteAll(p, notes)
	return b
}

// sheet is the page being filled: its two columns of blocks, drawn when
// the page is complete so that room left at a column's foot can first be
// spread over the gaps of that column.
type sheet struct {
	top    float64 // y where both columns start
	cols   [2][]*block
	closed [2]bool // no more blocks go into this column on this page
}

// end is the y below the last block of column k.
func (s *sheet) end(k int) float64 {
	y := s.top
	for i, b := range s.cols[k] {
		if i > 0 {
			y += blockGap
		}
		y += b.h
	}
	return y
}

// next is where the next block of column k would start.
func (s *sheet) next(k int) float64 {
	if len(s.cols[k]) == 0 {
		return s.top
	}
	return s.end(k) + blockGap
}

// engine pours project blocks into columns and pages for both layouts.
type engine struct {
	r      *renderer
	pl     *plan
	cur    *sheet
	limits map[int]float64
	pairs  bool        // pairs: the shorter column takes the next project; flow: column one, then two
	queued [2][]*block // continued parts waiting for the next page, by column
}

func (r *renderer) newEngine(limits map[int]float64, pairs bool) *engine {
	pl, y0 := r.newPlan()
	return &engine{r: r, pl: pl, cur: &sheet{top: y0}, limits: limits, pairs: pairs}
}

// bottom is the lowest y content may reach on the current page.
func (e *engine) bottom() float64 {
	if l, ok := e.limits[len(e.pl.pages)-1]; ok {
		return l
	}
	return e.r.g.bottom
}

// column picks the column for the next block, or -1 when the page is
// full: flow takes the first open column, pairs the open column that ends
// higher.
func (e *engine) column() int {
	s := e.cur
	switch {
	case s.closed[0] && s.closed[1]:
		return -1
	case s.closed[0]:
		return 1
	case s.closed[1]:
		return 0
	case e.pairs && s.end(1) < s.end(0):
		return 1
	}
	return 0
}

// newPage draws the current page (stretched to its foot unless last) and
// starts the next with the parts waiting for it.
func (e *engine) newPage() {
	e.flush(false)
	e.pl.newPage()
	e.cur = &sheet{top: e.r.g.top}
	for k := range e.queued {
		for _, b := range e.queued[k] {
			e.cur.cols[k] = append(e.cur.cols[k], b)
		}
		e.queued[k] = nil
	}
}

// add pours block b of project p into the columns, splitting it where a
// column ends; later parts carry a "continued" heading.
func (e *engine) add(p *preparedProject, b *block) {
	g := e.r.g
	for {
		k := e.column()
		if k < 0 {
			e.newPage()
			continue
		}
		y := e.cur.next(k)
		avail := e.bottom() - y
		if b.h <= avail {
			e.cur.cols[k] = append(e.cur.cols[k], b)
			return
		}
		if e.pairs && k == 1 && !e.cur.closed[0] {
			// It must be split: split it in column one, so that it goes on
			// in column two of the same page.
			if b.h <= e.bottom()-e.cur.next(0) {
				e.cur.cols[0] = append(e.cur.cols[0], b)
				return
			}
			if _, _, ok := b.split(e.bottom() - e.cur.next(0)); ok {
				k = 0
				avail = e.bottom() - e.cur.next(0)
			}
		}
		first, rest, ok := b.split(avail)
		if !ok {
			if len(e.cur.cols[k]) == 0 && e.cur.top == g.top {
				// Not even its first part fits an empty column: cut deeper.
				fb, _ := e.r.fitBlock(p, g.colW, avail, true)
				e.cur.cols[k] = append(e.cur.cols[k], fb)
				return
			}
			e.cur.closed[k] = true
			if e.pairs {
				// The other column ends lower still: a new page.
				e.cur.closed[1-k] = true
			}
			continue
		}
		e.cur.cols[k] = append(e.cur.cols[k], first)
		e.cur.closed[k] = true
		b = rest.below(e.r.continuedHead(p, g.colW))
		if e.pairs && k == 1 && !e.cur.closed[0] {
			// The rest goes on in the same column of the next page; column
			// one of this page takes the next projects first. (From column
			// one it goes on in column two, as in flow.)
			e.queued[k] = append(e.queued[k], b)
			return
		}
	}
}

// flush draws the current page: column one, then column two (reading
// order), with a rule in each gap between blocks and, in pairs, a rule
// between the columns. Unless last, the room left at a column's foot is
// spread over the gaps between its items, else between its blocks.
func (e *engine) flush(last bool) {
	g, s := e.r.g, e.cur
	span := g.bottom - g.top
	for k := 0; k < 2; k++ {
		col := s.cols[k]
		extraGap := 0.0
		if !last && len(col) > 0 {
			target := e.bottom() - footKeep*span
			// Room left at the foot goes first into a slightly looser
			// setting of the column (at most maxLoosen), then into the gaps
			// between items (at most maxStretch each: more reads as a hole
			// in a project), then into the gaps between projects.
			if slack := target - s.end(k); slack > 0 {
				f := min(1+slack/(s.end(k)-s.top), maxLoosen)
				for i, b := range col {
					col[i] = b.loosen(f)
				}
			}
			gaps := 0
			for _, b := range col {
				gaps += b.gaps()
			}
			if slack := target - s.end(k); slack > 0 && gaps > 0 {
				each := min(slack/float64(gaps), maxStretch)
				for i, b := range col {
					col[i] = b.stretch(each * float64(b.gaps()))
				}
			}
			if slack := target - s.end(k); slack > 0 && len(col) > 1 {
				extraGap = slack / float64(len(col)-1)
			}
		}
		y := s.top
		for i, b := range col {
			if i > 0 {
				gap := blockGap + extraGap
				rule := &block{w: g.colW, h: 0.25}
				rule.addRule(0, 0, g.colW, colRule)
				e.pl.add(placement{b: rule, x: g.col(k), y: y + gap/2})
				y += gap
			}
			e.pl.add(placement{b: b, x: g.col(k), y: y})
			y += b.h
		}
	}
	if e.pairs && len(s.cols[0]) > 0 && len(s.cols[1]) > 0 {
		h := max(e.lowest(0), e.lowest(1)) - s.top
		v := &block{w: 0.25, h: h}
		v.rects = append(v.rects, rect{w: 0.25, h: h, fill: colRule})
		e.pl.add(placement{b: v, x: g.col(1) - gutter/2, y: s.top})
	}
}

// lowest is the y below the last block placed in column k of the current
// page (after flush).
func (e *engine) lowest(k int) float64 {
	x := e.r.g.col(k)
	low := e.cur.top
	for _, b := range e.pl.pages[len(e.pl.pages)-1].blocks {
		if b.x == x && !b.full {
			low = max(low, b.y+b.b.h)
		}
	}
	return low
}

// finish places the closing: at the foot of a column with room (flow: the
// column in use; pairs: the one ending higher), else across the page below
// both columns, else on a page of its own; then draws the last page.
func (e *engine) finish() *plan {
	g := e.r.g
	for k := range e.queued {
		if len(e.queued[k]) > 0 {
			e.newPage()
			break
		}
	}
	k := e.column()
	if k < 0 {
		k = 0
		if e.cur.end(1) < e.cur.end(0) {
			k = 1
		}
	}
	if e.pairs && len(e.cur.cols[0]) > 0 && len(e.cur.cols[1]) > 0 {
		if cl := e.r.closingBlock(g.width()); cl != nil {
			y := max(e.cur.end(0), e.cur.end(1)) + rowGap
			if y+cl.h <= e.bottom() {
				e.flush(true)
				e.pl.add(placement{b: cl, x: g.left, y: y, full: true, closing: true})
				return e.pl
			}
		}
	}
	if cl := e.r.closingBlock(g.colW); cl != nil {
		for {
			if e.cur.next(k)+cl.h <= e.bottom() || (len(e.cur.cols[0])+len(e.cur.cols[1]) == 0) {
				y := e.cur.next(k)
				e.flush(true)
				e.pl.add(placement{b: cl, x: g.col(k), y: y, closing: true})
				return e.pl
			}
			if !e.pairs && k == 0 {
				k = 1
				continue
			}
			e.newPage()
			k = 0
		}
	}
	e.flush(true)
	return e.pl
}

// layoutFlow pours project blocks down column one, then column two, then
// the next page, each continued across columns where one ends.
func (r *renderer) layoutFlow(projects []*preparedProject, blocks []*block, limits map[int]float64) *plan {
	e := r.newEngine(limits, false)
	for i, p := range projects {
		e.add(p, blocks[i])
	}
	return e.finish()
}

// layoutPairs sets projects side by side in two columns, each next
// project in the column that ends higher, a project reaching a page's
// foot continuing in the same column of the next page.
func (r *renderer) layoutPairs(projects []*preparedProject, blocks []*block, limits map[int]float64) *plan {
	e := r.newEngine(limits, true)
	for i, p := range projects {
		e.add(p, blocks[i])
	}
	return e.finish()
}

// balanceLastPage evens out the columns of the last page of a flow
// layout: when the last page's second column is empty, the page is laid
// out again with its columns as short as still holds everything.
func (r *renderer) balanceLastPage(projects []*preparedProject, blocks []*block, pl *plan, limits map[int]float64) *plan {
	g := r.g
	n := len(pl.pages)
	last := pl.pages[n-1]
	for _, b := range last.blocks {
		if !b.full && b.x == g.col(1) {
			return pl
		}
	}
	top := g.top
	if n == 1 {
		top = last.blocks[0].y + last.blocks[0].b.h + coverGap
	}
	lo, hi := top+(g.bottom-top)/2-20, g.bottom
	best := pl
	for k := 0; k < 8; k++ {
		mid := (lo + hi) / 2
		limits[n-1] = mid
		alt := r.layoutFlow(projects, blocks, limits)
		if len(alt.pages) == n {
			best, hi = alt, mid
		} else {
			lo = mid
		}
	}
	delete(limits, n-1)
	return best
}

// newPlan starts a plan with the cover; it returns the y below the cover.
func (r *renderer) newPlan() (*plan, float64) {
	pl := &plan{}
	pl.newPage()
	cover := r.coverBlock()
	pl.add(placement{b: cover, x: r.g.left, y: r.g.top, full: true})
	return pl, r.g.top + cover.h + coverGap
}
