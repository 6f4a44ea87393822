package cli

import (
	"encoding/csv"
	"strings"
	"testing"

	"github.com/roadmapper/roadmapper/internal/testutil"
)

// TestOneEscapingRuleForEveryOutput: a roadmap whose section titles carry
// a spreadsheet formula, a terminal escape and bidi overrides reaches no
// output with them: CSV cells are defused, and table, JSON, Markdown and
// HTML outputs drop the control characters (issue 14 §17).
func TestOneEscapingRuleForEveryOutput(t *testing.T) {
	e := newEnv(t)
	e.site.SetHTML("/quasar/roadmap.html", testutil.SphinxPage("Quasar roadmap", [][2]string{
		{"=HYPERLINK(\"http://evil.example\",\"GPU\")", "Run the core kernels on CUDA devices \x1b[2J\u202eso arrays stay on the accelerator."},
		{"@SUM(A1) \u2066isolated\u2069 work", "Rewrite the tutorials for newcomers and add worked examples."},
		{"-Packaging", "Move the build to Meson and publish reproducible wheels."},
	}))
	if code, out, errOut := e.run("crawl"); code != ExitPartial {
		t.Fatalf("crawl exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut := e.run("items", "--project", "quasar", "--format", "csv")
	if code != 0 {
		t.Fatalf("items csv: exit %d: %s", code, errOut)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("items csv: %v\n%s", err, out)
	}
	for _, rec := range recs[1:] {
		for _, cell := range rec {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("CSV cell %q would run as a formula", cell)
			}
		}
	}
	if !strings.Contains(out, `'=HYPERLINK(`) || !strings.Contains(out, "'@SUM(A1)") || !strings.Contains(out, "'-Packaging") {
		t.Errorf("CSV lost the defused titles:\n%s", out)
	}
	outputs := map[string][]string{
		"items csv":     {"items", "--format", "csv"},
		"items table":   {"items"},
		"items json":    {"items", "--format", "json"},
		"explain":       {"items", "--explain", "quasar/hyperlink-http-evil-example-gpu"},
		"audit md":      {"audit", "--format", "md"},
		"audit csv":     {"audit", "--format", "csv"},
		"report md":     {"report"},
		"report html":   {"report", "--format", "html"},
		"report json":   {"report", "--format", "json"},
		"crawl summary": {"crawl", "--replay"},
	}
	for name, args := range outputs {
		code, out, errOut := e.run(args...)
		if code != 0 {
			t.Errorf("%s: exit %d: %s", name, code, errOut)
			continue
		}
		for _, bad := range []string{"\x1b", "\r", "\u202e", "\u2066", "\u2069", `\u001b`, `\u202e`} {
			if strings.Contains(out, bad) || strings.Contains(errOut, bad) {
				t.Errorf("%s carries %q", name, bad)
			}
		}
	}
}
