package rank

import (
	"strings"

	"github.com/roadmapper/roadmapper/config"

	"github.com/roadmapper/roadmapper/internal/testutil"

	"encoding/json"
	"flag"
	"strconv"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/golden")

// goldenRow is one ranked item as the golden files keep it.
type goldenRow struct {
	ID      string   `json:"id"`
	Score   string   `json:"score"`
	Themes  []string `json:"themes"`
	Reasons []string `json:"reasons"`
}

// checkGolden compares got with testdata/golden/name (see testutil.Golden).
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	testutil.Golden(t, name, got, *update)
}

func TestRankGolden(t *testing.T) {
	cases := profiles()
	cases["intrinsic"] = nil
	for _, name := range []string{"gpu-vendor", "pharma", "platform-security", "intrinsic"} {
		t.Run(name, func(t *testing.T) {
			checkGolden(t, name+".json", goldenRanking(t, Rank(fixtureInput(t, cases[name]))))
		})
	}
}

// TestRankGoldenExampleProfiles ranks the fixture items for the example
// client profiles the binary ships (config/clients/*.toml), so a change to
// a profile or to the ranking shows up as a reviewed diff.
func TestRankGoldenExampleProfiles(t *testing.T) {
	entries, err := config.Clients.ReadDir("clients")
	if err != nil || len(entries) == 0 {
		t.Fatalf("example profiles: %v", err)
	}
	themes := loadThemes(t)
	slugs := make([]string, len(themes))
	for i, th := range themes {
		slugs[i] = th.Slug
	}
	for _, e := range entries {
		t.Run(e.Name(), func(t *testing.T) {
			data, err := config.Clients.ReadFile("clients/" + e.Name())
			if err != nil {
				t.Fatal(err)
			}
			// The fixture's projects are fictional: keep the profile's
			// interests and weights, not its project list.
			c, err := config.ParseClient(data, e.Name(), nil, slugs)
			if err != nil && !strings.Contains(err.Error(), "unknown project") {
				t.Fatal(err)
			}
			if err != nil {
				data = []byte(stripProjectLists(string(data)))
				if c, err = config.ParseClient(data, e.Name(), nil, slugs); err != nil {
					t.Fatal(err)
				}
			}
			checkGolden(t, "example-"+strings.TrimSuffix(e.Name(), ".toml")+".json", goldenRanking(t, Rank(fixtureInput(t, &c))))
		})
	}
}

// stripProjectLists drops the projects and prefer_projects lines of a
// profile (single-line arrays, as the examples write them).
func stripProjectLists(src string) string {
	var out []string
	for _, line := range strings.Split(src, "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "projects") || strings.HasPrefix(t, "prefer_projects") {
			continue
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

// goldenRanking renders a ranking as the golden files keep it.
func goldenRanking(t *testing.T, scored []Scored) []byte {
	t.Helper()
	rows := make([]goldenRow, len(scored))
	for i, s := range scored {
		rows[i] = goldenRow{ID: s.Item.ID, Score: strconv.FormatFloat(s.Score, 'f', 4, 64), Themes: s.Themes}
		for _, r := range s.Reasons {
			rows[i].Reasons = append(rows[i].Reasons, r.String())
		}
	}
	got, err := json.MarshalIndent(rows, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(got, '\n')
}
