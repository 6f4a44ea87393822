package crawler

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// pngBytes is the start of a PNG file: enough to sniff as image/png.
var pngBytes = append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"), make([]byte, 64)...)

// pdfBytes is the start of a PDF file.
var pdfBytes = []byte("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")

// fakeSite is a test web site with one path per crawl scenario. It counts
// hits per path and records every User-Agent it saw.
type fakeSite struct {
	*httptest.Server
	t *testing.T

	mu   sync.Mutex
	hits map[string]int
	uas  map[string]bool
	cond map[string]int // conditional requests per path
}

// pageBig is how large /big is; tests cap pages below it.
const pageBig = 100 << 10

func newFakeSite(t *testing.T) *fakeSite {
	t.Helper()
	s := &fakeSite{t: t, hits: map[string]int{}, uas: map[string]bool{}, cond: map[string]int{}}
	mux := http.NewServeMux()
	page := func(name, ctype string) http.HandlerFunc {
		body := fixture(t, name)
		return func(w http.ResponseWriter, r *http.Request) { serveETag(w, r, ctype, body) }
	}
	mux.HandleFunc("/robots.txt", page("robots.txt", "text/plain"))
	mux.HandleFunc("/ok/roadmap.html", page("roadmap.html", "text/html; charset=utf-8"))
	mux.HandleFunc("/ok/second.html", page("roadmap.html", "text/html; charset=utf-8"))
	mux.HandleFunc("/md/ROADMAP.md", page("roadmap.md", "text/plain; charset=utf-8"))
	mux.HandleFunc("/latin1.html", page("latin1.html", "text/html; charset=ISO-8859-1"))
	mux.HandleFunc("/latin1-meta.html", page("latin1.html", "text/html"))
	mux.HandleFunc("/malformed.html", page("malformed.html", "text/html"))
	mux.HandleFunc("/noheadings.html", page("noheadings.html", "text/html"))
	mux.HandleFunc("/empty.html", page("empty.html", "text/html"))
	mux.HandleFunc("/private/roadmap.html", page("roadmap.html", "text/html"))
	mux.HandleFunc("/gone404", http.NotFound)
	mux.HandleFunc("/gone410", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "gone", http.StatusGone) })
	mux.HandleFunc("/flaky", func(w http.ResponseWriter, r *http.Request) {
		if s.hitCount("/flaky") == 1 {
			http.Error(w, "try again", http.StatusInternalServerError)
			return
		}
		serveETag(w, r, "text/html", fixture(t, "roadmap.html"))
	})
	mux.HandleFunc("/always500", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "broken", http.StatusServiceUnavailable)
	})
	mux.HandleFunc("/ratelimited", func(w http.ResponseWriter, r *http.Request) {
		if s.hitCount("/ratelimited") == 1 {
			w.Header().Set("Retry-After", "1")
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
		serveETag(w, r, "text/html", fixture(t, "roadmap.html"))
	})
	mux.HandleFunc("/ratelimited-long", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "3600")
		http.Error(w, "come back in an hour", http.StatusTooManyRequests)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(time.Second):
		}
		serveETag(w, r, "text/html", fixture(t, "roadmap.html"))
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		// No Content-Length: the cap must come from reading.
		w.Header().Set("Content-Type", "text/html")
		chunk := bytes.Repeat([]byte("<p>filler text for a very long page</p>\n"), 256)
		for n := 0; n < pageBig; n += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/big-declared", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Length", fmt.Sprint(pageBig))
		_, _ = w.Write(bytes.Repeat([]byte("x"), pageBig))
	})
	gzipped := gzipBytes(fixture(t, "roadmap.html"))
	bomb := gzipBytes(bytes.Repeat([]byte{' '}, 4*pageBig)) // a few hundred bytes on the wire
	mux.HandleFunc("/gzip.html", func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			t.Errorf("request for /gzip.html without Accept-Encoding: gzip")
		}
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		_, _ = w.Write(gzipped)
	})
	mux.HandleFunc("/gzip-bomb.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		_, _ = w.Write(bomb)
	})
	mux.HandleFunc("/loop/a", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop/b", http.StatusFound) })
	mux.HandleFunc("/loop/b", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop/a", http.StatusFound) })
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/ok/roadmap.html", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/to-private", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/private/roadmap.html", http.StatusFound)
	})
	mux.HandleFunc("/to-ftp", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "ftp://example.org/roadmap.txt", http.StatusFound)
	})
	mux.HandleFunc("/doc.pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		_, _ = w.Write(pdfBytes)
	})
	mux.HandleFunc("/image-as-html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write(pngBytes)
	})
	mux.HandleFunc("/logo.png", func(w http.ResponseWriter, r *http.Request) { serveETag(w, r, "image/png", pngBytes) })

	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		s.uas[r.Header.Get("User-Agent")] = true
		if r.Header.Get("If-None-Match") != "" || r.Header.Get("If-Modified-Since") != "" {
			s.cond[r.URL.Path]++
		}
		s.mu.Unlock()
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

// hitCount is how many requests path has had (including the current one).
func (s *fakeSite) hitCount(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// serveETag serves body with a strong ETag and Last-Modified, answering 304
// to a matching If-None-Match.
func serveETag(w http.ResponseWriter, r *http.Request, ctype string, body []byte) {
	etag := fmt.Sprintf(`"%x"`, sha256.Sum256(body))[:18] + `"`
	w.Header().Set("ETag", etag)
	w.Header().Set("Last-Modified", "Mon, 02 Nov 2026 10:00:00 GMT")
	w.Header().Set("Content-Type", ctype)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	_, _ = w.Write(body)
}

func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	_, _ = gz.Write(b)
	_ = gz.Close()
	return buf.Bytes()
}
