package store

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

const (
	u1 = "https://p.example.org/roadmap.html"
	u2 = "https://p.example.org/more.html"
)

func at(day int) time.Time { return t0.Add(time.Duration(day) * 24 * time.Hour) }

// page is a project result with one freshly parsed page.
func page(day int, titles ...string) roadmap.ProjectResult {
	src := fetched(u1, doc(u1, 400+len(titles), titles...), "<html>"+strings.Join(titles, "|")+"</html>", at(day))
	return roadmap.ProjectResult{Project: "p", Sources: []roadmap.SourceResult{src}, Fetches: []roadmap.Fetch{src.Fetch}}
}

func withSources(srcs ...roadmap.SourceResult) roadmap.ProjectResult {
	res := roadmap.ProjectResult{Project: "p", Sources: srcs}
	for _, s := range srcs {
		res.Fetches = append(res.Fetches, s.Fetch)
	}
	return res
}

func withGitHub(res roadmap.ProjectResult, gh *roadmap.GitHubResult) roadmap.ProjectResult {
	res.GitHub = gh
	return res
}

func ghOK(issues ...roadmap.Item) *roadmap.GitHubResult {
	return &roadmap.GitHubResult{Repo: &roadmap.RepoFacts{FullName: "o/r", Stars: 42}, IssuesOK: true, Issues: issues,
		RoadmapCommit: &roadmap.Commit{SHA: "abc", Date: at(-30), URL: "https://github.com/o/r/commit/abc"}}
}

func snapshot(t *testing.T, s *Store, crawlID int64) roadmap.ProjectSnapshot {
	t.Helper()
	snaps, err := s.Snapshots(context.Background(), crawlID)
	if err != nil {
		t.Fatalf("Snapshots: %v", err)
	}
	sn, ok := snaps["p"]
	if !ok {
		t.Fatalf("no snapshot of p in crawl %d", crawlID)
	}
	return sn
}

func itemByID(t *testing.T, s *Store, id string) roadmap.Item {
	t.Helper()
	items, err := s.Items(context.Background(), ItemQuery{IDs: []string{id}, IncludeRemoved: true})
	if err != nil || len(items) != 1 {
		t.Fatalf("Items(%s) = %v, %v", id, items, err)
	}
	return items[0]
}

