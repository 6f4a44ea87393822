package audit

import (
	"strings"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// TestFramingYear: a plan whose own title or heading frames it in a year
// that ended more than stale_after ago is stale even when a recent commit
// touched the file, and the reason quotes the phrase.
func TestFramingYear(t *testing.T) {
	p := roadmap.Project{Slug: "p", Repo: "o/p", RoadmapFile: "doc/roadmap.rst"}
	framed := func(year int, text string) roadmap.StatedDate {
		return roadmap.StatedDate{Date: day(year, 1, 1), Precision: roadmap.PrecisionYear, Kind: roadmap.DateFramed, Text: text}
	}
	stated := func(d time.Time, text string) roadmap.StatedDate {
		return roadmap.StatedDate{Date: d, Precision: roadmap.PrecisionMonth, Kind: roadmap.DateStated, Text: text}
	}
	snap := func(commitAgo int, dates ...roadmap.StatedDate) roadmap.ProjectSnapshot {
		return roadmap.ProjectSnapshot{CrawlID: 2, Project: "p", Status: roadmap.StatusFetched,
			RoadmapURL: "https://github.com/o/p/blob/HEAD/doc/roadmap.rst", Items: 12, Words: 1500,
			GitHub: commit(daysAgo(commitAgo)), Dates: dates}
	}
	tests := []struct {
		name       string
		snap       roadmap.ProjectSnapshot
		staleAfter time.Duration
		status     string
		reason     string // substring
		evidence   string // substring of some evidence line
		updated    string
	}{
		{"a 2018 statement of purpose touched last month is stale",
			snap(30, framed(2018, "Statement of purpose: Quasar in 2018")), 0, StatusStale,
			"12 items, 1500 words, plan framed in 2018 ('Statement of purpose: Quasar in 2018'), older than 730 days",
			"the text frames the plan in 2018 ('Statement of purpose: Quasar in 2018'); the 2026 commit is probably an edit", "2018-01-01"},
		{"the newest framing decides: 2019H1 and 2020 and beyond",
			snap(10, framed(2019, "Short term: 2019H1"), framed(2020, "Long term: 2020 and beyond")), 0, StatusStale,
			"plan framed in 2020 ('Long term: 2020 and beyond')", "a heading frames the plan in 2020", "2020-01-01"},
		{"a horizon still ahead keeps the commit date",
			snap(40, framed(2027, "Plans through 2027")), 0, StatusGood,
			"updated 40 days ago", "a heading frames the plan in 2027: 'Plans through 2027'", "2026-10-17"},
		{"last year's plan within stale_after is judged by its commit",
			snap(40, framed(2025, "Roadmap 2025")), 0, StatusGood, "updated 40 days ago", "", "2026-10-17"},
		// With a short stale_after the framing year decides even when the
		// commit is within a year of it.
		{"framing year older than a short stale_after",
			snap(25, framed(2025, "Roadmap 2025")), 180 * 24 * time.Hour, StatusStale,
			"plan framed in 2025 ('Roadmap 2025'), older than 180 days", "the 2026 commit is probably an edit", "2025-01-01"},
		{"a stated revision newer than the framing wins",
			snap(25, framed(2020, "Roadmap 2020"), stated(day(2026, 3, 1), "Last updated: March 2026")), 0, StatusGood,
			"updated 25 days ago", "page states 'Last updated: March 2026'", "2026-11-01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := DefaultSettings()
			if tt.staleAfter > 0 {
				s.StaleAfter = tt.staleAfter
			}
			f := Classify([]roadmap.Project{p}, map[string][]roadmap.ProjectSnapshot{"p": {tt.snap}}, s, now)[0]
			if f.Status != tt.status || !strings.Contains(f.Reason, tt.reason) {
				t.Errorf("got %s %q\nwant %s with %q", f.Status, f.Reason, tt.status, tt.reason)
			}
			if tt.evidence != "" && !strings.Contains(strings.Join(f.Evidence, "\n"), tt.evidence) {
				t.Errorf("evidence %q lacks %q", f.Evidence, tt.evidence)
			}
			if f.LastUpdated == nil || *f.LastUpdated != tt.updated {
				t.Errorf("last updated %v, want %s", f.LastUpdated, tt.updated)
			}
		})
	}
}
