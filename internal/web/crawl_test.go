package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/config"
	"github.com/roadmapper/roadmapper/internal/testutil"
)

// pollCrawl reads /crawl/status until the crawl is no longer running.
func (f *fixture) pollCrawl(c *http.Client) crawlStatus {
	f.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := c.Get(f.srv.URL + "/crawl/status")
		if err != nil {
			f.t.Fatal(err)
		}
		var st crawlStatus
		err = json.NewDecoder(resp.Body).Decode(&st)
		resp.Body.Close()
		if err != nil {
			f.t.Fatal(err)
		}
		if !st.Running {
			return st
		}
		time.Sleep(20 * time.Millisecond)
	}
	f.t.Fatal("crawl did not finish in 30s")
	return crawlStatus{}
}

func TestCrawlFromTheWeb(t *testing.T) {
	f := newFixture(t, nil)
	gate := make(chan struct{})
	f.site.Set("/nebula/ROADMAP.md", md("# Nebula roadmap\n\nLast updated: March 2026.\n\n## Distributed scheduling\n\nNow with a new section.\n\n## Streaming\n\nProcess data as it arrives.\n"))
	c := f.client()
	slug := f.createClient(c, url.Values{"name": {"Acme"}, "min_score": {"0"}})
	if _, page := f.get(c, "/clients/"+slug); strings.Contains(page, "Streaming") {
		t.Fatal("the new item is there before the crawl")
	}
	tok := f.csrf(c, "/crawl")
	// Hold the crawl at its first project so a second start meets it running.
	f.web.crawls.app.HTTPClient = &http.Client{Transport: gated{gate, http.DefaultTransport}}
	if code, loc, body := f.post(c, "/crawl", url.Values{"csrf": {tok}}); code != http.StatusSeeOther || loc != "/crawl" {
		t.Fatalf("start: %d %s %s", code, loc, body)
	}
	code, _, body := f.post(c, "/crawl", url.Values{"csrf": {tok}})
	if code != http.StatusConflict || !strings.Contains(body, "is still running") {
		t.Errorf("second start: %d %s", code, body)
	}
	// The pages stay usable during the crawl.
	if code, _ := f.get(c, "/"); code != 200 {
		t.Errorf("overview during the crawl: %d", code)
	}
	if _, page := f.get(c, "/crawl"); !strings.Contains(page, `data-running="true"`) || !strings.Contains(page, " disabled") {
		t.Error("crawl page does not show the running crawl")
	}
	close(gate)
	st := f.pollCrawl(c)
	if st.Error != "" || st.Done != 5 || st.Total != 5 || st.CrawlID != 2 || st.ReportURL != "/reports/2" {
		t.Fatalf("status %+v", st)
	}
	if _, rep := f.get(c, "/reports/2/report.html"); !strings.Contains(rep, "Streaming") {
		t.Error("report of the web crawl lacks the new item")
	}
	// Pages cached from the data before the crawl are made again.
	if _, page := f.get(c, "/clients/"+slug); !strings.Contains(page, "Streaming") {
		t.Error("the workspace does not show the item the crawl added")
	}
	if _, page := f.get(c, "/crawl"); !strings.Contains(page, "Crawl 2 finished") {
		t.Error("crawl page does not say it finished")
	}
}

// gated holds every request until gate is closed.
type gated struct {
	gate chan struct{}
	rt   http.RoundTripper
}

func (g gated) RoundTrip(r *http.Request) (*http.Response, error) {
	<-g.gate
	return g.rt.RoundTrip(r)
}

func TestShutdownLetsTheCurrentProjectFinish(t *testing.T) {
	started := make(chan struct{})
	release := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		close(started)
		<-release
		w.Header().Set("Content-Type", "text/markdown")
		fmt.Fprint(w, "# Slow roadmap\n\n## Patience\n\nA plan that takes its time to arrive but arrives whole.\n")
	}))
	defer slow.Close()
	site := testutil.NewFakeSite(t)
	fillSite(site)
	dir := t.TempDir()
	src := fmt.Sprintf(`[crawl]
concurrency = 1
timeout = "10s"
retries = 0
`+testutil.AllowLoopback+`%s
[[project]]
slug = "slow"
name = "Slow"
roadmap = ["%s/roadmap.md"]

[[project]]
slug = "nebula"
name = "Nebula"
roadmap = ["%s/nebula/ROADMAP.md"]
`, crawlExtra, slow.URL, site.URL())
	writeFile(t, filepath.Join(dir, "roadmapper.toml"), src)
	cfg, err := config.Load(filepath.Join(dir, "roadmapper.toml"))
	if err != nil {
		t.Fatal(err)
	}
	a := newApp(t, dir, cfg)
	srv, err := New(a, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.crawls.start("test"); err != nil {
		t.Fatal(err)
	}
	<-started
	drained := make(chan error)
	go func() { drained <- srv.crawls.drain(context.Background()) }()
	time.Sleep(50 * time.Millisecond) // drain has asked for the stop
	select {
	case err := <-drained:
		t.Fatalf("drain returned before the current project finished: %v", err)
	default:
	}
	close(release)
	if err := <-drained; err != nil {
		t.Fatal(err)
	}
	st := srv.crawls.status()
	if !strings.Contains(st.Error, "interrupted") || st.Done != 1 {
		t.Errorf("status after drain: %+v", st)
	}
	snaps, err := a.Store.Snapshots(t.Context(), 1)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := snaps["slow"]; !ok || len(snaps) != 1 {
		t.Errorf("saved projects %v: want the one under way (slow) only", snaps)
	}
	if err := srv.crawls.start("test"); err == nil {
		t.Error("a crawl started after shutdown")
	}
}
