package logo

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

var testProject = roadmap.Project{Slug: "numpy", Name: "NumPy", Logo: "https://example.invalid/logo.svg", Colour: "#4D77CF"}

// pureOpts never runs rsvg-convert.
var pureOpts = Options{Rsvg: "-"}

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// drawing is a w×h image on a transparent background with a filled
// rectangle and a darker square inside a margin of m pixels.
func drawing(w, h, m int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := m; y < h-m; y++ {
		for x := m; x < w-m; x++ {
			c := color.NRGBA{200, 60, 40, 255}
			if x < w/2 && y < h/2 {
				c = color.NRGBA{20, 30, 120, 255}
			}
			img.SetNRGBA(x, y, c)
		}
	}
	return img
}

func encodePNG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// pngHeaderOnly is a PNG whose IHDR claims w×h 8-bit RGBA pixels, with one
// empty IDAT and IEND: enough for DecodeConfig, a bomb for Decode.
func pngHeaderOnly(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		_ = binary.Write(&b, binary.BigEndian, uint32(len(data)))
		crc := crc32.NewIEEE()
		crc.Write([]byte(typ))
		crc.Write(data)
		b.WriteString(typ)
		b.Write(data)
		_ = binary.Write(&b, binary.BigEndian, crc.Sum32())
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 6 // bit depth 8, colour type RGBA
	chunk("IHDR", ihdr)
	chunk("IDAT", nil)
	chunk("IEND", nil)
	return b.Bytes()
}

// checkLogo asserts the invariants every Prepare result keeps: a decodable
// PNG or JPEG of the stated size, tagged with the project.
func checkLogo(t *testing.T, lg roadmap.Logo, p roadmap.Project) {
	t.Helper()
	if lg.Project != p.Slug || lg.Source != p.Logo {
		t.Errorf("project/source = %q/%q, want %q/%q", lg.Project, lg.Source, p.Slug, p.Logo)
	}
	if lg.Format != "png" && lg.Format != "jpeg" {
		t.Fatalf("format %q", lg.Format)
	}
	cfg, f, err := image.DecodeConfig(bytes.NewReader(lg.Data))
	if err != nil {
		t.Fatalf("result does not decode: %v", err)
	}
	if f != lg.Format || cfg.Width != lg.Width || cfg.Height != lg.Height {
		t.Errorf("data is %s %dx%d, logo says %s %dx%d", f, cfg.Width, cfg.Height, lg.Format, lg.Width, lg.Height)
	}
	if max(lg.Width, lg.Height) > maxSide {
		t.Errorf("%dx%d exceeds %d px", lg.Width, lg.Height, maxSide)
	}
	img, _, err := image.Decode(bytes.NewReader(lg.Data))
	if err != nil {
		t.Fatal(err)
	}
	if IsBlank(img) {
		t.Errorf("result is blank (method %s)", lg.Method)
	}
}
