package audit

import (
	"strings"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

func TestClassify(t *testing.T) {
	page := roadmap.Project{Slug: "p", Name: "P", Repo: "o/p", Roadmap: []string{"https://p.example.org/roadmap"}}
	fileOnly := roadmap.Project{Slug: "p", Name: "P", Repo: "o/p", RoadmapFile: "ROADMAP.md"}
	bare := roadmap.Project{Slug: "p", Name: "P", Repo: "o/p"}
	noRepo := roadmap.Project{Slug: "p", Name: "P"}
	doc := func(items, words int, updated time.Time) roadmap.ProjectSnapshot {
		return roadmap.ProjectSnapshot{CrawlID: 3, Project: "p", Status: roadmap.StatusFetched,
			RoadmapURL: "https://p.example.org/roadmap", Items: items, Words: words, GitHub: commit(updated)}
	}
	failed := func(id int64, err string) roadmap.ProjectSnapshot {
		return roadmap.ProjectSnapshot{CrawlID: id, Project: "p", Status: roadmap.StatusFailed, Err: err}
	}
	issues := func(n int) roadmap.ProjectSnapshot {
		return roadmap.ProjectSnapshot{CrawlID: 3, Project: "p", Status: roadmap.StatusNoSource, Issues: n,
			GitHub: &roadmap.GitHubResult{IssuesOK: true}}
	}
	stated := func(d time.Time, prec, text string) roadmap.ProjectSnapshot {
		return roadmap.ProjectSnapshot{CrawlID: 3, Project: "p", Status: roadmap.StatusFetched,
			RoadmapURL: "https://p.example.org/roadmap", Items: 14, Words: 439,
			Dates: []roadmap.StatedDate{{Date: d, Precision: prec, Kind: roadmap.DateStated, Text: text}}}
	}
	tests := []struct {
		name      string
		project   roadmap.Project
		hist      []roadmap.ProjectSnapshot
		status    string
		reasonHas string
		evidence  string // substring of some evidence line
		updated   string
		basis     string
	}{
		{"exactly stale_after is good", page, []roadmap.ProjectSnapshot{doc(8, 1597, daysAgo(730))},
			StatusGood, "8 items, 1597 words, updated 2 years ago", "last commit", "2024-11-26", BasisCommit},
		{"one day over stale_after is stale", page, []roadmap.ProjectSnapshot{doc(8, 1597, daysAgo(731))},
			StatusStale, "updated 2 years ago, older than 730 days", "", "2024-11-25", BasisCommit},
		{"stale wins over thin", page, []roadmap.ProjectSnapshot{doc(1, 50, daysAgo(2000))}, StatusStale, "older than", "", "", ""},
		{"exactly min_items and min_words is not thin", page, []roadmap.ProjectSnapshot{doc(3, 300, daysAgo(30))},
			StatusGood, "3 items, 300 words, updated 30 days ago", "", "", ""},
		{"one item below min_items is thin", page, []roadmap.ProjectSnapshot{doc(2, 300, daysAgo(30))},
			StatusThin, "fewer than 3 items", "", "", ""},
		{"one word below min_words is thin", page, []roadmap.ProjectSnapshot{doc(3, 299, daysAgo(30))},
			StatusThin, "fewer than 300 words", "", "", ""},
		{"undated document is judged on size", page, []roadmap.ProjectSnapshot{{CrawlID: 3, Status: roadmap.StatusFetched,
			RoadmapURL: "https://p.example.org/roadmap", Items: 4, Words: 800}}, StatusGood, "date unknown", "", "", ""},
		{"configured page fetched but empty is thin", page, []roadmap.ProjectSnapshot{{CrawlID: 3, Status: roadmap.StatusFetched}},
			StatusThin, "0 items, 0 words", "", "", ""},
		{"fetched but not understood, old: stale with the note", page, []roadmap.ProjectSnapshot{{CrawlID: 3, Status: roadmap.StatusFetched,
			RoadmapURL: "https://p.example.org/roadmap.pdf", Words: 0, Note: "format not understood (not a text document (application/pdf))",
			LastModified: daysAgo(1500)}},
			StatusStale, "format not understood (not a text document (application/pdf)), 0 items, 0 words, updated 4 years ago, older than 730 days",
			"HTTP Last-Modified", "", BasisLastModified},
		{"fetched but not understood, recent: thin, never unreachable", page, []roadmap.ProjectSnapshot{{CrawlID: 3, Status: roadmap.StatusFetched,
			RoadmapURL: "https://p.example.org/plan.toml", Words: 640, Note: "format not understood (toml file)", GitHub: commit(daysAgo(40))}},
			StatusThin, "format not understood (toml file), 0 items, 640 words, updated 40 days ago, fewer than 3 items", "last commit", "", BasisCommit},
		{"a page that lost all its items is judged on the items kept, not unreachable", page,
			[]roadmap.ProjectSnapshot{{CrawlID: 5, Status: roadmap.StatusFailed, Err: "lost all items from https://p.example.org/roadmap",
				RoadmapURL: "https://p.example.org/roadmap", Items: 6, Words: 900, GitHub: commit(daysAgo(60))}},
			StatusGood, "6 items, 900 words, updated 2 months ago; the latest crawl lost all items from https://p.example.org/roadmap, so these are the items kept from before",
			"last commit", "", BasisCommit},
		{"failing page is unreachable, not none", page,
			[]roadmap.ProjectSnapshot{failed(4, "HTTP 503"), doc(5, 900, daysAgo(100))},
			StatusUnreachable, "could not fetch in crawl 4: HTTP 503", "last fetched in crawl 3: good", "", ""},
		{"unreachable says since when", page,
			[]roadmap.ProjectSnapshot{failed(6, "dial tcp: timeout"), failed(5, "HTTP 503"), failed(4, "HTTP 503"), doc(5, 900, daysAgo(100))},
			StatusUnreachable, "could not fetch since crawl 4 (3 crawls): dial tcp: timeout", "", "", ""},
		{"never fetched successfully", page, []roadmap.ProjectSnapshot{failed(1, "")},
			StatusUnreachable, "no error recorded", "never fetched", "", ""},
		{"failed snapshot keeps earlier data", page, []roadmap.ProjectSnapshot{{CrawlID: 9, Status: roadmap.StatusFailed, Err: "HTTP 500",
			RoadmapURL: "https://p.example.org/roadmap", Items: 7, Words: 1200}},
			StatusUnreachable, "could not fetch in crawl 9: HTTP 500", "data kept from an earlier crawl: 7 items", "", ""},
		{"configured but never crawled is unreachable", page, nil, StatusUnreachable, "not crawled yet", "", "", ""},
		{"nothing configured, no issues is none", bare, []roadmap.ProjectSnapshot{issues(0)},
			StatusNone, "no open roadmap-labelled issues in o/p", "", "", ""},
		{"no repo either is none", noRepo, []roadmap.ProjectSnapshot{{CrawlID: 3, Status: roadmap.StatusNoSource}},
			StatusNone, "no GitHub repository", "", "", ""},
		{"never crawled, nothing configured is none", bare, nil, StatusNone, "not crawled yet", "", "", ""},
		{"GitHub-only with enough issues is good", bare, []roadmap.ProjectSnapshot{issues(5)},
			StatusGood, "roadmap kept as 5 labelled issues", "", "", ""},
		{"GitHub-only with exactly min_items issues is good", bare, []roadmap.ProjectSnapshot{issues(3)},
			StatusGood, "roadmap kept as 3 labelled issues", "", "", ""},
		{"GitHub-only with few issues is thin", bare, []roadmap.ProjectSnapshot{issues(2)},
			StatusThin, "roadmap kept as 2 labelled issues, fewer than 3 items", "", "", ""},
		{"self-dated earlier than commit decides", fileOnly, []roadmap.ProjectSnapshot{{CrawlID: 3, Status: roadmap.StatusFetched,
			Items: 9, Words: 2000, GitHub: commit(day(2025, 3, 2)),
			Dates: []roadmap.StatedDate{{Date: day(2018, 1, 1), Precision: roadmap.PrecisionYear, Kind: roadmap.DateStated, Text: "Roadmap 2018"}}}},
			StatusStale, "updated in 2018, older than 730 days", "the 2025 commit is probably an edit", "2018-01-01", BasisPageText},
		// A month or year is judged by its last day (now is 2026-11-26;
		// 730 days back is 2024-11-26).
		{"stated month whose last day is within stale_after is good", page,
			[]roadmap.ProjectSnapshot{stated(day(2024, 11, 1), roadmap.PrecisionMonth, "as of 11/2024")},
			StatusGood, "14 items, 439 words, updated in November 2024", "page states 'as of 11/2024'", "2024-11-01", BasisPageText},
		{"stated month whose last day is past stale_after is stale", page,
			[]roadmap.ProjectSnapshot{stated(day(2024, 10, 1), roadmap.PrecisionMonth, "as of 10/2024")},
			StatusStale, "updated in October 2024, older than 730 days", "", "2024-10-01", BasisPageText},
		{"stated day exactly stale_after is good", page,
			[]roadmap.ProjectSnapshot{stated(day(2024, 11, 26), roadmap.PrecisionDay, "Updated: 2024-11-26")},
			StatusGood, "updated 2 years ago", "", "2024-11-26", BasisPageText},
		{"stated day one over stale_after is stale", page,
			[]roadmap.ProjectSnapshot{stated(day(2024, 11, 25), roadmap.PrecisionDay, "Updated: 2024-11-25")},
			StatusStale, "older than 730 days", "", "2024-11-25", BasisPageText},
		{"mentioned year judged by its last day", page, []roadmap.ProjectSnapshot{{CrawlID: 3, Status: roadmap.StatusFetched,
			RoadmapURL: "https://p.example.org/roadmap", Items: 14, Words: 1583,
			Dates: []roadmap.StatedDate{{Date: day(2024, 1, 1), Precision: roadmap.PrecisionYear, Kind: roadmap.DateMentioned, Text: "as of May 2024"}}}},
			StatusGood, "updated in 2024", "text mentions 2024", "2024-01-01", BasisPageText},
		{"GitHub not queried: issues not claimed absent", bare,
			[]roadmap.ProjectSnapshot{{CrawlID: 3, Status: roadmap.StatusNoSource}},
			StatusNone, "roadmap-labelled issues in o/p not checked (GitHub not queried)", "", "", ""},
		{"GitHub search skipped: issues not claimed absent", bare,
			[]roadmap.ProjectSnapshot{{CrawlID: 3, Status: roadmap.StatusNoSource,
				GitHub: &roadmap.GitHubResult{Skipped: "rate limited until 14:05"}}},
			StatusNone, "not checked (rate limited until 14:05)", "", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Classify([]roadmap.Project{tc.project}, map[string][]roadmap.ProjectSnapshot{"p": tc.hist}, Settings{}, now)
			if len(got) != 1 {
				t.Fatalf("got %d findings, want 1", len(got))
			}
			f := got[0]
			if f.Status != tc.status {
				t.Errorf("status = %q, want %q (reason %q)", f.Status, tc.status, f.Reason)
			}
			if !strings.Contains(f.Reason, tc.reasonHas) {
				t.Errorf("reason = %q, want it to contain %q", f.Reason, tc.reasonHas)
			}
			if strings.Contains(f.Reason, "\n") {
				t.Errorf("reason %q is not one line", f.Reason)
			}
			if tc.evidence != "" && !strings.Contains(strings.Join(f.Evidence, "\n"), tc.evidence) {
				t.Errorf("evidence = %q, want a line containing %q", f.Evidence, tc.evidence)
			}
			if tc.updated != "" && (f.LastUpdated == nil || *f.LastUpdated != tc.updated) {
				t.Errorf("last_updated = %v, want %s", deref(f.LastUpdated, "null"), tc.updated)
			}
			if tc.basis != "" && (f.LastUpdatedBasis == nil || *f.LastUpdatedBasis != tc.basis) {
				t.Errorf("basis = %v, want %s", deref(f.LastUpdatedBasis, "null"), tc.basis)
			}
			if f.Status == StatusNone && f.RoadmapURL != nil {
				t.Errorf("none has roadmap_url %q, want null", *f.RoadmapURL)
			}
		})
	}
}

