package crawler

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
	"github.com/roadmapper/roadmapper/internal/testutil"
)

const testUA = "roadmapper-test/1.0 (+https://example.org/contact)"

// testOptions are fast options for a crawl of a fake site.
func testOptions() Options {
	return Options{
		UserAgent:     testUA,
		Timeout:       200 * time.Millisecond,
		MaxPageBytes:  64 << 10,
		MaxLogoBytes:  4 << 10,
		RespectRobots: true,
		BaseBackoff:   time.Millisecond,
		AllowPrivate:  testutil.LoopbackNets,
	}
}

// TestRunScenarios crawls one project per failure mode in ONE Run and checks
// that each gets its own specific outcome while the others are intact.
func TestRunScenarios(t *testing.T) {
	site := newFakeSite(t)
	u := site.URL
	cases := []struct {
		slug   string
		pages  []string
		status string
		err    string // exact Outcome.Err; "~x" means contains x
		items  int    // minimum items for fetched
		title  string // substring of the first document's title
		note   string // substring of the first document's Note, also a warning
	}{
		{slug: "ok", pages: []string{u + "/ok/roadmap.html"}, status: roadmap.StatusFetched, items: 3, title: "Widgetlib roadmap"},
		{slug: "markdown", pages: []string{u + "/md/ROADMAP.md"}, status: roadmap.StatusFetched, items: 2, title: "Doohickey"},
		{slug: "notfound", pages: []string{u + "/gone404"}, status: roadmap.StatusFailed, err: u + "/gone404: HTTP 404 Not Found"},
		{slug: "gone", pages: []string{u + "/gone410"}, status: roadmap.StatusFailed, err: u + "/gone410: HTTP 410 Gone"},
		{slug: "flaky", pages: []string{u + "/flaky"}, status: roadmap.StatusFetched, items: 3},
		{slug: "ratelimited", pages: []string{u + "/ratelimited"}, status: roadmap.StatusFetched, items: 3},
		{slug: "ratelimited-long", pages: []string{u + "/ratelimited-long"}, status: roadmap.StatusFailed,
			err: u + "/ratelimited-long: rate limited by server (Retry-After 3600s)"},
		{slug: "down", pages: []string{u + "/always500"}, status: roadmap.StatusFailed,
			err: u + "/always500: HTTP 503 Service Unavailable (after 4 attempts)"},
		{slug: "slow", pages: []string{u + "/slow"}, status: roadmap.StatusFailed, err: u + "/slow: timed out after 200ms (after 4 attempts)"},
		{slug: "big", pages: []string{u + "/big"}, status: roadmap.StatusFailed, err: u + "/big: too large: more than 65536 bytes"},
		{slug: "big-declared", pages: []string{u + "/big-declared"}, status: roadmap.StatusFailed, err: u + "/big-declared: too large: more than 65536 bytes"},
		{slug: "gzip", pages: []string{u + "/gzip.html"}, status: roadmap.StatusFetched, items: 3},
		{slug: "gzip-bomb", pages: []string{u + "/gzip-bomb.html"}, status: roadmap.StatusFailed, err: u + "/gzip-bomb.html: too large: more than 65536 bytes"},
		{slug: "loop", pages: []string{u + "/loop/a"}, status: roadmap.StatusFailed, err: u + "/loop/a: stopped after 10 redirects"},
		{slug: "moved", pages: []string{u + "/moved"}, status: roadmap.StatusFetched, items: 3},
		{slug: "to-ftp", pages: []string{u + "/to-ftp"}, status: roadmap.StatusFailed, err: u + `/to-ftp: redirect to unsupported URL scheme "ftp"`},
		{slug: "latin1", pages: []string{u + "/latin1.html"}, status: roadmap.StatusFetched, items: 2, title: "Feuille de route du café"},
		{slug: "latin1-meta", pages: []string{u + "/latin1-meta.html"}, status: roadmap.StatusFetched, items: 2, title: "Feuille de route du café"},
		{slug: "private", pages: []string{u + "/private/roadmap.html"}, status: roadmap.StatusFailed, err: u + "/private/roadmap.html: blocked by robots.txt"},
		{slug: "to-private", pages: []string{u + "/to-private"}, status: roadmap.StatusFailed,
			err: u + "/to-private: blocked by robots.txt (redirected to " + u + "/private/roadmap.html)"},
		// Fetched but not understood: a document with no items, judged by
		// the audit on its date and words, never a failure.
		{slug: "pdf", pages: []string{u + "/doc.pdf"}, status: roadmap.StatusFetched, note: "format not understood (not a text document (application/pdf))"},
		{slug: "png", pages: []string{u + "/image-as-html"}, status: roadmap.StatusFetched, note: "format not understood (not a text document (image/png))"},
		{slug: "malformed", pages: []string{u + "/malformed.html"}, status: roadmap.StatusFetched, items: 1, title: "Gizmo plans"},
		{slug: "empty", pages: []string{u + "/empty.html"}, status: roadmap.StatusFetched, note: "format not understood (empty document)"},
		{slug: "noheadings", pages: []string{u + "/noheadings.html"}, status: roadmap.StatusFetched, items: 1, title: "Notes"},
		{slug: "bad-scheme", pages: []string{"ftp://example.org/roadmap.txt"}, status: roadmap.StatusFailed,
			err: `ftp://example.org/roadmap.txt: unsupported URL scheme "ftp" (only http and https)`},
		{slug: "unreachable", pages: []string{"http://127.0.0.1:1/roadmap.html"}, status: roadmap.StatusFailed, err: "~connection refused"},
		{slug: "nosource", status: roadmap.StatusNoSource},
		{slug: "two-pages", pages: []string{u + "/gone404", u + "/ok/second.html"}, status: roadmap.StatusFetched, items: 3},
	}
	var projects []roadmap.Project
	for _, c := range cases {
		projects = append(projects, roadmap.Project{Slug: c.slug, Name: c.slug, Roadmap: c.pages})
	}
	sink := newFakeSink()
	cr := New(testOptions(), sink, sink, nil, nil)
	var progressed []string
	sum, err := cr.Run(context.Background(), 1, projects, func(o Outcome) { progressed = append(progressed, o.Project) })
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if len(sum.Outcomes) != len(cases) || len(progressed) != len(cases) {
		t.Fatalf("%d outcomes, %d progress calls; want %d", len(sum.Outcomes), len(progressed), len(cases))
	}
	wantFetched, wantFailed := 0, 0
	for i, c := range cases {
		t.Run(c.slug, func(t *testing.T) {
			o := sum.Outcomes[i]
			if o.Project != c.slug {
				t.Fatalf("outcome %d is %q, want %q (project order)", i, o.Project, c.slug)
			}
			if o.Status != c.status {
				t.Errorf("status %q, want %q (err %q)", o.Status, c.status, o.Err)
			}
			if want, ok := strings.CutPrefix(c.err, "~"); ok {
				if !strings.Contains(o.Err, want) {
					t.Errorf("err %q, want it to contain %q", o.Err, want)
				}
			} else if o.Err != c.err {
				t.Errorf("err %q\nwant %q", o.Err, c.err)
			}
			res := sink.result(t, c.slug)
			if res.Err != o.Err {
				t.Errorf("ProjectResult.Err %q != Outcome.Err %q", res.Err, o.Err)
			}
			if len(res.Sources) != len(c.pages) || len(res.Fetches) != len(c.pages) {
				t.Fatalf("%d sources, %d fetches; want %d each", len(res.Sources), len(res.Fetches), len(c.pages))
			}
			for _, f := range res.Fetches {
				checkFetch(t, f)
			}
			for _, sr := range res.Sources {
				if sr.Document != nil && sr.Fetch.Body == nil && !strings.Contains(sr.Document.Note, "not a text document") {
					t.Errorf("%s parsed but its body is not kept for the archive", sr.URL)
				}
				if sr.Document != nil && strings.Contains(sr.Document.Note, "not a text document") && sr.Fetch.Body != nil {
					t.Errorf("%s: binary body kept for the archive", sr.URL)
				}
			}
			if c.status == roadmap.StatusFetched {
				if o.Items < c.items {
					t.Errorf("%d items, want at least %d", o.Items, c.items)
				}
				doc := firstDoc(res)
				if doc == nil {
					t.Fatal("no document")
				}
				if !strings.Contains(doc.Title, c.title) {
					t.Errorf("title %q, want it to contain %q", doc.Title, c.title)
				}
				if c.note != "" && (doc.Note != c.note || len(doc.Items) != 0 || !slices.Contains(o.Warnings, doc.URL+": "+c.note)) {
					t.Errorf("note %q (items %d, warnings %q), want %q", doc.Note, len(doc.Items), o.Warnings, c.note)
				}
				if c.note == "" && doc.Note != "" {
					t.Errorf("unexpected note %q", doc.Note)
				}
				if o.Bytes == 0 {
					t.Error("Bytes = 0 for a fetched project")
				}
			}
		})
		switch c.status {
		case roadmap.StatusFetched:
			wantFetched++
		case roadmap.StatusFailed:
			wantFailed++
		}
	}
	if sum.Fetched != wantFetched || sum.Failed != wantFailed || sum.NotModified != 0 {
		t.Errorf("summary fetched/failed/not modified = %d/%d/%d, want %d/%d/0", sum.Fetched, sum.Failed, sum.NotModified, wantFetched, wantFailed)
	}
	if sum.Added == 0 || sum.Bytes == 0 {
		t.Errorf("summary added %d bytes %d, want both > 0", sum.Added, sum.Bytes)
	}
	if n := site.hitCount("/private/roadmap.html"); n != 0 {
		t.Errorf("disallowed page requested %d times", n)
	}
	if n := site.hitCount("/robots.txt"); n != 1 {
		t.Errorf("robots.txt requested %d times, want once per run", n)
	}
	if n := site.hitCount("/flaky"); n != 2 {
		t.Errorf("/flaky requested %d times, want 2 (500 then success)", n)
	}
	if n := site.hitCount("/ratelimited"); n != 2 {
		t.Errorf("/ratelimited requested %d times, want 2", n)
	}
	if n := site.hitCount("/ratelimited-long"); n != 1 {
		t.Errorf("/ratelimited-long requested %d times, want 1 (Retry-After beyond the budget)", n)
	}
	for _, p := range []string{"/gone404", "/gone410", "/doc.pdf"} {
		if n := site.hitCount(p); p != "/gone404" && n != 1 {
			t.Errorf("%s requested %d times, want 1 (no retry)", p, n)
		}
	}
	if n := site.hitCount("/gone404"); n != 2 { // two projects use it
		t.Errorf("/gone404 requested %d times, want 2", n)
	}
	if len(site.uas) != 1 || !site.uas[testUA] {
		t.Errorf("user agents seen %v, want only %q", site.uas, testUA)
	}
	latin := firstDoc(sink.result(t, "latin1"))
	if !slices.ContainsFunc(latin.Items, func(it roadmap.Item) bool { return strings.Contains(it.Title, "Intégration continue") }) {
		t.Errorf("latin1 items %+v lack an item titled with é", latin.Items)
	}
	if o := sum.Outcomes[len(cases)-1]; len(o.Warnings) != 1 || !strings.Contains(o.Warnings[0], "HTTP 404") {
		t.Errorf("two-pages warnings %q, want the failed page noted", o.Warnings)
	}
}

// checkFetch checks the record of an exchange: headers limited to the
// archived ones, a body exactly when it succeeded.
func checkFetch(t *testing.T, f roadmap.Fetch) {
	t.Helper()
	for k := range f.Header {
		if !slices.Contains(headersKept, k) {
			t.Errorf("fetch %s: header %q recorded", f.URL, k)
		}
	}
	if f.Err != "" && f.Body != nil {
		t.Errorf("fetch %s failed (%s) but kept a body", f.URL, f.Err)
	}
	if f.Bytes != int64(len(f.Body)) && f.Body != nil {
		t.Errorf("fetch %s: Bytes %d, body %d", f.URL, f.Bytes, len(f.Body))
	}
	if f.FetchedAt.IsZero() || f.Kind == "" {
		t.Errorf("fetch %s: FetchedAt %v kind %q", f.URL, f.FetchedAt, f.Kind)
	}
}

func firstDoc(res roadmap.ProjectResult) *roadmap.Document {
	for _, sr := range res.Sources {
		if sr.Document != nil {
			return sr.Document
		}
	}
	return nil
}
