package brochure

import (
	"bytes"
	"fmt"
	"strings"
	"sync"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
)

// Font families registered in every document.
const (
	famGo       = "go"
	famFallback = "fallback"
)

// substitute stands in for a character no font can print.
const substitute = "□"

// goFonts are the parsed Go fonts, for glyph coverage checks.
var goFonts = sync.OnceValues(func() ([]*sfnt.Font, error) {
	var out []*sfnt.Font
	for _, ttf := range [][]byte{goregular.TTF, gobold.TTF, goitalic.TTF} {
		f, err := sfnt.Parse(ttf)
		if err != nil {
			return nil, fmt.Errorf("parse Go font: %w", err)
		}
		out = append(out, f)
	}
	return out, nil
})

// Coverage bits of a rune.
const (
	coverKnown = 1 << iota
	coverGo
	coverFallback
)

// fonts knows which font prints which character and measures text with
// the document's fonts.
type fonts struct {
	pdf      *fpdf.Fpdf
	goF      []*sfnt.Font
	fallback *sfnt.Font
	buf      sfnt.Buffer
	cover    map[rune]uint8
	family   string  // current family, style and size set on pdf
	style    string  // (tracked to skip redundant SetFont calls)
	size     float64 // points
}

// newFonts registers the Go fonts (and the fallback font, when it is a
// TrueType font fpdf can embed) with pdf. A fallback font that cannot be
// used gives a warning, not an error.
func newFonts(pdf *fpdf.Fpdf, fallback []byte) (*fonts, []string, error) {
	goF, err := goFonts()
	if err != nil {
		return nil, nil, err
	}
	pdf.AddUTF8FontFromBytes(famGo, "", goregular.TTF)
	pdf.AddUTF8FontFromBytes(famGo, "B", gobold.TTF)
	pdf.AddUTF8FontFromBytes(famGo, "I", goitalic.TTF)
	if err := pdf.Error(); err != nil {
		return nil, nil, fmt.Errorf("load Go fonts: %w", err)
	}
	fs := &fonts{pdf: pdf, goF: goF, cover: map[rune]uint8{}}
	var warnings []string
	if len(fallback) > 0 {
		if w := fs.addFallback(fallback); w != "" {
			warnings = append(warnings, w)
		}
	}
	return fs, warnings, nil
}

// addFallback registers a fallback font; it returns a warning when the
// font cannot be used.
func (fs *fonts) addFallback(ttf []byte) (warning string) {
	if !bytes.HasPrefix(ttf, []byte{0, 1, 0, 0}) && !bytes.HasPrefix(ttf, []byte("true")) {
		return "fallback font ignored: only TrueType (.ttf) fonts are supported, not OpenType/CFF or collections"
	}
	f, err := sfnt.Parse(ttf)
	if err != nil {
		return fmt.Sprintf("fallback font ignored: %v", err)
	}
	defer func() {
		if r := recover(); r != nil {
			fs.pdf.ClearError()
			warning = fmt.Sprintf("fallback font ignored: %v", r)
		}
	}()
	fs.pdf.AddUTF8FontFromBytes(famFallback, "", ttf)
	if err := fs.pdf.Error(); err != nil {
		fs.pdf.ClearError()
		return fmt.Sprintf("fallback font ignored: %v", err)
	}
	fs.fallback = f
	return ""
}

// coverage tells which fonts have a glyph for r.
func (fs *fonts) coverage(r rune) uint8 {
	if c, ok := fs.cover[r]; ok {
		return c
	}
	c := uint8(coverKnown)
	if r == ' ' || fs.has(r) {
		c |= coverGo
	} else if fs.fallback != nil {
		if gi, err := fs.fallback.GlyphIndex(&fs.buf, r); err == nil && gi != 0 {
			c |= coverFallback
		}
	}
	fs.cover[r] = c
	return c
}

// has reports whether every Go font style has a glyph for r.
func (fs *fonts) has(r rune) bool {
	for _, f := range fs.goF {
		gi, err := f.GlyphIndex(&fs.buf, r)
		if err != nil || gi == 0 {
			return false
		}
	}
	return true
}

// printable replaces every character no font can print with a visible
// substitute and reports how many were replaced. An emoji's modifiers and
// joined parts fold into its one substitute.
func (fs *fonts) printable(s string) (string, int) {
	ok := true
	for _, r := range s {
		if fs.coverage(r)&(coverGo|coverFallback) == 0 {
			ok = false
			break
		}
	}
	if ok {
		return s, 0
	}
	var b strings.Builder
	n := 0
	prevSub, joined := false, false
	for _, r := range s {
		if prevSub && (r == 0xFE0F || r == 0xFE0E || r == 0x200D || (r >= 0x1F3FB && r <= 0x1F3FF) || r == 0x20E3) {
			joined = r == 0x200D
			continue
		}
		if fs.coverage(r)&(coverGo|coverFallback) != 0 {
			b.WriteRune(r)
			prevSub, joined = false, false
			continue
		}
		if joined || (prevSub && r >= 0x1F1E6 && r <= 0x1F1FF) {
			joined = false // part of the same emoji sequence or flag
			continue
		}
		b.WriteString(substitute)
		n++
		prevSub = true
	}
	return b.String(), n
}

// run is a piece of a line printed with one font.
type run struct {
	text     string
	fallback bool
	w        float64 // mm
}

// setFont selects a font on the document when it differs from the current one.
func (fs *fonts) setFont(family, style string, size float64) {
	if family == famFallback {
		style = ""
	}
	if fs.family == family && fs.style == style && fs.size == size {
		return
	}
	fs.pdf.SetFont(family, style, size)
	fs.family, fs.style, fs.size = family, style, size
}

// runs splits printable text into runs by font and measures them.
func (fs *fonts) runs(s string, style string, size float64) ([]run, float64) {
	var out []run
	total := 0.0
	start, fb := 0, false
	flush := func(end int) {
		if end <= start {
			return
		}
		fam := famGo
		if fb {
			fam = famFallback
		}
		fs.setFont(fam, style, size)
		w := fs.pdf.GetStringWidth(s[start:end])
		out = append(out, run{text: s[start:end], fallback: fb, w: w})
		total += w
	}
	for i, r := range s {
		isFB := fs.fallback != nil && fs.coverage(r)&coverGo == 0
		if i > 0 && isFB != fb {
			flush(i)
			start = i
		}
		fb = isFB
	}
	flush(len(s))
	return out, total
}

// measurer returns a width function for one style.
func (fs *fonts) measurer(style string, size float64) measurer {
	return func(s string) float64 {
		_, w := fs.runs(s, style, size)
		return w
	}
}