func TestClassifyCustomSettings(t *testing.T) {
	p := roadmap.Project{Slug: "p", Roadmap: []string{"https://p.example.org/"}}
	snap := roadmap.ProjectSnapshot{Status: roadmap.StatusFetched, Items: 5, Words: 500, LastModified: daysAgo(31)}
	s := Settings{StaleAfter: 30 * 24 * time.Hour, MinItems: 6, MinWords: 100}
	f := Classify([]roadmap.Project{p}, map[string][]roadmap.ProjectSnapshot{"p": {snap}}, s, now)[0]
	if f.Status != StatusStale {
		t.Errorf("status = %q, want stale after 30 days", f.Status)
	}
	snap.LastModified = daysAgo(30)
	f = Classify([]roadmap.Project{p}, map[string][]roadmap.ProjectSnapshot{"p": {snap}}, s, now)[0]
	if f.Status != StatusThin || !strings.Contains(f.Reason, "fewer than 6 items") {
		t.Errorf("got %q %q, want thin with fewer than 6 items", f.Status, f.Reason)
	}
	if f.Name != "p" {
		t.Errorf("Name = %q, want the slug when no name is configured", f.Name)
	}
}

func TestClassifyKeepsOrder(t *testing.T) {
	got := Classify(fixtureProjects(), fixtureHistory(), DefaultSettings(), now)
	want := []struct{ slug, status string }{
		{"alpha", StatusGood}, {"beta", StatusStale}, {"gamma", StatusThin}, {"delta", StatusUnreachable},
		{"epsilon", StatusGood}, {"zeta", StatusNone}, {"eta", StatusUnreachable},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d findings, want %d", len(got), len(want))
	}
	for i, w := range want {
		if got[i].Project != w.slug || got[i].Status != w.status {
			t.Errorf("finding %d = %s %s (%s), want %s %s", i, got[i].Project, got[i].Status, got[i].Reason, w.slug, w.status)
		}
	}
}

