package roadmap

import "testing"

// TestCrawlStatus covers every combination of page and GitHub outcomes:
// the one rule behind the crawl summary and the stored snapshot.
func TestCrawlStatus(t *testing.T) {
	const u = "https://p.example.org/roadmap.html"
	pages := map[string][]SourceResult{
		"none":    nil,
		"fetched": {{URL: u, Document: &Document{Items: []Item{{Title: "A"}}}}},
		"304":     {{URL: u, NotModified: true}},
		"failed":  {{URL: u, Err: "HTTP 500"}},
		"lost":    {{URL: u, NotModified: true, Lost: true}},
	}
	github := map[string]*GitHubResult{
		"none":    nil,
		"fetched": {Repo: &RepoFacts{FullName: "o/r"}, IssuesOK: true},
		"304":     {Repo: &RepoFacts{FullName: "o/r"}, IssuesOK: true, NotModified: true},
		"failed":  {Err: "fetch repository o/r: 502"},
		"skipped": {Skipped: "rate limited until 14:05 (UTC)"},
	}
	const (
		pageErr = u + ": HTTP 500"
		lostErr = "lost all items from " + u
		ghErr   = "github o/r: fetch repository o/r: 502"
	)
	type want struct{ status, reason string }
	fetched, notMod := want{StatusFetched, ""}, want{StatusNotModified, ""}
	table := map[string]map[string]want{ // page → GitHub → want
		"none": {"none": {StatusNoSource, ""}, "fetched": fetched, "304": notMod,
			"failed": {StatusFailed, ghErr}, "skipped": notMod},
		"fetched": {"none": fetched, "fetched": fetched, "304": fetched, "failed": fetched, "skipped": fetched},
		"304":     {"none": notMod, "fetched": notMod, "304": notMod, "failed": notMod, "skipped": notMod},
		"failed": {"none": {StatusFailed, pageErr}, "fetched": {StatusFailed, pageErr}, "304": {StatusFailed, pageErr},
			"failed": {StatusFailed, pageErr}, "skipped": {StatusFailed, pageErr}},
		"lost": {"none": {StatusFailed, lostErr}, "fetched": {StatusFailed, lostErr}, "304": {StatusFailed, lostErr},
			"failed": {StatusFailed, lostErr}, "skipped": {StatusFailed, lostErr}},
	}
	n := 0
	for page, srcs := range pages {
		for gh, g := range github {
			w, ok := table[page][gh]
			if !ok {
				t.Fatalf("no expectation for page %s, GitHub %s", page, gh)
			}
			n++
			res := ProjectResult{Project: "p", Repo: "o/r", Sources: srcs, GitHub: g}
			if status, reason := CrawlStatus(res); status != w.status || reason != w.reason {
				t.Errorf("page %s, GitHub %s: %s %q, want %s %q", page, gh, status, reason, w.status, w.reason)
			}
		}
	}
	if n != len(pages)*len(github) {
		t.Fatalf("%d combinations checked", n)
	}

	// Several sources, a missing repository, an error already decided.
	other := "https://p.example.org/more.html"
	for _, tc := range []struct {
		name string
		res  ProjectResult
		want want
	}{
		{"304 and failed", ProjectResult{Sources: []SourceResult{pages["304"][0], {URL: other, Err: "HTTP 404"}}}, notMod},
		{"failed and fetched", ProjectResult{Sources: []SourceResult{{URL: other, Err: "HTTP 404"}, pages["fetched"][0]}}, fetched},
		{"all failed: first error", ProjectResult{Sources: []SourceResult{{URL: other, Err: "HTTP 404"}, pages["failed"][0]}},
			want{StatusFailed, other + ": HTTP 404"}},
		{"fetched and lost", ProjectResult{Sources: []SourceResult{{URL: other, Document: &Document{}}, pages["lost"][0]}},
			want{StatusFailed, lostErr}},
		{"repository not found beats a fetched page", ProjectResult{Repo: "o/gone", Sources: pages["fetched"],
			GitHub: &GitHubResult{RepoNotFound: true, Err: "repository o/gone not found on GitHub"}},
			want{StatusFailed, "github o/gone: repository o/gone not found on GitHub (check repo in the config)"}},
		{"error already decided", ProjectResult{Sources: pages["fetched"], Err: "save: disk full"}, want{StatusFailed, "save: disk full"}},
	} {
		if status, reason := CrawlStatus(tc.res); status != tc.want.status || reason != tc.want.reason {
			t.Errorf("%s: %s %q, want %s %q", tc.name, status, reason, tc.want.status, tc.want.reason)
		}
	}
}
