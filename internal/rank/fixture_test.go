package rank

import (
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// testNow is the clock of every ranking test.
var testNow = time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)

// loadThemes reads the real config/themes.toml.
func loadThemes(t testing.TB) []Theme {
	t.Helper()
	if cachedThemes != nil {
		return cachedThemes
	}
	const path = "../../config/themes.toml"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read themes: %v", err)
	}
	themes, err := ParseThemes(data, path)
	if err != nil {
		t.Fatal(err)
	}
	cachedThemes = themes
	return themes
}

var cachedThemes []Theme

// loadItems reads testdata/items.json and assigns IDs per project, keeping
// the file's order.
func loadItems(t testing.TB) []roadmap.Item {
	t.Helper()
	data, err := os.ReadFile("testdata/items.json")
	if err != nil {
		t.Fatalf("read items: %v", err)
	}
	var items []roadmap.Item
	if err := json.Unmarshal(data, &items); err != nil {
		t.Fatalf("decode items: %v", err)
	}
	byProject := map[string][]int{}
	var order []string
	for i, it := range items {
		if _, ok := byProject[it.Project]; !ok {
			order = append(order, it.Project)
		}
		byProject[it.Project] = append(byProject[it.Project], i)
	}
	for _, p := range order {
		group := make([]roadmap.Item, len(byProject[p]))
		for j, i := range byProject[p] {
			group[j] = items[i]
		}
		roadmap.AssignIDs(p, group)
		for j, i := range byProject[p] {
			items[i] = group[j]
		}
	}
	return items
}

// fixtureUpdated is when each fixture project's roadmap was last updated;
// plotkit is unknown on purpose.
var fixtureUpdated = map[string]time.Time{
	"numcore":   time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC),
	"tabula":    time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
	"geoframe":  time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
	"cellscope": time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC),
}

// profiles are the three example clients of the brief (the lead keeps the
// same ones as config/clients/*.toml).
func profiles() map[string]*roadmap.Client {
	return map[string]*roadmap.Client{
		"gpu-vendor": {
			Name:      "GPU cloud vendor",
			Themes:    map[string]float64{"gpu": 3, "performance": 2, "scalability": 2},
			Interests: []string{"CUDA", "array API"},
		},
		"pharma": {
			Name:      "Pharma data team",
			Themes:    map[string]float64{"documentation": 2, "ux": 2, "domain": 2, "typing": 1},
			Interests: []string{"reproducibility", "tabular data"},
		},
		"platform-security": {
			Name:      "Platform security company",
			Themes:    map[string]float64{"security": 3, "packaging": 2, "platforms": 2},
			Interests: []string{"supply chain", "WebAssembly"},
		},
	}
}

func fixtureInput(t testing.TB, c *roadmap.Client) Input {
	return Input{
		Items:   loadItems(t),
		Themes:  loadThemes(t),
		Client:  c,
		Weights: DefaultWeights(),
		Updated: fixtureUpdated,
		Now:     testNow,
	}
}
