package logo

import (
	"bytes"
	"compress/gzip"
	"context"
	"image"
	"image/color"
	"image/color/palette"
	"image/gif"
	"image/jpeg"
	"image/png"
	"runtime"
	"strings"
	"testing"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

func gzipBytes(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

func encodeJPEG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// opaque is a fully drawn w×h image (no margin to trim).
func opaque(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x * 255 / w), 90, uint8(y * 255 / h), 255})
		}
	}
	return img
}

func nested(depth int) []byte {
	var b strings.Builder
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">`)
	b.WriteString(strings.Repeat("<g>", depth))
	b.WriteString(`<rect width="10" height="10" fill="red"/>`)
	b.WriteString(strings.Repeat("</g>", depth))
	b.WriteString(`</svg>`)
	return []byte(b.String())
}

func manyElements(n int) []byte {
	var b strings.Builder
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">`)
	b.WriteString(strings.Repeat(`<g/>`, n))
	b.WriteString(`</svg>`)
	return []byte(b.String())
}

func TestPrepare(t *testing.T) {
	img16 := image.NewNRGBA64(image.Rect(0, 0, 80, 60))
	for y := 10; y < 50; y++ {
		for x := 10; x < 70; x++ {
			img16.Set(x, y, color.NRGBA64{0x1234, uint16(x * 800), 0xFFFF, 0xFFFF})
		}
	}
	pal := image.NewPaletted(image.Rect(0, 0, 64, 64), color.Palette{color.Transparent, color.RGBA{0, 128, 0, 255}, color.RGBA{0, 0, 128, 255}})
	for y := 8; y < 56; y++ {
		for x := 8; x < 56; x++ {
			pal.SetColorIndex(x, y, uint8(1+x%2))
		}
	}
	var gifBuf bytes.Buffer
	gp := image.NewPaletted(image.Rect(0, 0, 40, 40), palette.Plan9)
	for i := range gp.Pix {
		gp.Pix[i] = uint8(i % 200)
	}
	if err := gif.Encode(&gifBuf, gp, nil); err != nil {
		t.Fatal(err)
	}
	rgbaPNG := encodePNG(t, drawing(200, 100, 20))
	smallJPEG := encodeJPEG(t, opaque(120, 80))

	tests := []struct {
		name       string
		data       []byte
		opts       Options
		wantMethod string
		wantFormat string
		wantNote   string // substring of Note
		wantW      int    // 0: not checked
		wantH      int
	}{
		{name: "nil is missing", data: nil, wantMethod: roadmap.LogoMonogram, wantNote: "missing"},
		{name: "zero bytes", data: []byte{}, wantMethod: roadmap.LogoMonogram, wantNote: "empty file"},
		{name: "over MaxBytes", data: rgbaPNG, opts: Options{MaxBytes: 100}, wantMethod: roadmap.LogoMonogram, wantNote: "too large"},
		{name: "png trimmed with 2% pad", data: rgbaPNG, wantMethod: roadmap.LogoPNG, wantFormat: "png", wantW: 166, wantH: 66},
		{name: "png 16-bit", data: encodePNG(t, img16), wantMethod: roadmap.LogoPNG, wantFormat: "png", wantW: 62, wantH: 42},
		{name: "png paletted with transparency", data: encodePNG(t, pal), wantMethod: roadmap.LogoPNG, wantFormat: "png", wantW: 50, wantH: 50},
		{name: "png downscaled", data: encodePNG(t, opaque(1200, 800)), wantMethod: roadmap.LogoPNG, wantFormat: "png", wantW: 600, wantH: 400},
		{name: "png truncated", data: rgbaPNG[:len(rgbaPNG)/2], wantMethod: roadmap.LogoMonogram, wantNote: "corrupt PNG"},
		{name: "png bomb header", data: pngHeaderOnly(100000, 100000), wantMethod: roadmap.LogoMonogram, wantNote: "PNG too large"},
		{name: "png blank", data: encodePNG(t, image.NewNRGBA(image.Rect(0, 0, 50, 50))), wantMethod: roadmap.LogoMonogram, wantNote: "PNG is blank"},
		{name: "jpeg kept", data: smallJPEG, wantMethod: roadmap.LogoJPEG, wantFormat: "jpeg", wantW: 120, wantH: 80},
		{name: "jpeg large re-encoded", data: encodeJPEG(t, opaque(900, 300)), wantMethod: roadmap.LogoJPEG, wantFormat: "png", wantNote: "downscaled from 900x300", wantW: 600, wantH: 200},
		{name: "jpeg with margins re-encoded", data: encodeJPEG(t, whiteMargins(200, 200)), wantMethod: roadmap.LogoJPEG, wantFormat: "png", wantNote: "margins trimmed"},
		{name: "jpeg truncated", data: smallJPEG[:len(smallJPEG)/3], wantMethod: roadmap.LogoMonogram, wantNote: "corrupt JPEG"},
		{name: "gif to png", data: gifBuf.Bytes(), wantMethod: roadmap.LogoPNG, wantFormat: "png", wantNote: "converted from GIF"},
		{name: "webp unsupported", data: []byte("RIFF\x10\x00\x00\x00WEBPVP8 ........"), wantMethod: roadmap.LogoMonogram, wantNote: "WebP"},
		{name: "html page", data: []byte("<!doctype html><p>404</p>"), wantMethod: roadmap.LogoMonogram, wantNote: "not a PNG, JPEG, GIF or SVG"},
		{name: "svg circle", data: fixture(t, "circle.svg"), wantMethod: roadmap.LogoSVGPure, wantFormat: "png", wantW: 360, wantH: 360},
		{name: "svgz circle", data: gzipBytes(t, fixture(t, "circle.svg")), wantMethod: roadmap.LogoSVGPure, wantFormat: "png", wantW: 360, wantH: 360},
		{name: "gzip of not svg", data: gzipBytes(t, []byte("hello")), wantMethod: roadmap.LogoMonogram, wantNote: "gzip file does not hold an SVG"},
		{name: "gzip bomb capped", data: gzipBytes(t, make([]byte, 2<<20)), opts: Options{MaxBytes: 1 << 20}, wantMethod: roadmap.LogoMonogram, wantNote: "gzip expands beyond"},
		{name: "svg use and text", data: fixture(t, "use_text.svg"), wantMethod: roadmap.LogoSVGPure, wantFormat: "png", wantNote: "oksvg ignores <text>"},
		{name: "svg external refs stripped", data: fixture(t, "external.svg"), wantMethod: roadmap.LogoSVGPure, wantFormat: "png", wantNote: "<image>"},
		{name: "svg billion laughs", data: fixture(t, "laughs.svg"), wantMethod: roadmap.LogoMonogram, wantNote: "unsafe SVG: DOCTYPE declares entities"},
		{name: "svg huge width with viewBox", data: fixture(t, "huge.svg"), wantMethod: roadmap.LogoSVGPure, wantFormat: "png"},
		{name: "svg huge width without viewBox", data: fixture(t, "huge_noviewbox.svg"), wantMethod: roadmap.LogoMonogram, wantNote: "SVG rasterised blank (oksvg)"},
		{name: "svg blank", data: fixture(t, "blank.svg"), wantMethod: roadmap.LogoMonogram, wantNote: "SVG rasterised blank (oksvg)"},
		{name: "svg flat box", data: fixture(t, "flat.svg"), wantMethod: roadmap.LogoMonogram, wantNote: "SVG rasterised blank (oksvg)"},
		{name: "svg root is html", data: fixture(t, "notsvg.html"), wantMethod: roadmap.LogoMonogram, wantNote: "not an SVG document (root <html>)"},
		{name: "svg malformed", data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"><g></svg>`), wantMethod: roadmap.LogoMonogram, wantNote: "invalid SVG"},
		{name: "svg too deep", data: nested(maxSVGDepth + 5), wantMethod: roadmap.LogoMonogram, wantNote: "SVG too deep"},
		{name: "svg too many elements", data: manyElements(maxSVGElements + 1), wantMethod: roadmap.LogoMonogram, wantNote: "SVG too complex"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := tt.opts
			opts.Rsvg = "-"
			lg := Prepare(context.Background(), testProject, tt.data, "image/png", opts)
			checkLogo(t, lg, testProject)
			if lg.Method != tt.wantMethod {
				t.Errorf("method = %s (note %q), want %s", lg.Method, lg.Note, tt.wantMethod)
			}
			if tt.wantFormat != "" && lg.Format != tt.wantFormat {
				t.Errorf("format = %s, want %s", lg.Format, tt.wantFormat)
			}
			if !strings.Contains(lg.Note, tt.wantNote) {
				t.Errorf("note = %q, want it to contain %q", lg.Note, tt.wantNote)
			}
			if tt.wantMethod == roadmap.LogoMonogram && lg.Note == "" {
				t.Error("a monogram must say why")
			}
			if tt.wantW != 0 && (lg.Width != tt.wantW || lg.Height != tt.wantH) {
				t.Errorf("size = %dx%d, want %dx%d", lg.Width, lg.Height, tt.wantW, tt.wantH)
			}
		})
	}
}

