package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/config"
	"github.com/roadmapper/roadmapper/internal/testutil"
)

// addDiscoverable adds two repositories whose homepages live on the fake
// site: one with a roadmap page linked from its navigation, one without.
func (e *env) addDiscoverable() {
	e.site.SetHTML("/comet/", `<html><head><title>Comet</title><meta property="og:site_name" content="Comet"></head><body><nav><a href="/comet/roadmap.html">Roadmap</a></nav><h1>Comet</h1></body></html>`)
	e.site.SetHTML("/comet/roadmap.html", testutil.SphinxPage("Comet roadmap", [][2]string{{"Speed", "Make it faster."}, {"Docs", "Write more."}, {"Typing", "Annotate the API."}}))
	e.site.SetHTML("/dust/", `<html><head><title>dust</title></head><body><nav><a href="/dust/roadmap/">Roadmap</a></nav></body></html>`)
	e.gh.AddRepo(testutil.FakeRepo{Owner: "space", Name: "comet", Description: "Comets, simulated.", Homepage: e.site.URL() + "/comet/",
		Files: map[string]testutil.FakeFile{"README.md": {Content: "# comet\n"}, "docs/roadmap.md": {Content: "# Roadmap\n"}, "branding/comet-logo.svg": {Content: `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="120" viewBox="0 0 120 120"><circle cx="60" cy="60" r="50" fill="#123456"/></svg>`}}})
	e.gh.AddRepo(testutil.FakeRepo{Owner: "space", Name: "dust", Description: "Dust.", Homepage: e.site.URL() + "/dust/",
		Files: map[string]testutil.FakeFile{"README.md": {Content: "# dust\n"}}})
}

