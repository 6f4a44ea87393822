package brochure

import "codeberg.org/go-pdf/fpdf"

// rgb is a colour.
type rgb struct{ r, g, b int }

// The palette: one restrained accent, greys for secondary text and rules.
var (
	colText   = rgb{34, 38, 43}
	colBody   = rgb{62, 66, 72}
	colGrey   = rgb{112, 117, 124}
	colRule   = rgb{208, 212, 217}
	colAccent = rgb{16, 94, 116}
	colTint   = rgb{236, 244, 246}
	colWhite  = rgb{255, 255, 255}
)

// textStyle is how a line of text is printed.
type textStyle struct {
	style  string  // "", "B" or "I"
	size   float64 // points
	lead   float64 // line height, mm
	colour rgb
}

// line is one positioned line of text; y is its top, relative to its block.
type line struct {
	x, y  float64
	st    textStyle
	runs  []run
	w     float64
	link  string // http(s) URL the line links to
	text  string
	align int // 0 left, 1 right (x is then the right edge)
}

// rect is a filled (rounded) rectangle or a rule.
type rect struct {
	x, y, w, h, r float64
	fill          rgb
}

// picture is a registered image.
type picture struct {
	name       string
	x, y, w, h float64
}

// block is measured, positioned content that is drawn as one piece.
type block struct {
	w, h     float64
	rects    []rect
	pictures []picture
	lines    []line
	// cuts are where a project block may be split to continue in the next
	// column or page, top to bottom (see split).
	cuts []cut
}

// cut is a place to split a block: the first part ends at at, the rest
// starts at resume (after the gap between two items, or at once between
// two lines of a summary).
type cut struct{ at, resume float64 }

// split cuts b at the lowest cut point that leaves a first part at most
// maxH tall. ok is false when no cut fits.
func (b *block) split(maxH float64) (first, rest *block, ok bool) {
	k := -1
	for i, c := range b.cuts {
		if c.at <= maxH {
			k = i
		}
	}
	if k < 0 {
		return nil, nil, false
	}
	c := b.cuts[k]
	first = &block{w: b.w, h: c.at, cuts: b.cuts[:k:k]}
	rest = &block{w: b.w, h: b.h - c.resume}
	for _, r := range b.rects {
		if r.y < c.at {
			r1 := r
			r1.h = min(r.y+r.h, c.at) - r.y
			first.rects = append(first.rects, r1)
		}
		if r.y+r.h > c.resume {
			r2 := r
			top := max(r.y, c.resume)
			r2.y, r2.h = top-c.resume, r.y+r.h-top
			rest.rects = append(rest.rects, r2)
		}
	}
	for _, p := range b.pictures {
		if p.y < c.at {
			first.pictures = append(first.pictures, p)
		} else if p.y >= c.resume {
			p.y -= c.resume
			rest.pictures = append(rest.pictures, p)
		}
	}
	for _, l := range b.lines {
		if l.y < c.at {
			first.lines = append(first.lines, l)
		} else if l.y >= c.resume {
			l.y -= c.resume
			rest.lines = append(rest.lines, l)
		}
	}
	for _, x := range b.cuts[k+1:] {
		rest.cuts = append(rest.cuts, cut{x.at - c.resume, x.resume - c.resume})
	}
	return first, rest, true
}

// below returns b moved down by dy under the content of head (which is
// prepended): a continued part under its "continued" heading.
func (b *block) below(head *block) *block {
	out := &block{w: b.w, h: head.h + b.h}
	out.rects = append(append(out.rects, head.rects...), b.rects...)
	out.pictures = append(out.pictures, head.pictures...)
	out.lines = append(out.lines, head.lines...)
	dy := head.h
	for i := len(head.rects); i < len(out.rects); i++ {
		out.rects[i].y += dy
	}
	for _, p := range b.pictures {
		p.y += dy
		out.pictures = append(out.pictures, p)
	}
	for _, l := range b.lines {
		l.y += dy
		out.lines = append(out.lines, l)
	}
	for _, c := range b.cuts {
		out.cuts = append(out.cuts, cut{c.at + dy, c.resume + dy})
	}
	return out
}

// addText appends already-measured text lines in style st from the top y,
// returning the y below them.
func (b *block) addLines(fs *fonts, x, y float64, st textStyle, texts []string, link string) float64 {
	for _, t := range texts {
		runs, w := fs.runs(t, st.style, st.size)
		b.lines = append(b.lines, line{x: x, y: y, st: st, runs: runs, w: w, link: link, text: t})
		y += st.lead
	}
	return y
}

