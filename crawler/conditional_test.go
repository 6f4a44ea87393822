package crawler

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// TestConditionalSecondRun: a second Run sends the ETag saved by the first;
// the 304 becomes NotModified without calling the extractor.
func TestConditionalSecondRun(t *testing.T) {
	site := newFakeSite(t)
	projects := []roadmap.Project{
		{Slug: "a", Roadmap: []string{site.URL + "/ok/roadmap.html"}, Logo: site.URL + "/logo.png"},
		{Slug: "b", Roadmap: []string{site.URL + "/md/ROADMAP.md"}},
	}
	sink := newFakeSink()
	logos := &fakeLogo{}
	cr := New(testOptions(), sink, sink, nil, logos.fn)
	first, err := cr.Run(context.Background(), 1, projects, nil)
	if err != nil || first.Fetched != 2 {
		t.Fatalf("first run: %v, %+v", err, first)
	}
	if res := sink.result(t, "a"); res.Logo == nil || res.Logo.Method != roadmap.LogoPNG {
		t.Fatalf("first run logo %+v, want a png", res.Logo)
	}

	parses := countExtract(t)
	second, err := cr.Run(context.Background(), 2, projects, nil)
	if err != nil {
		t.Fatal(err)
	}
	if second.NotModified != 2 || second.Fetched != 0 || second.Failed != 0 {
		t.Errorf("second run fetched/not modified/failed = %d/%d/%d, want 0/2/0", second.Fetched, second.NotModified, second.Failed)
	}
	if n := parses.Load(); n != 0 {
		t.Errorf("extract called %d times on 304s", n)
	}
	for _, slug := range []string{"a", "b"} {
		res := sink.result(t, slug)
		sr := res.Sources[0]
		if !sr.NotModified || sr.Document != nil || sr.Err != "" || sr.Fetch.Body != nil || sr.Fetch.Status != http.StatusNotModified {
			t.Errorf("%s: source %+v, want a bodiless 304", slug, sr)
		}
		if sr.Fetch.ETag == "" {
			t.Errorf("%s: 304 fetch lost its ETag", slug)
		}
	}
	if o := second.Outcomes[0]; o.Items != 0 || o.LogoNote != "logo not modified" {
		t.Errorf("outcome %+v, want 0 items and an unchanged logo", o)
	}
	if res := sink.result(t, "a"); res.Logo != nil {
		t.Errorf("304 logo gave %+v, want nil (keep)", res.Logo)
	}
	site.mu.Lock()
	defer site.mu.Unlock()
	for _, p := range []string{"/ok/roadmap.html", "/md/ROADMAP.md", "/logo.png"} {
		if site.cond[p] != 1 {
			t.Errorf("%s: %d conditional requests, want 1", p, site.cond[p])
		}
	}
}

// failingValidators always fails: the crawler fetches unconditionally.
type failingValidators struct{}

func (failingValidators) Validators(context.Context, string, string) (string, string, error) {
	return "", "", errors.New("store closed")
}

func TestValidatorsFailureFetchesUnconditionally(t *testing.T) {
	site := newFakeSite(t)
	sink := newFakeSink()
	cr := New(testOptions(), sink, failingValidators{}, nil, nil)
	sum, err := cr.Run(context.Background(), 1, []roadmap.Project{{Slug: "a", Roadmap: []string{site.URL + "/ok/roadmap.html"}}}, nil)
	if err != nil || sum.Fetched != 1 {
		t.Fatalf("Run: %v %+v", err, sum)
	}
}

