package github

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
	"github.com/roadmapper/roadmapper/internal/testutil"
)

const token = "ghp_SECRETtoken1234567890abcdef"

func TestProjectFacts(t *testing.T) {
	s := newSetup(t)
	s.fake.AddRepo(fakeRepo("sci", "alpha", 2))
	c := s.client(t, token, nil)
	res := c.Project(context.Background(), project("sci", "alpha"), true)
	if res.Err != "" || res.Skipped != "" || len(res.Warnings) > 0 {
		t.Fatalf("unexpected failure: %+v", res)
	}
	want := &roadmap.RepoFacts{FullName: "sci/alpha", Description: "The alpha project", Homepage: "https://alpha.example.org",
		Stars: 1200, PushedAt: t0, Topics: []string{"science", "python"}}
	if !reflect.DeepEqual(res.Repo, want) {
		t.Errorf("repo facts:\n got %+v\nwant %+v", res.Repo, want)
	}
	html := s.fake.HTMLURL() + "sci/alpha"
	wantCommit := &roadmap.Commit{SHA: "abc123", Date: t0.Add(-48 * time.Hour), URL: html + "/commit/abc123"}
	if !reflect.DeepEqual(res.RoadmapCommit, wantCommit) {
		t.Errorf("commit: got %+v want %+v", res.RoadmapCommit, wantCommit)
	}
	if want := html + "/blob/main/doc/roadmap.md"; res.FileURL != want {
		t.Errorf("FileURL = %q, want %q", res.FileURL, want)
	}
	if string(res.FileContent) != "# Roadmap\n\nFaster things.\n" {
		t.Errorf("FileContent = %q", res.FileContent)
	}
	if !res.IssuesOK || len(res.Issues) != 2 {
		t.Fatalf("issues: ok=%v n=%d", res.IssuesOK, len(res.Issues))
	}
	it := res.Issues[0]
	wantItem := roadmap.Item{
		ID: "alpha/issue-1-plan-1", Project: "alpha", Title: "Plan 1", Summary: "We want plan 1. See the NEP.",
		Text: "We want plan 1. See the NEP.", URL: html + "/issues/1", Source: roadmap.SourceGitHub,
		Links: []string{"https://example.org/nep/1"},
		Issue: &roadmap.IssueFacts{Number: 1, Labels: []string{"roadmap"}, Milestone: "2.0", Created: t0.Add(-time.Hour),
			Updated: t0, Reactions: 1, PlusOne: 1, Comments: 2},
	}
	if !reflect.DeepEqual(it, wantItem) {
		t.Errorf("item:\n got %+v\nwant %+v", it, wantItem)
	}
	if q := c.Quota(); q.Requests != 4 || q.Counted != 4 || q.NotModified != 0 {
		t.Errorf("quota = %+v, want 4 requests, 4 counted", q)
	}
}

// crawl runs Project for every project from several goroutines, like the crawler.
func crawl(c *Client, ps []roadmap.Project, needContent bool) []*roadmap.GitHubResult {
	out := make([]*roadmap.GitHubResult, len(ps))
	var wg sync.WaitGroup
	for i, p := range ps {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = c.Project(context.Background(), p, needContent)
		}()
	}
	wg.Wait()
	return out
}

func registry(s *setup, n int) []roadmap.Project {
	var ps []roadmap.Project
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("proj%02d", i)
		s.fake.AddRepo(fakeRepo("sci", name, 5))
		ps = append(ps, project("sci", name))
	}
	return ps
}

