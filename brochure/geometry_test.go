package brochure

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// bboxDoc is the XHTML that `pdftotext -bbox` writes.
type bboxDoc struct {
	Pages []struct {
		Width  float64    `xml:"width,attr"`
		Height float64    `xml:"height,attr"`
		Words  []bboxWord `xml:"word"`
	} `xml:"body>doc>page"`
}

type bboxWord struct {
	XMin float64 `xml:"xMin,attr"`
	YMin float64 `xml:"yMin,attr"`
	XMax float64 `xml:"xMax,attr"`
	YMax float64 `xml:"yMax,attr"`
	Text string  `xml:",chardata"`
}

func (w bboxWord) String() string {
	return fmt.Sprintf("%q [%.1f,%.1f–%.1f,%.1f]", w.Text, w.XMin, w.YMin, w.XMax, w.YMax)
}

const ptPerMM = 72 / 25.4

// wordBoxes renders in and returns the words of every page with their boxes.
func wordBoxes(t *testing.T, pdf []byte) bboxDoc {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (apt-get install poppler-utils); skipping geometry check")
	}
	f := filepath.Join(t.TempDir(), "b.pdf")
	if err := os.WriteFile(f, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", "-bbox", f, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox: %v", err)
	}
	var doc bboxDoc
	dec := xml.NewDecoder(bytes.NewReader(out))
	dec.Strict = false
	dec.Entity = xml.HTMLEntity
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("parse bbox output: %v", err)
	}
	return doc
}

// stressInput is the fixture with the worst text in it and more projects.
func stressInput(t *testing.T, layout, size string) Input {
	in := fixtureInput(t, layout, size)
	extra := fixtureProjects(t)
	for i := range extra {
		extra[i].Project.Slug += "-2"
	}
	in.Projects = append(in.Projects, extra...)
	in.Projects[0].Items[0].Title = strings.Repeat("Refactor the solver interface for clarity ", 8)[:300]
	in.Projects[1].Items[0].Summary = strings.Repeat("The maintainers want the parser rewritten so that it streams. ", 500)
	in.Projects[2].Items[1].Title = "数据管道与可视化路线图的下一步工作 роадмап ελληνικά"
	in.Projects[3].Project.Tagline = "Bayesian 👍🏽 workflows خارطة الطريق"
	in.Projects[4].Items = append(in.Projects[4].Items, in.Projects[4].Items...)
	in.Projects[5].Items = nil
	in.Projects[6].Project.Name = strings.Repeat("Supercalifragilistic ", 6)
	in.Projects[7].Items[0].URL = "https://example.org/" + strings.Repeat("deeply/nested/", 20) + "page.html#anchor"
	tall := &in.Projects[8]
	for len(tall.Items) < 9 {
		it := tall.Items[0]
		it.Summary = strings.Repeat("A long summary sentence that goes on. ", 40)
		tall.Items = append(tall.Items, it)
	}
	in.Client.Name = `Smith & "Jones" Holdings International Research Consortium`
	in.FallbackFont = droidFallback(t)
	return in
}

// TestGeometry proves with `pdftotext -bbox` that every word lies inside
// the page margins and inside its column (or a full-width block), that
// nothing but footer text lies below the footer rule, and that no two
// words overlap.
func TestGeometry(t *testing.T) {
	cases := []struct {
		name string
		in   func(t *testing.T) Input
	}{
		{"pairs-letter", func(t *testing.T) Input { return fixtureInput(t, roadmap.LayoutPairs, "") }},
		{"flow-letter", func(t *testing.T) Input { return fixtureInput(t, roadmap.LayoutFlow, "") }},
		{"pairs-a4-stress", func(t *testing.T) Input { return stressInput(t, roadmap.LayoutPairs, roadmap.PageA4) }},
		{"flow-letter-stress", func(t *testing.T) Input { return stressInput(t, roadmap.LayoutFlow, "") }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.in(t)
			var buf bytes.Buffer
			_, pl, err := render(&buf, in)
			if err != nil {
				t.Fatal(err)
			}
			g, _ := newGeometry(in.Client.PageSize)
			doc := wordBoxes(t, buf.Bytes())
			if len(doc.Pages) != len(pl.pages) {
				t.Fatalf("%d pages extracted, %d planned", len(doc.Pages), len(pl.pages))
			}
			checkPages(t, doc, pl, g)
		})
	}
}

func checkPages(t *testing.T, doc bboxDoc, pl *plan, g geometry) {
	t.Helper()
	const tol = 0.75 // points
	left, right := g.left*ptPerMM, g.right*ptPerMM
	top, bottom := margin*ptPerMM, (g.pageH-margin)*ptPerMM
	contentTop, contentBottom := g.top*ptPerMM, g.bottom*ptPerMM
	footer := g.footerRule * ptPerMM
	cols := [2][2]float64{
		{g.col(0) * ptPerMM, (g.col(0) + g.colW) * ptPerMM},
		{g.col(1) * ptPerMM, (g.col(1) + g.colW) * ptPerMM},
	}
	for pi, p := range doc.Pages {
		var full [][2]float64 // y ranges of full-width blocks
		for _, b := range pl.pages[pi].blocks {
			if b.full {
				full = append(full, [2]float64{b.y * ptPerMM, (b.y + b.b.h) * ptPerMM})
			}
		}
		for _, w := range p.Words {
			where := fmt.Sprintf("page %d: word %v", pi+1, w)
			if w.XMin < left-tol || w.XMax > right+tol || w.YMin < top-tol || w.YMax > bottom+tol {
				t.Errorf("%s outside the margins", where)
				continue
			}
			switch {
			case w.YMax <= contentTop-2: // header
				continue
			case w.YMin >= footer: // footer: contact, page number, crawl line
				if !footerWord(w.Text) {
					t.Errorf("%s below the footer rule is not footer text", where)
				}
				continue
			case w.YMax > contentBottom+tol:
				t.Errorf("%s runs into the footer", where)
				continue
			}
			inFull := false
			for _, f := range full {
				if w.YMin >= f[0]-tol && w.YMax <= f[1]+tol {
					inFull = true
				}
			}
			inCol := false
			for _, c := range cols {
				if w.XMin >= c[0]-tol && w.XMax <= c[1]+tol {
					inCol = true
				}
			}
			if !inFull && !inCol {
				t.Errorf("%s is in neither column", where)
			}
		}
		for i, a := range p.Words {
			for _, b := range p.Words[i+1:] {
				if a.XMin+0.5 < b.XMax-0.5 && b.XMin+0.5 < a.XMax-0.5 && a.YMin+0.5 < b.YMax-0.5 && b.YMin+0.5 < a.YMax-0.5 {
					t.Errorf("page %d: words %v and %v overlap", pi+1, a, b)
				}
			}
		}
	}
}

// footerWord reports words that belong in the footer of the fixtures.
func footerWord(w string) bool {
	footer := "workorders@example.org · +1 555 0100 https://example.org/work-orders Page of Roadmaps read from the projects on 25 November 2026"
	if strings.Contains(footer, w) {
		return true
	}
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
