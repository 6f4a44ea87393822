package extract

import (
	"testing"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// TestFramingPhrases: titles and headings that frame a plan in a year, and
// headings that carry a year without framing the plan. The cases are
// paraphrases of real roadmaps (scientific Python projects and others:
// yearly roadmaps, half-year horizons, "... in 2018" statements of purpose,
// milestone years, quarter plans), not copies.
func TestFramingPhrases(t *testing.T) {
	framed := []struct {
		heading string
		year    int
	}{
		{"Statement of purpose: Quasar in 2018", 2018},
		{"Short term: 2019H1", 2019},
		{"Medium Term: 2019H2", 2019},
		{"Long term: 2020 and beyond", 2020},
		{"Roadmap (2019-2020)", 2020},
		{"Quasar 2019 into 2020 Roadmap", 2020},
		{"Roadmap 2020", 2020},
		{"The Quasar roadmap for 2021", 2021},
		{"Plans through 2025", 2025},
		{"What we want to ship until 2027", 2027},
		{"1.0 in 2020", 2020},
		{"2025 Milestones", 2025},
		{"2026 milestones and beyond", 2026},
		{"Priorities for Q3 2021", 2021},
		{"H2 2022: packaging", 2022},
		{"2024", 2024},
		{"2023:", 2023},
		{"Near-term (2022)", 2022},
		{"Goals for the end of 2019", 2019},
	}
	for _, tt := range framed {
		got := framedIn(tt.heading, 0)
		if len(got) != 1 || got[0].d.Date.Year() != tt.year || got[0].d.Kind != roadmap.DateFramed ||
			got[0].d.Precision != roadmap.PrecisionYear || got[0].d.Text != tt.heading {
			t.Errorf("%q: got %+v, want framed in %d", tt.heading, got, tt.year)
		}
	}
	for _, heading := range []string{
		"Roadmap",
		"Download statistics 2023",
		"SciPy 2019 sprint outcomes",
		"Founded in 2008",
		"Completed in 2021",
		"What changed since 2019",
		"Results of the 2022 user survey",
		"April 2022",          // a dated update in a log, not the plan's frame
		"Python 3.12 support", // versions are not years
		"Array API v2022.12",
		"Next 1–3 months",
		"Planning for the next decade",
		"Funded by a 2020 grant",
		"Release 2021.06 and later",
	} {
		if got := framedIn(heading, 0); len(got) != 0 {
			t.Errorf("%q: framed %+v, want nothing", heading, got[0].d)
		}
	}
	// A long block is prose, never a frame, even with a plan word and a year.
	prose := "We wrote the roadmap 2020 edition after a long meeting where every maintainer listed what they wanted, " +
		"and we then grouped the wishes into themes, which took several weeks of discussion on the mailing list."
	if got := framedIn(prose, 0); len(got) != 0 {
		t.Errorf("prose framed: %+v", got)
	}
}

// TestFramingInDocument: only titles and headings frame a plan; the same
// words in a paragraph are at most a mention.
func TestFramingInDocument(t *testing.T) {
	doc := mustExtract(t, "https://x.org/r.md", "", "# Quasar roadmap 2019\n\nWe plan these for 2030 at the latest.\n\n## Speed\n\nFaster.\n")
	var framed, mentioned []int
	for _, d := range doc.Dates {
		switch d.Kind {
		case roadmap.DateFramed:
			framed = append(framed, d.Date.Year())
		case roadmap.DateMentioned:
			mentioned = append(mentioned, d.Date.Year())
		}
	}
	if len(framed) != 1 || framed[0] != 2019 || len(mentioned) != 1 || mentioned[0] != 2030 {
		t.Errorf("framed %v mentioned %v, want framed [2019] mentioned [2030]", framed, mentioned)
	}
	// The <title> of a page frames it too.
	doc = mustExtract(t, "https://x.org/r.html", "text/html", "<html><head><title>Roadmap 2017</title></head><body><p>Some plans.</p></body></html>")
	if len(doc.Dates) == 0 || doc.Dates[0].Kind != roadmap.DateFramed || doc.Dates[0].Date.Year() != 2017 {
		t.Errorf("title not framing: %+v", doc.Dates)
	}
}

// TestSeasonPhrases: "written in the fall of 2023" dates the document by its
// year; a season in a sentence about something else does not.
func TestSeasonPhrases(t *testing.T) {
	for _, tt := range []struct {
		text string
		kind string // kind of the first date, "" for none
		year int
	}{
		{"This roadmap was written in the fall of 2023.", roadmap.DateStated, 2023},
		{"Written in autumn 2019", roadmap.DateStated, 2019},
		{"Drafted in the spring of 2021 by the steering council.", roadmap.DateStated, 2021},
		{"Last updated: summer 2024", roadmap.DateStated, 2024},
		// weak: the sentence is about the project, not the document
		{"As of summer 2021 Quasar is still an early preview and its interfaces may change without notice.", roadmap.DateMentioned, 2021},
		{"The spring 2022 sprint was held online with twelve people from four countries taking part.", roadmap.DateMentioned, 2022},
		{"As of winter 2023 we count more than 50 million downloads a month, mostly from CI machines.", roadmap.DateMentioned, 2023},
	} {
		got := findDates([]block{{kind: blockPara, text: tt.text}}, nil, nil)
		if len(got) == 0 || got[0].Kind != tt.kind || got[0].Date.Year() != tt.year {
			t.Errorf("%q: got %+v, want %s %d", tt.text, got, tt.kind, tt.year)
			continue
		}
		if got[0].Kind == roadmap.DateStated && got[0].Precision != roadmap.PrecisionYear {
			t.Errorf("%q: precision %s, want a season judged by its year", tt.text, got[0].Precision)
		}
	}
}
