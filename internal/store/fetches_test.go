package store

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

func TestValidators(t *testing.T) {
	ctx := context.Background()
	s, clk := newStore(t)
	first := fetched(u1, doc(u1, 1, "A"), "first body", at(1))
	first.Fetch.ETag, first.Fetch.LastModified = `"v1"`, "Mon, 01 Jan 2024 00:00:00 GMT"
	save(t, s, clk, withSources(first))
	second := fetched(u1, doc(u1, 1, "A"), "second body", at(2))
	second.Fetch.ETag, second.Fetch.LastModified = `"v2"`, "Tue, 02 Jan 2024 00:00:00 GMT"
	save(t, s, clk, withSources(second))
	nm := notModified(u1, at(3))
	nm.Fetch.ETag = `"v3-from-304"`
	save(t, s, clk, withSources(nm))
	save(t, s, clk, withSources(failed(u1, at(4))))

	etag, lm, err := s.Validators(ctx, "p", u1)
	if err != nil || etag != `"v2"` || lm != "Tue, 02 Jan 2024 00:00:00 GMT" {
		t.Errorf("Validators = %q, %q, %v", etag, lm, err)
	}
	if etag, lm, err := s.Validators(ctx, "p", "https://unknown.example.org/"); etag != "" || lm != "" || err != nil {
		t.Errorf("Validators(unknown) = %q, %q, %v", etag, lm, err)
	}
}

// TestValidatorsBelongToProjectAndURL: a project never gets validators
// another project stored for the same URL, nor validators for a URL it no
// longer keeps items of, nor those of a response that failed to parse; so
// a 304 always has items to keep.
func TestValidatorsBelongToProjectAndURL(t *testing.T) {
	ctx := context.Background()
	s, clk := newStore(t)
	a := fetched(u1, doc(u1, 1, "A"), "body one", at(1))
	a.Fetch.ETag = `"v1"`
	save(t, s, clk, withSources(a))
	if etag, _, _ := s.Validators(ctx, "q", u1); etag != "" {
		t.Errorf("project q got p's ETag %q for a shared URL", etag)
	}

	// p moves to u2: its u1 items are removed, so u1 must be fetched in
	// full when it comes back.
	save(t, s, clk, withSources(fetched(u2, doc(u2, 1, "B"), "body two", at(2))))
	if etag, lm, _ := s.Validators(ctx, "p", u1); etag != "" || lm != "" {
		t.Errorf("validators %q, %q for a URL swapped away, want none", etag, lm)
	}
	if etag, _, _ := s.Validators(ctx, "p", u2); etag == "" {
		t.Error("no validators for the URL p keeps items of")
	}

	// A 200 that did not parse keeps the old items; its ETag must not be
	// used, or the broken page would pass as "not modified" from then on.
	broken := failed(u2, at(3))
	broken.Err, broken.Fetch.Err = "no roadmap items found", ""
	broken.Fetch.Status, broken.Fetch.ETag, broken.Fetch.Body = 200, `"broken"`, []byte("<p>nothing</p>")
	save(t, s, clk, withSources(broken))
	if etag, _, _ := s.Validators(ctx, "p", u2); etag == `"broken"` {
		t.Error("validators of a response that failed to parse")
	}

	// A logo's validators follow the stored logo of the project.
	logoURL := "https://p.example.org/logo.png"
	res := withSources(notModified(u2, at(4)))
	res.Fetches = append(res.Fetches, roadmap.Fetch{URL: logoURL, Kind: roadmap.FetchLogo, Status: 200, ETag: `"logo"`, FetchedAt: at(4)})
	res.Logo = &roadmap.Logo{Project: "p", Source: logoURL, Method: roadmap.LogoPNG, Format: "png", Data: []byte("png")}
	save(t, s, clk, res)
	if etag, _, _ := s.Validators(ctx, "p", logoURL); etag != `"logo"` {
		t.Errorf("logo validators %q", etag)
	}
	if etag, _, _ := s.Validators(ctx, "q", logoURL); etag != "" {
		t.Errorf("project q got p's logo ETag %q", etag)
	}
}