func TestColdWarmCrawl(t *testing.T) {
	for _, needContent := range []bool{false, true} {
		t.Run(fmt.Sprintf("content=%v", needContent), func(t *testing.T) {
			s := newSetup(t)
			s.fake.SetToken(token)
			ps := registry(s, 6)
			per := 3
			if needContent {
				per = 4
			}
			cold := s.client(t, token, nil)
			first := crawl(cold, ps, needContent)
			if q := cold.Quota(); q.Counted != per*len(ps) || s.fake.Counted() != per*len(ps) || q.Requests != q.Counted {
				t.Errorf("cold: quota %+v, fake counted %d; want %d counted", q, s.fake.Counted(), per*len(ps))
			}
			warm := s.client(t, token, nil) // a new run with the persisted cache
			second := crawl(warm, ps, needContent)
			if q := warm.Quota(); q.Counted != 0 || q.NotModified != per*len(ps) {
				t.Errorf("warm: quota %+v; want 0 counted, %d not modified", q, per*len(ps))
			}
			if s.fake.Counted() != per*len(ps) {
				t.Errorf("fake counted %d after warm crawl, want %d", s.fake.Counted(), per*len(ps))
			}
			for i := range second {
				if first[i].NotModified || !second[i].NotModified {
					t.Errorf("%s: not modified cold %v, warm %v; want false, true", ps[i].Repo, first[i].NotModified, second[i].NotModified)
				}
				second[i].NotModified = false
			}
			a, _ := json.Marshal(first)
			b, _ := json.Marshal(second)
			if string(a) != string(b) {
				t.Errorf("warm results differ from cold:\n%s\n%s", a, b)
			}
			for i, r := range second {
				if len(r.Issues) != 5 || !r.IssuesOK || r.Err != "" {
					t.Errorf("%s: %d issues ok=%v err=%q", ps[i].Repo, len(r.Issues), r.IssuesOK, r.Err)
				}
				if needContent && len(r.FileContent) == 0 {
					t.Errorf("%s: no content on warm crawl", ps[i].Repo)
				}
			}
		})
	}
}

func TestPagination(t *testing.T) {
	for _, cursor := range []bool{false, true} {
		t.Run(fmt.Sprintf("cursor=%v", cursor), func(t *testing.T) {
			s := newSetup(t)
			s.fake.AddRepo(fakeRepo("sci", "big", 250))
			s.fake.UseCursorLinks(cursor)
			c := s.client(t, token, nil)
			res := c.Project(context.Background(), roadmap.Project{Slug: "big", Repo: "sci/big"}, false)
			if !res.IssuesOK || len(res.Issues) != 250 {
				t.Fatalf("got %d issues ok=%v warnings=%v", len(res.Issues), res.IssuesOK, res.Warnings)
			}
			for i, it := range res.Issues {
				if it.Issue.Number != i+1 || it.Position != i {
					t.Fatalf("issue %d has number %d position %d", i, it.Issue.Number, it.Position)
				}
			}
			issueReqs := 0
			for _, p := range s.fake.Paths() {
				if strings.Contains(p, "/issues") {
					issueReqs++
					if cursor && strings.Contains(p, "page=2") {
						t.Errorf("cursor form sent a page number: %s", p)
					}
				}
			}
			if issueReqs != 3 {
				t.Errorf("%d issue requests, want 3", issueReqs)
			}
		})
	}
}

func TestPageCap(t *testing.T) {
	s := newSetup(t)
	s.fake.AddRepo(fakeRepo("sci", "huge", 25))
	s.fake.SetPageSize(1) // 25 one-issue pages: more than the 20-page cap
	c := s.client(t, token, nil)
	res := c.Project(context.Background(), roadmap.Project{Slug: "huge", Repo: "sci/huge"}, false)
	// 20 pages listed; the first holds the pull request, which is dropped
	if res.IssuesOK || len(res.Issues) != 19 {
		t.Errorf("got %d issues ok=%v, want 19 and not ok", len(res.Issues), res.IssuesOK)
	}
	want := "more than 2000 issues labelled roadmap; listed the first 2000"
	if len(res.Warnings) != 1 || res.Warnings[0] != want {
		t.Errorf("warnings = %q, want %q", res.Warnings, want)
	}
}

