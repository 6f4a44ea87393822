package audit

import (
	"fmt"
	"html"
	"strings"
)

// Statuses lists the statuses in the order a survey shows them.
var Statuses = []string{StatusGood, StatusStale, StatusThin, StatusNone, StatusUnreachable}

// StatusCount is how many findings have one status.
type StatusCount struct {
	Status string
	Count  int
}

// Counts tallies findings by status, in the order of Statuses (all of
// them, zero counts included).
func Counts(f []Finding) []StatusCount {
	n := map[string]int{}
	for _, x := range f {
		n[x.Status]++
	}
	out := make([]StatusCount, len(Statuses))
	for i, s := range Statuses {
		out[i] = StatusCount{Status: s, Count: n[s]}
	}
	return out
}

// chartColours are the bar colours of each status (the web app's badge
// colours), dark enough for white-on-colour counts to meet WCAG AA.
var chartColours = map[string]string{
	StatusGood: "#176c34", StatusStale: "#a35200", StatusThin: "#7a5c00",
	StatusNone: "#5b636e", StatusUnreachable: "#a3161d",
}

// SurveySVG draws the survey as a small standalone SVG: one horizontal bar
// split by status, with a legend of counts. It is deterministic, needs no
// fonts beyond a generic sans-serif, and carries a <title> and <desc> (the
// Summary line) for screen readers.
func SurveySVG(f []Finding) string {
	const width, barH, legendRow = 480, 28, 22
	counts := Counts(f)
	total := len(f)
	var b strings.Builder
	height := barH + 12 + legendRow*((len(counts)+2)/3)
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" role="img" aria-labelledby="survey-title survey-desc">`, width, height, width, height)
	fmt.Fprintf(&b, `<title id="survey-title">Roadmap status of %d projects</title><desc id="survey-desc">%s</desc>`, total, html.EscapeString(Summary(f)))
	fmt.Fprintf(&b, `<rect x="0" y="0" width="%d" height="%d" fill="#eceef1"/>`, width, barH)
	x := 0.0
	for _, c := range counts {
		if c.Count == 0 || total == 0 {
			continue
		}
		w := float64(width) * float64(c.Count) / float64(total)
		fmt.Fprintf(&b, `<rect x="%.1f" y="0" width="%.1f" height="%d" fill="%s"><title>%s: %d</title></rect>`, x, w, barH, chartColours[c.Status], c.Status, c.Count)
		if w >= 22 {
			fmt.Fprintf(&b, `<text x="%.1f" y="%d" fill="#fff" font-family="sans-serif" font-size="13" font-weight="bold" text-anchor="middle">%d</text>`, x+w/2, barH/2+5, c.Count)
		}
		x += w
	}
	for i, c := range counts {
		lx, ly := (i%3)*160, barH+12+(i/3)*legendRow
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="12" height="12" fill="%s"/>`, lx, ly, chartColours[c.Status])
		fmt.Fprintf(&b, `<text x="%d" y="%d" fill="#1b1f24" font-family="sans-serif" font-size="13">%s %d</text>`, lx+18, ly+11, c.Status, c.Count)
	}
	b.WriteString(`</svg>`)
	return b.String()
}
