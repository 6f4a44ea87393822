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
