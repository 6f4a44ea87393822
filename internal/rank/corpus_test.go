package rank

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/config"
	"github.com/roadmapper/roadmapper/crawler/extract"
	"github.com/roadmapper/roadmapper/internal/roadmap"
	"github.com/roadmapper/roadmapper/internal/testutil"
)

// corpusItems extracts the roadmap.html of every corpus project that has
// one (what the end-to-end crawl fetches) and returns the items with IDs
// and the stated update date of each document.
func corpusItems(t *testing.T) ([]roadmap.Item, map[string]time.Time) {
	dir := testutil.CorpusDir(t)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var items []roadmap.Item
	updated := map[string]time.Time{}
	for _, e := range entries {
		p := e.Name()
		body, err := os.ReadFile(filepath.Join(dir, p, "roadmap.html"))
		if err != nil {
			continue
		}
		doc, err := extract.Extract("https://example.org/"+p+"/roadmap.html", "text/html; charset=utf-8", body)
		if err != nil {
			t.Logf("%s: %v", p, err)
			continue
		}
		for i := range doc.Items {
			doc.Items[i].Project = p
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

// exampleClients reads the example client profiles of config/clients.
func exampleClients(t *testing.T) map[string]*roadmap.Client {
	t.Helper()
	def, err := config.Default()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*roadmap.Client{}
	for _, name := range []string{"acme", "helix-bio", "bastion"} {
		c, err := config.LoadClient(filepath.Join("..", "..", "config", "clients", name+".toml"), def.Slugs(), nil)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = &c
	}
	return out
}

// TestCorpusRanking ranks the real roadmaps for the three example client
// profiles (config/clients/*.toml), as the CLI does (only the profile's
// projects when it names some), and logs the top 3 per project
// (go test -run Corpus -v) for a person to read as a salesperson would.
// ROADMAPPER_RANK_DUMP=dir also writes every item's score and reasons
// there. It checks picks any salesperson would make (title words that one
// of a project's top 3 must have) and umbrella or preface sections that
// must not be in the top 3.
func TestCorpusRanking(t *testing.T) {
	all, updated := corpusItems(t)
	if len(all) == 0 {
		t.Fatal("no items extracted")
	}
	themes := loadThemes(t)
	clients := exampleClients(t)
	now := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	// want: profile → project → words the title of one of its top 3 has.
	want := map[string]map[string]string{
		"acme":      {"scipy": "gpu", "numpy": "interoperability", "bokeh": "webgl", "astropy": "hardware", "zarr": "device"},
		"helix-bio": {"numpy": "documentation", "pandas": "documentation"},
		"bastion":   {"numpy": "security", "scipy": "platforms", "networkx": "installation"},
	}
	// never: titles (lowercase, exact) of prefaces or umbrellas that must
	// stay out of every top 3.
	never := []string{"subprojects", "functionality", "subpackage-specific goals", "general improvements",
		"specific needs", "goals", "where we are", "vision", "timeline", "introduction",
		"statement of purpose: scikit-learn in 2018"}
	dump := os.Getenv("ROADMAPPER_RANK_DUMP")
	for _, name := range []string{"acme", "helix-bio", "bastion"} {
		c := clients[name]
		items := all
		if len(c.Projects) > 0 {
			items = nil
			for _, it := range all {
				if slices.Contains(c.Projects, it.Project) {
					items = append(items, it)
				}
			}
		}
		scored := Rank(Input{Items: items, Themes: themes, Client: c, Weights: DefaultWeights(), Updated: updated, Now: now})
		top := Top(scored, 3)
		var b, full strings.Builder
		fmt.Fprintf(&b, "profile %s:\n", name)
		seen := map[string]bool{}
		titles := map[string]bool{}
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
				title := strings.ToLower(x.Item.Title)
				if slices.Contains(never, title) {
					t.Errorf("%s: umbrella or preface %q in the top 3 of %s", name, x.Item.Title, p)
				}
				if titles[p+"\x00"+title] {
					t.Errorf("%s: two %q items in the top 3 of %s", name, x.Item.Title, p)
				}
				titles[p+"\x00"+title] = true
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
		if dump != "" {
			byProject := slices.Clone(scored)
			sort.SliceStable(byProject, func(i, j int) bool { return byProject[i].Item.Project < byProject[j].Item.Project })
			for _, x := range byProject {
				fmt.Fprintf(&full, "%-18s %.3f %q (%d words, %d points) %v\n", x.Item.Project, x.Score, x.Item.Title,
					len(strings.Fields(x.Item.Text)), len(x.Item.Points), x.Themes)
				for _, r := range x.Reasons {
					fmt.Fprintf(&full, "        %s\n", r)
				}
			}
			if err := os.WriteFile(filepath.Join(dump, name+".txt"), []byte(full.String()), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
