package rank

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/crawler/extract"
	"github.com/roadmapper/roadmapper/internal/roadmap"
	"github.com/roadmapper/roadmapper/internal/testutil"
)

// corpusRoadmaps are the main roadmap document of each corpus project that
// has one, as the project keeps it.
var corpusRoadmaps = map[string]string{
	"numpy":             "numpy/roadmap.rst",
	"scipy":             "scipy/roadmap.rst",
	"pandas":            "pandas/roadmap.md",
	"scikit-learn":      "scikit-learn/roadmap.rst",
	"xarray":            "xarray/roadmap.rst",
	"networkx":          "networkx/roadmap.rst",
	"astropy":           "astropy/roadmap.md",
	"zarr":              "zarr/roadmap.md",
	"holoviz":           "holoviz/roadmap.md",
	"napari":            "napari/active_roadmap.md",
	"geopandas":         "geopandas/roadmap.md",
	"scientific-python": "scientific-python/roadmap.md",
	"jupyter":           "jupyter/README.md",
	"bokeh":             "bokeh/roadmap.html",
	"sympy":             "sympy/roadmap.html",
}

// corpusItems extracts every corpus roadmap and returns the items with IDs
// and the stated update date of each document.
func corpusItems(t *testing.T) ([]roadmap.Item, map[string]time.Time) {
	dir := testutil.CorpusDir(t)
	var items []roadmap.Item
	updated := map[string]time.Time{}
	projects := make([]string, 0, len(corpusRoadmaps))
	for p := range corpusRoadmaps {
		projects = append(projects, p)
	}
	sort.Strings(projects)
	for _, p := range projects {
		rel := corpusRoadmaps[p]
		body, err := os.ReadFile(filepath.Join(dir, rel))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := extract.Extract("https://example.org/"+rel, "", body)
		if err != nil {
			t.Logf("%s: %v", rel, err)
			continue
		}
		roadmap.AssignIDs(p, doc.Items)
		items = append(items, doc.Items...)
		for _, d := range doc.Dates {
			if d.Kind == roadmap.DateStated && d.Date.After(updated[p]) {
				updated[p] = d.Date
			}
		}
	}
	return items, updated
}

// TestCorpusRanking ranks the real roadmaps for the three example profiles
// and logs the top 3 per project (go test -run Corpus -v), for a person to
// read as a salesperson would. It checks a few picks any salesperson would
// make, by title words, so it survives small extraction changes.
func TestCorpusRanking(t *testing.T) {
	items, updated := corpusItems(t)
	if len(items) == 0 {
		t.Fatal("no items extracted")
	}
	themes := loadThemes(t)
	now := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	// want: profile → project → words the title of one of its top 3 has.
	want := map[string]map[string]string{
		"gpu-vendor":        {"scipy": "gpu", "numpy": "interoperability", "bokeh": "webgl", "astropy": "hardware"},
		"pharma":            {"numpy": "documentation", "astropy": "learn", "geopandas": "plotting"},
		"platform-security": {"numpy": "security", "scipy": "platforms", "networkx": "installation"},
	}
	names := []string{"gpu-vendor", "pharma", "platform-security"}
	for _, name := range names {
		c := profiles()[name]
		scored := Rank(Input{Items: items, Themes: themes, Client: c, Weights: DefaultWeights(), Updated: updated, Now: now})
		top := Top(scored, 3)
		var b strings.Builder
		fmt.Fprintf(&b, "profile %s:\n", name)
		seen := map[string]bool{}
		for _, s := range scored {
			sum := 0.0
			for _, r := range s.Reasons {
				sum += r.Value
			}
			if math.Abs(sum-s.Score) > 1e-9 {
				t.Errorf("%s: reasons do not add up", s.Item.ID)
			}
			p := s.Item.Project
			if seen[p] {
				continue
			}
			seen[p] = true
			fmt.Fprintf(&b, "  %s\n", p)
			for _, x := range top[p] {
				fmt.Fprintf(&b, "    %.3f %-50.50q %v\n", x.Score, x.Item.Title, x.Themes)
				for _, r := range x.Reasons[:min(3, len(x.Reasons))] {
					fmt.Fprintf(&b, "          %s\n", r)
				}
			}
		}
		t.Log(b.String())
		for p, word := range want[name] {
			found := false
			for _, x := range top[p] {
				found = found || strings.Contains(strings.ToLower(x.Item.Title), word)
			}
			if !found {
				t.Errorf("%s: no %q item in the top 3 of %s", name, word, p)
			}
		}
	}
}
