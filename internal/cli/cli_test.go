package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image/color"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/internal/testutil"
)

const testToken = "ghp_TESTTOKENshouldNEVERleak0123456789"

// env is one end-to-end setup: a fake web site, a fake GitHub API, a config
// file pointing at both, and a database in a temp dir.
type env struct {
	t      testing.TB
	site   *testutil.FakeSite
	gh     *testutil.FakeGitHub
	dir    string
	config string
	db     string
	now    time.Time
	// quietRoadmap gives the "quiet" project a roadmap page.
	quietRoadmap bool
}

func newEnv(t *testing.T) *env {
	t.Helper()
	e := &env{t: t, site: testutil.NewFakeSite(t), gh: testutil.NewFakeGitHub(t), dir: t.TempDir(),
		now: time.Date(2026, 11, 20, 2, 0, 0, 0, time.UTC)}
	e.db = filepath.Join(e.dir, "data", "roadmapper.db")
	e.gh.SetToken(testToken)
	e.site.SetHTML("/quasar/roadmap.html", testutil.SphinxPage("Quasar roadmap", [][2]string{
		{"GPU acceleration", "Run the core kernels on CUDA and ROCm devices through the array API, so arrays can stay on the accelerator."},
		{"Documentation overhaul", "Rewrite the tutorials for newcomers and add worked examples from imaging and genomics."},
		{"Free-threaded Python", "Make the extension modules safe without the GIL and ship wheels for free-threaded builds."},
		{"Packaging", "Move the build to Meson, publish reproducible wheels for ARM and sign release artefacts."},
	}))
	e.site.Set("/quasar/logo.png", testutil.FakePage{ContentType: "image/png", Body: testutil.PNGLogo(color.RGBA{0x20, 0x60, 0xc0, 0xff}, 64)})
	e.site.Set("/nebula/ROADMAP.md", testutil.FakePage{ContentType: "text/markdown; charset=utf-8", Body: []byte(`# Nebula roadmap

Where Nebula is going over the next two years. Last updated: March 2026.

## Distributed scheduling

Spread graph execution over a cluster with a new scheduler that spills to disk when memory runs short.

## Typed public API

Add type annotations to the whole public API and check them in CI.

## Accessibility of plots

Colour-blind-safe defaults and screen-reader descriptions for every chart.
`)})
	e.site.Set("/gone/roadmap.html", testutil.FakePage{Status: 404, Body: []byte("not here")})
	e.gh.AddRepo(testutil.FakeRepo{Owner: "quasar", Name: "quasar", Description: "Quasar numerics", Stars: 1200,
		DefaultBranch: "main", PushedAt: e.now.Add(-48 * time.Hour),
		Files: map[string]testutil.FakeFile{"docs/roadmap.html": {Content: "<h1>x</h1>", CommitDate: e.now.AddDate(0, -2, 0), CommitSHA: "abc123"}},
		Issues: []testutil.FakeIssue{
			{Number: 7, Title: "Support DLPack export", Body: "Export arrays through **DLPack** so other GPU libraries can share memory.", Labels: []string{"roadmap"}, Reactions: 40, PlusOne: 30, Comments: 12, Created: e.now.AddDate(0, -3, 0), Updated: e.now.AddDate(0, 0, -3)},
			{Number: 8, Title: "Refactor CI", Body: "A PR", Labels: []string{"roadmap"}, PullRequest: true},
		}})
	e.writeConfig()
	return e
}

