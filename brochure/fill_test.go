package brochure

import (
	"bytes"
	"fmt"
	"image/color"
	"strings"
	"testing"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// fillInput is a brochure of n projects of varied shapes (wide and square
// logos and monograms, one to five items, short and long summaries), as a
// real client's is.
func fillInput(t testing.TB, n int, layout, size string) Input {
	words := strings.Fields("the maintainers want the solver to stream its input so that large problems fit in memory " +
		"and finish in minutes on one machine. It would let users keep their data on the device. " +
		"Today every call copies the whole array twice and holds it until the end. The change touches the public API only lightly.")
	projects := make([]Project, n)
	for i := range projects {
		slug := fmt.Sprintf("project-%02d", i)
		p := Project{Project: roadmap.Project{Slug: slug, Name: fmt.Sprintf("Project %02d", i), Tagline: "A library for doing one thing well, at scale, for everyone"}}
		switch i % 3 {
		case 0:
			p.Logo = testLogo(t, 400, 100, color.NRGBA{30, 90, 140, 255}) // wide wordmark
		case 1:
			p.Logo = testLogo(t, 200, 200, color.NRGBA{140, 60, 40, 255}) // square mark
		}
		for j := 0; j < 1+(i*7)%5; j++ {
			k := 10 + (i*13+j*29)%(len(words)-10)
			p.Items = append(p.Items, item(slug, fmt.Sprintf("Item %d: a piece of funded work on the core", j+1),
				strings.Join(words[:k], " ")+".", fmt.Sprintf("https://github.com/example/%s/issues/%d", slug, j)))
		}
		projects[i] = p
	}
	c := roadmap.Client{Name: "Fill Co", Layout: layout, PageSize: size}
	cp, err := LoadCopy("", CopyData{Client: c, Projects: projects, Date: fixtureGenerated})
	if err != nil {
		t.Fatal(err)
	}
	return Input{Client: c, Projects: projects, Copy: cp, Generated: fixtureGenerated, CrawledAt: fixtureCrawled}
}

// footBlank is, per page, the share of the content area left blank below
// the lowest word of each column (averaged over the two columns), measured
// on the words `pdftotext -bbox` extracts.
func footBlank(doc bboxDoc, g geometry) []float64 {
	top, bottom := g.top*ptPerMM, g.bottom*ptPerMM
	mid := (g.col(0) + g.colW + g.col(1)) / 2 * ptPerMM
	out := make([]float64, len(doc.Pages))
	for i, p := range doc.Pages {
		low := [2]float64{top, top}
		for _, w := range p.Words {
			if w.YMin < top-1 || w.YMax > bottom+1 {
				continue // header and footer
			}
			if w.XMin < mid {
				low[0] = max(low[0], w.YMax)
			}
			if w.XMax > mid {
				low[1] = max(low[1], w.YMax)
			}
		}
		out[i] = ((bottom - low[0]) + (bottom - low[1])) / (2 * (bottom - top))
	}
	return out
}

// TestFillRule: on every page but the last, at most 15% of the content
// area is blank at the foot of the columns, for both layouts and page
// sizes and 5 to 25 projects; no column of a page but the last is empty;
// and a project continued from one column to the next says so.
func TestFillRule(t *testing.T) {
	for _, layout := range []string{roadmap.LayoutPairs, roadmap.LayoutFlow} {
		for _, size := range []string{roadmap.PageLetter, roadmap.PageA4} {
			for _, n := range []int{5, 9, 16, 25} {
				t.Run(fmt.Sprintf("%s-%s-%d", layout, size, n), func(t *testing.T) {
					in := fillInput(t, n, layout, size)
					var buf bytes.Buffer
					_, pl, err := render(&buf, in)
					if err != nil {
						t.Fatal(err)
					}
					g, _ := newGeometry(size)
					doc := wordBoxes(t, buf.Bytes())
					checkPages(t, doc, pl, g)
					blank := footBlank(doc, g)
					for i, b := range blank[:len(blank)-1] {
						if b > maxFootBlank {
							t.Errorf("page %d of %d: %.0f%% blank at the foot (all pages: %s)", i+1, len(blank), 100*b, percents(blank))
						}
					}
					if len(pl.pages) > 1 && !strings.Contains(pdfText(t, buf.Bytes(), "-raw"), "(continued)") {
						t.Logf("no block continued over %d pages", len(pl.pages))
					}
				})
			}
		}
	}
}

func percents(fs []float64) string {
	var parts []string
	for _, f := range fs {
		parts = append(parts, fmt.Sprintf("%.0f%%", 100*f))
	}
	return strings.Join(parts, " ")
}

// TestFlowLastPageUsesBothColumns: the last page of a flow brochure does
// not leave its second column empty while the first runs long.
func TestFlowLastPageUsesBothColumns(t *testing.T) {
	for _, n := range []int{3, 6, 11} {
		in := fillInput(t, n, roadmap.LayoutFlow, "")
		var buf bytes.Buffer
		_, pl, err := render(&buf, in)
		if err != nil {
			t.Fatal(err)
		}
		g, _ := newGeometry("")
		last := pl.pages[len(pl.pages)-1]
		var cols [2]int
		for _, b := range last.blocks {
			if !b.full {
				if b.x == g.col(1) {
					cols[1]++
				} else {
					cols[0]++
				}
			}
		}
		if cols[0] > 2 && cols[1] == 0 {
			t.Errorf("%d projects: last page has %d blocks in column one and none in column two", n, cols[0])
		}
	}
}

// TestContinuedBlock: a project too long for the room left continues in
// the next column under "<name> (continued)", its items in order.
func TestContinuedBlock(t *testing.T) {
	in := fillInput(t, 6, roadmap.LayoutFlow, "")
	p := &in.Projects[1]
	for len(p.Items) < 9 {
		it := p.Items[0]
		it.Title = fmt.Sprintf("Extra item %d", len(p.Items))
		p.Items = append(p.Items, it)
	}
	pdf, res := render1(t, in)
	for _, w := range res.Warnings {
		if strings.Contains(w, "left out") || strings.Contains(w, "shortened") {
			t.Errorf("a long block was cut instead of continued: %s", w)
		}
	}
	text := pdfText(t, pdf, "-raw")
	i := strings.Index(text, "Project 01 (continued)")
	if i < 0 {
		t.Fatalf("no continued heading:\n%s", text)
	}
	if !strings.Contains(text[i:], "Extra item 8") || strings.Contains(text[i:], "Extra item 1\n") && strings.Index(text, "Extra item 1\n") > i {
		t.Errorf("items out of order around the continued heading")
	}
}

// TestCaveatShown: a project kept despite a warning sign carries its
// caveat under its heading, in both layouts.
func TestCaveatShown(t *testing.T) {
	for _, layout := range []string{roadmap.LayoutPairs, roadmap.LayoutFlow} {
		in := fillInput(t, 3, layout, "")
		in.Projects[1].Caveat = "Roadmap last updated September 2021; ask us about its current state."
		pdf, _ := render1(t, in)
		text := strings.Join(strings.Fields(pdfText(t, pdf, "-raw")), " ")
		if !strings.Contains(text, "Roadmap last updated September 2021; ask us about its current state.") {
			t.Errorf("%s: caveat missing:\n%s", layout, text)
		}
	}
}

func TestContactTarget(t *testing.T) {
	cases := map[string]string{
		"workorders@example.org":          "mailto:workorders@example.org",
		"Jane Doe, jane@lab.example":      "mailto:jane@lab.example",
		"+1 555 0100":                     "tel:+15550100",
		"(020) 7946 0958":                 "tel:02079460958",
		"https://example.org/work-orders": "https://example.org/work-orders",
		"example.org/work-orders":         "https://example.org/work-orders",
		"Open Source Lab, Berlin":         "",
		"javascript:alert(1)":             "",
	}
	for in, want := range cases {
		if got := contactTarget(in); got != want {
			t.Errorf("contactTarget(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestContactLinks: the contact lines of the footer and the closing are
// links a reader can click.
func TestContactLinks(t *testing.T) {
	pdf, _ := render1(t, fillInput(t, 3, roadmap.LayoutPairs, ""))
	for _, want := range []string{"mailto:workorders@example.org", "tel:+15550100", "https://example.org/work-orders"} {
		if !bytes.Contains(pdf, []byte("/URI ("+want+")")) {
			t.Errorf("no link to %s", want)
		}
	}
}
