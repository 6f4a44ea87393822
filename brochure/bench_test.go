package brochure

import (
	"bytes"
	"fmt"
	"image/color"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// benchInput is a 25-project brochure with three items each and logos of
// varied shapes, as real logos are.
func benchInput(b testing.TB) Input {
	return benchInputLogos(b, func(i int) (int, int) { return 200 + 11*i, 120 + 5*(i%7) })
}

// benchInputLogos is benchInput with logo i of the size size(i) gives.
func benchInputLogos(b testing.TB, size func(i int) (int, int)) Input {
	projects := make([]Project, 25)
	for i := range projects {
		slug := fmt.Sprintf("project-%02d", i)
		w, h := size(i)
		p := Project{
			Project: roadmap.Project{Slug: slug, Name: fmt.Sprintf("Project %02d", i), Tagline: "A library for doing one thing well, at scale"},
			Updated: time.Date(2026, time.Month(1+i%12), 1, 0, 0, 0, 0, time.UTC),
			Logo:    testLogo(b, w, h, color.NRGBA{uint8(40 + 8*i), 90, 140, 255}),
		}
		for j := 0; j < 3; j++ {
			p.Items = append(p.Items, item(slug, fmt.Sprintf("Roadmap item %d: a substantial piece of funded work", j+1),
				"A summary of a few sentences that says what the work is. It explains why it matters to users. "+
					"It mentions what is already done and what remains, and who would benefit most from it.",
				fmt.Sprintf("https://github.com/example/%s/issues/%d", slug, 100+j)))
		}
		projects[i] = p
	}
	cp, err := LoadCopy("", CopyData{Client: roadmap.Client{Name: "ACME Corp"}, Projects: projects, Date: fixtureGenerated})
	if err != nil {
		b.Fatal(err)
	}
	return Input{Client: roadmap.Client{Name: "ACME Corp"}, Projects: projects, Copy: cp, Generated: fixtureGenerated, CrawledAt: fixtureCrawled}
}

func BenchmarkRender25(b *testing.B) {
	in := benchInput(b)
	var buf bytes.Buffer
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		buf.Reset()
		if _, err := Render(&buf, in); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "pdf-bytes")
}

// BenchmarkRender25Cold is BenchmarkRender25 with the logo cache emptied
// before every render, as in a one-shot CLI run.
func BenchmarkRender25Cold(b *testing.B) {
	benchmarkCold(b, benchInput(b))
}

// BenchmarkRender25ColdSameWidth is the worst case for determinism: 25
// logos of one width, 24 of which are resampled a few pixels narrower.
func BenchmarkRender25ColdSameWidth(b *testing.B) {
	benchmarkCold(b, benchInputLogos(b, func(int) (int, int) { return 256, 256 }))
}

// BenchmarkRender25ColdReady is BenchmarkRender25Cold with the logos'
// renditions made at crawl time, as the brochure command reads them.
func BenchmarkRender25ColdReady(b *testing.B) {
	in := benchInput(b)
	for i, p := range in.Projects {
		l := *p.Logo
		rd, err := ReadyLogo(l.Data)
		if err != nil {
			b.Fatal(err)
		}
		l.Ready = &rd
		in.Projects[i].Logo = &l
	}
	benchmarkCold(b, in)
}

func benchmarkCold(b *testing.B, in Input) {
	var buf bytes.Buffer
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		logoCache.Lock()
		logoCache.m = nil
		logoCache.Unlock()
		resizedCache.Lock()
		resizedCache.m = nil
		resizedCache.Unlock()
		buf.Reset()
		if _, err := Render(&buf, in); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "pdf-bytes")
}
