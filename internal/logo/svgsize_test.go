package logo

import (
	"math"
	"testing"
)

func TestParseLength(t *testing.T) {
	tests := []struct {
		in      string
		px      float64
		ok, pct bool
	}{
		{"100", 100, true, false},
		{"100px", 100, true, false},
		{" 72pt ", 96, true, false},
		{"25.4mm", 96, true, false},
		{"1in", 96, true, false},
		{"2.54cm", 96, true, false},
		{"1pc", 16, true, false},
		{"2em", 32, true, false},
		{"100%", 0, false, true},
		{"", 0, false, false},
		{"-5", 0, false, false},
		{"0", 0, false, false},
		{"auto", 0, false, false},
		{"12furlongs", 0, false, false},
		{"NaN", 0, false, false},
		{"1e400", 0, false, false},
	}
	for _, tt := range tests {
		l := parseLength(tt.in)
		if l.ok != tt.ok || l.percent != tt.pct || math.Abs(l.px-tt.px) > 1e-9 {
			t.Errorf("parseLength(%q) = %+v", tt.in, l)
		}
	}
}

func TestParseViewBox(t *testing.T) {
	tests := []struct {
		in string
		b  box
		ok bool
	}{
		{"0 0 100 50", box{0, 0, 100, 50}, true},
		{"-10,-10, 20,20", box{-10, -10, 20, 20}, true},
		{"0 0 0 10", box{}, false},
		{"0 0 10", box{}, false},
		{"0 0 1e12 10", box{}, false},
		{"a b c d", box{}, false},
	}
	for _, tt := range tests {
		b, ok := parseViewBox(tt.in)
		if b != tt.b || ok != tt.ok {
			t.Errorf("parseViewBox(%q) = %v, %v", tt.in, b, ok)
		}
	}
}

func TestUserBoxAndPixelBox(t *testing.T) {
	tests := []struct {
		svg  string
		want box
		w, h int
	}{
		{`<svg viewBox="0 0 200 100" width="10" height="10"/>`, box{0, 0, 200, 100}, 360, 180},
		{`<svg width="10mm" height="20mm"/>`, box{0, 0, 10 * 96 / 25.4, 20 * 96 / 25.4}, 180, 360},
		{`<svg width="50%" height="50%"/>`, defaultViewport, 360, 180},
		{`<svg width="40"/>`, box{0, 0, 40, 40}, 360, 360},
		{`<svg width="100000000" height="1"/>`, box{0, 0, 1e7, 1}, 360, 23},
	}
	for _, tt := range tests {
		doc, err := sanitizeSVG([]byte(tt.svg))
		if err != nil {
			t.Fatal(err)
		}
		got := doc.userBox()
		if math.Abs(got.W-tt.want.W) > 1e-9 || math.Abs(got.H-tt.want.H) > 1e-9 {
			t.Errorf("%s: box %v, want %v", tt.svg, got, tt.want)
		}
		if w, h := pixelBox(got, 360); w != tt.w || h != tt.h {
			t.Errorf("%s: pixels %dx%d, want %dx%d", tt.svg, w, h, tt.w, tt.h)
		}
	}
}
