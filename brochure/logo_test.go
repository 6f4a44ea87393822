package brochure

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

func encodePNG(t *testing.T, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestRegisterLogo(t *testing.T) {
	// A 100×60 mark at (20,10)–(70,40) on a transparent canvas.
	margins := image.NewNRGBA(image.Rect(0, 0, 100, 60))
	for y := 10; y < 40; y++ {
		for x := 20; x < 70; x++ {
			margins.SetNRGBA(x, y, color.NRGBA{200, 30, 30, 255})
		}
	}
	deep := image.NewRGBA64(image.Rect(0, 0, 40, 40))
	for y := 0; y < 40; y++ {
		for x := 0; x < 40; x++ {
			deep.SetRGBA64(x, y, color.RGBA64{0x1234, 0x5678, 0x9abc, 0xffff})
		}
	}
	opaque := image.NewRGBA(image.Rect(0, 0, 30, 20))
	for y := 0; y < 20; y++ {
		for x := 0; x < 30; x++ {
			opaque.SetRGBA(x, y, color.RGBA{0x20, 0x60, 0x90, 0xff})
		}
	}
	var jpg bytes.Buffer
	jpeg.Encode(&jpg, opaque, nil)
	blank := image.NewNRGBA(image.Rect(0, 0, 50, 50)) // fully transparent
	white := image.NewGray(image.Rect(0, 0, 50, 50))
	for i := range white.Pix {
		white.Pix[i] = 0xff
	}
	tests := []struct {
		name   string
		data   []byte
		w, h   float64
		errSub string
	}{
		{"margins are trimmed", encodePNG(t, margins), 50, 30, ""},
		{"16-bit PNG", encodePNG(t, deep), 40, 40, ""},
		{"opaque PNG", encodePNG(t, opaque), 30, 20, ""},
		{"JPEG", jpg.Bytes(), 30, 20, ""},
		{"transparent image", encodePNG(t, blank), 0, 0, "blank"},
		{"white image", encodePNG(t, white), 0, 0, "blank"},
		{"not an image", []byte("<svg></svg>"), 0, 0, "decode"},
		{"empty", nil, 0, 0, "no image data"},
		{"truncated", encodePNG(t, margins)[:80], 0, 0, "decode"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pdf := fpdf.New("P", "mm", "Letter", "")
			img, err := registerLogo(pdf, "logo", tt.data, nil)
			if tt.errSub != "" {
				if err == nil || !strings.Contains(err.Error(), tt.errSub) {
					t.Fatalf("err = %v, want one containing %q", err, tt.errSub)
				}
				if pdf.Err() {
					t.Fatalf("document left in error: %v", pdf.Error())
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if img.w != tt.w || img.h != tt.h {
				t.Errorf("size %vx%v, want %vx%v", img.w, img.h, tt.w, tt.h)
			}
			pdf.AddPage()
			pdf.ImageOptions("logo", 10, 10, 20, 0, false, fpdf.ImageOptions{}, 0, "")
			if err := pdf.Output(&bytes.Buffer{}); err != nil {
				t.Fatalf("output: %v", err)
			}
		})
	}
}