func TestFetchesDropSecretsAndBodies(t *testing.T) {
	ctx := context.Background()
	s, clk := newStore(t)
	src := fetched(u1, doc(u1, 1, "A"), "body", at(1))
	src.Fetch.Duration = 1500 * time.Millisecond
	src.Fetch.Header = map[string]string{"content-type": "text/html", "Authorization": "Bearer ghp_secret",
		"Set-Cookie": "session=1", "Cookie": "a=b", "ETag": `"x"`}
	logo := roadmap.Fetch{URL: "https://p.example.org/logo.png", Kind: roadmap.FetchLogo, Status: 200,
		Body: []byte("png"), FetchedAt: at(1)}
	res := withSources(src)
	res.Fetches = append(res.Fetches, logo)
	c, _ := save(t, s, clk, res)

	fs, err := s.Fetches(ctx, c)
	if err != nil || len(fs) != 2 {
		t.Fatalf("Fetches = %+v, %v", fs, err)
	}
	f := fs[0]
	if f.Body != nil || f.Project != "p" || f.Status != 200 || f.Duration != 1500*time.Millisecond ||
		!f.FetchedAt.Equal(at(1)) || f.Kind != roadmap.FetchPage {
		t.Errorf("fetch = %+v", f)
	}
	if len(f.Header) != 2 || f.Header["Content-Type"] != "text/html" || f.Header["Etag"] != `"x"` {
		t.Errorf("header = %v", f.Header)
	}
	var dump bytes.Buffer
	rows, _ := s.db.QueryContext(ctx, `SELECT header_json FROM fetches UNION ALL SELECT header_json FROM archive`)
	for rows.Next() {
		var h string
		rows.Scan(&h)
		dump.WriteString(h)
	}
	rows.Close()
	if strings.Contains(dump.String(), "secret") || strings.Contains(dump.String(), "session") {
		t.Errorf("a credential was stored: %s", dump.String())
	}
}

func TestArchived(t *testing.T) {
	ctx := context.Background()
	s, clk := newStore(t)
	const ghFile = "https://raw.example.org/o/r/roadmap.md"
	src := fetched(u1, doc(u1, 1, "A"), "<html>page one</html>", at(1))
	file := roadmap.SourceResult{URL: ghFile, Kind: roadmap.FetchGitHubFile, Document: doc(ghFile, 1, "B"),
		Fetch: roadmap.Fetch{URL: ghFile, Kind: roadmap.FetchGitHubFile, Status: 200, ContentType: "text/markdown",
			Body: []byte("# B\n"), FetchedAt: at(1)}}
	res := withSources(src, file)
	res.Fetches = append(res.Fetches, roadmap.Fetch{URL: "https://p.example.org/logo.png", Kind: roadmap.FetchLogo,
		Status: 200, Body: []byte("png"), FetchedAt: at(1)})
	c1, _ := save(t, s, clk, res)
	c2, _ := save(t, s, clk, withSources(notModified(u1, at(2)), failed(ghFile, at(2))))
	src3 := fetched(u1, doc(u1, 1, "A"), "<html>page two</html>", at(3))
	c3, _ := save(t, s, clk, withSources(src3))

	tests := []struct {
		crawl int64
		want  []string // "url body fetched-day"
	}{
		{c1, []string{u1 + " <html>page one</html> 1", ghFile + " # B\n 1"}},
		{c2, []string{u1 + " <html>page one</html> 1"}}, // the 304 replays crawl 1's body; the failure is left out
		{c3, []string{u1 + " <html>page two</html> 3"}},
	}
	for _, tc := range tests {
		ars, err := s.Archived(ctx, tc.crawl)
		if err != nil {
			t.Fatalf("Archived(%d): %v", tc.crawl, err)
		}
		var got []string
		for _, ar := range ars {
			day := int(ar.FetchedAt.Sub(t0) / (24 * time.Hour))
			got = append(got, ar.URL+" "+string(ar.Body)+" "+string(rune('0'+day)))
			if ar.Project != "p" || ar.ContentType == "" || (ar.URL == u1 && ar.Kind != roadmap.FetchPage) ||
				(ar.URL == ghFile && ar.Kind != roadmap.FetchGitHubFile) {
				t.Errorf("archived = %+v", ar)
			}
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("Archived(%d) = %q, want %q", tc.crawl, got, tc.want)
		}
	}
}

