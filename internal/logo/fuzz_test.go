package logo

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
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
