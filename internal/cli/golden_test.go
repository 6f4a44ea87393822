package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/internal/testutil"
)

// TestCommandOutputsGolden runs every command against the fake site and the
// fake GitHub API and compares what it prints (exit code, stdout, stderr)
// with golden files, byte for byte. It pins the command line's behaviour
// while the use cases move between packages: a change here is a change
// users see.
func TestCommandOutputsGolden(t *testing.T) {
	e := newEnv(t)
	client := filepath.Join(e.dir, "acme.toml")
	if err := os.WriteFile(client, []byte("name = \"Acme & \\\"Sons\\\"\"\ninterests = [\"CUDA\"]\n[themes]\ngpu = 3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	pdf := filepath.Join(e.dir, "acme.pdf")

	step := func(name string, args ...string) {
		t.Helper()
		code, out, errOut := e.run(args...)
		got := fmt.Sprintf("$ roadmapper %s\nexit %d\n--- stdout\n%s--- stderr\n%s", strings.Join(args, " "), code, out, errOut)
		testutil.Golden(t, "cmd/"+name, []byte(normalizeOutput(e, got)), *update)
	}

	step("projects-table.txt", "projects")
	step("projects-json.txt", "projects", "--format", "json")
	// A read command before any crawl.
	step("items-no-db.txt", "items")
	step("crawl-text.txt", "crawl")
	step("items-table.txt", "items")
	step("items-json.txt", "items", "--format", "json")
	step("items-csv.txt", "items", "--format", "csv")
	step("items-limit.txt", "items", "--project", "quasar", "--limit", "2")
	step("items-client-table.txt", "items", "--client", client)
	step("items-client-json.txt", "items", "--client", client, "--format", "json")
	step("items-client-csv.txt", "items", "--client", client, "--format", "csv")
	step("explain-text.txt", "items", "--client", client, "--explain", "quasar/gpu-acceleration")
	step("explain-json.txt", "items", "--client", client, "--explain", "quasar/gpu-acceleration", "--format", "json")
	step("explain-missing.txt", "items", "--explain", "quasar/nothing-here")
	step("audit-table.txt", "audit")
	step("audit-json.txt", "audit", "--format", "json")
	step("audit-csv.txt", "audit", "--format", "csv")
	step("audit-md.txt", "audit", "--format", "md")
	step("brochure.txt", "brochure", "--client", client, "-o", pdf, "--offline")
	step("brochure-stale-free.txt", "brochure", "--client", client, "-o", pdf, "--projects", "nebula", "--offline")

	// A second crawl a day later, with a rename: the JSON summary and the report.
	e.site.SetHTML("/quasar/roadmap.html", testutil.SphinxPage("Quasar roadmap", [][2]string{
		{"GPU and accelerator support", "Run the core kernels on CUDA and ROCm devices through the array API, so arrays can stay on the accelerator."},
		{"Documentation overhaul", "Rewrite the tutorials for newcomers and add worked examples from imaging and genomics."},
		{"Packaging", "Move the build to Meson, publish reproducible wheels for ARM and sign release artefacts."},
	}))
	e.now = e.now.Add(24 * time.Hour)
	step("crawl-json.txt", "crawl", "--format", "json")
	step("report-md.txt", "report")
	step("report-html.txt", "report", "--format", "html")
	step("report-json.txt", "report", "--format", "json")
	step("report-run1.txt", "report", "--run", "1")
	step("report-missing.txt", "report", "--run", "99")
	step("crawl-replay.txt", "crawl", "--replay", "--report", "-")

	// A brochure whose database is older than --max-age crawls first.
	e.now = e.now.Add(72 * time.Hour)
	step("brochure-crawls-first.txt", "brochure", "--client", client, "-o", pdf, "--max-age", "24h")

	// Another crawl holds the lock: crawl fails, a brochure goes on with the database as it is.
	unlock := holdLock(t, e.db+".lock")
	step("crawl-busy.txt", "crawl")
	e.now = e.now.Add(72 * time.Hour)
	step("brochure-busy.txt", "brochure", "--client", client, "-o", pdf)
	unlock()

	// Usage errors.
	step("usage-format.txt", "items", "--format", "xml")
	step("usage-flag.txt", "audit", "--nope")
	step("usage-args.txt", "report", "extra")
	step("usage-layout.txt", "brochure", "--client", client, "--layout", "grid")
	step("usage-only.txt", "crawl", "--only", "nosuch")
}

var (
	durationRe   = regexp.MustCompile(` in [0-9.]+(ms|s|µs|m[0-9.]+s)?:`)
	durationMSRe = regexp.MustCompile(`"duration_ms": [0-9]+`)
)

// normalizeOutput replaces what changes from run to run: the fake servers'
// random ports, the temp dir and wall-clock durations.
func normalizeOutput(e *env, s string) string {
	s = strings.NewReplacer(
		e.site.URL(), "http://site.test",
		strings.TrimSuffix(e.gh.HTMLURL(), "/"), "https://github.test",
		strings.TrimSuffix(e.gh.URL(), "/"), "https://api.github.test",
		e.dir, "$DIR",
	).Replace(s)
	s = durationRe.ReplaceAllString(s, " in D:")
	return durationMSRe.ReplaceAllString(s, `"duration_ms": 0`)
}
