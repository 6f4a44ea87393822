package github

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
	"github.com/roadmapper/roadmapper/internal/testutil"
)

// testCache is a persistent in-memory Cache standing in for the store.
type testCache struct {
	mu sync.Mutex
	m  map[string]roadmap.CachedResponse
}

func newTestCache() *testCache { return &testCache{m: map[string]roadmap.CachedResponse{}} }

func (c *testCache) CacheGet(_ context.Context, key string) (roadmap.CachedResponse, bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	r, ok := c.m[key]
	return r, ok, nil
}

func (c *testCache) CachePut(_ context.Context, key string, r roadmap.CachedResponse) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[key] = r
	return nil
}

// dump returns everything the cache holds as text.
func (c *testCache) dump() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var b bytes.Buffer
	for k, v := range c.m {
		fmt.Fprintf(&b, "%s\n%+v\n%s\n", k, v, v.Body)
	}
	return b.String()
}

// syncBuffer is a goroutine-safe log sink.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var t0 = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// fakeRepo returns a repository with a roadmap file, nIssues issues
// labelled "roadmap" and one pull request with the same label.
func fakeRepo(owner, name string, nIssues int) testutil.FakeRepo {
	r := testutil.FakeRepo{
		Owner: owner, Name: name, Description: "The " + name + " project", Homepage: "https://" + name + ".example.org",
		Stars: 1200, Topics: []string{"science", "python"}, PushedAt: t0, DefaultBranch: "main",
		Files: map[string]testutil.FakeFile{
			"doc/roadmap.md": {Content: "# Roadmap\n\nFaster things.\n", CommitDate: t0.Add(-48 * time.Hour), CommitSHA: "abc123"},
		},
	}
	for i := 1; i <= nIssues; i++ {
		r.Issues = append(r.Issues, testutil.FakeIssue{
			Number: i, Title: fmt.Sprintf("Plan %d", i), Body: fmt.Sprintf("We want **plan %d**. See [the NEP](https://example.org/nep/%d).", i, i),
			Labels: []string{"roadmap"}, Milestone: "2.0", Reactions: i, PlusOne: 1, Comments: 2,
			Created: t0.Add(-time.Duration(i) * time.Hour), Updated: t0,
		})
	}
	r.Issues = append(r.Issues, testutil.FakeIssue{Number: 9999, Title: "A pull request", Labels: []string{"roadmap"}, PullRequest: true})
	return r
}

func project(owner, name string) roadmap.Project {
	return roadmap.Project{Slug: name, Name: name, Repo: owner + "/" + name, RoadmapFile: "doc/roadmap.md"}
}

type setup struct {
	fake  *testutil.FakeGitHub
	cache *testCache
	logs  *syncBuffer
}

func newSetup(t testing.TB) *setup {
	return &setup{fake: testutil.NewFakeGitHub(t), cache: newTestCache(), logs: &syncBuffer{}}
}

// client returns a Client for the fake; edit adjusts its options.
func (s *setup) client(t testing.TB, token string, edit func(*Options)) *Client {
	t.Helper()
	opts := Options{
		BaseURL: s.fake.URL(), Token: token, Labels: []string{"roadmap"}, Cache: s.cache,
		Logger: slog.New(slog.NewTextHandler(s.logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
	}
	if edit != nil {
		edit(&opts)
	}
	c, err := New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}
