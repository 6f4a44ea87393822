package brochure

import (
	"bytes"
	"image/color"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// render1 renders in and fails the test on error.
func render1(t *testing.T, in Input) ([]byte, Result) {
	t.Helper()
	var buf bytes.Buffer
	res, err := Render(&buf, in)
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		t.Fatal("output is not a PDF")
	}
	return buf.Bytes(), res
}

// pdfText extracts the text of a PDF in content order, or skips without pdftotext.
func pdfText(t *testing.T, pdf []byte, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (apt-get install poppler-utils); skipping text check")
	}
	f := filepath.Join(t.TempDir(), "b.pdf")
	if err := os.WriteFile(f, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", append(append([]string{"-enc", "UTF-8"}, args...), f, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func hasWarning(res Result, sub string) bool {
	for _, w := range res.Warnings {
		if strings.Contains(w, sub) {
			return true
		}
	}
	return false
}

func TestRenderDeterministic(t *testing.T) {
	for _, layout := range []string{roadmap.LayoutPairs, roadmap.LayoutFlow} {
		a, _ := render1(t, fixtureInput(t, layout, ""))
		b, _ := render1(t, fixtureInput(t, layout, ""))
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two renders of the same input differ", layout)
		}
	}
}

func TestRenderErrors(t *testing.T) {
	good := fixtureInput(t, "", "")
	tests := []struct {
		name string
		edit func(*Input)
		want string
	}{
		{"no projects", func(in *Input) { in.Projects = nil }, "no projects"},
		{"unknown layout", func(in *Input) { in.Client.Layout = "grid" }, `layout "grid"`},
		{"unknown page size", func(in *Input) { in.Client.PageSize = "Tabloid" }, `page size "Tabloid"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := good
			tt.edit(&in)
			_, err := Render(&bytes.Buffer{}, in)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestRenderBadInput(t *testing.T) {
	long := strings.Repeat("Refactor the solver interface for clarity ", 8)[:300]
	huge := strings.Repeat("The maintainers want the parser rewritten so that it streams. ", 5000/10)
	tests := []struct {
		name     string
		edit     func(*Input)
		warning  string   // a warning containing this
		text     []string // extracted text containing these
		textNot  []string
		fallback bool // needs the fallback font installed
	}{
		{
			name:    "project without items",
			edit:    func(in *Input) { in.Projects[1].Items = nil },
			warning: "has no roadmap items",
			text:    []string{"No current roadmap items"},
		},
		{
			name:    "corrupt logo",
			edit:    func(in *Input) { in.Projects[0].Logo.Data = []byte("\x89PNG\r\n\x1a\nnot really a png") },
			warning: "logo unusable",
			text:    []string{"Or"}, // the monogram
		},
		{
			name: "truncated logo",
			edit: func(in *Input) {
				d := in.Projects[0].Logo.Data
				in.Projects[0].Logo.Data = d[:len(d)/2]
			},
			warning: "logo unusable",
		},
		{
			name:    "300-character title",
			edit:    func(in *Input) { in.Projects[0].Items[0].Title = long },
			warning: "cut to fit",
			text:    []string{"Refactor the solver interface"},
		},
		{
			name: "5000-word summary",
			edit: func(in *Input) { in.Projects[2].Items[0].Summary = huge },
			text: []string{"that it streams…"},
		},
		{
			name: "Chinese, Arabic and emoji without fallback font",
			edit: func(in *Input) {
				in.Projects[0].Items[0].Title = "数据管道 roadmap"
				in.Projects[0].Items[1].Summary = "خارطة الطريق للمشروع"
				in.Projects[3].Project.Tagline = "Bayesian 👍🏽 workflows 🎉"
			},
			warning: "replaced with □; pass a fallback font",
			text:    []string{"□□□□ roadmap", "Bayesian □ workflows □"},
		},
		{
			name: "Chinese with fallback font",
			edit: func(in *Input) {
				in.FallbackFont = droidFallback(t)
				in.Projects[0].Items[0].Title = "数据管道 roadmap"
			},
			text:     []string{"数据管道 roadmap"},
			textNot:  []string{"□"},
			fallback: true,
		},
		{
			name: "client name with quotes and ampersands",
			edit: func(in *Input) { in.Client.Name = `Smith & "Jones" <Labs> (O'Brien)` },
			text: []string{`Prepared for Smith & "Jones" <Labs> (O'Brien)`, `Roadmap opportunities for Smith & "Jones"`},
		},
		{
			name: "block taller than a column",
			edit: func(in *Input) {
				p := &in.Projects[0]
				for len(p.Items) < 9 {
					it := p.Items[0]
					it.Summary = huge
					p.Items = append(p.Items, it)
				}
			},
			// It continues in the next column instead of being cut.
			text: []string{"(continued)"},
		},
		{
			name:    "non-http link is not linked",
			edit:    func(in *Input) { in.Projects[0].Items[2].URL = "javascript:alert(1)" },
			warning: "not http(s)",
			textNot: []string{"javascript"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := fixtureInput(t, "", "")
			tt.edit(&in)
			if tt.fallback && in.FallbackFont == nil {
				t.Skip("no fallback font installed")
			}
			pdf, res := render1(t, in)
			if tt.warning != "" && !hasWarning(res, tt.warning) {
				t.Errorf("warnings %q lack %q", res.Warnings, tt.warning)
			}
			if len(tt.text)+len(tt.textNot) == 0 {
				return
			}
			text := pdfText(t, pdf, "-raw")
			for _, s := range tt.text {
				if !strings.Contains(text, s) {
					t.Errorf("text lacks %q:\n%s", s, text)
				}
			}
			for _, s := range tt.textNot {
				if strings.Contains(text, s) {
					t.Errorf("text has %q", s)
				}
			}
		})
	}
}

// droidFallback returns a CJK TrueType font when one is installed.
func droidFallback(t *testing.T) []byte {
	b, err := os.ReadFile("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")
	if err != nil {
		return nil
	}
	return b
}

func TestRenderMetadata(t *testing.T) {
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		t.Skip("pdfinfo not installed")
	}
	pdf, _ := render1(t, fixtureInput(t, "", roadmap.PageA4))
	f := filepath.Join(t.TempDir(), "b.pdf")
	os.WriteFile(f, pdf, 0o644)
	out, err := exec.Command("pdfinfo", f).Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Title:           Roadmap opportunities for ACME Corp",
		"Author:          Open Source Lab",
		"Creator:         roadmapper",
		"Subject:         Community work orders on the roadmaps of 5 open-source projects",
		"Page size:       595.28 x 841.89 pts (A4)",
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, out)
		}
	}
}

