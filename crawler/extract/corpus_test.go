package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/roadmapper/roadmapper/internal/testutil"
)

// mainRoadmaps are the corpus documents that must yield at least two items,
// as rendered HTML and as raw source.
var mainRoadmaps = map[string][]string{
	"numpy":             {"roadmap.html", "roadmap.rst"},
	"scipy":             {"roadmap.html", "roadmap.rst"},
	"pandas":            {"roadmap.html", "roadmap.md"},
	"scikit-learn":      {"roadmap.html", "roadmap.rst"},
	"xarray":            {"roadmap.html", "roadmap.rst"},
	"networkx":          {"roadmap.html", "roadmap.rst"},
	"astropy":           {"roadmap.html", "roadmap.md"},
	"zarr":              {"roadmap.html", "roadmap.md"},
	"holoviz":           {"roadmap.html", "roadmap.md"},
	"napari":            {"roadmap.html", "active_roadmap.md"},
	"geopandas":         {"roadmap.html", "roadmap.md"},
	"scientific-python": {"roadmap.html", "roadmap.md"},
	"numba":             {"dagmap.yaml"},
}

func TestCorpus(t *testing.T) {
	dir := testutil.CorpusDir(t)
	var files []string
	for _, pat := range []string{"*/roadmap.html", "*/*.md", "*/*.rst", "*/*.yaml", "*/*/*.md", "*/*/*.rst", "*/*/*.html"} {
		m, err := filepath.Glob(filepath.Join(dir, pat))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	required := map[string]bool{}
	for proj, names := range mainRoadmaps {
		for _, n := range names {
			required[filepath.Join(proj, n)] = true
		}
	}
	seen := map[string]bool{}
	for _, path := range files {
		rel, _ := filepath.Rel(dir, path)
		t.Run(rel, func(t *testing.T) {
			body, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Extract("https://example.org/"+filepath.ToSlash(rel), "", body)
			if required[rel] {
				seen[rel] = true
				if err != nil {
					t.Fatalf("Extract: %v", err)
				}
				if len(doc.Items) < 2 {
					t.Errorf("%d items, want at least 2", len(doc.Items))
				}
			}
			if err != nil {
				t.Logf("error: %v", err)
				return
			}
			t.Logf("title %q, %d items, %d words, dates %v", doc.Title, len(doc.Items), doc.Words, doc.Dates)
			for _, it := range doc.Items {
				t.Logf("  %q %s %q", it.Title, it.URL, truncate(it.Summary, 80))
				for _, bad := range []string{"¶", "Permalink", "Navigation", "{%", "{{", "Show Source"} {
					if strings.Contains(it.Title+it.Text, bad) {
						t.Errorf("item %q leaks %q", it.Title, bad)
					}
				}
			}
		})
	}
	for rel := range required {
		if !seen[rel] {
			t.Errorf("corpus file %s not found", rel)
		}
	}
}
