package logo

import (
	"image"
	"image/color"
	"testing"
)

func filled(w, h int, c color.Color, paint func(x, y int) bool) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			if paint(x, y) {
				img.Set(x, y, c)
			}
		}
	}
	return img
}

func TestIsBlank(t *testing.T) {
	blue := color.NRGBA{30, 60, 200, 255}
	all := func(int, int) bool { return true }
	tests := []struct {
		name string
		img  image.Image
		want bool
	}{
		{"empty", image.NewNRGBA(image.Rect(0, 0, 0, 0)), true},
		{"transparent", image.NewNRGBA(image.Rect(0, 0, 100, 100)), true},
		{"white", filled(100, 100, color.White, all), true},
		{"near white", filled(100, 100, color.NRGBA{250, 250, 250, 255}, all), true},
		{"faint", filled(100, 100, color.NRGBA{0, 0, 0, 4}, all), true},
		{"flat colour", filled(100, 100, blue, all), true},
		{"flat box on white", filled(100, 100, blue, func(x, y int) bool { return x > 20 && x < 80 && y > 30 && y < 70 }), true},
		{"speck", filled(100, 100, blue, func(x, y int) bool { return x < 4 && y < 4 }), true},
		{"circle", filled(100, 100, blue, func(x, y int) bool { return (x-50)*(x-50)+(y-50)*(y-50) < 1600 }), false},
		{"two colours", drawing(100, 100, 10), false},
		{"paletted circle", toPaletted(filled(60, 60, blue, func(x, y int) bool { return (x-30)*(x-30)+(y-30)*(y-30) < 400 })), false},
	}
	for _, tt := range tests {
		if got := IsBlank(tt.img); got != tt.want {
			t.Errorf("%s: IsBlank = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func toPaletted(m *image.NRGBA) *image.Paletted {
	p := image.NewPaletted(m.Bounds(), color.Palette{color.Transparent, color.NRGBA{30, 60, 200, 255}})
	for y := range m.Bounds().Dy() {
		for x := range m.Bounds().Dx() {
			p.Set(x, y, m.At(x, y))
		}
	}
	return p
}

func TestTrim(t *testing.T) {
	m := drawing(200, 100, 20) // ink 160×60 at (20,20)
	got := trim(m)
	pad := padFor(image.Rect(0, 0, 160, 60))
	if w, h := got.Bounds().Dx(), got.Bounds().Dy(); w != 160+2*pad || h != 60+2*pad {
		t.Errorf("trimmed to %dx%d, want %dx%d", w, h, 160+2*pad, 60+2*pad)
	}
	full := drawing(50, 50, 0)
	if trim(full) != full {
		t.Error("an image without margins was copied")
	}
}

// TestInkRule: the one rule for what shows on white paper, which the
// crawl's trimming and the brochure's share.
func TestInkRule(t *testing.T) {
	tests := []struct {
		name       string
		r, g, b, a uint8
		want       bool
	}{
		{"white", 255, 255, 255, 255, false},
		{"paper grey 246", 246, 246, 246, 255, false},
		{"grey 244", 244, 244, 244, 255, true},
		{"black nearly transparent (7/255)", 0, 0, 0, 7, false},
		{"black at 8/255 shows as 247: paper", 0, 0, 0, 8, false},
		{"black at 12/255 shows as 243", 0, 0, 0, 12, true},
		{"pale blue", 250, 250, 200, 255, true},
		{"transparent", 0, 0, 0, 0, false},
	}
	for _, tt := range tests {
		p := []uint8{tt.r, tt.g, tt.b, tt.a}
		if got := isInk(p); got != tt.want {
			t.Errorf("%s: isInk = %v, want %v", tt.name, got, tt.want)
		}
		a := uint32(tt.a) * 0x101
		pre := func(c uint8) uint32 { return uint32(c) * 0x101 * a / 0xffff }
		if got := Ink(pre(tt.r), pre(tt.g), pre(tt.b), a); got != tt.want {
			t.Errorf("%s: Ink = %v, want %v", tt.name, got, tt.want)
		}
	}
}
