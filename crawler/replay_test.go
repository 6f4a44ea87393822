package crawler

import (
	"context"
	"slices"
	"testing"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// TestReplay crawls, archives the bodies as the store would, shuts the site
// down and replays: the same documents come back without the network.
func TestReplay(t *testing.T) {
	site := newFakeSite(t)
	projects := []roadmap.Project{
		{Slug: "html", Roadmap: []string{site.URL + "/ok/roadmap.html"}},
		{Slug: "latin1", Roadmap: []string{site.URL + "/latin1.html"}},
		{Slug: "empty", Roadmap: []string{site.URL + "/empty.html"}},
		{Slug: "none", Roadmap: []string{site.URL + "/gone404"}},
		{Slug: "file", Repo: "o/file", RoadmapFile: "ROADMAP.md"},
	}
	gh := &fakeGitHub{results: map[string]*roadmap.GitHubResult{"file": {FileContent: fixture(t, "roadmap.md"), IssuesOK: true}}}
	sink := newFakeSink()
	_, err := New(testOptions(), sink, nil, gh, nil).Run(context.Background(), 1, projects, nil)
	if err != nil {
		t.Fatal(err)
	}
	var archived []roadmap.ArchivedResponse
	for _, p := range projects {
		for _, f := range sink.result(t, p.Slug).Fetches {
			if f.Body != nil {
				archived = append(archived, roadmap.ArchivedResponse{Project: p.Slug, URL: f.URL, Kind: f.Kind,
					ContentType: f.ContentType, Header: f.Header, Body: f.Body, FetchedAt: f.FetchedAt})
			}
		}
	}
	site.Close()

	replaySink := newFakeSink()
	parses := countExtract(t)
	sum, err := New(testOptions(), replaySink, nil, nil, nil).Replay(context.Background(), 2, projects, archived, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Outcomes) != 4 { // "none" has no archive
		t.Fatalf("%d outcomes, want 4: %+v", len(sum.Outcomes), sum.Outcomes)
	}
	if parses.Load() != 4 {
		t.Errorf("%d parses, want 4", parses.Load())
	}
	wantStatus := map[string]string{"html": roadmap.StatusFetched, "latin1": roadmap.StatusFetched,
		"empty": roadmap.StatusFetched, "file": roadmap.StatusFetched}
	for i, o := range sum.Outcomes {
		if o.Status != wantStatus[o.Project] {
			t.Errorf("%s: %s %q", o.Project, o.Status, o.Err)
		}
		res := replaySink.result(t, o.Project)
		if len(res.Fetches) != 0 || res.GitHub != nil || res.Logo != nil {
			t.Errorf("%s: replay result carries fetches/github/logo", o.Project)
		}
		if o.Status == roadmap.StatusFetched {
			orig := firstDoc(sink.result(t, o.Project))
			got := firstDoc(res)
			if got == nil || got.Title != orig.Title || len(got.Items) != len(orig.Items) || got.Note != orig.Note {
				t.Errorf("%s: replayed %+v, crawled %+v", o.Project, got, orig)
			}
		}
		_ = i
	}
	// A page fetched but not understood replays as the same judged
	// document, with no items and its note, not as a failure.
	if doc := firstDoc(replaySink.result(t, "empty")); doc == nil || doc.Note != "format not understood (empty document)" {
		t.Errorf("empty page replayed as %+v", doc)
	}
	for _, o := range sum.Outcomes {
		if o.Project == "empty" && !slices.Contains(o.Warnings, site.URL+"/empty.html: format not understood (empty document)") {
			t.Errorf("replay warnings %q lack the note", o.Warnings)
		}
	}
}
