package logo

import (
	"bytes"
	"hash/fnv"
	"image"
	"image/color"
	"image/png"
	"math"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/srwiley/rasterx"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// badgeSize is the side of a monogram badge in pixels (1.2 in at 300 dpi).
const badgeSize = 360

var (
	boldOnce sync.Once
	boldFont *opentype.Font
)

func goBold() *opentype.Font {
	boldOnce.Do(func() {
		f, err := opentype.Parse(gobold.TTF)
		if err == nil {
			boldFont = f
		}
	})
	return boldFont
}

// Monogram draws a badge for p: its initials (see Initials) in Go Bold on a
// rounded square of p.Colour, or of a colour derived from the slug when
// p.Colour is not "#rgb" or "#rrggbb". The initials are white, or near-black
// on a light colour (relative luminance over 0.4). The badge is a 360×360 PNG with Method
// roadmap.LogoMonogram and the given note.
func Monogram(p roadmap.Project, note string) roadmap.Logo {
	bg, fg := BadgeColours(p)
	const s = badgeSize
	img := image.NewRGBA(image.Rect(0, 0, s, s))
	scanner := rasterx.NewScannerGV(s, s, img, img.Bounds())
	filler := rasterx.NewFiller(s, s, scanner)
	filler.SetColor(bg)
	rasterx.AddRoundRect(0, 0, s, s, s*0.18, s*0.18, 0, rasterx.RoundGap, filler)
	filler.Draw()
	drawInitials(img, Initials(p), fg)

	var buf bytes.Buffer
	_ = png.Encode(&buf, img) // cannot fail writing to a buffer
	return roadmap.Logo{
		Project: p.Slug, Source: p.Logo, Format: "png", Method: roadmap.LogoMonogram,
		Note: note, Width: s, Height: s, Data: buf.Bytes(),
	}
}

// BadgeColours are the colours of p's monogram badge, wherever it is
// drawn (the crawl's PNG badge, the brochure's vector one): the background
// is p.Colour ("#rgb" or "#rrggbb"), else a mid-dark colour whose hue comes
// from the slug and name; the initials are white, or near-black on a light
// background (relative luminance over 0.4).
func BadgeColours(p roadmap.Project) (bg, fg color.RGBA) {
	bg, ok := parseColour(p.Colour)
	if !ok {
		bg = slugColour(p.Slug + "\x00" + p.Name)
	}
	fg = color.RGBA{255, 255, 255, 255}
	if luminance(bg) > 0.4 {
		fg = color.RGBA{26, 26, 26, 255}
	}
	return bg, fg
}

// drawInitials centres text on img in Go Bold, as large as fits 70% of the
// width and 50% of the height.
func drawInitials(img *image.RGBA, text string, fg color.Color) {
	f := goBold()
	if f == nil || text == "" {
		return
	}
	size := float64(badgeSize) * 0.5
	for i := 0; ; i++ { // measure and refit until it fits, at most thrice
		face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
		if err != nil {
			return
		}
		b, _ := font.BoundString(face, text)
		bw, bh := (b.Max.X - b.Min.X).Ceil(), (b.Max.Y - b.Min.Y).Ceil()
		fit := math.Min(0.70*badgeSize/float64(max(bw, 1)), 0.50*badgeSize/float64(max(bh, 1)))
		if i < 3 && (fit < 0.98 || fit > 1.02) {
			size *= fit
			_ = face.Close()
			continue
		}
		x := fixed.I((badgeSize-bw)/2) - b.Min.X
		y := fixed.I((badgeSize-bh)/2) - b.Min.Y
		d := font.Drawer{Dst: img, Src: image.NewUniform(fg), Face: face, Dot: fixed.Point26_6{X: x, Y: y}}
		d.DrawString(text)
		_ = face.Close()
		return
	}
}

// Initials picks the letters of p's badge from p.Name (else p.Slug), as
// written: "scikit-…" → "sk"; two or more words → their first letters
// ("Project Jupyter" → "PJ", "conda-forge" → "cf"); one word with an inner
// capital → first letter and that capital ("NumPy" → "NP"); else its first
// two letters ("pandas" → "pa"). Letters Go Bold cannot draw are skipped;
// with none left it is "?".
func Initials(p roadmap.Project) string {
	name := strings.TrimSpace(p.Name)
	if name == "" {
		name = p.Slug
	}
	if l := strings.ToLower(name); strings.HasPrefix(l, "scikit-") || strings.HasPrefix(l, "scikit ") {
		return "sk"
	}
	var words [][]rune
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if rs := drawable([]rune(w)); len(rs) > 0 {
			words = append(words, rs)
		}
	}
	switch {
	case len(words) == 0:
		return "?"
	case len(words) >= 2:
		return string([]rune{words[0][0], words[1][0]})
	}
	w := words[0]
	if unicode.IsUpper(w[0]) {
		for _, r := range w[1:] {
			if unicode.IsUpper(r) {
				return string([]rune{w[0], r})
			}
		}
	}
	if len(w) == 1 {
		return string(w)
	}
	return string(w[:2])
}

// drawable keeps the runes Go Bold has glyphs for.
func drawable(rs []rune) []rune {
	f := goBold()
	if f == nil {
		return rs
	}
	var buf sfnt.Buffer
	out := rs[:0:0]
	for _, r := range rs {
		if i, err := f.GlyphIndex(&buf, r); err == nil && i != 0 {
			out = append(out, r)
		}
	}
	return out
}

// parseColour reads "#rgb" or "#rrggbb".
func parseColour(s string) (color.RGBA, bool) {
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, "#") || !utf8.ValidString(s) {
		return color.RGBA{}, false
	}
	h := s[1:]
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	if len(h) != 6 {
		return color.RGBA{}, false
	}
	v, err := strconv.ParseUint(h, 16, 32)
	if err != nil {
		return color.RGBA{}, false
	}
	return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 255}, true
}

// slugColour derives a stable, mid-dark colour from a key: its hash picks
// the hue.
func slugColour(key string) color.RGBA {
	h := fnv.New32a()
	h.Write([]byte(key))
	return hsl(float64(h.Sum32()%360), 0.55, 0.40)
}

// hsl converts hue (degrees), saturation and lightness (0..1) to RGB.
func hsl(hue, sat, light float64) color.RGBA {
	c := (1 - math.Abs(2*light-1)) * sat
	x := c * (1 - math.Abs(math.Mod(hue/60, 2)-1))
	m := light - c/2
	var r, g, b float64
	switch {
	case hue < 60:
		r, g, b = c, x, 0
	case hue < 120:
		r, g, b = x, c, 0
	case hue < 180:
		r, g, b = 0, c, x
	case hue < 240:
		r, g, b = 0, x, c
	case hue < 300:
		r, g, b = x, 0, c
	default:
		r, g, b = c, 0, x
	}
	to := func(v float64) uint8 { return uint8(math.Round((v + m) * 255)) }
	return color.RGBA{to(r), to(g), to(b), 255}
}

// luminance is the relative luminance of c (0 black … 1 white).
func luminance(c color.RGBA) float64 {
	lin := func(v uint8) float64 {
		f := float64(v) / 255
		if f <= 0.03928 {
			return f / 12.92
		}
		return math.Pow((f+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}