func (e *env) writeConfig() {
	e.t.Helper()
	cfg := fmt.Sprintf(`[crawl]
user_agent = "roadmapper-test"
timeout = "5s"
retries = 1
`+testutil.AllowLoopback+`
[github]
api_url = %q

[[project]]
slug = "quasar"
name = "Quasar"
homepage = "https://quasar.example.org"
tagline = "Fast numerics for fictional science."
repo = "quasar/quasar"
roadmap = ["%s/quasar/roadmap.html"]
roadmap_file = "docs/roadmap.html"
logo = "%s/quasar/logo.png"

[[project]]
slug = "nebula"
name = "Nebula"
homepage = "https://nebula.example.org"
tagline = "Graphs of tasks, spread over clusters."
roadmap = ["%s/nebula/ROADMAP.md"]

[[project]]
slug = "gone"
name = "Gone Project"
homepage = "https://gone.example.org"
roadmap = ["%s/gone/roadmap.html"]

[[project]]
slug = "quiet"
name = "Quiet Project"
homepage = "https://quiet.example.org"
`, e.gh.URL(), e.site.URL(), e.site.URL(), e.site.URL(), e.site.URL())
	if e.quietRoadmap {
		cfg += fmt.Sprintf("roadmap = [\"%s/quiet/roadmap.md\"]\n", e.site.URL())
	}
	e.config = filepath.Join(e.dir, "roadmapper.toml")
	if err := os.WriteFile(e.config, []byte(cfg), 0o644); err != nil {
		e.t.Fatal(err)
	}
}

// run executes roadmapper with args and returns exit code, stdout, stderr.
func (e *env) run(args ...string) (int, string, string) {
	e.t.Helper()
	var out, errb bytes.Buffer
	f := false
	app := &App{
		Stdout: &out, Stderr: &errb, StdoutTTY: &f, StderrTTY: &f,
		Getenv: func(k string) string {
			switch k {
			case "GITHUB_TOKEN":
				return testToken
			case "HOME":
				return e.dir
			}
			return ""
		},
		Now:         func() time.Time { return e.now },
		BackoffBase: time.Millisecond,
	}
	code := app.Run(context.Background(), append([]string{"--config", e.config, "--db", e.db}, args...))
	return code, out.String(), errb.String()
}