// TestReadingOrder checks that the content stream reads as a person
// would: the cover, then per row of pairs the left project and then the
// right one, or in flow column one and then column two, then the closing.
// `pdftotext -raw` follows the content stream, as do copy and paste,
// screen readers and most viewers' text extraction. Plain `pdftotext`
// reorders blocks by its own layout analysis; the package documentation
// says why that order cannot be guaranteed.
func TestReadingOrder(t *testing.T) {
	for _, layout := range []string{roadmap.LayoutPairs, roadmap.LayoutFlow} {
		t.Run(layout, func(t *testing.T) {
			in := fixtureInput(t, layout, "")
			var buf bytes.Buffer
			_, pl, err := render(&buf, in)
			if err != nil {
				t.Fatal(err)
			}
			pages := strings.Split(pdfText(t, buf.Bytes(), "-raw"), "\f")
			g, _ := newGeometry(in.Client.PageSize)
			for pi, p := range pl.pages {
				blocks := append([]placement(nil), p.blocks...)
				sort.SliceStable(blocks, func(a, b int) bool {
					ka, kb := readingKey(blocks[a], g, layout), readingKey(blocks[b], g, layout)
					if ka[0] != kb[0] {
						return ka[0] < kb[0]
					}
					return ka[1] < kb[1]
				})
				text, at := pages[pi], 0
				for _, b := range blocks {
					for _, l := range b.b.lines {
						i := strings.Index(text[at:], l.text)
						if i < 0 {
							t.Fatalf("page %d: %q missing or out of reading order in:\n%s", pi+1, l.text, text)
						}
						at += i + len(l.text)
					}
				}
			}
		})
	}
}