func TestDiscoverCommand(t *testing.T) {
	e := newEnv(t)
	e.addDiscoverable()
	code, out, errs := e.run("discover", "space/comet", "https://github.com/space/dust", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var ps []map[string]any
	if err := json.Unmarshal([]byte(out), &ps); err != nil || len(ps) != 2 {
		t.Fatalf("stdout is not a JSON array of 2: %v\n%s", err, out)
	}
	comet := ps[0]
	if comet["logo"] == nil {
		t.Fatalf("no logo: %s", out)
	}
	for _, k := range []string{"repo", "slug", "name", "homepage", "roadmap", "roadmap_file", "labels", "logo", "confidence", "evidence"} {
		if _, ok := comet[k]; !ok {
			t.Errorf("proposal lacks %q: %v", k, comet)
		}
	}
	if comet["slug"] != "comet" || comet["name"] != "Comet" || comet["roadmap_file"] != "docs/roadmap.md" ||
		!strings.HasSuffix(comet["logo"].(string), "/raw/space/comet/main/branding/comet-logo.svg") {
		t.Errorf("comet = %v", comet)
	}
	if ps[1]["roadmap_file"] != nil || len(ps[1]["roadmap"].([]any)) != 0 || !strings.Contains(out, "HTTP 404") {
		t.Errorf("dust: the dead Roadmap link was proposed: %v", ps[1])
	}
	if !strings.Contains(errs, "github: 8 requests, 8 counted") {
		t.Errorf("stderr lacks the GitHub cost: %s", errs)
	}
	// The ETag cache lives in the database: a re-run costs nothing.
	_, _, errs = e.run("discover", "space/comet", "space/dust")
	if !strings.Contains(errs, "0 counted against the rate limit, 8 not modified") {
		t.Errorf("re-run: %s", errs)
	}
}

func TestDiscoverWriteAppendsNewEntries(t *testing.T) {
	e := newEnv(t)
	e.addDiscoverable()
	before, _ := os.ReadFile(e.config)
	list := filepath.Join(e.dir, "repos.txt")
	os.WriteFile(list, []byte("# NumFOCUS-ish\nspace/comet\n\nspace/dust  # no roadmap\n"), 0o644)
	code, _, errs := e.run("discover", "--from", list, "--write", e.config)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	after, _ := os.ReadFile(e.config)
	if !bytes.HasPrefix(after, before) || !strings.Contains(errs, "added comet, dust") {
		t.Fatalf("config not appended to:\n%s\n%s", after, errs)
	}
	cfg, err := config.Load(e.config)
	if err != nil {
		t.Fatal(err)
	}
	if p, ok := cfg.Project("comet"); !ok || p.RoadmapFile != "docs/roadmap.md" || len(p.Roadmap) != 1 {
		t.Errorf("comet = %+v", p)
	}
	// Again: nothing new.
	code, _, errs = e.run("discover", "--from", list, "--write", e.config)
	again, _ := os.ReadFile(e.config)
	if code != 0 || !bytes.Equal(again, after) || !strings.Contains(errs, `slug "comet" is already in the configuration`) {
		t.Errorf("second write changed the file or said nothing (exit %d): %s", code, errs)
	}
	// A bad line in --from names the file and line.
	os.WriteFile(list, []byte("space/comet\nnot a repo\n"), 0o644)
	if code, _, errs := e.run("discover", "--from", list); code != ExitUsage || !strings.Contains(errs, "repos.txt:2") {
		t.Errorf("bad list: exit %d, %s", code, errs)
	}
}

func TestDiscoverUnknownRepositoryFails(t *testing.T) {
	e := newEnv(t)
	e.addDiscoverable()
	if code, _, errs := e.run("discover", "space/nothing"); code != ExitFailure || !strings.Contains(errs, "no repository could be read") {
		t.Errorf("exit %d: %s", code, errs)
	}
	if code, out, _ := e.run("discover", "space/nothing", "space/dust", "--format", "json"); code != ExitPartial || !strings.Contains(out, "space/nothing not found") {
		t.Errorf("partial: exit %d\n%s", code, out)
	}
}

func TestAddAsksThenAppends(t *testing.T) {
	e := newEnv(t)
	e.addDiscoverable()
	before, _ := os.ReadFile(e.config)
	run := func(stdin string, args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		f := false
		app := &App{Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(stdin), StdoutTTY: &f, StderrTTY: &f,
			Getenv: func(k string) string { return map[string]string{"GITHUB_TOKEN": testToken, "HOME": e.dir}[k] },
			Now:    func() time.Time { return e.now }, BackoffBase: time.Millisecond}
		code := app.Run(context.Background(), append([]string{"--config", e.config, "--db", e.db}, args...))
		return code, out.String(), errb.String()
	}
	code, out, errs := run("n\n", "add", "space/comet")
	if code != 0 || !strings.Contains(out, "[[project]]\nslug = \"comet\"") || !strings.Contains(errs, "Append comet to") || !strings.Contains(errs, "not added") {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	if now, _ := os.ReadFile(e.config); !bytes.Equal(now, before) {
		t.Fatal("a declined add changed the configuration")
	}
	if code, _, errs := run("", "add", "space/comet", "--yes"); code != 0 || !strings.Contains(errs, "added comet") {
		t.Fatalf("add --yes: exit %d: %s", code, errs)
	}
	if cfg, err := config.Load(e.config); err != nil || len(cfg.Projects) != 5 {
		t.Fatalf("after add: %v", err)
	}
	// Without a configuration file there is nothing to append to.
	var errb bytes.Buffer
	app := &App{Stdout: &bytes.Buffer{}, Stderr: &errb, Getenv: func(string) string { return "" }}
	if code := app.Run(context.Background(), []string{"--config", "numfocus", "add", "space/comet"}); code != ExitUsage || !strings.Contains(errb.String(), "configuration file") {
		t.Errorf("add to the built-in registry: exit %d: %s", code, errb.String())
	}
}

func TestAuditSurvey(t *testing.T) {
	e := newEnv(t)
	raw, _ := os.ReadFile(e.config)
	cfg := strings.Replace(string(raw), "slug = \"quasar\"\n", "slug = \"quasar\"\ngroup = \"sponsored\"\n", 1)
	cfg = strings.Replace(cfg, "slug = \"nebula\"\n", "slug = \"nebula\"\ngroup = \"affiliated\"\n", 1)
	cfg = strings.Replace(cfg, "slug = \"quiet\"\n", "slug = \"quiet\"\ngroup = \"affiliated\"\n", 1)
	os.WriteFile(e.config, []byte(cfg), 0o644)
	if code, _, errs := e.run("crawl"); code != ExitPartial && code != 0 {
		t.Fatalf("crawl: exit %d: %s", code, errs)
	}
	code, out, errs := e.run("audit", "--survey")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "4 projects: 50% publish a roadmap,") || !strings.HasSuffix(lines[0], "(2018 survey: about 50% and 25%)") ||
		!strings.HasPrefix(lines[1], "  affiliated, 2 projects: 50% publish a roadmap") || !strings.HasPrefix(lines[2], "  sponsored, 1 project: 100% publish a roadmap") {
		t.Fatalf("survey:\n%s", out)
	}
	if strings.Contains(out, "trend") {
		t.Error("a trend from a single crawl")
	}
	// A second crawl gives a trend; the HTML carries the chart.
	e.now = e.now.Add(24 * time.Hour)
	e.run("crawl")
	_, out, _ = e.run("audit", "--survey")
	if !strings.Contains(out, "trend:\n  crawl 1, 2026-11-20: 50% publish") || !strings.Contains(out, "crawl 2, 2026-11-21") {
		t.Errorf("no trend after two crawls:\n%s", out)
	}
	_, out, _ = e.run("audit", "--survey", "--format", "html")
	if !strings.Contains(out, "<svg") || !strings.Contains(out, "<polyline") || !strings.Contains(out, "<li>sponsored, 1 project:") {
		t.Errorf("html:\n%s", out)
	}
	_, out, _ = e.run("audit", "--survey", "--format", "json")
	var s struct {
		All    struct{ Projects, Publish, Good int }
		Groups []struct{ Group string }
		Trend  []struct {
			CrawlID int64 `json:"crawl_id"`
		}
	}
	if err := json.Unmarshal([]byte(out), &s); err != nil || s.All.Projects != 4 || len(s.Groups) != 2 || len(s.Trend) != 2 {
		t.Errorf("json: %v %+v\n%s", err, s, out)
	}
	if code, _, _ := e.run("audit", "--survey", "--format", "csv"); code != ExitUsage {
		t.Errorf("--survey --format csv: exit %d", code)
	}
}