func TestArchiveCompressesAndDedupes(t *testing.T) {
	ctx := context.Background()
	s, clk := newStore(t)
	body := strings.Repeat("<p>The roadmap lists the work the project wants done.</p>\n", 100*1024/58+1)[:100*1024]
	mk := func(project string, day int) roadmap.ProjectResult {
		src := fetched(u1, doc(u1, 1, "A"), body, at(day))
		r := withSources(src)
		r.Project = project
		// The same exchange is both in Fetches and the source: one row, one archive entry.
		return r
	}
	save(t, s, clk, mk("p", 1), mk("q", 1))
	save(t, s, clk, mk("p", 2))
	// A source fetch the crawler forgot to list in Fetches is still recorded and archived.
	extra := fetched(u2, doc(u2, 1, "B"), "only in the source", at(2))
	c3, _ := save(t, s, clk, roadmap.ProjectResult{Project: "p", Sources: []roadmap.SourceResult{extra}})

	var n, size, stored int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*), SUM(size), SUM(length(body)) FROM archive`).Scan(&n, &size, &stored); err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Errorf("archive has %d bodies, want 2 (one per distinct body)", n)
	}
	if size != len(body)+len("only in the source") || stored >= len(body)/10 {
		t.Errorf("archive: raw %d bytes stored in %d", size, stored)
	}
	var fetches int
	s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM fetches`).Scan(&fetches)
	if fetches != 4 {
		t.Errorf("fetches = %d, want 4", fetches)
	}
	ars, err := s.Archived(ctx, c3)
	if err != nil || len(ars) != 1 || string(ars[0].Body) != "only in the source" {
		t.Errorf("Archived(c3) = %+v, %v", ars, err)
	}
}

func TestCache(t *testing.T) {
	ctx := context.Background()
	s, _ := newStore(t)
	if _, ok, err := s.CacheGet(ctx, "GET https://api.example.org/x"); ok || err != nil {
		t.Fatalf("CacheGet on empty = %v, %v", ok, err)
	}
	in := roadmap.CachedResponse{Status: 200, ETag: `W/"abc"`, LastModified: "Mon, 01 Jan 2024 00:00:00 GMT",
		Header: map[string][]string{"Content-Type": {"application/json"}, "Link": {`<https://x/?page=2>; rel="next"`},
			"Authorization": {"token ghp_x"}, "Set-Cookie": {"a=b"}, "X-Github-Token": {"t"}},
		Body: []byte(strings.Repeat(`{"number":1}`, 1000))}
	if err := s.CachePut(ctx, "k", in); err != nil {
		t.Fatal(err)
	}
	got, ok, err := s.CacheGet(ctx, "k")
	if err != nil || !ok {
		t.Fatalf("CacheGet = %v, %v", ok, err)
	}
	if got.Status != 200 || got.ETag != in.ETag || got.LastModified != in.LastModified ||
		!bytes.Equal(got.Body, in.Body) || !got.StoredAt.Equal(t0) {
		t.Errorf("CacheGet = %+v", got)
	}
	if len(got.Header) != 2 || got.Header["Link"][0] != in.Header["Link"][0] {
		t.Errorf("header = %v", got.Header)
	}
	in2 := roadmap.CachedResponse{Status: 200, ETag: `"new"`, StoredAt: at(5)}
	if err := s.CachePut(ctx, "k", in2); err != nil {
		t.Fatal(err)
	}
	got, _, _ = s.CacheGet(ctx, "k")
	if got.ETag != `"new"` || got.Body != nil || !got.StoredAt.Equal(at(5)) {
		t.Errorf("replaced = %+v", got)
	}
}
