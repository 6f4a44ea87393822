package logo

import (
	"encoding/base64"
	"github.com/roadmapper/roadmapper/internal/testutil"

	"bytes"
	"flag"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/golden")

// TestSanitizeGolden compares the sanitised, sized form of each SVG fixture
// with testdata/golden/<name>. A missing golden file fails; -update writes it.
func TestSanitizeGolden(t *testing.T) {
	for _, name := range []string{"circle.svg", "use_text.svg", "external.svg", "huge.svg", "huge_noviewbox.svg", "blank.svg", "flat.svg"} {
		t.Run(name, func(t *testing.T) {
			doc, err := sanitizeSVG(fixture(t, name))
			if err != nil {
				t.Fatal(err)
			}
			vb := doc.userBox()
			w, h := pixelBox(vb, 360)
			got := doc.render(vb, w, h)
			testutil.Golden(t, name, got, *update)
		})
	}
}

// TestSanitizeStripsExternal checks that nothing in the output could make a
// renderer fetch or run anything.
func TestSanitizeStripsExternal(t *testing.T) {
	doc, err := sanitizeSVG(fixture(t, "external.svg"))
	if err != nil {
		t.Fatal(err)
	}
	out := string(doc.render(doc.userBox(), 100, 100))
	for _, bad := range []string{"example.invalid", "<script", "foreignObject", "onload", "javascript:", "@import", "alert"} {
		if strings.Contains(out, bad) {
			t.Errorf("output still holds %q:\n%s", bad, out)
		}
	}
	removed := strings.Join(doc.removed, " | ")
	for _, want := range []string{"script", "foreignobject", "onload", "href=http://example.invalid/tracker.png", "href=https://example.invalid/other.png", "href=javascript:alert(2)", "@import", "url(http://example.invalid/s)"} {
		if !strings.Contains(removed, want) {
			t.Errorf("removed list %q lacks %q", removed, want)
		}
	}
	// The drawing itself survives.
	if !strings.Contains(out, `<rect x="10" y="10" width="80" height="80" fill="#2ca02c"`) || !strings.Contains(out, "<circle") {
		t.Errorf("drawing lost:\n%s", out)
	}
}

func TestSanitizeKeepsSafeRefs(t *testing.T) {
	small := "data:image/png;base64," + base64.StdEncoding.EncodeToString(pngHeaderOnly(4, 4))
	in := `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 4 4">` +
		`<defs><linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient></defs>` +
		`<rect width="4" height="4" fill="url(#g)"/><use xlink:href="#g"/>` +
		`<image href="` + small + `"/><image href="data:image/svg+xml;base64,AAAA"/></svg>`
	doc, err := sanitizeSVG([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	out := string(doc.render(doc.userBox(), 4, 4))
	for _, keep := range []string{`fill="url(#g)"`, `xlink:href="#g"`, `href="` + small + `"`} {
		if !strings.Contains(out, keep) {
			t.Errorf("lost %s:\n%s", keep, out)
		}
	}
	if strings.Contains(out, "svg+xml") {
		t.Errorf("nested SVG data URI kept:\n%s", out)
	}
}

func TestSanitizeRejects(t *testing.T) {
	tests := map[string]string{
		"entity":        `<!DOCTYPE svg [<!ENTITY a "b">]><svg/>`,
		"undefined ref": `<svg xmlns="http://www.w3.org/2000/svg">&ext;</svg>`,
		"two roots":     `<svg></svg><svg></svg>`,
		"no root":       `<!-- nothing -->`,
		"unclosed":      `<svg><g>`,
		"root not svg":  `<html/>`,
	}
	for name, in := range tests {
		if _, err := sanitizeSVG([]byte(in)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	// A plain external DOCTYPE is dropped, not refused and never fetched.
	plain := `<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg viewBox="0 0 1 1"/>`
	doc, err := sanitizeSVG([]byte(plain))
	if err != nil {
		t.Fatalf("plain DOCTYPE: %v", err)
	}
	if out := doc.render(doc.userBox(), 1, 1); bytes.Contains(out, []byte("DOCTYPE")) || bytes.Contains(out, []byte("w3.org/Graphics")) {
		t.Errorf("DOCTYPE kept: %s", out)
	}
}

func TestSanitizeHoistsDefsAndStyle(t *testing.T) {
	in := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><style>.a{fill:#f00}</style>` +
		`<use href="#r"/><defs><rect id="r" width="4" height="4"/></defs></svg>`
	doc, err := sanitizeSVG([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	want := `<defs><style>.a{fill:#f00}</style></defs><defs><rect id="r" width="4" height="4"></rect></defs><use href="#r"></use></svg>`
	if got := string(doc.body); got != want {
		t.Errorf("body\n got %s\nwant %s", got, want)
	}
}

func TestCleanCSS(t *testing.T) {
	tests := []struct{ in, want string }{
		{`fill:red`, `fill:red`},
		{`fill:url(#a)`, `fill:url(#a)`},
		{`fill:url( "http://x/y" )`, `fill:none`},
		{`@import "http://x/y.css"; .a{fill:red}`, `  .a{fill:red}`},
		{`@im@import x;port url(http://z)`, `@im port none`},
		{`fill:u\72l(http://x)`, ``},
		{`background:URL('` + smallPNG + `')`, `background:URL('` + smallPNG + `')`},
		{`background:url(` + hugePNG + `)`, `background:none`},
		{`background:url(data:image/png;base64,AA)`, `background:none`},
	}
	for _, tt := range tests {
		d := &svgDoc{maxPixels: DefaultMaxPixels}
		if got := d.cleanCSS(tt.in); got != tt.want {
			t.Errorf("cleanCSS(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