// TestPerHostLimit counts requests in flight on each of three servers and
// overall: never more than PerHost per server nor Concurrency in all.
func TestPerHostLimit(t *testing.T) {
	var mu sync.Mutex
	inFlight, maxAll := 0, 0
	perHost := map[string]int{}
	maxHost := map[string]int{}
	page := fixture(t, "roadmap.html")
	var servers []*httptest.Server
	for range 3 {
		var srv *httptest.Server
		srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/robots.txt" {
				http.NotFound(w, r)
				return
			}
			mu.Lock()
			inFlight++
			perHost[srv.URL]++
			maxAll = max(maxAll, inFlight)
			maxHost[srv.URL] = max(maxHost[srv.URL], perHost[srv.URL])
			mu.Unlock()
			time.Sleep(5 * time.Millisecond) // let requests overlap
			mu.Lock()
			inFlight--
			perHost[srv.URL]--
			mu.Unlock()
			w.Header().Set("Content-Type", "text/html")
			_, _ = w.Write(page)
		}))
		t.Cleanup(srv.Close)
		servers = append(servers, srv)
	}
	var projects []roadmap.Project
	for i := range 24 {
		srv := servers[i%len(servers)]
		projects = append(projects, roadmap.Project{Slug: "p" + string(rune('a'+i)), Roadmap: []string{srv.URL + "/roadmap.html"}})
	}
	opts := testOptions()
	opts.Concurrency, opts.PerHost = 3, 2
	opts.Timeout = 10 * time.Second
	sink := newFakeSink()
	sum, err := New(opts, sink, nil, nil, nil).Run(context.Background(), 1, projects, nil)
	if err != nil || sum.Fetched != len(projects) {
		t.Fatalf("Run: %v, fetched %d of %d", err, sum.Fetched, len(projects))
	}
	mu.Lock()
	defer mu.Unlock()
	for host, m := range maxHost {
		if m > opts.PerHost {
			t.Errorf("%s: %d requests in flight, limit %d", host, m, opts.PerHost)
		}
	}
	if maxAll > opts.Concurrency {
		t.Errorf("%d requests in flight overall, limit %d", maxAll, opts.Concurrency)
	}
}

func TestRobotsServerErrorAllows(t *testing.T) {
	hits := map[string]int{}
	var mu sync.Mutex
	page := fixture(t, "roadmap.html")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits[r.URL.Path]++
		mu.Unlock()
		if r.URL.Path == "/robots.txt" {
			http.Error(w, "oops", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write(page)
	}))
	defer srv.Close()
	var logs strings.Builder
	opts := testOptions()
	opts.Logger = newTextLogger(&logs)
	sum, err := New(opts, newFakeSink(), nil, nil, nil).Run(context.Background(), 1,
		[]roadmap.Project{{Slug: "a", Roadmap: []string{srv.URL + "/private/x.html", srv.URL + "/y.html"}}}, nil)
	if err != nil || sum.Fetched != 1 || len(sum.Outcomes[0].Warnings) != 0 {
		t.Fatalf("Run: %v %+v", err, sum)
	}
	if hits["/robots.txt"] != 1 {
		t.Errorf("robots.txt fetched %d times, want 1 (no retry, cached)", hits["/robots.txt"])
	}
	if !strings.Contains(logs.String(), "robots.txt answered HTTP 500") {
		t.Errorf("no warning logged: %s", logs.String())
	}
}

// TestRobotsRedirects: a page redirecting to another host whose robots.txt
// redirects back must neither hang nor skip the check.
func TestRobotsRedirects(t *testing.T) {
	var a, b *httptest.Server
	page := fixture(t, "roadmap.html")
	a = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			http.Redirect(w, r, b.URL+"/robots.txt?again=1", http.StatusFound)
		case "/start":
			http.Redirect(w, r, b.URL+"/landing", http.StatusFound)
		case "/blocked-start":
			http.Redirect(w, r, b.URL+"/secret/page", http.StatusFound)
		default:
			http.NotFound(w, r)
		}
	}))
	defer a.Close()
	b = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			if r.URL.Query().Get("again") == "" {
				http.Redirect(w, r, a.URL+"/robots.txt", http.StatusFound)
				return
			}
			_, _ = w.Write([]byte("User-agent: *\nDisallow: /secret/\n"))
		case "/secret/page":
			t.Error("disallowed redirect target requested")
			fallthrough
		default:
			w.Header().Set("Content-Type", "text/html")
			_, _ = w.Write(page)
		}
	}))
	defer b.Close()
	opts := testOptions()
	opts.Timeout = 5 * time.Second
	sum, err := New(opts, newFakeSink(), nil, nil, nil).Run(context.Background(), 1, []roadmap.Project{
		{Slug: "ok", Roadmap: []string{a.URL + "/start"}},
		{Slug: "blocked", Roadmap: []string{a.URL + "/blocked-start"}},
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if o := sum.Outcomes[0]; o.Status != roadmap.StatusFetched {
		t.Errorf("ok: %s %s", o.Status, o.Err)
	}
	if o := sum.Outcomes[1]; o.Status != roadmap.StatusFailed || !strings.Contains(o.Err, "blocked by robots.txt (redirected to "+b.URL+"/secret/page)") {
		t.Errorf("blocked: %s %q", o.Status, o.Err)
	}
}
