package brochure

import (
	"github.com/roadmapper/roadmapper/internal/testutil"

	"flag"
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
			testutil.Golden(t, layout+".txt", []byte(got), *update)
		})
	}
}
