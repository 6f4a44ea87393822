package brochure

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// fillerWords is a summary without sentence ends, so that it wraps to
// lines in proportion to its words and a cut never stops early at a full
// stop.
var fillerWords = strings.Fields("the maintainers would like the event loop to hand work to a pool of " +
	"threads so that slow readers stop blocking fast ones and the whole " +
	"pipeline keeps a steady pace under load while the public interface " +
	"stays as it is for every user who depends on it today and for the " +
	"plugins that wrap it in other languages and tools across the ecosystem")

// flowFitInput is a Letter flow brochure of three projects: a filler whose
// height depends on items and words, a target whose two items have
// summaries longer than four lines, and a short tail.
func flowFitInput(t testing.TB, items, words int) Input {
	t.Helper()
	long := strings.Join(fillerWords, " ") + " and " + strings.Join(fillerWords, " ")
	proj := func(slug, name string, c color.NRGBA) Project {
		return Project{
			Project: roadmap.Project{Slug: slug, Name: name, Tagline: "An invented project for layout tests"},
			Logo:    testLogo(t, 200, 200, c),
			Updated: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC),
		}
	}
	filler := proj("filler", "Filler", color.NRGBA{30, 90, 160, 255})
	target := proj("target", "Target", color.NRGBA{180, 70, 40, 255})
	for i := 0; i < 2; i++ {
		target.Items = append(target.Items, item("target", "Target task "+string(rune('A'+i)), long, "https://target.example.org/roadmap"))
	}
	tail := proj("tail", "Tail", color.NRGBA{20, 120, 120, 255})
	tail.Items = []roadmap.Item{item("tail", "Tail task", "One line.", "https://tail.example.org/roadmap")}
	in := fixtureInput(t, roadmap.LayoutFlow, "")
	in.Projects = []Project{filler, target, tail}
	return withFiller(in, items, words)
}

// withFiller is in with a copy of its first project holding items items,
// the first with a summary of words words.
func withFiller(in Input, items, words int) Input {
	in.Projects = append([]Project(nil), in.Projects...)
	filler := &in.Projects[0]
	filler.Items = nil
	for i := 0; i < items; i++ {
		sum := "short note"
		if i == 0 {
			sum = strings.Join(fillerWords[:min(words, len(fillerWords))], " ")
		}
		filler.Items = append(filler.Items, item("filler", "Filler task "+string(rune('A'+i)), sum, "https://filler.example.org/roadmap"))
	}
	return in
}

// blockMeasurer lays project blocks out in a flow column, alone, to learn
// their heights.
type blockMeasurer struct {
	r *renderer
	n int // projects prepared so far, naming their logos
}

func newBlockMeasurer(t *testing.T, in Input) *blockMeasurer {
	t.Helper()
	g, err := newGeometry(in.Client.PageSize)
	if err != nil {
		t.Fatal(err)
	}
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", SizeStr: g.sizeName})
	fs, _, err := newFonts(pdf, in.FallbackFont)
	if err != nil {
		t.Fatal(err)
	}
	return &blockMeasurer{r: &renderer{in: in, g: g, pdf: pdf, fs: fs, compact: true, warned: map[string]bool{}, subs: map[string]int{}, logoWidths: map[int]bool{}}}
}

// height is the height of p's block with summaries of at most summaryLines lines.
func (m *blockMeasurer) height(p Project, summaryLines int) float64 {
	m.n++
	pp := m.r.prepareProject(m.n, p)
	b, _ := m.r.projectBlock(pp, m.r.g.colW, itemLimits{summaryLines: summaryLines, titleLines: maxTitleLines, items: len(pp.items)})
	return b.h
}

// findBlock returns the page index and placement of the project block
// whose name is name.
func findBlock(t *testing.T, pl *plan, name string) (int, placement) {
	t.Helper()
	for pi, p := range pl.pages {
		for _, b := range p.blocks {
			for _, l := range b.b.lines {
				if l.text == name && l.st == stName {
					return pi, b
				}
			}
		}
	}
	t.Fatalf("no block named %q in the plan", name)
	return 0, placement{}
}

