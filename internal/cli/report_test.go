package cli

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/internal/testutil"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestReportGoldenFromCrawls saves two real crawls to the database and
// compares the Markdown report of the second with a golden file: a section
// renamed, one removed, one rewritten and one added; a project whose page
// starts failing; a project that gains a roadmap; a new labelled issue.
func TestReportGoldenFromCrawls(t *testing.T) {
	e := newEnv(t)
	if code, out, errOut := e.run("crawl"); code != ExitPartial {
		t.Fatalf("first crawl exit %d\n%s%s", code, out, errOut)
	}

	e.site.SetHTML("/quasar/roadmap.html", testutil.SphinxPage("Quasar roadmap", [][2]string{
		{"GPU and accelerator support", "Run the core kernels on CUDA and ROCm devices through the array API, so arrays can stay on the accelerator."},
		{"Documentation overhaul", "A new set of tutorials, a gallery of worked examples from imaging, and a reference rewritten from scratch."},
		{"Packaging", "Move the build to Meson, publish reproducible wheels for ARM and sign release artefacts."},
		{"Sparse arrays", "Sparse arrays that behave like dense ones, with the same indexing and reductions."},
	}))
	e.site.Set("/nebula/ROADMAP.md", testutil.FakePage{Status: 503, Body: []byte("down for maintenance")})
	e.site.Set("/quiet/roadmap.md", testutil.FakePage{ContentType: "text/markdown", Body: []byte(`# Quiet roadmap

Updated: November 2026.

## Faster start-up

Import the package in under a tenth of a second by loading submodules lazily, measured on every release.

## Plugin registry

Third-party plugins register through entry points and show up in one listing command for users.

## Stable file format

A documented on-disk format with a version check, so saved work opens in the next two releases.
`)})
	e.quietRoadmap = true
	e.writeConfig()
	e.gh.AddRepo(testutil.FakeRepo{Owner: "quasar", Name: "quasar", Description: "Quasar numerics", Stars: 1200,
		DefaultBranch: "main", PushedAt: e.now,
		Files: map[string]testutil.FakeFile{"docs/roadmap.html": {Content: "<h1>x</h1>", CommitDate: e.now.AddDate(0, -2, 0), CommitSHA: "abc123"}},
		Issues: []testutil.FakeIssue{
			{Number: 7, Title: "Support DLPack export", Body: "Export arrays through **DLPack** so other GPU libraries can share memory.", Labels: []string{"roadmap"}, Reactions: 40, PlusOne: 30, Comments: 12, Created: e.now.AddDate(0, -3, 0), Updated: e.now.AddDate(0, 0, -3)},
			{Number: 9, Title: "Float16 everywhere", Body: "Half-precision arrays for every operation.", Labels: []string{"roadmap"}, Reactions: 25, Comments: 4, Created: e.now, Updated: e.now},
		}})
	e.now = e.now.Add(24 * time.Hour)
	report := filepath.Join(e.dir, "nightly.md")
	if code, out, errOut := e.run("crawl", "--report", report); code != ExitPartial {
		t.Fatalf("second crawl exit %d\n%s%s", code, out, errOut)
	}
	md, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	// The fake servers listen on random ports.
	got := strings.NewReplacer(e.site.URL(), "http://site.test", strings.TrimSuffix(e.gh.HTMLURL(), "/"), "https://github.test").Replace(string(md))
	testutil.Golden(t, "report-after-two-crawls.md", []byte(got), *update)

	// The same report as plain text for mail: no escapes.
	code, text, errOut := e.run("report", "--format", "text")
	if code != 0 {
		t.Fatalf("report --format text: exit %d: %s", code, errOut)
	}
	for _, bad := range []string{"&amp;", `\#`, `\_`, "](", "**"} {
		if strings.Contains(text, bad) {
			t.Errorf("text report contains %q", bad)
		}
	}
	text = strings.NewReplacer(e.site.URL(), "http://site.test", strings.TrimSuffix(e.gh.HTMLURL(), "/"), "https://github.test").Replace(text)
	testutil.Golden(t, "report-after-two-crawls.txt", []byte(text), *update)
}