// whiteMargins is a white w×h image with a dark block in its middle third.
func whiteMargins(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.RGBA{255, 255, 255, 255}
			if x > w/3 && x < 2*w/3 && y > h/3 && y < 2*h/3 {
				c = color.RGBA{10, 40, 90, 255}
			}
			img.Set(x, y, c)
		}
	}
	return img
}

func TestPrepareKeepsSmallJPEGBytes(t *testing.T) {
	data := encodeJPEG(t, opaque(120, 80))
	lg := Prepare(context.Background(), testProject, data, "", pureOpts)
	if !bytes.Equal(lg.Data, data) {
		t.Fatal("a small baseline JPEG without margins must be kept byte for byte")
	}
}

func TestPreparePNGIsEightBitNRGBA(t *testing.T) {
	img := image.NewNRGBA64(image.Rect(0, 0, 30, 30))
	for i := range img.Pix {
		img.Pix[i] = 0x80
	}
	lg := Prepare(context.Background(), testProject, encodePNG(t, img), "", pureOpts)
	// IHDR: bit depth at byte 24, colour type at byte 25 (6 = RGBA).
	if lg.Data[24] != 8 || lg.Data[25] != 6 {
		t.Fatalf("bit depth %d colour type %d, want 8-bit RGBA", lg.Data[24], lg.Data[25])
	}
	if _, err := png.Decode(bytes.NewReader(lg.Data)); err != nil {
		t.Fatal(err)
	}
}

