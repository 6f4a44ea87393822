package report

import (
	"github.com/roadmapper/roadmapper/internal/testutil"

	"bytes"
	"encoding/json"
	"flag"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/internal/audit"
	"github.com/roadmapper/roadmapper/internal/roadmap"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// golden compares got with testdata/golden/name (see testutil.Golden).
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	testutil.Golden(t, name, got, *update)
}

func render(t *testing.T, r Report, format string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, r, format); err != nil {
		t.Fatalf("Write %s: %v", format, err)
	}
	return buf.Bytes()
}

func TestWriteGolden(t *testing.T) {
	cases := []struct {
		name string
		in   Input
	}{
		{"nightly", fixtureInput()},
		{"first-interrupted", firstInterruptedInput()},
	}
	for _, tc := range cases {
		r := Build(tc.in)
		for _, format := range []string{"md", "text", "html", "json"} {
			t.Run(tc.name+"."+format, func(t *testing.T) {
				golden(t, tc.name+"."+format, render(t, r, format))
			})
		}
	}
}

func TestWriteUnknownFormat(t *testing.T) {
	if err := Write(&bytes.Buffer{}, Report{}, "pdf"); err == nil || !strings.Contains(err.Error(), `unknown format "pdf"`) {
		t.Errorf("Write(pdf) error = %v, want unknown format", err)
	}
}

