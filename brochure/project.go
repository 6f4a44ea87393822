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
	stContinued = textStyle{style: "B", size: 9.5, lead: 5.0, colour: colGrey}
	stCaveat    = textStyle{style: "I", size: 8, lead: 4.0, colour: colAccent}
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
	flowLogoH       = 12.0 // the logo box above a project name in flow
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
	caveat              string // a visible note on the block (a stale roadmap kept on request)
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
		caveat:  r.printable(cleanText(p.Caveat), where),
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
		var img logoImage
		var err error
		if k := r.logos.key(i); k.ok {
			img, err = registerLogoKey(r.pdf, fmt.Sprintf("logo-%d", i), p.Logo.Data, k.key, r.logoWidths)
			if v := img.resampled; err == nil && v != nil && !hasVariant(p.Logo, k.key, int(v.w)) {
				r.resampled = append(r.resampled, Resampled{Project: p.Project.Slug, Variant: roadmap.LogoVariant{
					Of:            k.key,
					LogoRendition: roadmap.LogoRendition{Version: LogoVersion, Type: v.typ, Width: int(v.w), Height: int(v.h), Data: v.data},
				}})
			}
		} else {
			img, err = registerLogo(r.pdf, fmt.Sprintf("logo-%d", i), p.Logo.Data, r.logoWidths)
		}
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
	// Logo: on top of the column, bottom-aligned in its box so names line
	// up across columns, for wide wordmarks and square marks alike (one
	// heading style); the box is lower in flow, to keep blocks short.
	boxW, boxH, textX := min(w, logoBoxW), topLogoH, 0.0
	if r.compact {
		boxH = flowLogoH
	}
	y := boxH + logoGap
	if p.logo != nil {
		s := min(boxW/p.logo.w, boxH/p.logo.h)
		lw, lh := p.logo.w*s, p.logo.h*s
		b.pictures = append(b.pictures, picture{name: p.logo.name, x: 0, y: boxH - lh, w: lw, h: lh})
	} else {
		size := min(monogramSize, boxH)
		st := stMonogram
		st.colour = p.badgeText
		st.size *= size / monogramSize
		st.lead *= size / monogramSize
		my := boxH - size
		b.rects = append(b.rects, rect{x: 0, y: my, w: size, h: size, r: 2.5 * size / monogramSize, fill: p.badge})
		runs, tw := fs.runs(p.initials, st.style, st.size)
		b.lines = append(b.lines, line{x: (size - tw) / 2, y: my + (size-st.lead)/2, st: st, runs: runs, w: tw, text: p.initials})
	}
	hw := w - textX
	name, nameCut := fitText(p.name, hw, maxNameLines, fs.measurer(stName.style, stName.size))
	if nameCut {
		notes = append(notes, fmt.Sprintf("project name %q cut to fit", truncateRunes(p.name, 60)))
	}
	y = b.addLines(fs, textX, y, stName, name, "")
	if p.tagline != "" {
		tag, _ := fitText(p.tagline, hw, maxTaglineLines, fs.measurer(stTagline.style, stTagline.size))
		y = b.addLines(fs, textX, y+0.3, stTagline, tag, "")
	}
	if p.fresh != "" {
		y = b.addLines(fs, textX, y+0.6, stFresh, []string{truncateLine(p.fresh, hw, fs.measurer(stFresh.style, stFresh.size))}, "")
	}
	if p.caveat != "" {
		cav, _ := fitText(p.caveat, hw, 3, fs.measurer(stCaveat.style, stCaveat.size))
		y = b.addLines(fs, textX, y+0.8, stCaveat, cav, "")
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
		title, titleCut := fitText(it.title, tw, lim.titleLines, fs.measurer(stItemTitle.style, stItemTitle.size))
		if titleCut {
			notes = append(notes, fmt.Sprintf("item title %q cut to fit", truncateRunes(it.title, 60)))
		}
		y = b.addLines(fs, itemIndent, y, stItemTitle, title, "")
		if it.summary != "" && lim.summaryLines > 0 {
			sum, _ := fitText(it.summary, tw, lim.summaryLines, fs.measurer(stSummary.style, stSummary.size))
			y = b.addLines(fs, itemIndent, y+0.5, stSummary, sum, "")
			// A summary may break between its lines, two or more on each
			// side, so no line is left alone at a column's foot or top.
			for k := 2; k <= len(sum)-2; k++ {
				at := y - float64(len(sum)-k)*stSummary.lead
				b.cuts = append(b.cuts, cut{at, at})
			}
		}
		if target := linkTarget(it.url); target != "" {
			disp := "→ " + shortLink(it.url, tw-r.fs.measurer(stLink.style, stLink.size)("→ "), fs.measurer(stLink.style, stLink.size))
			y = b.addLines(fs, itemIndent, y+0.6, stLink, []string{disp}, target)
		} else if it.url != "" {
			notes = append(notes, fmt.Sprintf("item %q: link %q is not http(s) and was left out", truncateRunes(it.title, 60), truncateRunes(it.url, 60)))
		}
		b.rects = append(b.rects, rect{x: 0, y: top + 0.8, w: 0.6, h: y - top - 1.2, fill: colRule})
		if i < n-1 {
			b.cuts = append(b.cuts, cut{y, y + itemGap})
			y += itemGap
		}
	}
	b.h = y
	return b, notes
}

// continuedHead is the heading of a project block's part continued in
// another column or page: "NumPy (continued)" over a short accent rule.
func (r *renderer) continuedHead(p *preparedProject, w float64) *block {
	b := &block{w: w}
	m := r.fs.measurer(stContinued.style, stContinued.size)
	y := b.addLines(r.fs, 0, 0, stContinued, []string{truncateLine(p.name+" (continued)", w, m)}, "")
	y += 1.2
	b.rects = append(b.rects, rect{x: 0, y: y, w: 14, h: 0.7, fill: colAccent})
	b.h = y + 4.3
	return b
}

// truncateRunes shortens s to n characters for messages.
func truncateRunes(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n]) + ellipsis
}
