package cli

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/internal/testutil"
)

// TestCorpusEveryDocumentJudged crawls every roadmap document of the shared
// corpus (rendered pages, sources in Markdown, reStructuredText, YAML and
// templates, historical ones) as a project of its own from a local server,
// then audits them: a document that was fetched is judged (good, stale,
// thin), never "unreachable", whatever its format. It skips without the
// corpus.
func TestCorpusEveryDocumentJudged(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus run skipped in -short mode")
	}
	dir := testutil.CorpusDir(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(r.URL.Path, "/"))))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		if strings.HasSuffix(r.URL.Path, ".html") {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
		} else {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8") // as GitHub serves raw files
		}
		w.Write(data)
	}))
	defer srv.Close()

	nonSlug := regexp.MustCompile(`[^a-z0-9]+`)
	var b strings.Builder
	b.WriteString("[crawl]\nuser_agent = \"roadmapper-corpus-test\"\nretries = 0\n" + testutil.AllowLoopback + "\n")
	n := 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(path, dir+string(filepath.Separator)))
		switch filepath.Ext(rel) {
		case ".html", ".md", ".rst", ".yaml", ".yml", ".json":
		default:
			return nil
		}
		if rel == "INDEX.md" {
			return nil
		}
		slug := strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(rel), "-"), "-")
		fmt.Fprintf(&b, "[[project]]\nslug = %q\nname = %q\nroadmap = [\"%s/%s\"]\n\n", slug, rel, srv.URL, rel)
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, dir: t.TempDir(), now: time.Date(2026, 11, 26, 3, 0, 0, 0, time.UTC)}
	e.config = filepath.Join(e.dir, "corpus.toml")
	e.db = filepath.Join(e.dir, "corpus.db")
	if err := os.WriteFile(e.config, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := e.run("crawl", "--no-github"); code != ExitOK && code != ExitPartial {
		t.Fatalf("crawl exit %d:\n%s%s", code, out, errOut)
	}
	code, out, _ := e.run("audit", "--format", "json")
	if code != 0 {
		t.Fatalf("audit exit %d", code)
	}
	var findings []struct {
		Project, Status, Reason string
		Items, Words            int
	}
	if err := json.Unmarshal([]byte(out), &findings); err != nil {
		t.Fatalf("audit json: %v\n%s", err, out)
	}
	if len(findings) != n {
		t.Fatalf("%d findings for %d documents", len(findings), n)
	}
	for _, f := range findings {
		t.Logf("%-45s %-6s %3d items %5d words  %s", f.Project, f.Status, f.Items, f.Words, f.Reason)
		if f.Status == "unreachable" || f.Status == "none" {
			t.Errorf("%s: %s (%s): a fetched document must be judged", f.Project, f.Status, f.Reason)
		}
	}
}