// addRule appends a horizontal hairline.
func (b *block) addRule(x, y, w float64, c rgb) {
	b.rects = append(b.rects, rect{x: x, y: y, w: w, h: 0.25, fill: c})
}

// draw prints the block with its top-left corner at (ox, oy).
func (b *block) draw(pdf *fpdf.Fpdf, fs *fonts, ox, oy float64) {
	for _, r := range b.rects {
		pdf.SetFillColor(r.fill.r, r.fill.g, r.fill.b)
		if r.r > 0 {
			pdf.RoundedRect(ox+r.x, oy+r.y, r.w, r.h, r.r, "1234", "F")
		} else {
			pdf.Rect(ox+r.x, oy+r.y, r.w, r.h, "F")
		}
	}
	for _, p := range b.pictures {
		pdf.ImageOptions(p.name, ox+p.x, oy+p.y, p.w, p.h, false, fpdf.ImageOptions{}, 0, "")
	}
	for _, l := range b.lines {
		x := ox + l.x
		if l.align == 1 {
			x -= l.w
		}
		top := oy + l.y
		base := top + baseline(l.st)
		pdf.SetTextColor(l.st.colour.r, l.st.colour.g, l.st.colour.b)
		for _, r := range l.runs {
			fam := famGo
			if r.fallback {
				fam = famFallback
			}
			fs.setFont(fam, l.st.style, l.st.size)
			pdf.Text(x, base, r.text)
			x += r.w
		}
		if l.link != "" {
			pdf.LinkString(ox+l.x, top, l.w, l.st.lead, l.link)
		}
	}
}

// baseline is the distance from a line's top to its baseline: the glyphs
// sit centred in the line height.
func baseline(st textStyle) float64 {
	pt := 25.4 / 72
	capH := 0.72 * st.size * pt
	return (st.lead+capH)/2 + 0.05*st.size*pt
}

// gaps counts the gaps between items of b, where stretch adds room.
func (b *block) gaps() int {
	n := 0
	for _, c := range b.cuts {
		if c.resume > c.at {
			n++
		}
	}
	return n
}

// stretch returns b made extra taller by widening the gaps between its
// items evenly (b itself when it has none).
func (b *block) stretch(extra float64) *block {
	n := b.gaps()
	if n == 0 || extra <= 0 {
		return b
	}
	each := extra / float64(n)
	var marks []float64 // resume points of the item gaps, top to bottom
	for _, c := range b.cuts {
		if c.resume > c.at {
			marks = append(marks, c.resume)
		}
	}
	shift := func(y float64) float64 {
		d := 0.0
		for _, m := range marks {
			if y >= m-1e-9 {
				d += each
			}
		}
		return d
	}
	out := &block{w: b.w, h: b.h + extra}
	for _, r := range b.rects {
		r.y += shift(r.y)
		out.rects = append(out.rects, r)
	}
	for _, p := range b.pictures {
		p.y += shift(p.y)
		out.pictures = append(out.pictures, p)
	}
	for _, l := range b.lines {
		l.y += shift(l.y)
		out.lines = append(out.lines, l)
	}
	for _, c := range b.cuts {
		out.cuts = append(out.cuts, cut{c.at + shift(c.at), c.resume + shift(c.resume)})
	}
	return out
}

// loosen returns b with every vertical distance inside it scaled by f ≥ 1
// (the leading of its lines, the room around its logo and items) and its
// text, pictures and rule thicknesses unchanged: a column set a little
// looser to reach its foot.
func (b *block) loosen(f float64) *block {
	if f <= 1 {
		return b
	}
	out := &block{w: b.w, h: b.h * f}
	for _, r := range b.rects {
		if r.h > 1 { // a bar beside an item grows with it; rules and badges keep their size
			r.h *= f
		}
		r.y *= f
		out.rects = append(out.rects, r)
	}
	for _, p := range b.pictures {
		p.y *= f
		out.pictures = append(out.pictures, p)
	}
	for _, l := range b.lines {
		l.y *= f
		out.lines = append(out.lines, l)
	}
	for _, c := range b.cuts {
		out.cuts = append(out.cuts, cut{c.at * f, c.resume * f})
	}
	return out
}
