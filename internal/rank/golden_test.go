package rank

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
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

// checkGolden compares got with testdata/golden/name; with -update it
// rewrites the file. A missing golden file fails.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("golden %s: %v (run go test -update to create it)", path, err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from golden file; run go test -update and review the diff\ngot:\n%s", path, got)
	}
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
