package brochure

import (
	"fmt"
	"strings"

	"github.com/roadmapper/roadmapper/internal/logo"
	"github.com/roadmapper/roadmapper/internal/plaintext"
	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// Text styles of a project block.
var (
	stName      = textStyle{style: "B", size: 15, lead: 6.6, colour: colText}
	stTagline   = textStyle{style: "I", size: 9.5, lead: 4.6, colour: colGrey}
	stFresh     = textStyle{style: "", size: 7.5, lead: 4.0, colour: colGrey}
	stItemTitle = textStyle{style: "B", size: 10.5, lead: 4.9, colour: colText}
	stSummary   = textStyle{style: "", size: 9, lead: 4.25, colour: colBody}
	stLink      = textStyle{style: "", size: 7.5, lead: 4.2, colour: colAccent}
	stEmpty     = textStyle{style: "I", size: 9, lead: 4.4, colour: colGrey}
	stMonogram  = textStyle{style: "B", size: 20, lead: 17, colour: colWhite}
)

// Limits of a project block.
const (
	maxNameLines    = 2
	maxTaglineLines = 2
	maxTitleLines   = 4
	maxSummaryLines = 4
	monogramSize    = 17.0
	itemIndent      = 4.0
	itemGap         = 4.0
	wideLogo        = 2.2  // in flow, logos this many times wider than tall go above the name
	wordmarkH       = 11.0 // and are at most this tall
)

// preparedItem is an item's text made printable.
type preparedItem struct {
	title, summary, url string
}

// preparedProject is a project ready to lay out: printable text and its
// logo registered.
type preparedProject struct {
	name, tagline, slug string
	fresh               string
	logo                *logoImage
	badge, badgeText    rgb
	initials            string
	items               []preparedItem
}

// itemLimits bound the lines of a project's items, tightened when a block
// must shrink to fit a column.
type itemLimits struct {
	summaryLines, titleLines, items int
}

// prepareProject makes a project's text printable and registers its logo,
// adding warnings for replaced characters and logo trouble.
func (r *renderer) prepareProject(i int, p Project) *preparedProject {
	name := cleanText(p.Project.Name)
	if name == "" {
		name = cleanText(p.Project.Slug)
	}
	where := fmt.Sprintf("project %q", truncateRunes(name, 60))
	pp := &preparedProject{
		name:    r.printable(name, where),
		tagline: r.printable(cleanText(p.Project.Tagline), where),
		slug:    p.Project.Slug,
	}
	switch {
	case !p.Updated.IsZero() && p.UpdatedPrecision == roadmap.PrecisionYear:
		pp.fresh = "Roadmap updated in " + p.Updated.Format("2006")
	case !p.Updated.IsZero():
		pp.fresh = "Roadmap updated " + dateMonth(p.Updated)
	case !r.in.CrawledAt.IsZero():
		// The roadmap states no date and none is known: say when it was
		// read, so the reader still knows how current the block is.
		pp.fresh = "Roadmap checked " + dateMonth(r.in.CrawledAt)
	}
	for _, it := range p.Items {
		title := plaintext.Title(it.Title)
		iw := fmt.Sprintf("%s, item %q", where, truncateRunes(title, 60))
		pp.items = append(pp.items, preparedItem{
			title:   r.printable(title, iw),
			summary: r.printable(plaintext.Summary(it.Summary, it.Text), iw),
			url:     strings.TrimSpace(it.URL),
		})
	}
	if len(pp.items) == 0 {
		r.warn("%s has no roadmap items; its block says so", where)
	}
	switch {
	case p.Logo == nil || len(p.Logo.Data) == 0:
		r.warn("%s has no logo; drew a monogram", where)
	default:
		img, err := registerLogo(r.pdf, fmt.Sprintf("logo-%d", i), p.Logo.Data, r.logoWidths)
		if err != nil {
			r.warn("%s logo unusable (%v); drew a monogram", where, err)
		} else {
			pp.logo = &img
		}
	}
	if pp.logo == nil {
		// The one monogram rule, as the crawl's badges draw it.
		bg, fg := logo.BadgeColours(p.Project)
		pp.badge, pp.badgeText = rgb{int(bg.R), int(bg.G), int(bg.B)}, rgb{int(fg.R), int(fg.G), int(fg.B)}
		pp.initials = logo.Initials(p.Project)
	}
	return pp
}

// projectBlock lays out a project in a column of width w. notes are the
// cuts made that a reader of the warnings should know about.
func (r *renderer) projectBlock(p *preparedProject, w float64, lim itemLimits) (b *block, notes []string) {
	b = &block{w: w}
	fs := r.fs
	// Logo: in pairs on top of the column, bottom-aligned in its box so
	// names line up across columns; in flow beside the name, to keep
	// blocks short, except wide wordmarks, which would shrink to a sliver
	// in a square box: they sit above the name, no taller than
	// wordmarkH.
	boxW, boxH, textX, y := min(w, logoBoxW), topLogoH, 0.0, topLogoH+logoGap
	beside := r.compact
	if r.compact && p.logo != nil && p.logo.w >= wideLogo*p.logo.h {
		beside = false
		s := min(boxW/p.logo.w, wordmarkH/p.logo.h)
		boxH, y = p.logo.h*s, p.logo.h*s+logoGap
	}
	if beside {
		boxW, textX, y = logoBoxH, logoBoxH+5, 0
	}
	if p.logo != nil {
		s := min(boxW/p.logo.w, boxH/p.logo.h)
		lw, lh := p.logo.w*s, p.logo.h*s
		ly := boxH - lh
		if beside {
			ly = (logoBoxH - lh) / 2
		}
		b.pictures = append(b.pictures, picture{name: p.logo.name, x: 0, y: ly, w: lw, h: lh})
	} else {
		my := topLogoH - monogramSize
		if beside {
			my = (logoBoxH - monogramSize) / 2
		}
		b.rects = append(b.rects, rect{x: 0, y: my, w: monogramSize, h: monogramSize, r: 2.5, fill: p.badge})
		st := stMonogram
		st.colour = p.badgeText
		runs, tw := fs.runs(p.initials, st.style, st.size)
		b.lines = append(b.lines, line{x: (monogramSize - tw) / 2, y: my, st: st, runs: runs, w: tw, text: p.initials})
	}
	hw := w - textX
	name, cut := fitText(p.name, hw, maxNameLines, fs.measurer(stName.style, stName.size))
	if cut {
		notes = append(notes, fmt.Sprintf("project name %q cut to fit", truncateRunes(p.name, 60)))
	}
	y = b.addLines(fs, textX, y, stName, name, "")
	if p.tagline != "" {
		maxTag := maxTaglineLines
		if beside {
			maxTag++ // beside a logo the measure is short; the logo box is tall enough
		}
		tag, _ := fitText(p.tagline, hw, maxTag, fs.measurer(stTagline.style, stTagline.size))
		y = b.addLines(fs, textX, y+0.3, stTagline, tag, "")
	}
	if p.fresh != "" {
		y = b.addLines(fs, textX, y+0.6, stFresh, []string{truncateLine(p.fresh, hw, fs.measurer(stFresh.style, stFresh.size))}, "")
	}
	if beside {
		y = max(y, logoBoxH)
	}
	y += 2.2
	b.rects = append(b.rects, rect{x: 0, y: y, w: 14, h: 0.7, fill: colAccent})
	y += 4.3

	if len(p.items) == 0 {
		y = b.addLines(fs, 0, y, stEmpty, []string{"No current roadmap items"}, "")
		b.h = y
		return b, notes
	}
	tw := w - itemIndent
	n := min(len(p.items), lim.items)
	if n < len(p.items) {
		notes = append(notes, fmt.Sprintf("%d of %d items left out to fit a column", len(p.items)-n, len(p.items)))
	}
	for i, it := range p.items[:n] {
		top := y
		title, cut := fitText(it.title, tw, lim.titleLines, fs.measurer(stItemTitle.style, stItemTitle.size))
		if cut {
			notes = append(notes, fmt.Sprintf("item title %q cut to fit", truncateRunes(it.title, 60)))
		}
		y = b.addLines(fs, itemIndent, y, stItemTitle, title, "")
		if it.summary != "" && lim.summaryLines > 0 {
			sum, _ := fitText(it.summary, tw, lim.summaryLines, fs.measurer(stSummary.style, stSummary.size))
			y = b.addLines(fs, itemIndent, y+0.5, stSummary, sum, "")
		}
		if target := linkTarget(it.url); target != "" {
			disp := "→ " + shortLink(it.url, tw-r.fs.measurer(stLink.style, stLink.size)("→ "), fs.measurer(stLink.style, stLink.size))
			y = b.addLines(fs, itemIndent, y+0.6, stLink, []string{disp}, target)
		} else if it.url != "" {
			notes = append(notes, fmt.Sprintf("item %q: link %q is not http(s) and was left out", truncateRunes(it.title, 60), truncateRunes(it.url, 60)))
		}
		b.rects = append(b.rects, rect{x: 0, y: top + 0.8, w: 0.6, h: y - top - 1.2, fill: colRule})
		if i < n-1 {
			y += itemGap
		}
	}
	b.h = y
	return b, notes
}

// truncateRunes shortens s to n characters for messages.
func truncateRunes(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n]) + ellipsis
}
