package report

import (
	"strings"
	"testing"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// TestControlCharactersNeverReachAReport: a terminal escape, a carriage
// return and bidi overrides in crawled titles, summaries, names and errors
// are dropped from every format, the HTML report included (issue 14 §17).
func TestControlCharactersNeverReachAReport(t *testing.T) {
	const evil = "Fast\x1b[2J\r paths \u202egnp.exe\u202c \u2066iso\u2069"
	in := fixtureInput()
	it := roadmap.Item{ID: "orbit/evil", Project: "orbit", Title: evil, Source: roadmap.SourcePage,
		URL: "https://orbit.example.org/roadmap#evil", Summary: evil}
	in.Items[it.ID] = it
	in.Events = append(in.Events, roadmap.ItemEvent{CrawlID: 42, Project: "orbit", ItemID: it.ID, Kind: roadmap.EventAdded, Source: it.Source, Title: it.Title})
	in.Projects[0].Name = "Orbit" + evil
	in.Snapshots["lattice"] = roadmap.ProjectSnapshot{CrawlID: 42, Project: "lattice", Status: roadmap.StatusFailed, Err: evil}
	in.Audit[1].Reason = evil
	r := Build(in)
	for _, format := range []string{"md", "html", "json"} {
		out := string(render(t, r, format))
		for _, bad := range []string{"\x1b", "\r", "\u202e", "\u202c", "\u2066", "\u2069", `\u001b`, `\r`, `\u202e`} {
			if strings.Contains(out, bad) {
				t.Errorf("%s report carries %q", format, bad)
			}
		}
		if !strings.Contains(out, "gnp.exe") {
			t.Errorf("%s report lost the text around the controls", format)
		}
	}
}