func TestBuild(t *testing.T) {
	r := Build(fixtureInput())
	if want := (ProjectCounts{Crawled: 5, Fetched: 2, NotModified: 1, Failed: 1, NoSource: 1}); r.Counts != want {
		t.Errorf("Counts = %+v, want %+v", r.Counts, want)
	}
	if want := (ItemTotals{Added: 8, Removed: 1, Changed: 1, Renamed: 2}); r.Totals != want {
		t.Errorf("Totals = %+v, want %+v", r.Totals, want)
	}
	if r.Crawl.Duration != "2m5s" || r.Crawl.Interrupted || r.Previous == nil || r.Previous.ID != 41 {
		t.Errorf("header = %+v prev %+v", r.Crawl, r.Previous)
	}
	if r.GitHub.Waited != "5s" || r.GitHub.Requests != 57 || r.GitHub.NotModified != 36 {
		t.Errorf("GitHub = %+v", r.GitHub)
	}

	byProject := map[string]ProjectChanges{}
	for _, pc := range r.Changes {
		byProject[pc.Project] = pc
	}
	orbit := byProject["orbit"]
	if len(orbit.Renamed) != 1 || orbit.Renamed[0].From.Title != "Faster I/O" || orbit.Renamed[0].To.Title != "Faster input and output" ||
		orbit.Renamed[0].How != "text" || orbit.Renamed[0].Similarity < 0.6 {
		t.Errorf("orbit renamed = %+v, want Faster I/O → Faster input and output by text", orbit.Renamed)
	}
	if len(orbit.Removed) != 1 || orbit.Removed[0].Title != "Legacy build system" {
		t.Errorf("orbit removed = %+v", orbit.Removed)
	}
	if len(orbit.Changed) != 1 || orbit.Changed[0].Title != "Documentation" {
		t.Errorf("orbit changed = %+v", orbit.Changed)
	}
	tern := byProject["tern"]
	if len(tern.Renamed) != 1 || tern.Renamed[0].How != "issue" || tern.Renamed[0].From.Issue != 5 {
		t.Errorf("tern renamed = %+v, want issue 5 by number", tern.Renamed)
	}

	var lattice ProjectOutcome
	for _, o := range r.Projects {
		if o.Project == "lattice" {
			lattice = o
		}
	}
	if lattice.Status != roadmap.StatusFailed || !lattice.NewlyFailing || !strings.Contains(lattice.Error, "503") || len(lattice.FetchErrors) != 1 {
		t.Errorf("lattice = %+v, want newly failing with 503", lattice)
	}

	wantChanges := []StatusChange{
		{Project: "lattice", Name: "Lattice", From: "good", To: "unreachable", Reason: "could not fetch in crawl 42: HTTP 503 Service Unavailable"},
		{Project: "quill", Name: "Quill", From: "none", To: "good", Reason: "4 items, 640 words, updated today"},
		{Project: "tern", Name: "Tern", From: "thin", To: "good", Reason: "roadmap kept as 3 labelled issues"},
		{Project: "fjord", Name: "Fjord", From: "good", To: "stale", Reason: "4 items, 700 words, updated 3 years ago"},
	}
	if len(r.StatusChanges) != len(wantChanges) {
		t.Fatalf("status changes = %+v", r.StatusChanges)
	}
	for i, w := range wantChanges {
		if r.StatusChanges[i] != w {
			t.Errorf("status change %d = %+v, want %+v", i, r.StatusChanges[i], w)
		}
	}

	// The retitled tern issue 5 is a rename, not a new issue.
	var got []int
	for _, is := range r.NewIssues {
		got = append(got, is.Number)
	}
	if want := []int{31, 812, 32}; !equalInts(got, want) || r.NewIssueCount != 3 {
		t.Errorf("new issues = %v (total %d), want %v by demand", got, r.NewIssueCount, want)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestNewIssuesTopTen(t *testing.T) {
	in := Input{Crawl: roadmap.Crawl{ID: 2}, Projects: []roadmap.Project{{Slug: "p", Name: "P"}}, Items: map[string]roadmap.Item{}}
	for n := 1; n <= 15; n++ {
		it := issue("p", n, "Issue", n, 1)
		in.Items[it.ID] = it
		in.Events = append(in.Events, event(roadmap.EventAdded, it))
	}
	r := Build(in)
	if len(r.NewIssues) != 10 || r.NewIssueCount != 15 || r.NewIssues[0].Number != 15 || r.NewIssues[0].Demand != 16 || r.NewIssues[9].Number != 6 {
		t.Errorf("new issues = %+v (total %d), want 15..6", r.NewIssues, r.NewIssueCount)
	}
}

func TestPairRenames(t *testing.T) {
	text := "the quick brown fox jumps over the lazy dog near the river bank at dawn"
	cand := func(id, url, body string, issue int) candidate {
		ref := ItemRef{ID: id, Title: id, Source: roadmap.SourcePage, Issue: issue}
		if issue != 0 {
			ref.Source = roadmap.SourceGitHub
		}
		return newCandidate(ref, roadmap.Item{URL: url, Text: body}, true, true)
	}
	tests := []struct {
		name     string
		removed  []candidate
		added    []candidate
		wantHow  []string
		wantRest [2]int
	}{
		{"identical text", []candidate{cand("a", "https://x/#a", text, 0)}, []candidate{cand("b", "https://x/#b", text, 0)}, []string{"text"}, [2]int{0, 0}},
		{"unrelated text", []candidate{cand("a", "https://x/#a", text, 0)}, []candidate{cand("b", "https://x/#b", "an entirely different paragraph about sparse arrays and compilers", 0)}, nil, [2]int{1, 1}},
		{"same anchor", []candidate{cand("a", "https://x/p#plans", "one two", 0)}, []candidate{cand("b", "https://x/p#plans", "three four", 0)}, []string{"anchor"}, [2]int{0, 0}},
		{"same issue", []candidate{cand("a", "", "x", 7)}, []candidate{cand("b", "", "y", 7)}, []string{"issue"}, [2]int{0, 0}},
		{"empty texts never pair", []candidate{cand("a", "", "", 0)}, []candidate{cand("b", "", "", 0)}, nil, [2]int{1, 1}},
		{"each item pairs once", []candidate{cand("a", "", text, 0), cand("c", "", text, 0)}, []candidate{cand("b", "", text, 0)}, []string{"text"}, [2]int{1, 0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pairs, rr, ra := pairRenames(tc.removed, tc.added)
			var how []string
			for _, p := range pairs {
				how = append(how, p.How)
			}
			if strings.Join(how, ",") != strings.Join(tc.wantHow, ",") || len(rr) != tc.wantRest[0] || len(ra) != tc.wantRest[1] {
				t.Errorf("pairs %v, rest %d/%d; want %v, %v", how, len(rr), len(ra), tc.wantHow, tc.wantRest)
			}
		})
	}
}

func TestJaccard(t *testing.T) {
	a := shingles("alpha beta gamma delta")
	if got := jaccard(a, a); got != 1 {
		t.Errorf("jaccard(a, a) = %v", got)
	}
	b := shingles("alpha beta gamma epsilon")
	if got := jaccard(a, b); got != 1.0/3 {
		t.Errorf("jaccard = %v, want 1/3", got)
	}
	if got := jaccard(nil, a); got != 0 {
		t.Errorf("jaccard(nil, a) = %v", got)
	}
}

// hostile is crawled text trying to inject markup and script links.
const hostile = "<script>alert(1)</script>"
const hostileLink = "[click](javascript:alert(1))"

func hostileInput() Input {
	in := fixtureInput()
	bad := roadmap.Item{ID: "orbit/bad", Project: "orbit", Title: hostile + " " + hostileLink, Source: roadmap.SourcePage,
		URL: "javascript:alert(1)", Summary: hostile}
	bad2 := roadmap.Item{ID: "orbit/bad2", Project: "orbit", Title: hostileLink, Source: roadmap.SourceGitHub,
		URL: "https://github.com/orbit/orbit/issues/1\"><script>alert(1)</script>", Issue: &roadmap.IssueFacts{Number: 1, Reactions: 99}}
	in.Items[bad.ID], in.Items[bad2.ID] = bad, bad2
	in.Events = append(in.Events,
		roadmap.ItemEvent{CrawlID: 42, Project: "orbit", ItemID: bad.ID, Kind: roadmap.EventAdded, Source: bad.Source, Title: bad.Title},
		roadmap.ItemEvent{CrawlID: 42, Project: "orbit", ItemID: bad2.ID, Kind: roadmap.EventAdded, Source: bad2.Source, Title: bad2.Title})
	in.Projects[0].Name = "Orbit " + hostile
	in.Snapshots["lattice"] = roadmap.ProjectSnapshot{CrawlID: 42, Project: "lattice", Status: roadmap.StatusFailed, Err: hostile + hostileLink}
	in.Fetches = append(in.Fetches, roadmap.Fetch{Project: "lattice", URL: "javascript:alert(1)", Kind: roadmap.FetchPage, Err: hostile})
	in.Audit[1].Reason = hostileLink
	return in
}

// mdLinkTarget finds Markdown link targets: "](" not escaped by a backslash.
var mdLinkTarget = regexp.MustCompile(`(^|[^\\])\]\(([^)\s]*)`)

func TestHostileTextIsInert(t *testing.T) {
	r := Build(hostileInput())

	md := string(render(t, r, "md"))
	if strings.Contains(strings.ToLower(md), "<script") {
		t.Errorf("markdown contains <script:\n%s", md)
	}
	for _, m := range mdLinkTarget.FindAllStringSubmatch(md, -1) {
		if target := m[2]; !strings.HasPrefix(target, "https://") && !strings.HasPrefix(target, "http://") {
			t.Errorf("markdown link target %q is not http(s)", target)
		}
	}
	if !strings.Contains(md, `\[click\](javascript:alert(1))`) {
		t.Errorf("markdown lost the escaped hostile title:\n%s", md)
	}

	html := string(render(t, r, "html"))
	lower := strings.ToLower(html)
	if strings.Contains(lower, "<script") {
		t.Errorf("HTML contains <script")
	}
	for _, m := range regexp.MustCompile(`(?i)href\s*=\s*"([^"]*)"`).FindAllStringSubmatch(html, -1) {
		if !strings.HasPrefix(m[1], "https://") && !strings.HasPrefix(m[1], "http://") {
			t.Errorf("HTML href %q is not http(s)", m[1])
		}
	}
	if strings.Contains(lower, "javascript:alert(1)\"") || strings.Contains(lower, "href=\"javascript") {
		t.Errorf("HTML carries a javascript: link")
	}
	if !strings.Contains(html, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("HTML lost the escaped hostile text")
	}

	var decoded Report
	if err := json.Unmarshal(render(t, r, "json"), &decoded); err != nil {
		t.Fatal(err)
	}
	for _, pc := range decoded.Changes {
		for _, a := range pc.Added {
			if a.ID == "orbit/bad" && a.URL != "" {
				t.Errorf("JSON keeps the javascript: URL %q", a.URL)
			}
		}
	}
}

func TestBuildEmpty(t *testing.T) {
	r := Build(Input{Crawl: roadmap.Crawl{ID: 1}})
	for _, format := range []string{"md", "html", "json"} {
		if len(render(t, r, format)) == 0 {
			t.Errorf("%s output empty", format)
		}
	}
	out := string(render(t, r, "json"))
	for _, key := range []string{`"changes": []`, `"status_changes": []`, `"new_issues": []`, `"projects": []`, `"previous": null`, `"finished_at": null`} {
		if !strings.Contains(out, key) {
			t.Errorf("JSON lacks %s:\n%s", key, out)
		}
	}
}

// BenchmarkBuildReport builds the report of a crawl of 200 projects with
// 2000 item events (10 per project: adds, removals that may be renames,
// changes and GitHub issues).
func BenchmarkBuildReport(b *testing.B) {
	in := benchInput(200, 2000)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = Build(in)
	}
}

// BenchmarkWriteReport renders the same report as Markdown and HTML.
func BenchmarkWriteReport(b *testing.B) {
	r := Build(benchInput(200, 2000))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var buf bytes.Buffer
		if err := Write(&buf, r, "md"); err != nil {
			b.Fatal(err)
		}
		if err := Write(&buf, r, "html"); err != nil {
			b.Fatal(err)
		}
	}
}