// TestPrepareBombHeaderDoesNotAllocate checks that a PNG claiming 10^10
// pixels is refused from its header alone.
func TestPrepareBombHeaderDoesNotAllocate(t *testing.T) {
	data := pngHeaderOnly(100000, 100000)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	lg := Prepare(context.Background(), testProject, data, "", pureOpts)
	runtime.ReadMemStats(&after)
	if lg.Method != roadmap.LogoMonogram {
		t.Fatalf("method %s", lg.Method)
	}
	// The monogram itself allocates a few MiB; decoding would need 40 GB.
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 64<<20 {
		t.Fatalf("allocated %d bytes for a rejected header", grew)
	}
}

func TestPrepareDeterministic(t *testing.T) {
	inputs := map[string][]byte{
		"circle.svg":   fixture(t, "circle.svg"),
		"use_text.svg": fixture(t, "use_text.svg"),
		"png":          encodePNG(t, drawing(300, 200, 30)),
		"missing":      nil,
	}
	for name, data := range inputs {
		a := Prepare(context.Background(), testProject, data, "", pureOpts)
		b := Prepare(context.Background(), testProject, data, "", pureOpts)
		if !bytes.Equal(a.Data, b.Data) || a.Note != b.Note {
			t.Errorf("%s: two runs differ", name)
		}
	}
}

func TestPrepareHonoursDPI(t *testing.T) {
	svg := []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#336699"/><circle cx="5" cy="5" r="3" fill="#ffcc00"/></svg>`)
	for _, tt := range []struct{ dpi, want int }{{300, 360}, {100, 120}, {5000, maxSide}} {
		lg := Prepare(context.Background(), testProject, svg, "", Options{Rsvg: "-", DPI: tt.dpi})
		if lg.Method != roadmap.LogoSVGPure {
			t.Fatalf("dpi %d: method %s note %q", tt.dpi, lg.Method, lg.Note)
		}
		// A full-bleed square fills the box: nothing to trim.
		if lg.Width != tt.want || lg.Height != tt.want {
			t.Errorf("dpi %d: %dx%d, want %d square", tt.dpi, lg.Width, lg.Height, tt.want)
		}
	}
}

func TestJPEGProgressive(t *testing.T) {
	seg := func(marker byte, n int) []byte {
		return append([]byte{0xFF, marker, byte((n + 2) >> 8), byte(n + 2)}, make([]byte, n)...)
	}
	soi := []byte{0xFF, 0xD8}
	base := append(append(append([]byte{}, soi...), seg(0xE0, 14)...), seg(0xC0, 11)...)
	prog := append(append(append([]byte{}, soi...), seg(0xE0, 14)...), seg(0xC2, 11)...)
	if jpegProgressive(base) {
		t.Error("baseline read as progressive")
	}
	if !jpegProgressive(prog) {
		t.Error("progressive not detected")
	}
	if jpegProgressive(encodeJPEG(t, opaque(8, 8))) {
		t.Error("Go's baseline JPEG read as progressive")
	}
}
