package brochure

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestGoldenText compares the text of the fixture brochure, as
// `pdftotext -layout` extracts it, with testdata/golden/<layout>.txt.
// Run with -update to rewrite the golden files after a deliberate change.
func TestGoldenText(t *testing.T) {
	for _, layout := range []string{roadmap.LayoutPairs, roadmap.LayoutFlow} {
		t.Run(layout, func(t *testing.T) {
			pdf, _ := render1(t, fixtureInput(t, layout, ""))
			got := pdfText(t, pdf, "-layout")
			path := filepath.Join("testdata", "golden", layout+".txt")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("golden file missing (run go test -update): %v", err)
			}
			if got != string(want) {
				t.Errorf("text of the %s brochure differs from %s (run with -update if intended):\n%s", layout, path, got)
			}
		})
	}
}