func benchInput(projects, events int) Input {
	words := strings.Fields("array kernel device memory stream parser plugin schema index sparse dense compile cache thread " +
		"release wheel build docs tutorial api typing interop gpu cloud table frame chunk codec storage metric plot")
	text := func(seed int) string {
		var sb strings.Builder
		for k := 0; k < 120; k++ {
			sb.WriteString(words[(seed*7+k*13+k*k)%len(words)])
			sb.WriteByte(' ')
		}
		return sb.String()
	}
	in := Input{Crawl: roadmap.Crawl{ID: 2, StartedAt: t42, FinishedAt: t42.Add(time.Minute)},
		Previous:  &roadmap.Crawl{ID: 1, StartedAt: t41, FinishedAt: t41.Add(time.Minute)},
		Snapshots: map[string]roadmap.ProjectSnapshot{}, PrevSnapshots: map[string]roadmap.ProjectSnapshot{},
		Items: map[string]roadmap.Item{}}
	perProject := events / projects
	for p := 0; p < projects; p++ {
		slug := "project-" + itoa(p)
		in.Projects = append(in.Projects, roadmap.Project{Slug: slug, Name: "Project " + itoa(p), Roadmap: []string{"https://" + slug + ".example.org/roadmap"}})
		status := roadmap.StatusFetched
		if p%10 == 0 {
			status = roadmap.StatusFailed
		}
		in.Snapshots[slug] = roadmap.ProjectSnapshot{CrawlID: 2, Project: slug, Status: status, Err: "HTTP 500"}
		in.PrevSnapshots[slug] = roadmap.ProjectSnapshot{CrawlID: 1, Project: slug, Status: roadmap.StatusFetched}
		in.Fetches = append(in.Fetches, roadmap.Fetch{Project: slug, URL: "https://" + slug + ".example.org/roadmap", Status: 200})
		in.Audit = append(in.Audit, audit.Finding{Project: slug, Status: audit.StatusGood, Reason: "fine"})
		in.PrevAudit = append(in.PrevAudit, audit.Finding{Project: slug, Status: []string{audit.StatusGood, audit.StatusThin}[p%2], Reason: "fine"})
		for e := 0; e < perProject; e++ {
			kind := []string{roadmap.EventAdded, roadmap.EventRemoved, roadmap.EventChanged}[e%3]
			it := item(slug, "Section "+itoa(e), "https://"+slug+".example.org/roadmap#s"+itoa(e), "Summary.", text(p*31+e/2))
			if e%5 == 4 {
				it = issue(slug, e, "Issue "+itoa(e), e, p%7)
				kind = roadmap.EventAdded
			}
			in.Items[it.ID] = it
			in.Events = append(in.Events, event(kind, it))
		}
	}
	return in
}