func TestEndToEnd(t *testing.T) {
	e := newEnv(t)

	// First crawl: one project's page is gone, so exit 3 with the rest saved.
	code, out, errOut := e.run("crawl")
	if code != ExitPartial {
		t.Fatalf("first crawl exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, ExitPartial, out, errOut)
	}
	for _, want := range []string{"2 fetched", "1 failed", "1 with no roadmap source", "gone", "404"} {
		if !strings.Contains(out, want) {
			t.Errorf("crawl summary lacks %q:\n%s", want, out)
		}
	}

	// items --format json: the promised shape.
	code, out, errOut = e.run("items", "--format", "json")
	if code != 0 {
		t.Fatalf("items exit %d: %s", code, errOut)
	}
	var items []map[string]any
	if err := json.Unmarshal([]byte(out), &items); err != nil {
		t.Fatalf("items JSON: %v\n%s", err, out)
	}
	ids := map[string]map[string]any{}
	for _, it := range items {
		ids[it["id"].(string)] = it
		for _, k := range []string{"id", "project", "title", "summary", "url", "source", "themes", "first_seen", "updated"} {
			if _, ok := it[k]; !ok {
				t.Errorf("item %v lacks key %q", it["id"], k)
			}
		}
		if _, ok := it["score"]; ok {
			t.Errorf("item %v has a score without a client", it["id"])
		}
	}
	gpu, ok := ids["quasar/gpu-acceleration"]
	if !ok {
		t.Fatalf("no quasar/gpu-acceleration among %d items: %v", len(items), keys(ids))
	}
	if gpu["source"] != "page" || !strings.HasSuffix(gpu["url"].(string), "/quasar/roadmap.html#gpu-acceleration") {
		t.Errorf("gpu item: %v", gpu)
	}
	if _, ok := ids["nebula/distributed-scheduling"]; !ok {
		t.Errorf("markdown roadmap items missing: %v", keys(ids))
	}
	var github int
	for _, it := range items {
		if it["source"] == "github" {
			github++
			if strings.Contains(it["title"].(string), "Refactor CI") {
				t.Errorf("pull request listed as an item: %v", it)
			}
		}
	}
	if github != 1 {
		t.Errorf("%d github items, want 1 (the labelled issue; the PR dropped)", github)
	}

	// A second, unchanged crawl: pages answer 304 and GitHub costs nothing.
	counted := e.gh.Counted()
	e.now = e.now.Add(24 * time.Hour)
	code, out, _ = e.run("crawl", "--format", "json", "--report", filepath.Join(e.dir, "second.md"))
	if code != ExitPartial {
		t.Fatalf("second crawl exit %d:\n%s", code, out)
	}
	var summary struct {
		Crawl       int64 `json:"crawl"`
		NotModified int   `json:"not_modified"`
		Failed      int   `json:"failed"`
		Projects    []struct {
			Project, Status, Error string
		} `json:"projects"`
	}
	if err := json.Unmarshal([]byte(out), &summary); err != nil {
		t.Fatalf("crawl --format json: %v\n%s", err, out)
	}
	if summary.Crawl != 2 || summary.NotModified != 2 || summary.Failed != 1 || len(summary.Projects) != 4 || e.site.NotModified() < 2 {
		t.Errorf("second crawl did not use conditional requests (304s: %d): %+v", e.site.NotModified(), summary)
	}
	if extra := e.gh.Counted() - counted; extra != 0 {
		t.Errorf("unchanged crawl spent %d counted GitHub requests, want 0", extra)
	}
	code, out2, _ := e.run("items", "--format", "json")
	if code != 0 || len(out2) != len(out2) {
		t.Fatalf("items after 304: exit %d", code)
	}

	// Rename one section, drop another: the report says so.
	e.site.SetHTML("/quasar/roadmap.html", testutil.SphinxPage("Quasar roadmap", [][2]string{
		{"GPU and accelerator support", "Run the core kernels on CUDA and ROCm devices through the array API, so arrays can stay on the accelerator."},
		{"Documentation overhaul", "Rewrite the tutorials for newcomers and add worked examples from imaging and genomics."},
		{"Packaging", "Move the build to Meson, publish reproducible wheels for ARM and sign release artefacts."},
	}))
	e.now = e.now.Add(24 * time.Hour)
	if code, out, _ = e.run("crawl", "--report", filepath.Join(e.dir, "nightly.md")); code != ExitPartial {
		t.Fatalf("third crawl exit %d:\n%s", code, out)
	}
	md, err := os.ReadFile(filepath.Join(e.dir, "nightly.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"GPU and accelerator support", "Free-threaded Python", "gone"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("report lacks %q:\n%s", want, md)
		}
	}

	// Replay re-extracts the archive without any network.
	before := e.site.Requests("/quasar/roadmap.html")
	code, out, errOut = e.run("crawl", "--replay")
	if code != 0 || !strings.Contains(out, "replay") || !strings.Contains(out, "0 added, 0 removed, 0 changed") {
		t.Errorf("replay exit %d:\n%s%s", code, out, errOut)
	}
	if e.site.Requests("/quasar/roadmap.html") != before {
		t.Errorf("replay fetched the page again")
	}

	// Audit JSON: every project, the promised keys.
	code, out, errOut = e.run("audit", "--format", "json")
	if code != 0 {
		t.Fatalf("audit exit %d: %s", code, errOut)
	}
	var findings []map[string]any
	if err := json.Unmarshal([]byte(out), &findings); err != nil {
		t.Fatalf("audit JSON: %v\n%s", err, out)
	}
	status := map[string]string{}
	for _, f := range findings {
		status[f["project"].(string)] = f["status"].(string)
		for _, k := range []string{"project", "status", "roadmap_url", "last_updated", "last_updated_basis", "items", "words", "reason"} {
			if _, ok := f[k]; !ok {
				t.Errorf("finding %v lacks %q", f["project"], k)
			}
		}
	}
	if status["gone"] != "unreachable" || status["quiet"] != "none" {
		t.Errorf("audit statuses: %v", status)
	}

	// Ranked for a client, and explained.
	client := filepath.Join(e.dir, "acme.toml")
	os.WriteFile(client, []byte("name = \"Acme & \\\"Sons\\\"\"\ninterests = [\"CUDA\"]\n[themes]\ngpu = 3\n"), 0o644)
	code, out, errOut = e.run("items", "--client", client, "--format", "json")
	if code != 0 {
		t.Fatalf("items --client exit %d: %s", code, errOut)
	}
	var ranked []map[string]any
	if err := json.Unmarshal([]byte(out), &ranked); err != nil || len(ranked) == 0 {
		t.Fatalf("ranked JSON: %v\n%s", err, out)
	}
	if _, ok := ranked[0]["score"]; !ok {
		t.Errorf("ranked item lacks a score: %v", ranked[0])
	}
	if id := ranked[0]["id"].(string); !strings.Contains(id, "gpu") && !strings.Contains(id, "dlpack") {
		t.Errorf("a GPU client's top item is %s", id)
	}
	code, out, _ = e.run("items", "--client", client, "--explain", "quasar/gpu-and-accelerator-support")
	if code != 0 || !strings.Contains(out, "total") {
		t.Errorf("explain exit %d:\n%s", code, out)
	}

	// Brochure from the store alone.
	pdf := filepath.Join(e.dir, "out", "acme.pdf")
	os.MkdirAll(filepath.Dir(pdf), 0o755)
	code, out, errOut = e.run("brochure", "--client", client, "-o", pdf, "--offline")
	if code != 0 {
		t.Fatalf("brochure exit %d\n%s\n%s", code, out, errOut)
	}
	// Nebula's roadmap has nothing for a GPU client: left out, and said so.
	if !strings.Contains(errOut, "left out nebula: no item scores 0.") {
		t.Errorf("brochure did not say why Nebula was left out:\n%s", errOut)
	}
	data, err := os.ReadFile(pdf)
	if err != nil || !bytes.HasPrefix(data, []byte("%PDF")) {
		t.Fatalf("brochure is not a PDF: %v", err)
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		txt, err := exec.Command("pdftotext", "-layout", pdf, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{`Acme & "Sons"`, "Quasar", "GPU and accelerator support"} {
			if !strings.Contains(string(txt), want) {
				t.Errorf("brochure text lacks %q", want)
			}
		}
	}

	// The token never reaches the database, outputs or reports.
	assertNoToken(t, e.dir)
}

// TestBrochureCrawlsFirst: on an empty database, brochure crawls the
// client's projects first, so the README's main command is one line.
func TestBrochureCrawlsFirst(t *testing.T) {
	e := newEnv(t)
	client := filepath.Join(e.dir, "c.toml")
	os.WriteFile(client, []byte("name = \"Acme\"\nprojects = [\"quasar\", \"nebula\"]\n"), 0o644)
	pdf := filepath.Join(e.dir, "c.pdf")
	code, out, errOut := e.run("brochure", "--client", client, "-o", pdf)
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	if !strings.Contains(errOut, "crawling 2 projects first") {
		t.Errorf("no crawl-first notice:\n%s", errOut)
	}
	if _, err := os.Stat(pdf); err != nil {
		t.Fatal(err)
	}
	// A second brochure within max_age does not crawl again.
	code, _, errOut = e.run("brochure", "--client", client, "-o", pdf)
	if code != 0 || strings.Contains(errOut, "crawling") {
		t.Errorf("second brochure crawled again (exit %d):\n%s", code, errOut)
	}
	// --offline on an empty database says what to do.
	e2 := newEnv(t)
	code, _, errOut = e2.run("brochure", "--client", client, "-o", filepath.Join(e2.dir, "x.pdf"), "--offline")
	if code != ExitFailure || !strings.Contains(errOut, "roadmapper crawl") {
		t.Errorf("offline brochure on empty db: exit %d, %q", code, errOut)
	}
}

func keys(m map[string]map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// assertNoToken greps every file under dir for the test token.
func assertNoToken(t *testing.T, dir string) {
	t.Helper()
	filepath.Walk(dir, func(path string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return nil
		}
		data, _ := os.ReadFile(path)
		if bytes.Contains(data, []byte(testToken)) {
			t.Errorf("token found in %s", path)
		}
		return nil
	})
}

func TestConfigErrorsExit2(t *testing.T) {
	e := &env{t: t, dir: t.TempDir()}
	e.config = filepath.Join(e.dir, "bad.toml")
	e.db = filepath.Join(e.dir, "db.sqlite")
	os.WriteFile(e.config, []byte("[crawl]\ntimeout = \"soon\"\n"), 0o644)
	code, _, errOut := e.run("projects")
	if code != ExitUsage || !strings.Contains(errOut, "bad.toml:2") {
		t.Errorf("exit %d, stderr %q; want 2 naming bad.toml:2", code, errOut)
	}
}

func TestUsageErrors(t *testing.T) {
	e := &env{t: t, dir: t.TempDir()}
	e.config = filepath.Join(e.dir, "none.toml")
	os.WriteFile(e.config, []byte(""), 0o644)
	e.db = filepath.Join(e.dir, "db.sqlite")
	for _, args := range [][]string{
		{"items", "--format", "xml"},
		{"frobnicate"},
		{"crawl", "--only", "nope"},
		{"items", "--limit", "-1"},
		{"brochure"},
	} {
		code, _, errOut := e.run(args...)
		if code != ExitUsage {
			t.Errorf("%v: exit %d (stderr %q), want 2", args, code, errOut)
		}
	}
}

func TestDefaultRegistryProjects(t *testing.T) {
	var out bytes.Buffer
	f := false
	app := &App{Stdout: &out, Stderr: &out, StdoutTTY: &f, Getenv: func(string) string { return "" }}
	dir := t.TempDir()
	if code := app.Run(context.Background(), []string{"--db", filepath.Join(dir, "x.db"), "projects", "--format", "json"}); code != 0 {
		t.Fatalf("exit %d: %s", code, out.String())
	}
	var ps []map[string]any
	if err := json.Unmarshal(out.Bytes(), &ps); err != nil || len(ps) != 25 {
		t.Fatalf("built-in registry: %d projects, %v", len(ps), err)
	}
}

// TestOutputsCheckedFirst: bad output paths fail at once (exit 2), before
// any crawl, and never replace a device or leave a file behind.
func TestOutputsCheckedFirst(t *testing.T) {
	e := newEnv(t)
	client := filepath.Join(e.dir, "c.toml")
	os.WriteFile(client, []byte("name = \"Acme\"\n"), 0o644)
	for _, args := range [][]string{
		{"brochure", "--client", client, "-o", filepath.Join(e.dir, "missing", "x.pdf")},
		{"brochure", "--client", client, "-o", "/dev/null"},
		{"crawl", "--report", filepath.Join(e.dir, "missing", "r.md")},
		{"crawl", "--report-format", "html"},
		{"crawl", "--format", "json", "--report", "-"},
	} {
		code, _, errOut := e.run(args...)
		if code != ExitUsage {
			t.Errorf("%v: exit %d (%s), want 2", args, code, errOut)
		}
	}
	if n := e.site.Requests("/quasar/roadmap.html"); n != 0 {
		t.Errorf("a command with a bad output path crawled first (%d requests)", n)
	}
	if fi, err := os.Stat("/dev/null"); err != nil || fi.Mode().IsRegular() {
		t.Errorf("/dev/null was replaced")
	}
}

// TestReadCommandsNeedADatabase: read-only commands on a missing database
// say so and do not create one.
func TestReadCommandsNeedADatabase(t *testing.T) {
	e := newEnv(t)
	e.db = filepath.Join(e.dir, "typo", "roadmapper.db")
	for _, args := range [][]string{{"items"}, {"audit"}, {"report"}} {
		code, _, errOut := e.run(args...)
		if code != ExitFailure || !strings.Contains(errOut, "no database at") {
			t.Errorf("%v: exit %d, %q", args, code, errOut)
		}
	}
	if _, err := os.Stat(filepath.Dir(e.db)); !os.IsNotExist(err) {
		t.Errorf("a read-only command created %s", filepath.Dir(e.db))
	}
}

// TestOneCrawlAtATime: a crawl refuses to start while another holds the lock.
func TestOneCrawlAtATime(t *testing.T) {
	e := newEnv(t)
	os.MkdirAll(filepath.Dir(e.db), 0o755)
	defer holdLock(t, e.db+".lock")()
	code, _, errOut := e.run("crawl")
	if code != ExitFailure || !strings.Contains(errOut, "another crawl is running") {
		t.Errorf("second crawl: exit %d, %q", code, errOut)
	}
}

// TestCurationThroughCommands: pin, hide, retitle and rewrite apply to
// items and brochure; an entry for a missing item is reported with the
// closest current ID.
func TestCurationThroughCommands(t *testing.T) {
	e := newEnv(t)
	if code, out, errOut := e.run("crawl"); code != ExitPartial {
		t.Fatalf("crawl exit %d\n%s%s", code, out, errOut)
	}
	cur := filepath.Join(e.dir, "curation.toml")
	os.WriteFile(cur, []byte(`[[pin]]
id = "nebula/accessibility-of-plots"
reason = "the client asked about accessibility"

[[hide]]
id = "quasar/packaging"
reason = "already funded elsewhere"

[[retitle]]
id = "quasar/gpu-acceleration"
title = "Quasar on every GPU"
reason = "clearer for buyers"

[[rewrite]]
id = "quasar/documentation-overhaul"
summary = "New tutorials for first-time users."
reason = "shorter"

[[pin]]
id = "quasar/gpu-acceleratio"
reason = "typo, to be reported"
`), 0o644)
	client := filepath.Join(e.dir, "c.toml")
	os.WriteFile(client, []byte("name = \"Acme\"\ninterests = [\"CUDA\"]\n[themes]\ngpu = 3\n"), 0o644)
	code, out, errOut := e.run("items", "--client", client, "--curation", cur, "--format", "json")
	if code != 0 {
		t.Fatalf("items exit %d: %s", code, errOut)
	}
	var items []map[string]any
	if err := json.Unmarshal([]byte(out), &items); err != nil {
		t.Fatal(err)
	}
	byID := map[string]map[string]any{}
	for _, it := range items {
		byID[it["id"].(string)] = it
	}
	if _, ok := byID["quasar/packaging"]; ok {
		t.Error("hidden item listed")
	}
	if it := byID["quasar/gpu-acceleration"]; it == nil || it["title"] != "Quasar on every GPU" {
		t.Errorf("retitle not applied: %v", it)
	}
	if it := byID["quasar/documentation-overhaul"]; it == nil || it["summary"] != "New tutorials for first-time users." {
		t.Errorf("rewrite not applied: %v", it)
	}
	if it := byID["nebula/accessibility-of-plots"]; it == nil || it["pinned"] != true {
		t.Errorf("pin not applied: %v", it)
	}
	if !strings.Contains(errOut, "quasar/gpu-acceleratio") || !strings.Contains(errOut, "closest: quasar/gpu-acceleration") {
		t.Errorf("stale curation entry not reported with its closest ID:\n%s", errOut)
	}
	// The brochure shows the pinned item, though it matches nothing the
	// client asked for, and the new title.
	pdf := filepath.Join(e.dir, "c.pdf")
	if code, out, errOut := e.run("brochure", "--client", client, "--curation", cur, "-o", pdf, "--offline"); code != 0 {
		t.Fatalf("brochure exit %d\n%s%s", code, out, errOut)
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		txt, _ := exec.Command("pdftotext", "-raw", pdf, "-").Output()
		for _, want := range []string{"Quasar on every GPU", "Accessibility of plots"} {
			if !strings.Contains(string(txt), want) {
				t.Errorf("brochure lacks %q", want)
			}
		}
	}
}

// holdLock takes the crawl lock at path as another process would, and
// returns its release.
func holdLock(t *testing.T, path string) func() {
	t.Helper()
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		t.Fatal(err)
	}
	return func() { f.Close() }
}
