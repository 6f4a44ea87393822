package audit

import (
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

func surveyInput() ([]roadmap.Project, []Finding) {
	var ps []roadmap.Project
	var fs []Finding
	add := func(slug, group, status string) {
		ps = append(ps, roadmap.Project{Slug: slug, Group: group})
		fs = append(fs, Finding{Project: slug, Status: status})
	}
	add("a", "sponsored", StatusGood)
	add("b", "sponsored", StatusStale)
	add("c", "sponsored", StatusNone)
	add("d", "affiliated", StatusThin)
	add("e", "affiliated", StatusNone)
	add("f", "affiliated", StatusUnreachable)
	add("g", "", StatusGood)
	add("h", "", StatusNone)
	return ps, fs
}

func TestSurveyFiguresByGroup(t *testing.T) {
	s := NewSurvey(surveyInput())
	lines := s.Lines()
	want := []string{
		"8 projects: 50% publish a roadmap, 25% a current and substantial one; 1 unreachable, so unknown (2018 survey: about 50% and 25%)",
		"  affiliated, 3 projects: 33% publish a roadmap, 0% a current and substantial one; 1 unreachable, so unknown",
		"  sponsored, 3 projects: 67% publish a roadmap, 33% a current and substantial one",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("lines:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	if got := NewSurvey(nil, nil).All.Line(); got != "0 projects: 0% publish a roadmap, 0% a current and substantial one" {
		t.Errorf("empty: %q", got)
	}
}

func TestSurveyChartIsWellFormedAndEscaped(t *testing.T) {
	ps, fs := surveyInput()
	ps[0].Group, ps[1].Group = `<script>alert(1)</script>`, `<script>alert(1)</script>`
	s := NewSurvey(ps, fs)
	day := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	for i := range 3 {
		s.Trend = append(s.Trend, TrendPoint{CrawlID: int64(i + 1), Date: day.AddDate(0, 0, i), SurveyFigures: SurveyFigures{Projects: 8, Publish: 3 + i, Good: 1 + i}})
	}
	svg := SurveyChartSVG(s)
	if strings.Contains(svg, "<script") {
		t.Fatal("a group name reached the SVG unescaped")
	}
	if err := xml.Unmarshal([]byte(svg), new(struct{})); err != nil {
		t.Fatalf("not well-formed XML: %v\n%s", err, svg)
	}
	for _, want := range []string{"all projects (8)", "affiliated (3)", "50%", "25%", "<polyline", "2026-11-01", "2026-11-03"} {
		if !strings.Contains(svg, want) {
			t.Errorf("chart lacks %q", want)
		}
	}
	if SurveyChartSVG(s) != svg {
		t.Error("the chart is not deterministic")
	}
	s.Trend = s.Trend[:1]
	if strings.Contains(SurveyChartSVG(s), "<polyline") {
		t.Error("a trend drawn from one crawl")
	}
}
