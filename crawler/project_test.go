package crawler

import (
	"context"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

func TestGitHubSources(t *testing.T) {
	site := newFakeSite(t)
	md := fixture(t, "roadmap.md")
	gh := &fakeGitHub{results: map[string]*roadmap.GitHubResult{
		"fallback": {FileURL: "https://github.com/o/fallback/blob/main/ROADMAP.md", FileContent: md, IssuesOK: true,
			Warnings: []string{"label roadmap not found"}},
		"pages-ok": {FileContent: md, IssuesOK: true},
		"file-only": {FileURL: "https://github.com/o/file-only/blob/main/doc/roadmap.rst", IssuesOK: true,
			FileContent: []byte("Roadmap\n=======\n\nIntro text here.\n\nSpeed\n-----\n\nMake it fast.\n\nDocs\n----\n\nWrite them.\n")},
		"gh-broken":  {Err: "repository not found"},
		"gh-skipped": {Skipped: "rate limited until 14:05"},
		"repo-typo":  {Err: "repository o/repo-typo not found on GitHub", RepoNotFound: true},
	}}
	projects := []roadmap.Project{
		{Slug: "fallback", Repo: "o/fallback", RoadmapFile: "ROADMAP.md", Roadmap: []string{site.URL + "/gone404"}},
		{Slug: "pages-ok", Repo: "o/pages-ok", RoadmapFile: "ROADMAP.md", Roadmap: []string{site.URL + "/ok/roadmap.html"}},
		{Slug: "file-only", Repo: "o/file-only", RoadmapFile: "doc/roadmap.rst"},
		{Slug: "gh-broken", Repo: "o/gh-broken"},
		{Slug: "gh-skipped", Repo: "o/gh-skipped"},
		// The page works but the configured repository does not exist: a
		// config error the project fails on, keeping its previous data.
		{Slug: "repo-typo", Repo: "o/repo-typo", Roadmap: []string{site.URL + "/ok/roadmap.html"}},
	}
	sink := newFakeSink()
	sum, err := New(testOptions(), sink, sink, gh, nil).Run(context.Background(), 1, projects, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		status, err string
		need        bool
		sources     int
	}{
		"fallback":   {roadmap.StatusFetched, "", true, 2},
		"pages-ok":   {roadmap.StatusFetched, "", false, 1},
		"file-only":  {roadmap.StatusFetched, "", true, 1},
		"gh-broken":  {roadmap.StatusFailed, "github o/gh-broken: repository not found", true, 0},
		"gh-skipped": {roadmap.StatusNotModified, "", true, 0},
		"repo-typo":  {roadmap.StatusFailed, "github o/repo-typo: repository o/repo-typo not found on GitHub (check repo in the config)", false, 1},
	}
	for _, o := range sum.Outcomes {
		w := want[o.Project]
		if o.Status != w.status || o.Err != w.err {
			t.Errorf("%s: %s %q, want %s %q", o.Project, o.Status, o.Err, w.status, w.err)
		}
		if gh.need[o.Project] != w.need {
			t.Errorf("%s: needContent %v, want %v", o.Project, gh.need[o.Project], w.need)
		}
		res := sink.result(t, o.Project)
		if len(res.Sources) != w.sources || res.GitHub == nil {
			t.Errorf("%s: %d sources, github %v; want %d and a result", o.Project, len(res.Sources), res.GitHub, w.sources)
		}
	}
	fb := sink.result(t, "fallback")
	file := fb.Sources[1]
	if file.Kind != roadmap.FetchGitHubFile || file.URL != "https://github.com/o/fallback/blob/main/ROADMAP.md" || file.Document == nil {
		t.Fatalf("fallback file source %+v", file)
	}
	if f := fb.Fetches[1]; f.Kind != roadmap.FetchGitHubFile || string(f.Body) != string(fixture(t, "roadmap.md")) {
		t.Errorf("github-file fetch %+v", f)
	}
	fo := sum.Outcomes[0]
	joined := strings.Join(fo.Warnings, "\n")
	for _, w := range []string{"label roadmap not found", "used ROADMAP.md from GitHub", "HTTP 404 Not Found"} {
		if !strings.Contains(joined, w) {
			t.Errorf("fallback warnings %q lack %q", fo.Warnings, w)
		}
	}
	if doc := sink.result(t, "file-only").Sources[0].Document; doc == nil || doc.Format != "rst" {
		t.Errorf("file-only document %+v, want rst", doc)
	}
	if !strings.Contains(strings.Join(sum.Outcomes[4].Warnings, " "), "github skipped: rate limited until 14:05") {
		t.Errorf("skipped warnings %q", sum.Outcomes[4].Warnings)
	}
	if sum.GitHub.Requests != len(projects) {
		t.Errorf("summary quota %+v, want %d requests", sum.GitHub, len(projects))
	}
}

func TestLogos(t *testing.T) {
	site := newFakeSite(t)
	local, _ := filepath.Abs(filepath.Join("testdata", "logo.png"))
	projects := []roadmap.Project{
		{Slug: "remote", Logo: site.URL + "/logo.png", Roadmap: []string{site.URL + "/ok/roadmap.html"}},
		{Slug: "missing", Logo: site.URL + "/gone404", Roadmap: []string{site.URL + "/ok/roadmap.html"}},
		{Slug: "local", Logo: local, Roadmap: []string{site.URL + "/ok/roadmap.html"}},
		{Slug: "local-missing", Logo: filepath.Join(t.TempDir(), "nope.png"), Roadmap: []string{site.URL + "/ok/roadmap.html"}},
		{Slug: "huge", Logo: site.URL + "/big", Roadmap: []string{site.URL + "/ok/roadmap.html"}},
		{Slug: "scheme", Logo: "file:///etc/passwd", Roadmap: []string{site.URL + "/ok/roadmap.html"}},
		{Slug: "none", Roadmap: []string{site.URL + "/ok/roadmap.html"}},
	}
	sink := newFakeSink()
	logos := &fakeLogo{}
	sum, err := New(testOptions(), sink, nil, nil, logos.fn).Run(context.Background(), 1, projects, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		method, note string
		n            int
	}{
		"remote":        {roadmap.LogoPNG, "", len(pngBytes)},
		"missing":       {"", "HTTP 404 Not Found", 0},
		"local":         {roadmap.LogoPNG, "", len(fixture(t, "../logo.png"))},
		"local-missing": {"", "no such file", 0},
		"huge":          {"", "too large: more than 4096 bytes", 0},
		"scheme":        {"", "unsupported URL scheme", 0},
		"none":          {roadmap.LogoMonogram, "", 0},
	}
	for _, o := range sum.Outcomes {
		w := want[o.Project]
		if o.Status != roadmap.StatusFetched {
			t.Errorf("%s: logo trouble failed the project: %s %s", o.Project, o.Status, o.Err)
		}
		if o.LogoMethod != w.method || (w.note == "") != (o.LogoNote == "") || !strings.Contains(o.LogoNote, w.note) {
			t.Errorf("%s: logo %q note %q, want %q with %q", o.Project, o.LogoMethod, o.LogoNote, w.method, w.note)
		}
		if c := logos.calls[o.Project]; c.n != w.n {
			t.Errorf("%s: logo func got %d bytes, want %d", o.Project, c.n, w.n)
		}
		// A failed logo leaves res.Logo nil, so the store keeps the one it has.
		if res := sink.result(t, o.Project); (res.Logo == nil) != (w.method == "") {
			t.Errorf("%s: logo in result %v, want one only when the fetch worked", o.Project, res.Logo != nil)
		}
	}
	if c := logos.calls["remote"]; c.contentType != "image/png" {
		t.Errorf("remote logo content type %q", c.contentType)
	}
	if c := logos.calls["local"]; c.contentType != "image/png" {
		t.Errorf("local logo content type %q", c.contentType)
	}
}

func TestSinkErrors(t *testing.T) {
	site := newFakeSite(t)
	projects := []roadmap.Project{
		{Slug: "a", Roadmap: []string{site.URL + "/ok/roadmap.html"}},
		{Slug: "b", Roadmap: []string{site.URL + "/ok/roadmap.html"}},
	}
	sink := newFakeSink()
	sink.failFor["a"] = true
	sum, err := New(testOptions(), sink, nil, nil, nil).Run(context.Background(), 1, projects, nil)
	if err != nil {
		t.Fatalf("one failed save must not fail the run: %v", err)
	}
	if o := sum.Outcomes[0]; o.Status != roadmap.StatusFailed || o.Err != "save: database is locked" {
		t.Errorf("a: %s %q", o.Status, o.Err)
	}
	if o := sum.Outcomes[1]; o.Status != roadmap.StatusFetched || o.Changes.Added != 3 {
		t.Errorf("b: %+v", o)
	}
	if sum.Failed != 1 || sum.Fetched != 1 || sum.Added != 3 {
		t.Errorf("summary %+v", sum)
	}

	broken := newFakeSink()
	broken.failFor["*"] = true
	if _, err := New(testOptions(), broken, nil, nil, nil).Run(context.Background(), 2, projects, nil); err == nil {
		t.Error("every save failed but Run returned nil")
	}
}

func TestCancel(t *testing.T) {
	site := newFakeSite(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	projects := []roadmap.Project{{Slug: "a", Roadmap: []string{site.URL + "/ok/roadmap.html"}}}
	if _, err := New(testOptions(), newFakeSink(), nil, nil, nil).Run(ctx, 1, projects, nil); err == nil {
		t.Error("Run with a canceled context returned nil")
	}

	// Cancel after the first project: the rest are not started.
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	for i := range 20 {
		projects = append(projects, roadmap.Project{Slug: "p" + string(rune('a'+i)), Roadmap: []string{site.URL + "/ok/roadmap.html"}})
	}
	opts := testOptions()
	opts.Concurrency = 1
	var seen atomic.Int32
	sink := newFakeSink()
	sum, err := New(opts, sink, nil, nil, nil).Run(ctx, 1, projects, func(Outcome) {
		if seen.Add(1) == 1 {
			cancel()
		}
	})
	if err != nil {
		t.Fatalf("canceled run: %v", err)
	}
	if len(sum.Outcomes) == 0 || len(sum.Outcomes) >= len(projects)-1 {
		t.Errorf("%d outcomes after cancel, want a few of %d", len(sum.Outcomes), len(projects))
	}
	for _, o := range sum.Outcomes {
		if o.Status != roadmap.StatusFetched {
			t.Errorf("%s: %s %s; interrupted projects must be dropped", o.Project, o.Status, o.Err)
		}
	}
}
