package brochure

import (
	"os"
	"strings"
	"testing"
)

// TestWriteSamples writes sample brochures to $BROCHURE_SAMPLES for looking at.
func TestWriteSamples(t *testing.T) {
	dir := os.Getenv("BROCHURE_SAMPLES")
	if dir == "" {
		t.Skip("set BROCHURE_SAMPLES to a directory to write sample brochures")
	}
	for _, layout := range []string{"pairs", "flow"} {
		res, err := WriteFile(dir+"/"+layout+".pdf", fixtureInput(t, layout, ""))
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d pages, warnings %q", layout, res.Pages, res.Warnings)
	}
}

// TestWriteStressSamples writes the stress brochures to $BROCHURE_SAMPLES.
func TestWriteStressSamples(t *testing.T) {
	dir := os.Getenv("BROCHURE_SAMPLES")
	if dir == "" {
		t.Skip("set BROCHURE_SAMPLES to a directory to write sample brochures")
	}
	for _, c := range []struct{ layout, size string }{{"pairs", "A4"}, {"flow", ""}} {
		res, err := WriteFile(dir+"/stress-"+c.layout+".pdf", stressInput(t, c.layout, c.size))
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d pages, warnings:\n%s", c.layout, res.Pages, strings.Join(res.Warnings, "\n"))
	}
}
