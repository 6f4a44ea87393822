package crawler

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

func TestGitHubRawURL(t *testing.T) {
	cases := map[string]string{
		"https://github.com/astropy/astropy-project/blob/main/roadmap/roadmap.md": "https://raw.githubusercontent.com/astropy/astropy-project/main/roadmap/roadmap.md",
		"https://github.com/o/r/blob/v1.2/docs/ROADMAP.rst#goals":                 "https://raw.githubusercontent.com/o/r/v1.2/docs/ROADMAP.rst",
		"https://github.com/jupyter/roadmap":                                      "",
		"https://github.com/o/r/tree/main/docs":                                   "",
		"https://github.com/o/r/blob/main/../../etc/passwd":                       "",
		"https://numpy.org/neps/roadmap.html":                                     "",
		"https://gist.github.com/o/abc":                                           "",
	}
	for in, want := range cases {
		if got := githubRawURL(in); got != want {
			t.Errorf("githubRawURL(%q) = %q, want %q", in, got, want)
		}
	}
}

// hostRewriter sends every request to one test server, keeping the path,
// so a crawl of https://github.com/… and raw.githubusercontent.com can be
// observed locally.
type hostRewriter struct {
	target *url.URL
	seen   []string
}

func (h *hostRewriter) RoundTrip(r *http.Request) (*http.Response, error) {
	h.seen = append(h.seen, r.URL.Host+r.URL.Path)
	r = r.Clone(r.Context())
	r.URL.Scheme, r.URL.Host = h.target.Scheme, h.target.Host
	return http.DefaultTransport.RoundTrip(r)
}

// TestGitHubFilePageFetchedRaw: a roadmap configured as a GitHub file page
// is fetched as the raw file, parsed as Markdown, and its items link to the
// page with the section's anchor.
func TestGitHubFilePageFetchedRaw(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/o/r/main/ROADMAP.md" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprint(w, "# Orrery roadmap\n\n## GPU kernels\n\nRun the propagators on CUDA devices.\n\n## Better docs\n\nTutorials for new users.\n")
	}))
	defer srv.Close()
	target, _ := url.Parse(srv.URL)
	rw := &hostRewriter{target: target}
	opts := testOptions()
	opts.HTTPClient = &http.Client{Transport: rw}
	opts.RespectRobots = false
	page := "https://github.com/o/r/blob/main/ROADMAP.md"
	sink := newFakeSink()
	sum, err := New(opts, sink, nil, nil, nil).Run(context.Background(), 1, []roadmap.Project{{Slug: "orrery", Roadmap: []string{page}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if o := sum.Outcomes[0]; o.Status != roadmap.StatusFetched {
		t.Fatalf("outcome %+v", o)
	}
	if len(rw.seen) != 1 || rw.seen[0] != "raw.githubusercontent.com/o/r/main/ROADMAP.md" {
		t.Errorf("requests %v, want only the raw file", rw.seen)
	}
	res := sink.result(t, "orrery")
	doc := res.Sources[0].Document
	if doc == nil || len(doc.Items) != 2 || doc.Items[0].URL != page+"#gpu-kernels" {
		t.Fatalf("document %+v", doc)
	}
	if f := res.Fetches[0]; f.URL != page || !strings.Contains(string(f.Body), "GPU kernels") {
		t.Errorf("fetch recorded as %q, want the page URL with the raw body", f.URL)
	}
}