// TestFlowShortensToFit checks the flow rule for a block that does not fit
// the room left in a column: placed there with 4-line summaries when they
// fit, else with 3-line ones when those fit (quietly: no warning), else
// moved whole to the next column with 4-line summaries. The filler above
// the target is varied until every case occurs, the 3-line one included;
// there the target must stay in column one of page one, inside the
// content area, with the tail after it.
func TestFlowShortensToFit(t *testing.T) {
	g, _ := newGeometry("")
	probe := flowFitInput(t, 1, 0)
	m := newBlockMeasurer(t, probe)
	h4, h3 := m.height(probe.Projects[1], 4), m.height(probe.Projects[1], 3)
	if h3 >= h4 {
		t.Fatalf("target block %.1f mm with 3-line summaries, %.1f with 4: the fixture does not shorten", h3, h4)
	}
	var buf bytes.Buffer
	_, pl, err := render(&buf, probe)
	if err != nil {
		t.Fatal(err)
	}
	_, f := findBlock(t, pl, "Filler")
	y0 := f.y // top of the columns on page one

	// One filler per case: the first whose room below it makes the case.
	const eps = 0.01
	type config struct {
		items, words int
		room         float64
	}
	cases := map[string]*config{}
	for items := 1; items <= 4; items++ {
		for words := 0; words <= len(fillerWords); words++ {
			in := withFiller(probe, items, words)
			room := g.bottom - (y0 + m.height(in.Projects[0], maxSummaryLines) + blockGap)
			c := "moves"
			switch {
			case room >= h4-eps:
				c = "fits"
			case room >= h3-eps:
				c = "fits shortened"
			}
			if cases[c] == nil {
				cases[c] = &config{items, words, room}
			}
		}
	}
	for _, c := range []string{"fits", "fits shortened", "moves"} {
		t.Run(c, func(t *testing.T) {
			cf := cases[c]
			if cf == nil {
				t.Fatalf("no filler makes this case; adjust the fixture")
			}
			t.Logf("filler of %d items, %d words: %.1f mm left; target %.1f mm tall with 4-line summaries, %.1f with 3", cf.items, cf.words, cf.room, h4, h3)
			var buf bytes.Buffer
			res, pl, err := render(&buf, withFiller(probe, cf.items, cf.words))
			if err != nil {
				t.Fatal(err)
			}
			fp, f := findBlock(t, pl, "Filler")
			tp, tb := findBlock(t, pl, "Target")
			lp, lb := findBlock(t, pl, "Tail")
			where := func(p int, b placement) string {
				return fmt.Sprintf("page %d (%.1f, %.1f), %.1f mm tall", p+1, b.x, b.y, b.b.h)
			}
			if fp != 0 || f.x != g.col(0) || math.Abs(f.y-y0) > eps || math.Abs(g.bottom-(f.y+f.b.h+blockGap)-cf.room) > eps {
				t.Fatalf("filler at %s, want on top of column one leaving %.1f mm", where(fp, f), cf.room)
			}
			switch c {
			case "fits", "fits shortened":
				wantH := h4
				if c == "fits shortened" {
					wantH = h3
				}
				if tp != 0 || tb.x != g.col(0) || math.Abs(tb.y-(f.y+f.b.h+blockGap)) > eps || math.Abs(tb.b.h-wantH) > eps {
					t.Errorf("%.1f mm left: target at %s, want below the filler in column one, %.1f mm tall", cf.room, where(tp, tb), wantH)
				}
			case "moves":
				if tp != 0 || tb.x != g.col(1) || math.Abs(tb.y-y0) > eps || math.Abs(tb.b.h-h4) > eps {
					t.Errorf("%.1f mm left: target at %s, want on top of column two, %.1f mm tall", cf.room, where(tp, tb), h4)
				}
			}
			if tb.y+tb.b.h > g.bottom+eps {
				t.Errorf("target runs to %.1f mm, below the content area (%.1f)", tb.y+tb.b.h, g.bottom)
			}
			if lp < tp || (lp == tp && (lb.x < tb.x || (lb.x == tb.x && lb.y < tb.y))) {
				t.Errorf("tail at %s comes before the target at %s", where(lp, lb), where(tp, tb))
			}
			for _, w := range res.Warnings {
				if strings.Contains(w, "shortened") || strings.Contains(w, "left out") {
					t.Errorf("unexpected warning %q", w)
				}
			}
			if c != "fits shortened" {
				return
			}
			if res.Pages != 1 {
				t.Errorf("%d pages, want the whole brochure on one", res.Pages)
			}
			doc := wordBoxes(t, buf.Bytes())
			checkPages(t, doc, pl, g)
			found := false
			for _, w := range doc.Pages[0].Words {
				if w.Text == "Target" && w.XMax <= (g.col(0)+g.colW)*ptPerMM && w.YMin > (f.y+f.b.h)*ptPerMM {
					found = true
				}
			}
			if !found {
				t.Errorf("pdftotext finds no \"Target\" below the filler in column one of page one")
			}
		})
	}
}
