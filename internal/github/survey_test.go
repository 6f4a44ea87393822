package github

import (
	"context"
	"strings"
	"testing"

	"github.com/roadmapper/roadmapper/internal/testutil"
)

func surveyRepo() testutil.FakeRepo {
	r := fakeRepo("sci", "lab", 0)
	r.Files["README.md"] = testutil.FakeFile{Content: "# lab\n\nSee the [roadmap](https://lab.example.org/roadmap/).\n"}
	r.Files["docs/source/dev/roadmap.rst"] = testutil.FakeFile{Content: "Roadmap\n=======\n"}
	r.Labels = []testutil.FakeLabel{{Name: "bug"}, {Name: "Roadmap", Description: "long-term plans"}}
	return r
}

func TestSurveyReadsRepoTreeReadmeLabels(t *testing.T) {
	s := newSetup(t)
	s.fake.AddRepo(surveyRepo())
	c := s.client(t, "tok", nil)
	sv := c.Survey(context.Background(), "sci/lab")
	if sv.Err != "" || sv.Skipped != "" {
		t.Fatalf("survey failed: %+v", sv)
	}
	if sv.Repo == nil || sv.Repo.Homepage != "https://lab.example.org" || sv.DefaultBranch != "main" {
		t.Errorf("repo facts = %+v, branch %q", sv.Repo, sv.DefaultBranch)
	}
	var paths []string
	dirs := 0
	for _, e := range sv.Tree {
		if e.Dir {
			dirs++
		} else {
			paths = append(paths, e.Path)
		}
	}
	if got := strings.Join(paths, ","); got != "README.md,doc/roadmap.md,docs/source/dev/roadmap.rst" {
		t.Errorf("tree files = %s", got)
	}
	if dirs != 4 { // doc, docs, docs/source, docs/source/dev
		t.Errorf("tree dirs = %d, want 4", dirs)
	}
	if sv.ReadmePath != "README.md" || !strings.Contains(sv.Readme, "[roadmap](https://lab.example.org/roadmap/)") {
		t.Errorf("readme %q = %q", sv.ReadmePath, sv.Readme)
	}
	if len(sv.Labels) != 2 || sv.Labels[1].Name != "Roadmap" || sv.Labels[1].Description != "long-term plans" {
		t.Errorf("labels = %+v", sv.Labels)
	}
	if n := s.fake.Counted(); n != 4 {
		t.Errorf("cold survey counted %d requests, want 4 (repo, tree, README, labels)", n)
	}
	// An unchanged re-run with a token costs nothing.
	before := s.fake.Counted()
	again := s.client(t, "tok", nil).Survey(context.Background(), "sci/lab")
	if again.Err != "" || len(again.Tree) != len(sv.Tree) || again.Readme != sv.Readme {
		t.Fatalf("warm survey differs: %+v", again)
	}
	if n := s.fake.Counted() - before; n != 0 {
		t.Errorf("warm survey counted %d requests, want 0", n)
	}
}

func TestSurveyMissingPartsAndRepo(t *testing.T) {
	s := newSetup(t)
	r := testutil.FakeRepo{Owner: "o", Name: "bare", Files: map[string]testutil.FakeFile{"main.go": {Content: "package main"}}}
	s.fake.AddRepo(r)
	c := s.client(t, "tok", nil)
	sv := c.Survey(context.Background(), "o/bare")
	if sv.Err != "" || len(sv.Warnings) != 0 {
		t.Fatalf("a repository without README or labels is not an error: %+v", sv)
	}
	if sv.ReadmePath != "" || len(sv.Labels) != 0 || len(sv.Tree) != 1 {
		t.Errorf("survey = %+v", sv)
	}
	gone := c.Survey(context.Background(), "o/missing")
	if !gone.NotFound || !strings.Contains(gone.Err, "o/missing not found") {
		t.Errorf("missing repository: %+v", gone)
	}
	if bad := c.Survey(context.Background(), "nonsense"); !strings.Contains(bad.Err, "owner/name") {
		t.Errorf("bad name: %+v", bad)
	}
}
