package audit

import (
	"fmt"
	"html"
	"sort"
	"strings"
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// The 2018 survey the figures are compared with: about half of the
// projects published a roadmap, about a quarter a current and substantial one.
const (
	Survey2018Publish = 50
	Survey2018Good    = 25
)

// SurveyFigures counts one set of projects: how many publish a roadmap
// (good, stale or thin), how many a current and substantial one (good),
// and how many could not be checked (unreachable).
type SurveyFigures struct {
	Group       string `json:"group,omitempty"` // "" for all projects
	Projects    int    `json:"projects"`
	Publish     int    `json:"publish"`
	Good        int    `json:"good"`
	Unreachable int    `json:"unreachable"`
}

// PublishPct and GoodPct are the shares of all the group's projects, rounded.
func (s SurveyFigures) PublishPct() int { return pct(s.Publish, s.Projects) }

// GoodPct is the share of projects with a current, substantial roadmap.
func (s SurveyFigures) GoodPct() int { return pct(s.Good, s.Projects) }

func pct(n, total int) int {
	if total == 0 {
		return 0
	}
	return percent(n, total)
}

// TrendPoint is the survey as it stood after one past crawl.
type TrendPoint struct {
	CrawlID int64     `json:"crawl_id"`
	Date    time.Time `json:"date"`
	SurveyFigures
}

// Survey is the survey of a registry: all projects, each group the
// registry names (NumFOCUS: sponsored, affiliated) and the trend over
// past crawls, oldest first.
type Survey struct {
	All    SurveyFigures   `json:"all"`
	Groups []SurveyFigures `json:"groups,omitempty"`
	Trend  []TrendPoint    `json:"trend,omitempty"`
}

// Figures counts findings; group labels the result.
func Figures(group string, f []Finding) SurveyFigures {
	s := SurveyFigures{Group: group, Projects: len(f)}
	for _, x := range f {
		switch {
		case x.HasRoadmap():
			s.Publish++
			if x.Status == StatusGood {
				s.Good++
			}
		case x.Status == StatusUnreachable:
			s.Unreachable++
		}
	}
	return s
}

// NewSurvey counts findings (in the order of projects, as Classify gives
// them) for all projects and for each group the projects name, groups in
// alphabetical order. Projects without a group only count in All.
func NewSurvey(projects []roadmap.Project, f []Finding) Survey {
	s := Survey{All: Figures("", f)}
	group := map[string]string{}
	for _, p := range projects {
		group[p.Slug] = p.Group
	}
	by := map[string][]Finding{}
	for _, x := range f {
		if g := group[x.Project]; g != "" {
			by[g] = append(by[g], x)
		}
	}
	names := make([]string, 0, len(by))
	for g := range by {
		names = append(names, g)
	}
	sort.Strings(names)
	for _, g := range names {
		s.Groups = append(s.Groups, Figures(g, by[g]))
	}
	return s
}

// Line says the figures in one sentence: "152 projects: 40% publish a
// roadmap, 20% a current and substantial one (2018 survey: about 50% and
// 25%)", naming how many could not be checked.
func (s SurveyFigures) Line() string {
	who := plural(s.Projects, "project")
	if s.Group != "" {
		who = s.Group + ", " + who
	}
	line := fmt.Sprintf("%s: %d%% publish a roadmap, %d%% a current and substantial one", who, s.PublishPct(), s.GoodPct())
	if s.Unreachable > 0 {
		line += fmt.Sprintf("; %d unreachable, so unknown", s.Unreachable)
	}
	return line
}

// Lines is the survey as text: the headline with the 2018 comparison, a
// line per group, and the trend when there is one.
func (s Survey) Lines() []string {
	out := []string{fmt.Sprintf("%s (2018 survey: about %d%% and %d%%)", s.All.Line(), Survey2018Publish, Survey2018Good)}
	for _, g := range s.Groups {
		out = append(out, "  "+g.Line())
	}
	if len(s.Trend) > 1 {
		out = append(out, "trend:")
		for _, t := range s.Trend {
			out = append(out, fmt.Sprintf("  crawl %d, %s: %d%% publish, %d%% current and substantial (%d projects)",
				t.CrawlID, t.Date.UTC().Format("2006-01-02"), t.PublishPct(), t.GoodPct(), t.Projects))
		}
	}
	return out
}

// SurveyChartSVG draws the survey as a small standalone SVG: per row (all
// projects, then each group) two bars, the share that publishes a roadmap
// and the share with a current and substantial one, with the 2018 figures
// as dashed marks; below, when there are two or more past crawls, the
// trend of both shares as lines. Every text in it is escaped; it is
// deterministic and needs no fonts beyond a generic sans-serif.
func SurveyChartSVG(s Survey) string {
	const (
		width, labelW, barW = 520, 150, 330
		rowH, barH          = 34, 12
	)
	rows := append([]SurveyFigures{s.All}, s.Groups...)
	trendH := 0
	if len(s.Trend) > 1 {
		trendH = 130
	}
	height := 24 + rowH*len(rows) + 24 + trendH
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" role="img" aria-labelledby="rs-title rs-desc" font-family="sans-serif" font-size="12">`, width, height, width, height)
	fmt.Fprintf(&b, `<title id="rs-title">Roadmap survey</title><desc id="rs-desc">%s</desc>`, html.EscapeString(strings.Join(s.Lines(), "; ")))
	legend := func(x int, colour, text string) {
		fmt.Fprintf(&b, `<rect x="%d" y="6" width="10" height="10" fill="%s"/><text x="%d" y="15" fill="#1b1f24">%s</text>`, x, colour, x+14, html.EscapeString(text))
	}
	legend(labelW, chartColours[StatusStale], "publish a roadmap")
	legend(labelW+130, chartColours[StatusGood], "current and substantial")
	fmt.Fprintf(&b, `<line x1="%d" y1="11" x2="%d" y2="11" stroke="#1b1f24" stroke-dasharray="3,2"/><text x="%d" y="15" fill="#1b1f24">2018</text>`, labelW+290, labelW+305, labelW+309)
	for i, r := range rows {
		y := 24 + i*rowH
		name := "all projects"
		if r.Group != "" {
			name = r.Group
		}
		fmt.Fprintf(&b, `<text x="0" y="%d" fill="#1b1f24">%s (%d)</text>`, y+barH+4, html.EscapeString(name), r.Projects)
		for j, bar := range []struct {
			pct    int
			colour string
			mark   int
		}{{r.PublishPct(), chartColours[StatusStale], Survey2018Publish}, {r.GoodPct(), chartColours[StatusGood], Survey2018Good}} {
			by := y + j*(barH+2)
			fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" fill="#eceef1"/>`, labelW, by, barW, barH)
			fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%.1f" height="%d" fill="%s"/>`, labelW, by, float64(barW)*float64(bar.pct)/100, barH, bar.colour)
			mx := float64(labelW) + float64(barW)*float64(bar.mark)/100
			fmt.Fprintf(&b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#1b1f24" stroke-dasharray="3,2"/>`, mx, by-1, mx, by+barH+1)
			fmt.Fprintf(&b, `<text x="%d" y="%d" fill="#1b1f24">%d%%</text>`, labelW+barW+6, by+barH-2, bar.pct)
		}
	}
	if trendH > 0 {
		top := 24 + rowH*len(rows) + 24
		plotH := trendH - 30
		fmt.Fprintf(&b, `<text x="0" y="%d" fill="#1b1f24">trend over %d crawls</text>`, top-6, len(s.Trend))
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" fill="#f6f7f9"/>`, labelW, top, barW, plotH)
		for _, series := range []struct {
			colour string
			val    func(TrendPoint) int
		}{{chartColours[StatusStale], func(t TrendPoint) int { return t.PublishPct() }}, {chartColours[StatusGood], func(t TrendPoint) int { return t.GoodPct() }}} {
			var pts []string
			for i, t := range s.Trend {
				x := float64(labelW) + float64(barW)*float64(i)/float64(len(s.Trend)-1)
				y := float64(top) + float64(plotH)*(1-float64(series.val(t))/100)
				pts = append(pts, fmt.Sprintf("%.1f,%.1f", x, y))
			}
			fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2"/>`, strings.Join(pts, " "), series.colour)
		}
		first, last := s.Trend[0], s.Trend[len(s.Trend)-1]
		fmt.Fprintf(&b, `<text x="%d" y="%d" fill="#1b1f24">%s</text>`, labelW, top+plotH+14, html.EscapeString(first.Date.UTC().Format("2006-01-02")))
		fmt.Fprintf(&b, `<text x="%d" y="%d" fill="#1b1f24" text-anchor="end">%s</text>`, labelW+barW, top+plotH+14, html.EscapeString(last.Date.UTC().Format("2006-01-02")))
		fmt.Fprintf(&b, `<text x="%d" y="%d" fill="#1b1f24" text-anchor="end">100%%</text><text x="%d" y="%d" fill="#1b1f24" text-anchor="end">0%%</text>`, labelW-4, top+10, labelW-4, top+plotH)
	}
	b.WriteString(`</svg>`)
	return b.String()
}
