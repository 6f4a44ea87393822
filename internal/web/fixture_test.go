package web

import (
	"context"
	"fmt"
	"image/color"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/config"
	"github.com/roadmapper/roadmapper/internal/app"
	"github.com/roadmapper/roadmapper/internal/store"
	"github.com/roadmapper/roadmapper/internal/testutil"
)

// fixtureNow is the clock of the fixture's app: roadmaps dated 2026 are
// current, the one dated 2019 is stale.
var fixtureNow = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)

// fixture is a web app over a database crawled from a fake site of five
// projects: quasar and nebula current (good), relic stale, sparse thin,
// quiet without a roadmap.
type fixture struct {
	t    testing.TB
	site *testutil.FakeSite
	app  *app.App
	web  *Server
	srv  *httptest.Server
	dir  string
}

// fixtureConfig writes the configuration of the fake site's projects.
func fixtureConfig(t testing.TB, dir, base, extra string) *config.Config {
	t.Helper()
	src := fmt.Sprintf(`[crawl]
user_agent = "roadmapper-test"
timeout = "5s"
retries = 0
`+testutil.AllowLoopback+`%s
[audit]
min_words = 40

[[project]]
slug = "quasar"
name = "Quasar"
tagline = "Fast numerics for fictional science."
roadmap = ["%[2]s/quasar/roadmap.html"]
logo = "%[2]s/quasar/logo.png"

[[project]]
slug = "nebula"
name = "Nebula"
tagline = "Graphs of tasks, spread over clusters."
roadmap = ["%[2]s/nebula/ROADMAP.md"]

[[project]]
slug = "relic"
name = "Relic"
tagline = "An old plan nobody updated."
roadmap = ["%[2]s/relic/roadmap.md"]

[[project]]
slug = "sparse"
name = "Sparse"
roadmap = ["%[2]s/sparse/roadmap.md"]

[[project]]
slug = "quiet"
name = "Quiet Project"
`, extra, base)
	path := filepath.Join(dir, "roadmapper.toml")
	writeFile(t, path, src)
	cfg, err := config.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// fillSite serves the five projects' pages.
func fillSite(site *testutil.FakeSite) {
	site.SetHTML("/quasar/roadmap.html", testutil.SphinxPage("Quasar roadmap", [][2]string{
		{"GPU acceleration", "Run the core kernels on CUDA and ROCm devices through the array API, so arrays can stay on the accelerator. Last updated October 2026."},
		{"Documentation overhaul", "Rewrite the tutorials for newcomers and add worked examples from imaging and genomics, with a gallery of real analyses."},
		{"Free-threaded Python", "Make the extension modules safe without the GIL and ship wheels for free-threaded builds of CPython on every platform."},
		{"Packaging", "Move the build to Meson, publish reproducible wheels for ARM and sign release artefacts so users can check them."},
	}))
	site.Set("/quasar/logo.png", testutil.FakePage{ContentType: "image/png", Body: testutil.PNGLogo(color.RGBA{0x20, 0x60, 0xc0, 0xff}, 64)})
	site.Set("/nebula/ROADMAP.md", md(`# Nebula roadmap

Where Nebula is going over the next two years. Last updated: March 2026.

## Distributed scheduling

Spread graph execution over a cluster with a new scheduler that spills to disk when memory runs short, and recovers lost workers without restarting the whole graph.

## Typed public API

Add type annotations to the whole public API and check them in CI, so editors and type checkers catch mistakes before users run their code.

## Accessibility of plots

Colour-blind-safe defaults and screen-reader descriptions for every chart that the dashboard draws, tested with real assistive technology.
`))
	site.Set("/relic/roadmap.md", md(`# Relic roadmap

Last updated: March 2019.

## Python 3 support

Port the code base to Python 3 and drop the compatibility layer once the last users have moved over to the new releases.

## Faster parsing

Rewrite the parser in C so large files load in seconds rather than minutes, keeping the pure-Python path as a fallback.

## Plugin system

Let third parties add file formats as plugins found through entry points, with a stable and documented interface.
`))
	site.Set("/sparse/roadmap.md", md("# Sparse roadmap\n\nLast updated: June 2026.\n\n## One thing\n\nA single short plan.\n"))
}

func md(s string) testutil.FakePage {
	return testutil.FakePage{ContentType: "text/markdown; charset=utf-8", Body: []byte(s)}
}

// newApp opens a database in dir for cfg.
func newApp(t testing.TB, dir string, cfg *config.Config) *app.App {
	t.Helper()
	db := filepath.Join(dir, "roadmapper.db")
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return &app.App{Config: cfg, Store: st, LockPath: db + ".lock", Now: func() time.Time { return fixtureNow }, BackoffBase: time.Millisecond}
}

// newFixture crawls the fake site once and serves the web app with opts
// (Getenv from env).
func newFixture(t testing.TB, env map[string]string) *fixture {
	t.Helper()
	f := &fixture{t: t, site: testutil.NewFakeSite(t), dir: t.TempDir()}
	fillSite(f.site)
	cfg := fixtureConfig(t, f.dir, f.site.URL(), crawlExtra)
	f.app = newApp(t, f.dir, cfg)
	if _, err := f.app.Crawl(context.Background(), app.CrawlRequest{Projects: cfg.Projects, NoGitHub: true}); err != nil {
		t.Fatalf("first crawl: %v", err)
	}
	f.serve(env)
	return f
}

// crawlExtra is added to the [crawl] table of test configurations.
var crawlExtra = ""

func (f *fixture) serve(env map[string]string) {
	f.t.Helper()
	w, err := New(f.app, Options{Getenv: func(k string) string { return env[k] }, Now: func() time.Time { return fixtureNow }})
	if err != nil {
		f.t.Fatal(err)
	}
	f.web = w
	f.srv = httptest.NewServer(w)
	f.t.Cleanup(f.srv.Close)
}

// client is a browser-like HTTP client with a cookie jar that does not
// follow redirects.
func (f *fixture) client() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// get fetches path and returns status and body.
func (f *fixture) get(c *http.Client, path string) (int, string) {
	f.t.Helper()
	req, _ := http.NewRequest("GET", f.srv.URL+path, nil)
	req.Header.Set("Accept", "text/html")
	resp, err := c.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

var csrfRE = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// csrf reads the CSRF token from a page this client loaded.
func (f *fixture) csrf(c *http.Client, page string) string {
	f.t.Helper()
	_, body := f.get(c, page)
	m := csrfRE.FindStringSubmatch(body)
	if m == nil {
		f.t.Fatalf("no CSRF token on %s", page)
	}
	return m[1]
}

// post sends a form and returns status, Location and body.
func (f *fixture) post(c *http.Client, path string, form url.Values) (int, string, string) {
	f.t.Helper()
	req, _ := http.NewRequest("POST", f.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "text/html")
	resp, err := c.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Location"), string(b)
}