func TestSummary(t *testing.T) {
	mk := func(statuses ...string) []Finding {
		var f []Finding
		for _, s := range statuses {
			f = append(f, Finding{Status: s})
		}
		return f
	}
	tests := []struct {
		in   []Finding
		want string
	}{
		{nil, "0 projects"},
		{mk(StatusGood), "1 project: 1 has a roadmap (100%), 1 of them current and substantial (100% of all)"},
		{mk(StatusGood, StatusStale, StatusThin, StatusNone), "4 projects: 3 have a roadmap (75%), 1 of them current and substantial (25% of all)"},
		{mk(StatusGood, StatusUnreachable, StatusNone), "3 projects: 1 has a roadmap (33%), 1 of them current and substantial (33% of all); 1 unreachable, so unknown"},
	}
	for _, tc := range tests {
		if got := Summary(tc.in); got != tc.want {
			t.Errorf("Summary = %q\nwant      %q", got, tc.want)
		}
	}
	var f []Finding
	for i := 0; i < 25; i++ {
		s := StatusNone
		switch {
		case i < 9:
			s = StatusGood
		case i < 17:
			s = StatusStale
		}
		f = append(f, Finding{Status: s})
	}
	if got, want := Summary(f), "25 projects: 17 have a roadmap (68%), 9 of them current and substantial (36% of all)"; got != want {
		t.Errorf("Summary = %q, want %q", got, want)
	}
}

