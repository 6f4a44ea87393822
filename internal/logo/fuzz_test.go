package logo

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

func addFixtures(f *testing.F) {
	f.Helper()
	paths, _ := filepath.Glob(filepath.Join("testdata", "*.svg"))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><style>.a{fill:url(http://x)}</style><rect class="a" width="4" height="4"/></svg>`))
	f.Add([]byte(`<svg><a xlink:href=" javascript:x"><image href="data:image/svg+xml,&lt;svg/>"/></a></svg>`))
}

// FuzzSanitizeSVG checks that the sanitiser never panics and that its
// output is clean: sanitising it again removes nothing.
func FuzzSanitizeSVG(f *testing.F) {
	addFixtures(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := sanitizeSVG(data)
		if err != nil {
			return
		}
		out := doc.render(doc.userBox(), 10, 10)
		again, err := sanitizeSVG(out)
		if err != nil {
			t.Fatalf("sanitised output does not parse: %v\n%s", err, out)
		}
		if len(again.removed) > 0 {
			t.Fatalf("sanitised output still held %v\n%s", again.removed, out)
		}
		if strings.Contains(strings.ToLower(string(out)), "<!entity") {
			t.Fatalf("entity declaration in output\n%s", out)
		}
	})
}

// FuzzPrepare checks that Prepare never panics and always returns an
// embeddable image.
func FuzzPrepare(f *testing.F) {
	addFixtures(f)
	f.Add(pngHeaderOnly(10, 10))
	f.Add(encodePNG(f, drawing(20, 20, 2)))
	f.Fuzz(func(t *testing.T, data []byte) {
		lg := Prepare(context.Background(), testProject, data, "", Options{Rsvg: "-", DPI: 30, Timeout: 2 * time.Second})
		if (lg.Format != "png" && lg.Format != "jpeg") || len(lg.Data) == 0 || lg.Width <= 0 || lg.Height <= 0 {
			t.Fatalf("unusable result %s %s %dx%d", lg.Method, lg.Format, lg.Width, lg.Height)
		}
	})
}

// FuzzRenderSVG renders (not only sanitises) SVG with the pure-Go
// renderer: the input is the inside of an <svg> element, so mutations stay
// SVG and reach oksvg. Any document must end as a logo or a monogram,
// never as a crash (a Go stack overflow cannot be recovered).
func FuzzRenderSVG(f *testing.F) {
	f.Add(`<rect width="8" height="8" fill="#036"/><circle cx="4" cy="4" r="2" fill="#fc0"/>`)
	f.Add(`<defs><g id="a"><rect width="8" height="8"/><use href="#a"/></g></defs><use href="#a"/>`)
	f.Add(`<defs><rect id="a" width="1" height="1"/><use href="#b"/><rect id="b" width="1" height="1"/><use href="#a"/></defs><use href="#a"/>`)
	f.Add(`<defs><rect id="l0" width="1" height="1"/><g id="l1"><use href="#l0"/><use href="#l0"/></g><g id="l2"><use href="#l1"/><use href="#l1"/></g></defs><use href="#l2"/>`)
	f.Add(`<defs><linearGradient id="g" href="#g"><stop offset="0" stop-color="red"/></linearGradient></defs><path d="M0 0L8 8Z" fill="url(#g)" stroke="#000" stroke-dasharray="1 1"/>`)
	f.Add(`<g transform="rotate(45) scale(1e30)"><ellipse rx="3" ry="1e-9"/><polyline points="0,0 1,1 2,0"/></g>`)
	f.Add(`<image width="8" height="8" href="` + smallPNG + `"/>`)
	// The raster path is called directly: a monogram (what Prepare makes
	// of a failure) costs far more than a render and would starve the fuzzer.
	opts := Options{Rsvg: "-", DPI: 60, Timeout: 5 * time.Second}.withDefaults()
	r := renderer{roadmap.LogoSVGPure, "oksvg", renderOksvg}
	f.Fuzz(func(t *testing.T, inner string) {
		svg := []byte(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">` + inner + `</svg>`)
		doc, err := sanitizeSVGCapped(svg, opts.MaxPixels)
		if err != nil {
			return
		}
		m, err := rasterise(context.Background(), doc, r, opts)
		if err == nil && (m.Bounds().Dx() <= 0 || m.Bounds().Dy() <= 0 || m.Bounds().Dx() > opts.boxPixels() || m.Bounds().Dy() > opts.boxPixels()) {
			t.Fatalf("raster of %v", m.Bounds())
		}
	})
}
