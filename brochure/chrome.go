package brochure

import (
	"strconv"
	"strings"
)

// Text styles of the cover, closing, header and footer.
var (
	stTitle    = textStyle{style: "B", size: 22, lead: 9.6, colour: colText}
	stIntro    = textStyle{style: "", size: 10.5, lead: 5.3, colour: colBody}
	stClosing  = textStyle{style: "", size: 10.5, lead: 5.3, colour: colText}
	stContact  = textStyle{style: "B", size: 9.5, lead: 5.0, colour: colAccent}
	stHeader   = textStyle{style: "", size: 8, lead: 4.2, colour: colGrey}
	stHeaderB  = textStyle{style: "B", size: 8, lead: 4.2, colour: colAccent}
	stFooter   = textStyle{style: "", size: 7.5, lead: 4.0, colour: colBody}
	stFooterSm = textStyle{style: "", size: 7, lead: 3.8, colour: colGrey}
)

// Limits of the cover and closing.
const (
	introMaxW       = 150.0 // a readable measure for the introduction
	maxTitleLinesCv = 2
	maxIntroLines   = 10
	maxClosingLines = 8
	closingPad      = 6.0
)

// paragraphs splits copy into cleaned paragraphs at blank lines.
func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if p = cleanText(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// fitParagraphs wraps paragraphs into at most maxLines lines in total,
// cutting the last one that fits; it reports whether anything was cut.
func (r *renderer) fitParagraphs(b *block, x, y, w float64, st textStyle, paras []string, maxLines int, where string) float64 {
	m := r.fs.measurer(st.style, st.size)
	left := maxLines
	for i, p := range paras {
		if left <= 0 {
			r.warn("%s cut to fit", where)
			break
		}
		if i > 0 {
			y += st.lead * 0.5
		}
		lines, cut := fitText(r.printable(p, where), w, left, m)
		if cut {
			r.warn("%s cut to fit", where)
		}
		y = b.addLines(r.fs, x, y, st, lines, "")
		left -= len(lines)
		if cut {
			break
		}
	}
	return y
}

// contactSep joins contact lines set on one line.
const contactSep = "   ·   "

// addContactLine sets contact lines side by side from x on one line of
// style st, each a link (mailto:, tel:, https:) where it is one; it
// returns the y below.
func (r *renderer) addContactLine(b *block, x, y float64, st textStyle, contact []string) float64 {
	m := r.fs.measurer(st.style, st.size)
	for i, c := range contact {
		if i > 0 {
			b.addLines(r.fs, x, y, st, []string{contactSep}, "")
			x += m(contactSep)
		}
		b.addLines(r.fs, x, y, st, []string{c}, contactTarget(c))
		x += m(c)
	}
	return y + st.lead
}

// coverBlock is the opening of page one: organisation, title, introduction.
func (r *renderer) coverBlock() *block {
	w := r.g.width()
	b := &block{w: w}
	y := 0.0
	title := "Roadmap opportunities"
	if r.client != "" {
		title += " for " + r.client
	}
	lines, cut := fitText(title, w, maxTitleLinesCv, r.fs.measurer(stTitle.style, stTitle.size))
	if cut {
		r.warn("cover title cut to fit")
	}
	y = b.addLines(r.fs, 0, y, stTitle, lines, "")
	if paras := paragraphs(r.in.Copy.Intro); len(paras) > 0 {
		y = r.fitParagraphs(b, 0, y+3.5, min(w, introMaxW), stIntro, paras, maxIntroLines, "introduction")
	}
	y += 6
	b.addRule(0, y, w, colRule)
	b.h = y + 0.25
	return b
}

// closingBlock is the call to action on a tinted panel of width w, with
// the contact lines; nil when there is neither.
func (r *renderer) closingBlock(w float64) *block {
	paras := paragraphs(r.in.Copy.Closing)
	if len(paras) == 0 && len(r.contact) == 0 {
		return nil
	}
	b := &block{w: w}
	inner := w - 2*closingPad
	y := closingPad
	if len(paras) > 0 {
		y = r.fitParagraphs(b, closingPad, y, min(inner, introMaxW), stClosing, paras, maxClosingLines, "closing")
	}
	if len(r.contact) > 0 {
		if len(paras) > 0 {
			y += 2.5
		}
		m := r.fs.measurer(stContact.style, stContact.size)
		if m(strings.Join(r.contact, contactSep)) <= inner {
			y = r.addContactLine(b, closingPad, y, stContact, r.contact)
		} else {
			for _, c := range r.contact {
				if m(c) <= inner {
					y = r.addContactLine(b, closingPad, y, stContact, []string{c})
				} else {
					y = b.addLines(r.fs, closingPad, y, stContact, []string{truncateLine(c, inner, m)}, "")
				}
			}
		}
	}
	y += closingPad
	b.rects = append([]rect{{x: 0, y: 0, w: w, h: y, r: 2, fill: colTint}}, b.rects...)
	b.h = y
	return b
}

// headerBlock is the band at the top of every page: the organisation on the
// left, the client and date on the right, a hairline below.
func (r *renderer) headerBlock() *block {
	w := r.g.width()
	b := &block{w: w}
	var parts []string
	if r.client != "" {
		parts = append(parts, "Prepared for "+r.client)
	}
	if !r.in.Generated.IsZero() {
		parts = append(parts, dateLong(r.in.Generated))
	}
	right := strings.Join(parts, "   ·   ")
	left := strings.ToUpper(r.org)
	lm := r.fs.measurer(stHeaderB.style, stHeaderB.size)
	rm := r.fs.measurer(stHeader.style, stHeader.size)
	leftW := min(lm(left), w*0.35)
	left = truncateLine(left, leftW, lm)
	right = truncateLine(right, w-leftW-8, rm)
	if left != "" {
		b.addLines(r.fs, 0, 0, stHeaderB, []string{left}, "")
	}
	if right != "" {
		b.addLines(r.fs, w, 0, stHeader, []string{right}, "")
		b.lines[len(b.lines)-1].align = 1
	}
	b.addRule(0, stHeader.lead+2, w, colRule)
	b.h = stHeader.lead + 2.25
	return b
}

// footerBlock is the band at the bottom of page n of total: a hairline,
// the contact lines and the page number, and the crawl date.
func (r *renderer) footerBlock(n, total int) *block {
	w := r.g.width()
	b := &block{w: w}
	b.addRule(0, 0, w, colRule)
	page := "Page " + strconv.Itoa(n) + " of " + strconv.Itoa(total)
	pm := r.fs.measurer(stFooter.style, stFooter.size)
	pw := pm(page)
	y := 1.8
	if len(r.contact) > 0 {
		if pm(strings.Join(r.contact, contactSep)) <= w-pw-8 {
			r.addContactLine(b, 0, y, stFooter, r.contact)
		} else {
			c := truncateLine(strings.Join(r.contact, contactSep), w-pw-8, pm)
			b.addLines(r.fs, 0, y, stFooter, []string{c}, "")
		}
	}
	b.addLines(r.fs, w, y, stFooter, []string{page}, "")
	b.lines[len(b.lines)-1].align = 1
	if !r.in.CrawledAt.IsZero() {
		crawl := "Roadmaps read from the projects on " + dateLong(r.in.CrawledAt)
		b.addLines(r.fs, 0, y+stFooter.lead, stFooterSm, []string{crawl}, "")
	}
	b.h = footerRuleD
	return b
}
