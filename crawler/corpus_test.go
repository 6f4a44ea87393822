package crawler

import (
	"context"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/roadmapper/roadmapper/internal/roadmap"
	"github.com/roadmapper/roadmapper/internal/testutil"
)

// TestCorpus serves the real roadmap documents of the shared corpus from a
// local server and crawls them all in one Run (with logos): every rendered
// HTML roadmap must yield items, and no document may fail without a
// specific reason.
func TestCorpus(t *testing.T) {
	dir := testutil.CorpusDir(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()
	var projects []roadmap.Project
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		ext := strings.ToLower(filepath.Ext(path))
		if ext != ".html" && ext != ".md" && ext != ".rst" || rel == "INDEX.md" {
			return nil
		}
		projects = append(projects, roadmap.Project{Slug: filepath.ToSlash(rel), Roadmap: []string{srv.URL + "/" + filepath.ToSlash(rel)}})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	opts := testOptions()
	opts.MaxPageBytes = 10 << 20
	opts.Timeout = 10e9
	sink := newFakeSink()
	sum, err := New(opts, sink, nil, nil, nil).Run(context.Background(), 1, projects, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Outcomes) != len(projects) {
		t.Fatalf("%d outcomes for %d documents", len(sum.Outcomes), len(projects))
	}
	for _, o := range sum.Outcomes {
		t.Logf("%-55s %-8s items %3d %s", o.Project, o.Status, o.Items, o.Err)
		switch {
		case o.Status == roadmap.StatusFailed && !strings.HasPrefix(o.Err, srv.URL+"/"):
			t.Errorf("%s: unspecific error %q", o.Project, o.Err)
		case strings.HasSuffix(o.Project, "/roadmap.html") && !strings.Contains(o.Project, "template") &&
			!strings.Contains(o.Project, "_includes") && o.Status != roadmap.StatusFetched:
			t.Errorf("%s: rendered roadmap not fetched: %s", o.Project, o.Err)
		}
	}
	if sum.Fetched < len(projects)*2/3 {
		t.Errorf("only %d of %d corpus documents fetched", sum.Fetched, len(projects))
	}
}