func TestLabelsDedupeAndPRs(t *testing.T) {
	s := newSetup(t)
	r := testutil.FakeRepo{Owner: "sci", Name: "multi", Issues: []testutil.FakeIssue{
		{Number: 7, Title: "Both labels", Labels: []string{"roadmap", "proposal"}},
		{Number: 3, Title: "Roadmap only", Labels: []string{"roadmap"}},
		{Number: 2, Title: "Proposal only", Labels: []string{"proposal"}},
		{Number: 5, Title: "A PR", Labels: []string{"roadmap", "proposal"}, PullRequest: true},
		{Number: 4, Title: "Unlabelled"},
	}}
	s.fake.AddRepo(r)
	c := s.client(t, token, nil)
	p := roadmap.Project{Slug: "multi", Repo: "sci/multi", Labels: []string{"roadmap", "proposal", "Roadmap"}}
	res := c.Project(context.Background(), p, false)
	var got []int
	for _, it := range res.Issues {
		got = append(got, it.Issue.Number)
	}
	if !reflect.DeepEqual(got, []int{3, 7, 2}) || !res.IssuesOK {
		t.Errorf("issue numbers = %v ok=%v, want [3 7 2]", got, res.IssuesOK)
	}
	if l := res.Issues[1].Issue.Labels; !reflect.DeepEqual(l, []string{"roadmap", "proposal"}) {
		t.Errorf("labels of #7 = %v", l)
	}
	if q := c.Quota(); q.Requests != 3 {
		t.Errorf("%d requests, want 3 (repo + one per label)", q.Requests)
	}
}

func TestSecondaryLimit(t *testing.T) {
	for _, status := range []int{http.StatusTooManyRequests, http.StatusForbidden} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			s := newSetup(t)
			s.fake.AddRepo(fakeRepo("sci", "alpha", 1))
			s.fake.FailNext(status, "1", 1)
			c := s.client(t, token, nil)
			res := c.Project(context.Background(), project("sci", "alpha"), false)
			if res.Err != "" || len(res.Warnings) > 0 || res.Repo == nil || !res.IssuesOK {
				t.Fatalf("result after secondary limit: %+v", res)
			}
			q := c.Quota()
			if q.Retries != 1 || q.Waited <= 0 || q.Requests != 4 || q.Counted != 4 {
				t.Errorf("quota = %+v, want 1 retry, some wait, 4 requests", q)
			}
		})
	}
}

func TestSecondaryLimitTooLong(t *testing.T) {
	s := newSetup(t)
	s.fake.AddRepo(fakeRepo("sci", "alpha", 1))
	s.fake.FailNext(http.StatusTooManyRequests, "3600", 1)
	c := s.client(t, token, func(o *Options) { o.MaxWait = time.Second })
	res := c.Project(context.Background(), project("sci", "alpha"), false)
	if !strings.Contains(res.Err, "secondary rate limit") || res.RoadmapCommit == nil || !res.IssuesOK {
		t.Errorf("want repo failure naming the secondary limit and the other parts kept; got %+v", res)
	}
	if q := c.Quota(); q.Retries != 0 || q.Waited != 0 {
		t.Errorf("quota = %+v, want no retry and no wait", q)
	}
}

func TestPrimaryLimitSkips(t *testing.T) {
	s := newSetup(t)
	s.fake.AddRepo(fakeRepo("sci", "alpha", 1))
	s.fake.AddRepo(fakeRepo("sci", "beta", 1))
	reset := time.Now().Add(2 * time.Hour)
	s.fake.ExhaustPrimary(reset)
	c := s.client(t, token, nil)
	want := "rate limited until " + untilText(time.Unix(reset.Unix(), 0), time.Now())
	res := c.Project(context.Background(), project("sci", "alpha"), false)
	if res.Skipped != want || res.Err != "" {
		t.Errorf("first project: skipped=%q err=%q, want skipped %q", res.Skipped, res.Err, want)
	}
	n := s.fake.Requests()
	for _, name := range []string{"beta", "alpha"} {
		res := c.Project(context.Background(), project("sci", name), true)
		if res.Skipped != want {
			t.Errorf("%s: skipped = %q", name, res.Skipped)
		}
	}
	if s.fake.Requests() != n || n != 1 {
		t.Errorf("requests: %d then %d, want 1 and none after", n, s.fake.Requests())
	}
}

func TestPrimaryLimitWait(t *testing.T) {
	s := newSetup(t)
	s.fake.AddRepo(fakeRepo("sci", "alpha", 1))
	s.fake.ExhaustPrimary(time.Now().Add(time.Second))
	c := s.client(t, token, func(o *Options) { o.WaitForRateLimit = true })
	res := c.Project(context.Background(), project("sci", "alpha"), false)
	if res.Skipped != "" || res.Err != "" || res.Repo == nil || !res.IssuesOK {
		t.Fatalf("result after waiting: %+v", res)
	}
	if q := c.Quota(); q.Waited <= 0 {
		t.Errorf("quota = %+v, want some wait", q)
	}
}

