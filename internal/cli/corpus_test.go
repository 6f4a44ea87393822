package cli

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/config"
	"github.com/roadmapper/roadmapper/internal/testutil"
)

// TestCorpusEndToEnd crawls the real roadmap documents of the shared corpus
// from a local server (no GitHub), then runs the audit and the example
// brochures, logging what a reviewer should read. It skips without the corpus.
func TestCorpusEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus end-to-end run skipped in -short mode")
	}
	e := corpusEnv(t)
	code, out, _ := e.run("audit")
	t.Logf("audit:\n%s", out)
	if code != 0 {
		t.Fatalf("audit exit %d", code)
	}
	for _, slug := range []string{"numpy", "scipy", "pandas", "scikit-learn", "xarray"} {
		code, out, _ = e.run("items", "--project", slug, "--format", "csv")
		if code != 0 || strings.Count(out, "\n") < 3 {
			t.Errorf("%s: fewer than 2 items from its real roadmap (exit %d):\n%s", slug, code, out)
		}
	}
	clients, _ := filepath.Glob(filepath.Join("..", "..", "config", "clients", "*.toml"))
	sort.Strings(clients)
	for _, c := range clients {
		code, out, _ = e.run("items", "--client", c, "--limit", "15")
		t.Logf("ranking for %s:\n%s", filepath.Base(c), out)
		pdf := filepath.Join(e.dir, strings.TrimSuffix(filepath.Base(c), ".toml")+".pdf")
		code, out, errOut := e.run("brochure", "--client", c, "-o", pdf, "--include-stale")
		t.Logf("brochure %s: exit %d\n%s%s", filepath.Base(c), code, out, errOut)
		if code != 0 {
			t.Errorf("brochure for %s: exit %d", c, code)
			continue
		}
		if keep := os.Getenv("ROADMAPPER_KEEP_PDF"); keep != "" {
			data, _ := os.ReadFile(pdf)
			os.WriteFile(filepath.Join(keep, filepath.Base(pdf)), data, 0o644)
		}
		if _, err := exec.LookPath("pdftotext"); err == nil {
			txt, _ := exec.Command("pdftotext", "-layout", pdf, "-").Output()
			if !bytes.Contains(txt, []byte("Page 1 of")) {
				t.Errorf("%s: no page footer in text", pdf)
			}
		}
	}
}

// corpusEnv crawls the real roadmap documents of the shared corpus from a
// local server (no GitHub) into a fresh database and returns the command
// environment that uses it. It skips without the corpus.
func corpusEnv(t testing.TB) *env {
	dir := testutil.CorpusDir(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// No Last-Modified: the files' mtimes are when the corpus was
		// gathered, not when the roadmaps were written.
		path := filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(r.URL.Path, "/")))
		data, err := os.ReadFile(path)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		switch filepath.Ext(path) {
		case ".html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
		case ".svg":
			w.Header().Set("Content-Type", "image/svg+xml")
		case ".png":
			w.Header().Set("Content-Type", "image/png")
		}
		w.Write(data)
	}))
	t.Cleanup(srv.Close)

	def, err := config.Default()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("[crawl]\nuser_agent = \"roadmapper-corpus-test\"\nretries = 0\n" + testutil.AllowLoopback + "\n")
	for _, p := range def.Projects {
		fmt.Fprintf(&b, "[[project]]\nslug = %q\nname = %q\ntagline = %q\n", p.Slug, p.Name, p.Tagline)
		if _, err := os.Stat(filepath.Join(dir, p.Slug, "roadmap.html")); err == nil {
			fmt.Fprintf(&b, "roadmap = [\"%s/%s/roadmap.html\"]\n", srv.URL, p.Slug)
		}
		if l := corpusLogo(filepath.Join(dir, p.Slug)); l != "" {
			fmt.Fprintf(&b, "logo = \"%s/%s/%s\"\n", srv.URL, p.Slug, l)
		}
		if p.Colour != "" {
			fmt.Fprintf(&b, "colour = %q\n", p.Colour)
		}
		b.WriteString("\n")
	}
	e := &env{t: t, dir: t.TempDir(), now: time.Date(2026, 11, 26, 3, 0, 0, 0, time.UTC)}
	e.config = filepath.Join(e.dir, "corpus.toml")
	e.db = filepath.Join(e.dir, "corpus.db")
	if err := os.WriteFile(e.config, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}

	code, out, errOut := e.run("crawl", "--no-github")
	t.Logf("crawl exit %d:\n%s%s", code, out, errOut)
	if code != ExitOK && code != ExitPartial {
		t.Fatalf("corpus crawl failed: exit %d", code)
	}
	return e
}

// corpusLogo picks a logo file from a corpus project folder: an SVG, else a PNG.
func corpusLogo(dir string) string {
	for _, pat := range []string{"*.svg", "*.png"} {
		m, _ := filepath.Glob(filepath.Join(dir, pat))
		sort.Strings(m)
		if len(m) > 0 {
			return filepath.Base(m[0])
		}
	}
	return ""
}
