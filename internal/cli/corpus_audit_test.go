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

	"github.com/roadmapper/roadmapper/config"
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

// TestCorpusRepositoryRoadmaps crawls two real roadmaps kept in
// repositories, as the built-in registry configures them, through a fake
// GitHub: numba's YAML task graph becomes items and is judged on its last
// commit; scikit-learn's roadmap, framed "in 2018" by its own heading, is
// stale although a commit touched it last month.
func TestCorpusRepositoryRoadmaps(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus run skipped in -short mode")
	}
	dir := testutil.CorpusDir(t)
	read := func(rel string) string {
		b, err := os.ReadFile(filepath.Join(dir, rel))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	def, err := config.Default()
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, gh: testutil.NewFakeGitHub(t), dir: t.TempDir(), now: time.Date(2026, 11, 26, 3, 0, 0, 0, time.UTC)}
	e.gh.SetToken(testToken)
	files := map[string]struct {
		content string
		commit  time.Time
	}{
		"numba":        {read("numba/dagmap.yaml"), time.Date(2026, 6, 2, 9, 0, 0, 0, time.UTC)},
		"scikit-learn": {read("scikit-learn/roadmap.rst"), time.Date(2026, 10, 20, 9, 0, 0, 0, time.UTC)},
	}
	var b strings.Builder
	fmt.Fprintf(&b, "[crawl]\nuser_agent = \"roadmapper-corpus-test\"\nretries = 0\n\n[github]\napi_url = %q\n\n", e.gh.URL())
	for _, p := range def.Projects {
		f, ok := files[p.Slug]
		if !ok {
			continue
		}
		if p.RoadmapFile == "" || p.Repo == "" {
			t.Fatalf("%s: the built-in registry has no roadmap_file", p.Slug)
		}
		owner, name, _ := strings.Cut(p.Repo, "/")
		e.gh.AddRepo(testutil.FakeRepo{Owner: owner, Name: name, DefaultBranch: "main", PushedAt: f.commit,
			Files: map[string]testutil.FakeFile{p.RoadmapFile: {Content: f.content, CommitDate: f.commit, CommitSHA: "0123abc"}}})
		fmt.Fprintf(&b, "[[project]]\nslug = %q\nname = %q\nrepo = %q\nroadmap_file = %q\n\n", p.Slug, p.Name, p.Repo, p.RoadmapFile)
	}
	e.config = filepath.Join(e.dir, "corpus.toml")
	e.db = filepath.Join(e.dir, "corpus.db")
	if err := os.WriteFile(e.config, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := e.run("crawl"); code != ExitOK {
		t.Fatalf("crawl exit %d:\n%s%s", code, out, errOut)
	}
	code, out, _ := e.run("audit", "--format", "json")
	if code != 0 {
		t.Fatalf("audit exit %d", code)
	}
	var findings []struct {
		Project, Status, Reason string
		Items, Words            int
		Basis                   string   `json:"last_updated_basis"`
		Evidence                []string `json:"evidence"`
	}
	if err := json.Unmarshal([]byte(out), &findings); err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for i, f := range findings {
		got[f.Project] = i
		t.Logf("%-13s %-6s %s %q", f.Project, f.Status, f.Reason, f.Evidence)
	}
	numba := findings[got["numba"]]
	if numba.Status != "good" || numba.Items < 20 || numba.Basis != "github-commit" {
		t.Errorf("numba: %s %q (%d items, basis %s), want good from its task graph and last commit", numba.Status, numba.Reason, numba.Items, numba.Basis)
	}
	sk := findings[got["scikit-learn"]]
	if sk.Status != "stale" || !strings.Contains(sk.Reason, "plan framed in 2018 ('Statement of purpose: Scikit-learn in 2018')") ||
		sk.Basis != "page-text" || !strings.Contains(strings.Join(sk.Evidence, "\n"), "the 2026 commit is probably an edit") {
		t.Errorf("scikit-learn: %s %q %q, want stale by its 2018 framing despite the 2026 commit", sk.Status, sk.Reason, sk.Evidence)
	}
}