func TestNoTokenWarnsOnce(t *testing.T) {
	s := newSetup(t)
	ps := registry(s, 3)
	c := s.client(t, "", nil)
	crawl(c, ps, false)
	if n := strings.Count(s.logs.String(), "no GitHub token: limited to 60 requests per hour"); n != 1 {
		t.Errorf("warning logged %d times, want 1:\n%s", n, s.logs.String())
	}
	// A 304 to an unauthenticated request still counts.
	c2 := s.client(t, "", nil)
	crawl(c2, ps, false)
	if q := c2.Quota(); q.NotModified != 9 || q.Counted != 9 {
		t.Errorf("unauthenticated warm quota = %+v, want 9 not modified, all counted", q)
	}
}

func TestBadToken(t *testing.T) {
	s := newSetup(t)
	s.fake.SetToken("the-right-one")
	ps := registry(s, 3)
	c := s.client(t, token, nil)
	want := "GitHub rejected the token in GITHUB_TOKEN (401 Bad credentials): GitHub work stopped for this crawl, pages are still crawled; fix or unset GITHUB_TOKEN"
	for _, p := range ps {
		if res := c.Project(context.Background(), p, true); res.Skipped != want || res.Err != "" {
			t.Errorf("%s: skipped %q, err %q", p.Repo, res.Skipped, res.Err)
		}
	}
	if n := s.fake.Requests(); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
	if q := c.Quota(); q.Stopped != want {
		t.Errorf("quota says GitHub stopped for %q, want %q", q.Stopped, want)
	}
}

func TestRepoStates(t *testing.T) {
	s := newSetup(t)
	old := fakeRepo("sci", "oldname", 1)
	old.MovedTo = "sci/newname"
	s.fake.AddRepo(old)
	s.fake.AddRepo(fakeRepo("sci", "newname", 1))
	arch := fakeRepo("sci", "frozen", 1)
	arch.Archived = true
	s.fake.AddRepo(arch)
	nofile := fakeRepo("sci", "nofile", 0)
	nofile.Files = nil
	s.fake.AddRepo(nofile)
	c := s.client(t, token, nil)
	tests := []struct {
		repo     string
		err      string
		warnings []string
		renamed  string
	}{
		{repo: "sci/missing", err: "repository sci/missing not found on GitHub"},
		{repo: "sci/oldname", renamed: "sci/newname", warnings: []string{"repository sci/oldname moved to sci/newname; update the config"}},
		{repo: "sci/frozen", warnings: []string{"repository is archived"}},
		{repo: "sci/nofile", warnings: []string{"no commit touches roadmap file doc/roadmap.md in sci/nofile",
			"roadmap file doc/roadmap.md not found in sci/nofile"}},
		{repo: "not-a-repo", err: `repository "not-a-repo" is not of the form owner/name`},
	}
	for _, tt := range tests {
		t.Run(tt.repo, func(t *testing.T) {
			p := roadmap.Project{Slug: "x", Repo: tt.repo, RoadmapFile: "doc/roadmap.md"}
			res := c.Project(context.Background(), p, true)
			if res.Err != tt.err || !reflect.DeepEqual(res.Warnings, tt.warnings) {
				t.Errorf("err=%q warnings=%q; want %q %q", res.Err, res.Warnings, tt.err, tt.warnings)
			}
			if res.RepoNotFound != (tt.repo == "sci/missing") {
				t.Errorf("RepoNotFound = %v", res.RepoNotFound)
			}
			if tt.err == "" && (res.Repo == nil || res.Repo.RenamedTo != tt.renamed || !res.IssuesOK) {
				t.Errorf("repo = %+v ok=%v, want renamed %q", res.Repo, res.IssuesOK, tt.renamed)
			}
		})
	}
	// Later calls after the rename go to the new name directly.
	for _, p := range s.fake.Paths() {
		if strings.Contains(p, "oldname/") {
			t.Errorf("request to the old name after the rename: %s", p)
		}
	}
}