// readingKey orders placed blocks as a reader takes them: in pairs by row
// then column; in flow the cover, column one, column two, then anything
// placed across both columns below them.
func readingKey(b placement, g geometry, layout string) [2]float64 {
	col := 0.0
	if b.x > g.left+g.colW {
		col = 1
	}
	if layout == roadmap.LayoutPairs {
		return [2]float64{b.y, col}
	}
	switch {
	case b.full && b.y == g.top:
		col = -1
	case b.full:
		col = 2
	}
	return [2]float64{col, b.y}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "acme.pdf")
	res, err := WriteFile(path, fixtureInput(t, "", ""))
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) || res.Pages < 1 {
		t.Fatalf("file: %v, %d bytes, %d pages", err, len(b), res.Pages)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("directory holds %d entries, want only the PDF", len(entries))
	}
}

func TestWriteFileErrors(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "plain")
	os.WriteFile(file, []byte("x"), 0o644)
	readonly := filepath.Join(dir, "readonly")
	os.Mkdir(readonly, 0o555)
	tests := []struct {
		name, path string
		in         func(*Input)
		root       bool // meaningless when running as root
	}{
		{name: "missing directory", path: filepath.Join(dir, "nope", "acme.pdf")},
		{name: "parent is a file", path: filepath.Join(file, "acme.pdf")},
		{name: "read-only directory", path: filepath.Join(readonly, "acme.pdf"), root: true},
		{name: "render fails", path: filepath.Join(dir, "bad.pdf"), in: func(in *Input) { in.Projects = nil }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.root && os.Geteuid() == 0 {
				t.Skip("root can write anywhere")
			}
			in := fixtureInput(t, "", "")
			if tt.in != nil {
				tt.in(&in)
			}
			_, err := WriteFile(tt.path, in)
			if err == nil || !strings.Contains(err.Error(), tt.path) {
				t.Fatalf("err = %v, want one naming %s", err, tt.path)
			}
			if _, err := os.Stat(tt.path); err == nil {
				t.Errorf("%s exists after a failed write", tt.path)
			}
			for _, d := range []string{dir, readonly} {
				entries, _ := os.ReadDir(d)
				for _, e := range entries {
					if strings.HasSuffix(e.Name(), ".tmp") {
						t.Errorf("temporary file %s left behind", e.Name())
					}
				}
			}
		})
	}
}

// TestRenderDeterministicSameWidthLogos: fpdf writes images ordered by
// pixel width only, so logos of equal width would come out in map order;
// renders must still be byte-identical.
func TestRenderDeterministicSameWidthLogos(t *testing.T) {
	in := fixtureInput(t, roadmap.LayoutPairs, "")
	for i := range in.Projects {
		in.Projects[i].Logo = testLogo(t, 120, 80, color.NRGBA{uint8(40 * i), 90, 200 - uint8(30*i), 255})
	}
	first, _ := render1(t, in)
	for run := 0; run < 8; run++ {
		if again, _ := render1(t, in); !bytes.Equal(first, again) {
			t.Fatalf("render %d differs from the first", run+2)
		}
	}
}

// TestFreshnessLine: a roadmap dated by a year alone says so, not "January".
func TestFreshnessLine(t *testing.T) {
	in := fixtureInput(t, roadmap.LayoutPairs, "")
	in.Projects[0].Updated = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	in.Projects[0].UpdatedPrecision = roadmap.PrecisionYear
	in.Projects[1].Updated = time.Date(2025, 10, 27, 0, 0, 0, 0, time.UTC)
	in.Projects[1].UpdatedPrecision = roadmap.PrecisionDay
	in.Projects[2].Updated = time.Time{}
	in.CrawledAt = time.Date(2026, 11, 25, 3, 0, 0, 0, time.UTC)
	pdf, _ := render1(t, in)
	txt := pdfText(t, pdf, "-raw")
	for _, want := range []string{"Roadmap updated in 2024", "Roadmap updated October 2025", "Roadmap checked November 2026"} {
		if !strings.Contains(txt, want) {
			t.Errorf("brochure lacks %q", want)
		}
	}
	if strings.Contains(txt, "January 2024") {
		t.Error("a year-only date printed as January")
	}
}
