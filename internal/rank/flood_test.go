package rank

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

func issueItem(project string, n int, title string, reactions int) roadmap.Item {
	return roadmap.Item{
		ID: roadmap.ItemID(project, fmt.Sprintf("issue %d %s", n, title)), Project: project, Title: title,
		Summary: "Deprecate the keyword and point users to its replacement.",
		URL:     fmt.Sprintf("https://github.com/%s/%s/issues/%d", project, project, n), Source: roadmap.SourceGitHub,
		Position: n, Issue: &roadmap.IssueFacts{Number: n, Reactions: reactions, Comments: 1,
			Created: time.Date(2026, 1, n%28+1, 0, 0, 0, 0, time.UTC), Updated: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)},
	}
}

// TestGroupFloods: 16 "np.X: deprecate a legacy keyword" issues become one
// item with the count, their demand summed; a different title and another
// project's issues stay as they are.
func TestGroupFloods(t *testing.T) {
	var items []roadmap.Item
	items = append(items, roadmap.Item{ID: "numpy/performance", Project: "numpy", Title: "Performance", Source: roadmap.SourcePage})
	funcs := []string{"linspace", "histogram", "interp", "cumsum", "percentile", "quantile", "gradient", "unique",
		"sort", "argsort", "clip", "round", "trapz", "correlate", "convolve", "polyfit"}
	for i, f := range funcs {
		items = append(items, issueItem("numpy", 100+i, "np."+f+": deprecate a legacy keyword", i))
	}
	items = append(items, issueItem("numpy", 200, "Support free-threaded CPython", 50))
	for i, f := range funcs[:3] {
		items = append(items, issueItem("scipy", 300+i, "scipy.stats."+f+": deprecate a legacy keyword", 0))
	}
	out := GroupFloods(items)
	if len(out) != 1+1+1+3 {
		t.Fatalf("%d items after grouping, want 6", len(out))
	}
	g := out[1]
	if g.Title != "Deprecate a legacy keyword (16 issues)" || g.ID != "numpy/deprecate-a-legacy-keyword-issues" {
		t.Errorf("grouped item %q %q", g.Title, g.ID)
	}
	if len(g.Evidence) != 16 || g.Evidence[0].How != HowGrouped || g.Issue.Reactions != 120 {
		t.Errorf("evidence %d, reactions %d", len(g.Evidence), g.Issue.Reactions)
	}
	if !strings.HasPrefix(g.Summary, "16 open issues of one kind, for np.linspace, np.histogram, np.interp, np.cumsum, np.percentile and 11 more.") {
		t.Errorf("summary %q", g.Summary)
	}
	if out[2].Title != "Support free-threaded CPython" || out[3].Project != "scipy" {
		t.Errorf("other items changed: %q %q", out[2].Title, out[3].Title)
	}
	// Ranked, the flood is one row.
	n := 0
	for _, s := range Rank(Input{Items: items, Themes: loadThemes(t), Now: testNow}) {
		if strings.Contains(s.Item.Title, "legacy keyword") && s.Item.Project == "numpy" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("ranked: %d numpy rows about the legacy keyword, want 1", n)
	}
}

func TestFloodKey(t *testing.T) {
	cases := map[string]string{
		"np.linspace: deprecate a legacy keyword": "x: deprecate a legacy keyword",
		"Deprecate `axis=None` in `mean`":         "deprecate x in `mean`",
		"read_csv() should accept paths":          "x should accept paths",
		"Support free-threaded CPython":           "",
		"np.linspace":                             "",
	}
	for in, want := range cases {
		key, _, ok := floodKey(in)
		if !ok {
			key = ""
		}
		if key != want {
			t.Errorf("floodKey(%q) = %q, want %q", in, key, want)
		}
	}
}
