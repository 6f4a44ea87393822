package crawler_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/config"
	"github.com/roadmapper/roadmapper/crawler"
	"github.com/roadmapper/roadmapper/internal/roadmap"
	"github.com/roadmapper/roadmapper/internal/store"
	"github.com/roadmapper/roadmapper/internal/testutil"
)

// integrity crawls projects through the real store, one crawl per call.
type integrity struct {
	t  *testing.T
	st *store.Store
	cr *crawler.Crawler
}

func newIntegrity(t *testing.T) *integrity {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "r.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	opts := crawler.Options{Timeout: 10 * time.Second, MaxPageBytes: 10 << 20, BaseBackoff: time.Millisecond, AllowPrivate: testutil.LoopbackNets}
	return &integrity{t: t, st: st, cr: crawler.New(opts, st, st, nil, nil)}
}

// crawl runs one finished crawl of projects and returns its summary.
func (in *integrity) crawl(projects []roadmap.Project) crawler.Summary {
	in.t.Helper()
	ctx := context.Background()
	c, err := in.st.BeginCrawl(ctx, false)
	if err != nil {
		in.t.Fatal(err)
	}
	sum, err := in.cr.Run(ctx, c.ID, projects, nil)
	if err != nil {
		in.t.Fatal(err)
	}
	c.Projects, c.Fetched, c.NotModified, c.Failed = len(projects), sum.Fetched, sum.NotModified, sum.Failed
	if err := in.st.FinishCrawl(ctx, c); err != nil {
		in.t.Fatal(err)
	}
	return sum
}

// items counts each project's current page items.
func (in *integrity) items(projects []roadmap.Project) map[string]int {
	in.t.Helper()
	all, err := in.st.Items(context.Background(), store.ItemQuery{})
	if err != nil {
		in.t.Fatal(err)
	}
	out := map[string]int{}
	for _, p := range projects {
		out[p.Slug] = 0
	}
	for _, it := range all {
		out[it.Project]++
	}
	return out
}

func outcome(sum crawler.Summary, slug string) crawler.Outcome {
	for _, o := range sum.Outcomes {
		if o.Project == slug {
			return o
		}
	}
	return crawler.Outcome{}
}

// TestSharedAndSwappedURLsKeepItems: validators belong to (project, URL).
// Two projects on one page both get its items; a project whose URL is
// changed to a page another project crawls gets that page's items, not an
// empty 304; swapped back, it gets its own items again.
func TestSharedAndSwappedURLsKeepItems(t *testing.T) {
	site := testutil.NewFakeSite(t)
	site.SetHTML("/a.html", testutil.SphinxPage("A roadmap", [][2]string{{"Speed", "Faster kernels."}, {"Typing", "Stubs."}}))
	site.SetHTML("/b.html", testutil.SphinxPage("B roadmap", [][2]string{{"GPU", "CUDA arrays."}, {"Docs", "Tutorials."}, {"Tests", "More."}}))
	a := roadmap.Project{Slug: "a", Roadmap: []string{site.URL() + "/a.html"}}
	b := roadmap.Project{Slug: "b", Roadmap: []string{site.URL() + "/b.html"}}
	c := roadmap.Project{Slug: "c", Roadmap: []string{site.URL() + "/a.html"}} // shares a's page
	in := newIntegrity(t)

	in.crawl([]roadmap.Project{a, b, c})
	if got := in.items([]roadmap.Project{a, b, c}); got["a"] != 2 || got["b"] != 3 || got["c"] != 2 {
		t.Fatalf("first crawl items %v, want a 2, b 3, c 2", got)
	}
	sum := in.crawl([]roadmap.Project{a, b, c})
	if sum.NotModified != 3 {
		t.Errorf("unchanged re-crawl: %d not modified, want 3", sum.NotModified)
	}
	if got := in.items([]roadmap.Project{a, b, c}); got["a"] != 2 || got["b"] != 3 || got["c"] != 2 {
		t.Errorf("two projects on one page after a re-crawl: items %v, want a 2, b 3, c 2", got)
	}

	swapped := b
	swapped.Roadmap = a.Roadmap
	sum = in.crawl([]roadmap.Project{a, swapped, c})
	if o := outcome(sum, "b"); o.Status != roadmap.StatusFetched {
		t.Errorf("b swapped to a's page: %s %q, want fetched", o.Status, o.Err)
	}
	if got := in.items([]roadmap.Project{a, b, c}); got["b"] != 2 {
		t.Errorf("b swapped to a's page has %d items, want a's 2", got["b"])
	}

	sum = in.crawl([]roadmap.Project{a, b, c})
	if o := outcome(sum, "b"); o.Status != roadmap.StatusFetched {
		t.Errorf("b swapped back: %s %q, want fetched", o.Status, o.Err)
	}
	if got := in.items([]roadmap.Project{a, b, c}); got["a"] != 2 || got["b"] != 3 || got["c"] != 2 {
		t.Errorf("after the swap back: items %v, want a 2, b 3, c 2", got)
	}
}

// TestRegistrySwapKeepsItems crawls the 25 built-in projects through a
// local server holding the real roadmap corpus, swaps one project's URL to
// another project's page and back, and checks that every project keeps
// its items.
func TestRegistrySwapKeepsItems(t *testing.T) {
	dir := testutil.CorpusDir(t)
	if testing.Short() {
		t.Skip("corpus crawl")
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()
	projects := corpusRegistry(t, dir, srv.URL)
	in := newIntegrity(t)

	in.crawl(projects)
	first := in.items(projects)
	withItems := 0
	for _, n := range first {
		if n > 0 {
			withItems++
		}
	}
	if withItems < 10 || first["numpy"] == 0 || first["scipy"] == 0 {
		t.Fatalf("first crawl: only %d projects with items: %v", withItems, first)
	}

	swapped := make([]roadmap.Project, len(projects))
	copy(swapped, projects)
	var scipyURL []string
	for _, p := range projects {
		if p.Slug == "scipy" {
			scipyURL = p.Roadmap
		}
	}
	for i := range swapped {
		if swapped[i].Slug == "numpy" {
			swapped[i].Roadmap = scipyURL
		}
	}
	sum := in.crawl(swapped)
	mid := in.items(projects)
	if mid["numpy"] != first["scipy"] {
		t.Errorf("numpy pointed at scipy's page has %d items, want scipy's %d (%+v)", mid["numpy"], first["scipy"], outcome(sum, "numpy"))
	}

	sum = in.crawl(projects)
	last := in.items(projects)
	for _, p := range projects {
		if last[p.Slug] != first[p.Slug] {
			t.Errorf("%s: %d items after the swap back, %d before (%+v)", p.Slug, last[p.Slug], first[p.Slug], outcome(sum, p.Slug))
		}
	}
}

// corpusRegistry is the built-in registry with each published roadmap
// served from the corpus (its roadmap.html) by base, and no GitHub.
func corpusRegistry(t *testing.T, dir, base string) []roadmap.Project {
	t.Helper()
	cfg, err := config.Default()
	if err != nil {
		t.Fatal(err)
	}
	var out []roadmap.Project
	for _, p := range cfg.Projects {
		p.Repo, p.Logo = "", ""
		var pages []string
		for range p.Roadmap {
			if _, err := os.Stat(filepath.Join(dir, p.Slug, "roadmap.html")); err == nil && len(pages) == 0 {
				pages = append(pages, base+"/"+p.Slug+"/roadmap.html")
			}
		}
		p.Roadmap = pages
		out = append(out, p)
	}
	if len(out) != 25 {
		t.Fatalf("registry has %d projects, want 25", len(out))
	}
	return out
}
