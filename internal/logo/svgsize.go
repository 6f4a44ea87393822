package logo

import (
	"math"
	"strconv"
	"strings"
)

// length is an SVG length converted to CSS pixels.
type length struct {
	px      float64
	ok      bool // an absolute, positive, finite length
	percent bool // given in %: relative to a viewport we do not have
}

// unitPx is the size of each absolute SVG unit in CSS pixels.
var unitPx = map[string]float64{
	"": 1, "px": 1, "pt": 96.0 / 72, "pc": 16, "mm": 96 / 25.4, "cm": 96 / 2.54,
	"in": 96, "q": 96 / 101.6, "em": 16, "ex": 8, "rem": 16,
}

// parseLength reads "12", "12.5px", "3mm", "100%"; anything else is not ok.
func parseLength(s string) length {
	s = strings.TrimSpace(s)
	i := len(s)
	for i > 0 && (s[i-1] >= 'a' && s[i-1] <= 'z' || s[i-1] >= 'A' && s[i-1] <= 'Z' || s[i-1] == '%') {
		i--
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(s[:i]), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || v <= 0 {
		return length{}
	}
	unit := strings.ToLower(s[i:])
	if unit == "%" {
		return length{percent: true}
	}
	f, known := unitPx[unit]
	if !known {
		return length{}
	}
	px := v * f
	if math.IsInf(px, 0) {
		return length{}
	}
	return length{px: px, ok: true}
}

// parseViewBox reads "minx miny width height" (spaces and/or commas).
func parseViewBox(s string) (box, bool) {
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' || r == '\n' || r == '\r' })
	if len(f) != 4 {
		return box{}, false
	}
	var v [4]float64
	for i, x := range f {
		n, err := strconv.ParseFloat(x, 64)
		if err != nil || math.IsNaN(n) || math.IsInf(n, 0) || math.Abs(n) > 1e9 {
			return box{}, false
		}
		v[i] = n
	}
	if v[2] <= 0 || v[3] <= 0 {
		return box{}, false
	}
	return box{v[0], v[1], v[2], v[3]}, true
}

// defaultViewport is the CSS size of a replaced element with no size.
var defaultViewport = box{0, 0, 300, 150}

// userBox is the user-space rectangle the document draws in: its viewBox,
// else 0 0 width height (user units are CSS pixels then), else the CSS
// default of 300×150. Absurd sizes are clamped.
func (d *svgDoc) userBox() box {
	if d.hasViewBox {
		return d.viewBox
	}
	w, h := d.width, d.height
	switch {
	case w.ok && h.ok:
		return box{0, 0, min(w.px, 1e7), min(h.px, 1e7)}
	case w.ok:
		return box{0, 0, min(w.px, 1e7), min(w.px, 1e7)}
	case h.ok:
		return box{0, 0, min(h.px, 1e7), min(h.px, 1e7)}
	}
	return defaultViewport
}

// maxAspect bounds the aspect ratio of the raster box: a 1000:1 banner is
// drawn letterboxed into 16:1.
const maxAspect = 16

// pixelBox sizes a raster of long side long for a user box.
func pixelBox(vb box, long int) (w, h int) {
	ar := vb.W / vb.H
	ar = min(max(ar, 1.0/maxAspect), maxAspect)
	if ar >= 1 {
		return long, max(1, int(float64(long)/ar+0.5))
	}
	return max(1, int(float64(long)*ar+0.5)), long
}

// num formats a float for an SVG attribute, without exponent (oksvg reads
// no exponents).
func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