func TestTokenNeverLeaks(t *testing.T) {
	s := newSetup(t)
	s.fake.SetToken(token)
	ps := registry(s, 3)
	ps = append(ps, roadmap.Project{Slug: "gone", Repo: "sci/gone"})
	s.fake.FailNext(http.StatusTooManyRequests, "1", 1)
	var all []any
	for round := 0; round < 2; round++ {
		c := s.client(t, token, nil)
		all = append(all, crawl(c, ps, true), c.Quota())
	}
	bad := s.client(t, token+"x", nil) // 401 path: error message and logs
	all = append(all, bad.Project(context.Background(), ps[0], true))
	s.fake.ExhaustPrimary(time.Now().Add(time.Hour)) // rate-limit path
	all = append(all, s.client(t, token, nil).Project(context.Background(), ps[1], false))
	out, err := json.Marshal(all)
	if err != nil {
		t.Fatal(err)
	}
	for what, text := range map[string]string{"results": string(out), "logs": s.logs.String(), "cache": s.cache.dump()} {
		if strings.Contains(text, token) || strings.Contains(text, token[4:16]) {
			t.Errorf("token found in %s", what)
		}
	}
	if !strings.Contains(string(out), "not found on GitHub") || !strings.Contains(string(out), "401") {
		t.Errorf("the leak check did not cover the failure paths: %s", out)
	}
}

func TestNewRejectsBadBaseURL(t *testing.T) {
	for _, u := range []string{"ftp://x/", "not a url", "/relative/"} {
		if _, err := New(Options{BaseURL: u}); err == nil {
			t.Errorf("New(%q) succeeded", u)
		}
	}
}

func TestCacheContents(t *testing.T) {
	s := newSetup(t)
	ps := registry(s, 2)
	crawl(s.client(t, token, nil), ps, true)
	if len(s.cache.m) != 8 {
		t.Errorf("%d cache entries, want 8", len(s.cache.m))
	}
	for key, r := range s.cache.m {
		if !strings.HasPrefix(key, "GET "+s.fake.URL()) || !strings.HasSuffix(key, " token="+tokenHash(token)) {
			t.Errorf("cache key %q", key)
		}
		if r.Status != http.StatusOK || r.ETag == "" || len(r.Body) == 0 {
			t.Errorf("%s: entry %+v", key, r)
		}
		for h := range r.Header {
			if !keepHeader(h) {
				t.Errorf("%s: header %s stored", key, h)
			}
		}
	}
}

func TestCancelledContext(t *testing.T) {
	s := newSetup(t)
	s.fake.AddRepo(fakeRepo("sci", "alpha", 1))
	c := s.client(t, token, nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res := c.Project(ctx, project("sci", "alpha"), true)
	if res.Err != "GitHub: context canceled" || res.Issues != nil {
		t.Errorf("result = %+v", res)
	}
}

// TestUnreachableAPIStopsGitHub: a DNS failure is not retried and stops
// GitHub work for the crawl after one request.
func TestUnreachableAPIStopsGitHub(t *testing.T) {
	var sent atomic.Int64
	rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		sent.Add(1)
		return nil, &net.DNSError{Err: "no such host", Name: r.URL.Hostname(), IsNotFound: true}
	})
	c, err := New(Options{BaseURL: "https://api.github.invalid/", Token: "t", Transport: rt})
	if err != nil {
		t.Fatal(err)
	}
	for _, repo := range []string{"a/one", "b/two", "c/three"} {
		res := c.Project(context.Background(), roadmap.Project{Slug: repo, Repo: repo}, false)
		if !strings.Contains(res.Skipped, "could not resolve host api.github.invalid") || res.Err != "" {
			t.Errorf("%s: skipped %q, err %q", repo, res.Skipped, res.Err)
		}
	}
	if n := sent.Load(); n != 1 {
		t.Errorf("%d requests sent, want 1", n)
	}
	if q := c.Quota(); !strings.HasPrefix(q.Stopped, "GitHub could not be reached") {
		t.Errorf("quota stopped = %q", q.Stopped)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
