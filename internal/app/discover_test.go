package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/roadmapper/roadmapper/internal/discover"
	"github.com/roadmapper/roadmapper/internal/roadmap"
	"github.com/roadmapper/roadmapper/internal/testutil"
)

func TestDiscoverAndAppend(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.site.SetHTML("/comet/", `<html><head><title>Comet</title></head><body><nav><a href="/comet/roadmap.html">Roadmap</a></nav><h1>Comet</h1></body></html>`)
	f.site.SetHTML("/comet/roadmap.html", testutil.SphinxPage("Comet roadmap", [][2]string{{"Speed", "Make it faster."}, {"Docs", "Write more."}}))
	f.gh.AddRepo(testutil.FakeRepo{Owner: "space", Name: "comet", Description: "Comets, simulated.", Homepage: f.site.URL() + "/comet/",
		Files: map[string]testutil.FakeFile{"README.md": {Content: "# comet\n"}, "docs/roadmap.md": {Content: "# Roadmap\n"}}})
	var seen int
	res, err := f.app.Discover(ctx, DiscoverRequest{Repos: []string{"space/comet", "space/nowhere"}, Progress: func(discover.Proposal) { seen++ }})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Proposals) != 2 || seen != 2 || res.GitHub.Requests == 0 {
		t.Fatalf("proposals %d, progress %d, github %+v", len(res.Proposals), seen, res.GitHub)
	}
	comet := res.Proposals[0]
	if comet.Slug != "comet" || !comet.Found() || res.Proposals[1].Err == "" {
		t.Errorf("comet %+v; nowhere err %q", comet, res.Proposals[1].Err)
	}

	path := filepath.Join(f.dir, "more.toml")
	out, err := f.app.AppendProposals(path, res.Proposals)
	if err != nil || len(out.Added) != 1 || out.Added[0] != "comet" {
		t.Fatalf("append: %+v, %v", out, err)
	}
	data, _ := os.ReadFile(path)
	if !strings.Contains(string(data), `slug = "comet"`) {
		t.Errorf("appended file:\n%s", data)
	}
	// Appending again adds nothing; a file that does not load is refused.
	if out, err := f.app.AppendProposals(path, res.Proposals); err != nil || len(out.Added) != 0 {
		t.Errorf("second append: %+v, %v", out, err)
	}
	os.WriteFile(path, []byte("[[project]]\nslug = 3\n"), 0o644)
	if _, err := f.app.AppendProposals(path, res.Proposals); !roadmap.IsKind(err, roadmap.KindInvalid) {
		t.Errorf("append to a broken file: %v", err)
	}
	if _, err := f.app.AppendProposals("-", res.Proposals); !roadmap.IsKind(err, roadmap.KindInvalid) {
		t.Errorf("append to stdout: %v", err)
	}

	canceled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := f.app.Discover(canceled, DiscoverRequest{Repos: []string{"space/comet"}}); !roadmap.IsKind(err, roadmap.KindInterrupted) {
		t.Errorf("canceled discovery: %v", err)
	}
	if _, err := (nopSink{}).SaveProject(ctx, 1, roadmap.ProjectResult{}); err == nil {
		t.Error("the discovery sink saved a project")
	}
}
