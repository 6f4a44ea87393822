package discover

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/crawler"
	"github.com/roadmapper/roadmapper/internal/github"
	"github.com/roadmapper/roadmapper/internal/roadmap"
	"github.com/roadmapper/roadmapper/internal/testutil"
)

// world is a fake GitHub and two fake web sites (the projects' own, and a
// third-party host) that discovery runs against.
type world struct {
	gh    *testutil.FakeGitHub
	site  *testutil.FakeSite
	other *testutil.FakeSite
	cache *memCache
}

func newWorld(t *testing.T) *world {
	return &world{gh: testutil.NewFakeGitHub(t), site: testutil.NewFakeSite(t), other: testutil.NewFakeSite(t), cache: &memCache{m: map[string]roadmap.CachedResponse{}}}
}

// discoverer returns a Discoverer over the world with a fresh GitHub client
// (sharing the world's persistent ETag cache) and a fresh Fetcher.
func (w *world) discoverer(t *testing.T) *Discoverer {
	t.Helper()
	client, err := github.New(github.Options{BaseURL: w.gh.URL(), Token: "tok", Cache: w.cache})
	if err != nil {
		t.Fatal(err)
	}
	cr := crawler.New(crawler.Options{RespectRobots: true, MaxRetries: -1, BaseBackoff: time.Millisecond, AllowPrivate: testutil.LoopbackNets}, nopSink{}, nil, nil, nil)
	return New(client, cr.Fetcher(), Options{RawBaseURL: w.gh.RawURL(), Now: func() time.Time { return testNow }, Logger: slog.New(slog.DiscardHandler)})
}

var testNow = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

type nopSink struct{}

func (nopSink) SaveProject(context.Context, int64, roadmap.ProjectResult) (roadmap.ProjectChanges, error) {
	return roadmap.ProjectChanges{}, nil
}

type memCache struct {
	mu sync.Mutex
	m  map[string]roadmap.CachedResponse
}

func (c *memCache) CacheGet(_ context.Context, k string) (roadmap.CachedResponse, bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	r, ok := c.m[k]
	return r, ok, nil
}

func (c *memCache) CachePut(_ context.Context, k string, r roadmap.CachedResponse) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[k] = r
	return nil
}

// homepage renders a project homepage with navigation, body and footer links
// (each [text, href]).
func homepage(title, siteName string, nav, body, footer [][2]string, extraHead string) string {
	a := func(ls [][2]string) string {
		var b strings.Builder
		for _, l := range ls {
			fmt.Fprintf(&b, `<li><a href="%s">%s</a></li>`, l[1], l[0])
		}
		return b.String()
	}
	og := ""
	if siteName != "" {
		og = `<meta property="og:site_name" content="` + siteName + `">`
	}
	return `<!DOCTYPE html><html><head><title>` + title + `</title>` + og + extraHead + `</head><body>
<header><nav class="navbar"><ul>` + a(nav) + `</ul></nav></header>
<main><h1>` + title + `</h1><p>Welcome.</p><ul>` + a(body) + `</ul></main>
<footer><ul>` + a(footer) + `</ul></footer></body></html>`
}

// roadmapPage is a Sphinx-shaped roadmap page.
func roadmapPage(title string) string {
	return testutil.SphinxPage(title, [][2]string{
		{"Performance", "Make the core faster with SIMD and better algorithms, measured by benchmarks."},
		{"Interoperability", "Support the array API standard and work with GPU libraries."},
		{"Documentation", "Rewrite the tutorials and explain every function with an example."},
	})
}

const svgLogo = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="120" viewBox="0 0 120 120"><circle cx="60" cy="60" r="50" fill="#4dabcf"/><rect x="40" y="40" width="40" height="40" fill="#013243"/></svg>`

// expect is what a labelled fixture should give.
type expect struct {
	file string   // roadmap_file, "" for none
	urls []string // paths on the world's sites (prefix "other:" for the third-party host); nil for none
}

// fixture is one fake repository in a real-world shape, with its web pages.
type fixture struct {
	name       string
	hasRoadmap bool
	repo       testutil.FakeRepo
	pages      map[string]string // path on the site → HTML ("other:" prefix → third-party host)
	want       expect
}

func file(s string) testutil.FakeFile { return testutil.FakeFile{Content: s} }

// add installs the fixture's repository and pages; a homepage path "/NAME/"
// becomes the repository's homepage when the fixture serves one.
func (w *world) add(f fixture) {
	r := f.repo
	r.Owner, r.Name = "org", f.name
	if r.Files == nil {
		r.Files = map[string]testutil.FakeFile{}
	}
	if _, ok := r.Files["README.md"]; !ok {
		r.Files["README.md"] = file("# " + f.name + "\n\nA library.\n")
	}
	if r.Description == "" {
		r.Description = "The " + f.name + " library"
	}
	for p, body := range f.pages {
		p = strings.ReplaceAll(p, "SITE", w.site.URL())
		body = strings.ReplaceAll(strings.ReplaceAll(body, "SITE", w.site.URL()), "OTHER", w.other.URL())
		body = strings.ReplaceAll(body, "GITHUB", w.gh.HTMLURL())
		if rest, ok := strings.CutPrefix(p, "other:"); ok {
			w.other.SetHTML(rest, body)
			continue
		}
		if strings.HasSuffix(p, ".md") {
			w.site.Set(p, testutil.FakePage{ContentType: "text/markdown; charset=utf-8", Body: []byte(body)})
			continue
		}
		w.site.SetHTML(p, body)
	}
	if _, ok := f.pages["/"+f.name+"/"]; ok {
		r.Homepage = w.site.URL() + "/" + f.name + "/"
	}
	for p, ff := range r.Files {
		ff.Content = strings.ReplaceAll(strings.ReplaceAll(ff.Content, "SITE", w.site.URL()), "OTHER", w.other.URL())
		ff.Content = strings.ReplaceAll(ff.Content, "GITHUB", w.gh.HTMLURL())
		r.Files[p] = ff
	}
	w.gh.AddRepo(r)
}

func (w *world) wantURL(p string) string {
	if rest, ok := strings.CutPrefix(p, "other:"); ok {
		return w.other.URL() + rest
	}
	return w.site.URL() + p
}
