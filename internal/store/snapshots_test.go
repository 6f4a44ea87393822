package store

import (
	"testing"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

func TestGitHubFacts(t *testing.T) {
	prev := &roadmap.GitHubResult{Repo: &roadmap.RepoFacts{FullName: "o/r", Stars: 1}, IssuesOK: true,
		Warnings: []string{"old"}}
	fresh := &roadmap.GitHubResult{Repo: &roadmap.RepoFacts{FullName: "o/r", Stars: 2}, IssuesOK: true,
		Issues: []roadmap.Item{{Title: "x"}}, FileContent: []byte("file")}
	tests := []struct {
		name      string
		cur, prev *roadmap.GitHubResult
		stars     int // 0: no Repo facts expected
		skipped   string
		err       string
		nilResult bool
	}{
		{name: "new facts win", cur: fresh, prev: prev, stars: 2},
		{name: "nil keeps previous", cur: nil, prev: prev, stars: 1},
		{name: "nil and nothing before", nilResult: true},
		{name: "skipped keeps previous facts", cur: &roadmap.GitHubResult{Skipped: "rate limited"}, prev: prev,
			stars: 1, skipped: "rate limited"},
		{name: "error keeps previous facts", cur: &roadmap.GitHubResult{Err: "502"}, prev: prev, stars: 1, err: "502"},
		{name: "error with nothing before is kept", cur: &roadmap.GitHubResult{Err: "502"}, err: "502"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := githubFacts(tc.cur, tc.prev)
			if tc.nilResult {
				if got != nil {
					t.Fatalf("got %+v, want nil", got)
				}
				return
			}
			if got == nil {
				t.Fatal("got nil")
			}
			stars := 0
			if got.Repo != nil {
				stars = got.Repo.Stars
			}
			if stars != tc.stars || got.Skipped != tc.skipped || got.Err != tc.err || got.Issues != nil || got.FileContent != nil {
				t.Errorf("got %+v", got)
			}
		})
	}
	if fresh.Issues == nil || prev.Warnings[0] != "old" {
		t.Error("githubFacts modified its arguments")
	}
}
