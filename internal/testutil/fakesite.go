package testutil

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// FakeSite is a local web server for end-to-end tests: it serves pages set
// by path, with ETags and 304s, a robots.txt, and counts requests.
type FakeSite struct {
	srv *httptest.Server

	mu       sync.Mutex
	pages    map[string]FakePage
	requests map[string]int
	notMod   int
}

// FakePage is one response of a FakeSite.
type FakePage struct {
	Status      int    // default 200
	ContentType string // default text/html; charset=utf-8
	Body        []byte
}

// NewFakeSite starts a site closed by t.Cleanup. Its robots.txt disallows
// /private/.
func NewFakeSite(t testing.TB) *FakeSite {
	t.Helper()
	f := &FakeSite{pages: map[string]FakePage{}, requests: map[string]int{}}
	f.Set("/robots.txt", FakePage{ContentType: "text/plain", Body: []byte("User-agent: *\nDisallow: /private/\n")})
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

// URL returns the site's base URL (no trailing slash).
func (f *FakeSite) URL() string { return f.srv.URL }

// Set serves page at path, replacing what was there.
func (f *FakeSite) Set(path string, page FakePage) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.pages[path] = page
}

// SetHTML serves an HTML body at path.
func (f *FakeSite) SetHTML(path, html string) {
	f.Set(path, FakePage{Body: []byte(html)})
}

// Requests returns how many requests path received.
func (f *FakeSite) Requests(path string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.requests[path]
}

// NotModified returns how many 304 answers the site gave.
func (f *FakeSite) NotModified() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.notMod
}

func (f *FakeSite) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.requests[r.URL.Path]++
	page, ok := f.pages[r.URL.Path]
	f.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	status := page.Status
	if status == 0 {
		status = http.StatusOK
	}
	ct := page.ContentType
	if ct == "" {
		ct = "text/html; charset=utf-8"
	}
	if status == http.StatusOK {
		etag := `"` + hashHex(page.Body) + `"`
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			f.mu.Lock()
			f.notMod++
			f.mu.Unlock()
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	w.Header().Set("Content-Type", ct)
	w.WriteHeader(status)
	w.Write(page.Body)
}

func hashHex(b []byte) string {
	// FNV-1a: enough to tell bodies apart in tests.
	var h uint64 = 14695981039346656037
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	const hex = "0123456789abcdef"
	var out [16]byte
	for i := 15; i >= 0; i-- {
		out[i] = hex[h&15]
		h >>= 4
	}
	return string(out[:])
}

// PNGLogo draws a small square logo in colour c, for tests.
func PNGLogo(c color.RGBA, size int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			dx, dy := x-size/2, y-size/2
			if dx*dx+dy*dy < size*size/5 {
				img.Set(x, y, c)
			}
		}
	}
	var buf bytes.Buffer
	_ = png.Encode(&buf, img)
	return buf.Bytes()
}

// SphinxPage renders a small page in the shape of a Sphinx (alabaster)
// site: a title and one <section> per item, with permalink markers.
func SphinxPage(title string, sections [][2]string) string {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>` + title + ` — Docs</title></head><body>
<div class="document"><div class="sphinxsidebar" role="navigation"><h3>Navigation</h3><ul><li><a href="/">Home</a></li></ul></div>
<div class="body" role="main"><section id="top"><h1>` + title + `<a class="headerlink" href="#top">¶</a></h1>
<p>This page explains where the project is heading.</p>
`)
	for _, s := range sections {
		id := strings.ToLower(strings.ReplaceAll(s[0], " ", "-"))
		b.WriteString(`<section id="` + id + `"><h2>` + s[0] + `<a class="headerlink" href="#` + id + `">¶</a></h2>
<p>` + s[1] + `</p></section>
`)
	}
	b.WriteString(`</section></div></div><div class="footer">© Fake project</div></body></html>`)
	return b.String()
}