func TestSaveProject(t *testing.T) {
	rewritten := page(2, "Alpha", "Beta", "Gamma")
	rewritten.Sources[0].Document.Items[1].Summary = "Beta, rewritten from scratch."
	rewritten.Sources[0].Fetch.Body = []byte("<html>rewritten</html>")
	rewritten.Fetches = []roadmap.Fetch{rewritten.Sources[0].Fetch}

	tests := []struct {
		name       string
		steps      []roadmap.ProjectResult // each saved by its own crawl
		want       roadmap.ProjectChanges  // of the last step
		wantIDs    []string                // current items after the last step
		wantEvents []string                // of the last crawl
		check      func(t *testing.T, s *Store, crawls []int64)
	}{
		{
			name:       "first crawl adds",
			steps:      []roadmap.ProjectResult{page(1, "Alpha", "Beta", "Gamma")},
			want:       roadmap.ProjectChanges{Added: 3},
			wantIDs:    []string{"p/alpha", "p/beta", "p/gamma"},
			wantEvents: []string{"added p/alpha", "added p/beta", "added p/gamma"},
			check: func(t *testing.T, s *Store, crawls []int64) {
				sn := snapshot(t, s, crawls[0])
				if sn.Status != roadmap.StatusFetched || sn.Items != 3 || sn.Words != 403 || sn.RoadmapURL != u1 ||
					len(sn.Dates) != 1 || sn.Title != "Roadmap of "+u1 {
					t.Errorf("snapshot = %+v", sn)
				}
				if want := time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC); !sn.LastModified.Equal(want) {
					t.Errorf("LastModified = %v, want %v", sn.LastModified, want)
				}
				it := itemByID(t, s, "p/beta")
				if it.DocURL != u1 || it.Source != roadmap.SourcePage || it.Position != 1 || it.Hash == "" ||
					!it.FirstSeen.Equal(t0.Add(24*time.Hour)) || !it.RemovedAt.IsZero() {
					t.Errorf("item = %+v", it)
				}
			},
		},
		{
			name:    "unchanged recrawl (304) keeps items and words/dates",
			steps:   []roadmap.ProjectResult{page(1, "Alpha", "Beta", "Gamma"), withSources(notModified(u1, at(2)))},
			wantIDs: []string{"p/alpha", "p/beta", "p/gamma"},
			check: func(t *testing.T, s *Store, crawls []int64) {
				sn := snapshot(t, s, crawls[1])
				if sn.Status != roadmap.StatusNotModified || sn.Items != 3 || sn.Words != 403 || len(sn.Dates) != 1 ||
					sn.RoadmapURL != u1 || sn.Title == "" || sn.LastModified.IsZero() {
					t.Errorf("snapshot = %+v", sn)
				}
				for _, id := range []string{"p/alpha", "p/beta", "p/gamma"} {
					it := itemByID(t, s, id)
					if !it.FirstSeen.Equal(t0.Add(24*time.Hour)) || !it.LastSeen.Equal(t0.Add(48*time.Hour)) {
						t.Errorf("%s first/last seen = %v / %v", id, it.FirstSeen, it.LastSeen)
					}
				}
			},
		},
		{
			name:    "unchanged re-parse changes nothing",
			steps:   []roadmap.ProjectResult{page(1, "Alpha", "Beta"), page(2, "Alpha", "Beta")},
			wantIDs: []string{"p/alpha", "p/beta"},
		},
		{
			name:       "rewritten section is changed",
			steps:      []roadmap.ProjectResult{page(1, "Alpha", "Beta", "Gamma"), rewritten},
			want:       roadmap.ProjectChanges{Changed: 1},
			wantIDs:    []string{"p/alpha", "p/beta", "p/gamma"},
			wantEvents: []string{"changed p/beta"},
			check: func(t *testing.T, s *Store, crawls []int64) {
				evs, _ := s.Events(context.Background(), crawls[1])
				if len(evs) != 1 || evs[0].OldHash == "" || evs[0].NewHash == "" || evs[0].OldHash == evs[0].NewHash {
					t.Errorf("events = %+v", evs)
				}
				if it := itemByID(t, s, "p/beta"); it.Summary != "Beta, rewritten from scratch." || it.Hash != evs[0].NewHash {
					t.Errorf("item = %+v", it)
				}
			},
		},
		{
			name:       "removed section is removed",
			steps:      []roadmap.ProjectResult{page(1, "Alpha", "Beta", "Gamma"), page(2, "Alpha", "Gamma")},
			want:       roadmap.ProjectChanges{Removed: 1},
			wantIDs:    []string{"p/alpha", "p/gamma"},
			wantEvents: []string{"removed p/beta"},
			check: func(t *testing.T, s *Store, crawls []int64) {
				if it := itemByID(t, s, "p/beta"); !it.RemovedAt.Equal(t0.Add(48 * time.Hour)) {
					t.Errorf("RemovedAt = %v", it.RemovedAt)
				}
				if sn := snapshot(t, s, crawls[1]); sn.Items != 2 {
					t.Errorf("snapshot items = %d", sn.Items)
				}
			},
		},
		{
			name: "removed then back is added, first seen kept",
			steps: []roadmap.ProjectResult{page(1, "Alpha", "Beta"), page(2, "Alpha"),
				page(3, "Alpha", "Beta")},
			want:       roadmap.ProjectChanges{Added: 1},
			wantIDs:    []string{"p/alpha", "p/beta"},
			wantEvents: []string{"added p/beta"},
			check: func(t *testing.T, s *Store, crawls []int64) {
				it := itemByID(t, s, "p/beta")
				if !it.FirstSeen.Equal(t0.Add(24*time.Hour)) || !it.RemovedAt.IsZero() || !it.LastSeen.Equal(t0.Add(72*time.Hour)) {
					t.Errorf("item = %+v", it)
				}
			},
		},
		{
			name: "failed source keeps its items",
			steps: []roadmap.ProjectResult{
				withSources(fetched(u1, doc(u1, 100, "Alpha", "Beta"), "one", at(1)), fetched(u2, doc(u2, 50, "Gamma"), "two", at(1))),
				withSources(failed(u1, at(2)), fetched(u2, doc(u2, 60, "Gamma", "Delta"), "two more", at(2))),
			},
			want:       roadmap.ProjectChanges{Added: 1},
			wantIDs:    []string{"p/alpha", "p/gamma", "p/beta", "p/delta"},
			wantEvents: []string{"added p/delta"},
			check: func(t *testing.T, s *Store, crawls []int64) {
				sn := snapshot(t, s, crawls[1])
				// u1 failed: the first source with a document is u2.
				if sn.Status != roadmap.StatusFetched || sn.RoadmapURL != u2 || sn.Words != 60 || sn.Items != 4 {
					t.Errorf("snapshot = %+v", sn)
				}
				if it := itemByID(t, s, "p/alpha"); !it.LastSeen.Equal(t0.Add(24 * time.Hour)) {
					t.Errorf("kept item of a failed source was touched: %+v", it)
				}
			},
		},
		{
			name: "every source failed carries the document facts over",
			steps: []roadmap.ProjectResult{page(1, "Alpha", "Beta"),
				withSources(failed(u1, at(2)))},
			wantIDs: []string{"p/alpha", "p/beta"},
			check: func(t *testing.T, s *Store, crawls []int64) {
				prev, cur := snapshot(t, s, crawls[0]), snapshot(t, s, crawls[1])
				if cur.RoadmapURL != prev.RoadmapURL || cur.Words != prev.Words || cur.Title != prev.Title ||
					len(cur.Dates) != 1 || !cur.LastModified.Equal(prev.LastModified) || cur.Items != 2 {
					t.Errorf("snapshot = %+v, previous %+v", cur, prev)
				}
			},
		},
		{
			name: "failed project keeps everything",
			steps: []roadmap.ProjectResult{
				withGitHub(page(1, "Alpha", "Beta"), ghOK(issue(7, "Faster sorting", 3))),
				{Project: "p", Err: "timeout", Sources: []roadmap.SourceResult{fetched(u1, doc(u1, 1, "Other"), "x", at(2))}},
			},
			wantIDs: []string{"p/alpha", "p/beta", "p/issue-7-faster-sorting"},
			check: func(t *testing.T, s *Store, crawls []int64) {
				sn := snapshot(t, s, crawls[1])
				if sn.Status != roadmap.StatusFailed || sn.Err != "timeout" || sn.Words != 402 || sn.RoadmapURL != u1 ||
					sn.Items != 2 || sn.Issues != 1 || sn.GitHub == nil || sn.GitHub.Repo == nil || sn.GitHub.Repo.Stars != 42 {
					t.Errorf("snapshot = %+v", sn)
				}
			},
		},
		{
			name: "GitHub IssuesOK=false keeps github items",
			steps: []roadmap.ProjectResult{
				withGitHub(page(1, "Alpha"), ghOK(issue(7, "Faster sorting", 3), issue(8, "GPU support", 0))),
				withGitHub(page(2, "Alpha"), &roadmap.GitHubResult{Skipped: "rate limited until 14:05"}),
			},
			wantIDs: []string{"p/alpha", "p/issue-7-faster-sorting", "p/issue-8-gpu-support"},
			check: func(t *testing.T, s *Store, crawls []int64) {
				sn := snapshot(t, s, crawls[1])
				if sn.Issues != 2 || sn.GitHub == nil || sn.GitHub.Repo == nil || sn.GitHub.Skipped == "" ||
					sn.GitHub.RoadmapCommit == nil || len(sn.GitHub.Issues) != 0 {
					t.Errorf("snapshot = %+v (github %+v)", sn, sn.GitHub)
				}
			},
		},
		{
			name: "GitHub IssuesOK removes closed issues; demand changes are not rewrites",
			steps: []roadmap.ProjectResult{
				withGitHub(page(1, "Alpha"), ghOK(issue(7, "Faster sorting", 3), issue(8, "GPU support", 0))),
				withGitHub(page(2, "Alpha"), ghOK(issue(7, "Faster sorting", 99))),
			},
			want:       roadmap.ProjectChanges{Removed: 1},
			wantIDs:    []string{"p/alpha", "p/issue-7-faster-sorting"},
			wantEvents: []string{"removed p/issue-8-gpu-support"},
			check: func(t *testing.T, s *Store, crawls []int64) {
				if it := itemByID(t, s, "p/issue-7-faster-sorting"); it.Issue == nil || it.Issue.Reactions != 99 ||
					it.Source != roadmap.SourceGitHub {
					t.Errorf("item = %+v", it)
				}
			},
		},
		{
			name: "no sources leaves page items alone",
			steps: []roadmap.ProjectResult{page(1, "Alpha", "Beta"),
				{Project: "p", GitHub: ghOK(issue(9, "Docs", 1))}},
			want:       roadmap.ProjectChanges{Added: 1},
			wantIDs:    []string{"p/alpha", "p/beta", "p/issue-9-docs"},
			wantEvents: []string{"added p/issue-9-docs"},
			check: func(t *testing.T, s *Store, crawls []int64) {
				if sn := snapshot(t, s, crawls[1]); sn.Status != roadmap.StatusFetched || sn.Items != 2 || sn.Issues != 1 {
					t.Errorf("snapshot = %+v", sn)
				}
			},
		},
		{
			name:    "nothing configured is no_source",
			steps:   []roadmap.ProjectResult{{Project: "p"}},
			wantIDs: nil,
			check: func(t *testing.T, s *Store, crawls []int64) {
				if sn := snapshot(t, s, crawls[0]); sn.Status != roadmap.StatusNoSource {
					t.Errorf("snapshot = %+v", sn)
				}
			},
		},
		{
			name: "duplicate titles get distinct IDs",
			steps: []roadmap.ProjectResult{withSources(
				fetched(u1, doc(u1, 10, "Goals", "Goals"), "one", at(1)),
				fetched(u2, doc(u2, 10, "Goals"), "two", at(1)))},
			want:       roadmap.ProjectChanges{Added: 3},
			wantIDs:    []string{"p/goals", "p/goals-3", "p/goals-2"}, // ordered by position
			wantEvents: []string{"added p/goals", "added p/goals-2", "added p/goals-3"},
		},
		{
			name:       "repeated titles and a title like a repeat: nothing lost",
			steps:      []roadmap.ProjectResult{page(1, "Foo", "Foo", "Foo 2")},
			want:       roadmap.ProjectChanges{Added: 3},
			wantIDs:    []string{"p/foo", "p/foo-3", "p/foo-2"},
			wantEvents: []string{"added p/foo", "added p/foo-3", "added p/foo-2"},
		},
		{
			name:       "a page section named like a GitHub issue: both kept",
			steps:      []roadmap.ProjectResult{withGitHub(page(1, "Issue 5: Metadata issue"), ghOK(issue(5, "Metadata issue", 1)))},
			want:       roadmap.ProjectChanges{Added: 2},
			wantIDs:    []string{"p/issue-5-metadata-issue", "p/issue-5-metadata-issue-2"},
			wantEvents: []string{"added p/issue-5-metadata-issue", "added p/issue-5-metadata-issue-2"},
		},
		{
			name: "a kept item keeps its ID and a parsed one of the same title gets the next",
			steps: []roadmap.ProjectResult{
				withSources(fetched(u1, doc(u1, 10, "Goals"), "one", at(1)), fetched(u2, doc(u2, 10, "Other"), "two", at(1))),
				withSources(failed(u1, at(2)), fetched(u2, doc(u2, 10, "Goals"), "three", at(2))),
			},
			want:       roadmap.ProjectChanges{Added: 1, Removed: 1},
			wantIDs:    []string{"p/goals", "p/goals-2"},
			wantEvents: []string{"added p/goals-2", "removed p/other"},
			check: func(t *testing.T, s *Store, crawls []int64) {
				if it := itemByID(t, s, "p/goals"); it.DocURL != u1 {
					t.Errorf("collision: item = %+v", it)
				}
			},
		},
		{
			name: "logo saved and its method kept in later snapshots",
			steps: []roadmap.ProjectResult{
				func() roadmap.ProjectResult {
					r := page(1, "Alpha")
					r.Logo = &roadmap.Logo{Source: "https://p.example.org/logo.svg", Format: "png", Method: roadmap.LogoSVGPure,
						Width: 10, Height: 5, Data: []byte("png bytes")}
					return r
				}(),
				withSources(notModified(u1, at(2))),
			},
			wantIDs: []string{"p/alpha"},
			check: func(t *testing.T, s *Store, crawls []int64) {
				if sn := snapshot(t, s, crawls[1]); sn.LogoMethod != roadmap.LogoSVGPure {
					t.Errorf("logo method = %q", sn.LogoMethod)
				}
				l, err := s.Logo(context.Background(), "p")
				if err != nil || l.Project != "p" || string(l.Data) != "png bytes" || l.Width != 10 {
					t.Errorf("Logo = %+v, %v", l, err)
				}
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, clk := newStore(t)
			var (
				crawls []int64
				last   roadmap.ProjectChanges
			)
			for _, res := range tc.steps {
				id, ch := save(t, s, clk, res)
				crawls = append(crawls, id)
				last = ch[0]
			}
			if last != tc.want {
				t.Errorf("changes = %+v, want %+v", last, tc.want)
			}
			if got := currentIDs(t, s, "p"); !slices.Equal(got, tc.wantIDs) {
				t.Errorf("items = %q, want %q", got, tc.wantIDs)
			}
			if got := eventStrings(t, s, crawls[len(crawls)-1]); !slices.Equal(got, tc.wantEvents) {
				t.Errorf("events = %q, want %q", got, tc.wantEvents)
			}
			if tc.check != nil {
				tc.check(t, s, crawls)
			}
		})
	}
}
