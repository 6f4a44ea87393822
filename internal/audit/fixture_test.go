package audit

import (
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// now is the clock of every audit test: a nightly run.
var now = time.Date(2026, 11, 26, 3, 15, 0, 0, time.UTC)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// daysAgo is the start of the UTC day n days before now.
func daysAgo(n int) time.Time { return day(2026, 11, 26).AddDate(0, 0, -n) }

func commit(t time.Time) *roadmap.GitHubResult {
	return &roadmap.GitHubResult{RoadmapCommit: &roadmap.Commit{SHA: "0123456789abcdef", Date: t.Add(14 * time.Hour)}}
}

// fixtureProjects and fixtureHistory cover every status.
func fixtureProjects() []roadmap.Project {
	return []roadmap.Project{
		{Slug: "alpha", Name: "Alpha", Repo: "alpha/alpha", Roadmap: []string{"https://alpha.example.org/roadmap.html"}, RoadmapFile: "doc/roadmap.rst"},
		{Slug: "beta", Name: "Beta", Roadmap: []string{"https://beta.example.org/plans/"}},
		{Slug: "gamma", Name: "Gamma | Tools", Roadmap: []string{"https://gamma.example.org/roadmap.md"}},
		{Slug: "delta", Name: "Delta", Repo: "delta/delta", Roadmap: []string{"https://delta.example.org/roadmap"}},
		{Slug: "epsilon", Name: "Epsilon", Repo: "epsilon/epsilon"},
		{Slug: "zeta", Name: "Zeta", Repo: "zeta-dev/zeta"},
		{Slug: "eta", Name: "Eta", Repo: "eta/eta", RoadmapFile: "ROADMAP.md"},
	}
}

func fixtureHistory() map[string][]roadmap.ProjectSnapshot {
	return map[string][]roadmap.ProjectSnapshot{
		"alpha": {{CrawlID: 7, Project: "alpha", Status: roadmap.StatusFetched, RoadmapURL: "https://alpha.example.org/roadmap.html",
			Words: 1597, Items: 8, Issues: 2, GitHub: commit(daysAgo(300))}},
		"beta": {{CrawlID: 7, Project: "beta", Status: roadmap.StatusNotModified, RoadmapURL: "https://beta.example.org/plans/",
			Words: 2100, Items: 6, LastModified: daysAgo(10),
			Dates: []roadmap.StatedDate{{Date: day(2018, 1, 1), Precision: roadmap.PrecisionYear, Kind: roadmap.DateStated, Text: "Plans for 2018 | drafted [by] *the team*"}}}},
		"gamma": {{CrawlID: 7, Project: "gamma", Status: roadmap.StatusFetched, RoadmapURL: "https://gamma.example.org/roadmap.md",
			Words: 180, Items: 2,
			Dates: []roadmap.StatedDate{{Date: day(2026, 9, 1), Precision: roadmap.PrecisionMonth, Kind: roadmap.DateStated, Text: "Last updated: September 2026"}}}},
		"delta": {
			{CrawlID: 7, Project: "delta", Status: roadmap.StatusFailed, Err: "fetch https://delta.example.org/roadmap: HTTP 503 Service Unavailable"},
			{CrawlID: 6, Project: "delta", Status: roadmap.StatusFailed, Err: "fetch https://delta.example.org/roadmap: HTTP 503 Service Unavailable"},
			{CrawlID: 5, Project: "delta", Status: roadmap.StatusFetched, RoadmapURL: "https://delta.example.org/roadmap", Words: 900, Items: 5,
				Dates: []roadmap.StatedDate{{Date: day(2025, 6, 1), Precision: roadmap.PrecisionMonth, Kind: roadmap.DateStated, Text: "As of June 2025"}}},
		},
		"epsilon": {{CrawlID: 7, Project: "epsilon", Status: roadmap.StatusNoSource, Issues: 4,
			GitHub: &roadmap.GitHubResult{IssuesOK: true, Issues: []roadmap.Item{
				{Title: "One", Issue: &roadmap.IssueFacts{Number: 1, Updated: day(2026, 10, 2)}},
				{Title: "Two", Issue: &roadmap.IssueFacts{Number: 2, Updated: day(2026, 11, 2)}},
			}}}},
		"zeta": {{CrawlID: 7, Project: "zeta", Status: roadmap.StatusNoSource, GitHub: &roadmap.GitHubResult{IssuesOK: true}}},
		// eta: never crawled.
	}
}
