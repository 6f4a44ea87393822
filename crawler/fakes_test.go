package crawler

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// fakeSink keeps saved results in memory and answers validators from them,
// as the store would.
type fakeSink struct {
	mu      sync.Mutex
	saved   map[string]roadmap.ProjectResult
	order   []string
	failFor map[string]bool // projects whose save fails
	val     map[string][2]string
}

func newFakeSink() *fakeSink {
	return &fakeSink{saved: map[string]roadmap.ProjectResult{}, failFor: map[string]bool{}, val: map[string][2]string{}}
}

var errSinkDown = errors.New("database is locked")

func (s *fakeSink) SaveProject(ctx context.Context, crawlID int64, res roadmap.ProjectResult) (roadmap.ProjectChanges, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failFor[res.Project] || s.failFor["*"] {
		return roadmap.ProjectChanges{}, errSinkDown
	}
	s.saved[res.Project] = res
	s.order = append(s.order, res.Project)
	added := 0
	for _, sr := range res.Sources {
		if sr.Document != nil {
			added += len(sr.Document.Items)
		}
	}
	for _, f := range res.Fetches {
		if f.Err == "" && (f.ETag != "" || f.LastModified != "") {
			s.val[res.Project+" "+f.URL] = [2]string{f.ETag, f.LastModified}
		}
	}
	return roadmap.ProjectChanges{Added: added}, nil
}

// Validators answers the ETag and Last-Modified last saved for project's url.
func (s *fakeSink) Validators(ctx context.Context, project, url string) (string, string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v := s.val[project+" "+url]
	return v[0], v[1], nil
}

func (s *fakeSink) result(t *testing.T, slug string) roadmap.ProjectResult {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	res, ok := s.saved[slug]
	if !ok {
		t.Fatalf("project %s was not saved", slug)
	}
	return res
}

// fakeGitHub answers Project from a table and records needContent.
type fakeGitHub struct {
	mu      sync.Mutex
	results map[string]*roadmap.GitHubResult
	need    map[string]bool
	calls   int
}

func (g *fakeGitHub) Project(ctx context.Context, p roadmap.Project, needContent bool) *roadmap.GitHubResult {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.calls++
	if g.need == nil {
		g.need = map[string]bool{}
	}
	g.need[p.Slug] = needContent
	if r, ok := g.results[p.Slug]; ok {
		cp := *r
		if !needContent {
			cp.FileContent = nil
		}
		return &cp
	}
	return &roadmap.GitHubResult{IssuesOK: true}
}

func (g *fakeGitHub) Quota() roadmap.Quota {
	g.mu.Lock()
	defer g.mu.Unlock()
	return roadmap.Quota{Requests: g.calls}
}

// fakeLogo records what it was given and returns a PNG or monogram logo.
type fakeLogo struct {
	mu    sync.Mutex
	calls map[string]logoCall
}

type logoCall struct {
	n           int
	contentType string
}

func (l *fakeLogo) fn(ctx context.Context, p roadmap.Project, data []byte, contentType string) roadmap.Logo {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.calls == nil {
		l.calls = map[string]logoCall{}
	}
	l.calls[p.Slug] = logoCall{n: len(data), contentType: contentType}
	if data == nil {
		return roadmap.Logo{Project: p.Slug, Method: roadmap.LogoMonogram, Format: "png"}
	}
	return roadmap.Logo{Project: p.Slug, Source: p.Logo, Method: roadmap.LogoPNG, Format: "png", Data: data}
}

// countExtract wraps extractDoc for the test, counting parses.
func countExtract(t *testing.T) *atomic.Int64 {
	t.Helper()
	var n atomic.Int64
	orig := extractDoc
	extractDoc = func(docURL, contentType string, body []byte) (*roadmap.Document, error) {
		n.Add(1)
		return orig(docURL, contentType, body)
	}
	t.Cleanup(func() { extractDoc = orig })
	return &n
}

// fixture reads testdata/site/name.
func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "site", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