func TestAge(t *testing.T) {
	for days, want := range map[int]string{0: "today", 1: "1 day ago", 44: "44 days ago", 45: "1 month ago",
		300: "10 months ago", 729: "24 months ago", 730: "2 years ago", 3000: "8 years ago"} {
		if got := age(days); got != want {
			t.Errorf("age(%d) = %q, want %q", days, got, want)
		}
	}
}

// TestArchivedRepositoryIsEvidence: an archived repository is named in the
// evidence of its project.
func TestArchivedRepositoryIsEvidence(t *testing.T) {
	p := roadmap.Project{Slug: "old", Name: "Old", Repo: "o/old", Roadmap: []string{"https://old.example.org/roadmap"}}
	snap := roadmap.ProjectSnapshot{CrawlID: 1, Project: "old", Status: roadmap.StatusFetched, Items: 5, Words: 900,
		RoadmapURL: "https://old.example.org/roadmap",
		GitHub:     &roadmap.GitHubResult{Repo: &roadmap.RepoFacts{FullName: "o/old", Archived: true}}}
	f := Classify([]roadmap.Project{p}, map[string][]roadmap.ProjectSnapshot{"old": {snap}}, DefaultSettings(), now)[0]
	found := false
	for _, e := range f.Evidence {
		found = found || strings.Contains(e, "o/old is archived")
	}
	if !found {
		t.Errorf("evidence %q does not say the repository is archived", f.Evidence)
	}
}
