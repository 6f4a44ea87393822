package rank

import (
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
			scored := Rank(fixtureInput(t, cases[name]))
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
			checkGolden(t, name+".json", append(got, '\n'))
		})
	}
}
