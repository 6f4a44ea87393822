package extract

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestTaskGraph reads a YAML task graph kept in a repository: one item per
// open task, done tasks kept aside, dependencies named by title, items
// linking to their line of the GitHub file page.
func TestTaskGraph(t *testing.T) {
	body, err := os.ReadFile(filepath.Join("testdata", "quasar-dag.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	const page = "https://github.com/quasar/quasar/blob/main/docs/plan.yaml"
	doc, err := Extract(page, "text/plain; charset=utf-8", body)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Format != FormatYAML || doc.Note != "" {
		t.Fatalf("format %q note %q", doc.Format, doc.Note)
	}
	if got := itemTitles(doc); got != "Kernel fusion|Typed plugin registry|GPU back end" {
		t.Fatalf("items %q (the done task must be kept aside, the \\n title folded)", got)
	}
	wantLines := []string{"#L16", "#L24", "#L31"}
	for i, it := range doc.Items {
		if it.URL != page+wantLines[i] {
			t.Errorf("%s: URL %q, want line anchor %s", it.Title, it.URL, wantLines[i])
		}
		if it.Position != i || it.Summary == "" {
			t.Errorf("%s: position %d summary %q", it.Title, it.Position, it.Summary)
		}
	}
	gpu := doc.Items[2]
	for _, want := range []string{"Status: in progress.", "Depends on: Kernel fusion; Typed plugin registry."} {
		if !strings.Contains(gpu.Text, want) {
			t.Errorf("GPU text %q lacks %q", gpu.Text, want)
		}
	}
	if len(gpu.Links) != 1 || gpu.Links[0] != "https://quasar.example.org/notes/gpu.html" {
		t.Errorf("GPU links %q", gpu.Links)
	}
	if !strings.Contains(doc.Items[1].Text, "Due: 2026-Q2.") {
		t.Errorf("registry text %q lacks its due date", doc.Items[1].Text)
	}
	// The done task's words still count: the document is that big.
	if doc.Words < 90 {
		t.Errorf("words %d, want the whole document counted", doc.Words)
	}
	if len(doc.Dates) == 0 || !doc.Dates[0].Date.Equal(time.Date(2025, 3, 14, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("dates %v, want the meta updated date", doc.Dates)
	}
}

// TestMilestones reads milestones with nested deliverables: the milestones
// with open work are the items, their open deliverables the points.
func TestMilestones(t *testing.T) {
	body, err := os.ReadFile(filepath.Join("testdata", "quasar-milestones.yml"))
	if err != nil {
		t.Fatal(err)
	}
	doc := mustExtract(t, "https://quasar.example.org/plan.yml", "", string(body))
	if doc.Title != "Quasar planning map" || itemTitles(doc) != "Faster start-up|Better errors" {
		t.Fatalf("title %q items %q", doc.Title, itemTitles(doc))
	}
	if p := doc.Items[0].Points; len(p) != 1 || p[0] != "Import-time profile in CI" {
		t.Errorf("points %q: want only the open deliverable", p)
	}
}

func TestJSONTasks(t *testing.T) {
	body, err := os.ReadFile(filepath.Join("testdata", "quasar-tasks.json"))
	if err != nil {
		t.Fatal(err)
	}
	doc := mustExtract(t, "https://quasar.example.org/board", "application/json", string(body))
	if doc.Format != FormatJSON || doc.Title != "Quasar public board" || itemTitles(doc) != "Sparse arrays|Windows wheels for ARM" {
		t.Fatalf("format %q title %q items %q", doc.Format, doc.Title, itemTitles(doc))
	}
	if !strings.Contains(doc.Items[1].Text, "Milestone: 2.0.") {
		t.Errorf("text %q", doc.Items[1].Text)
	}
}

// TestNotUnderstood: text fetched but not read as a roadmap gives a document
// with no items, its words and dates and a note, never an error; hostile
// YAML and JSON stop at the caps.
func TestNotUnderstood(t *testing.T) {
	laughs := "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	for c := 'b'; c <= 'k'; c++ {
		prev := string(c - 1)
		laughs += string(c) + ": &" + string(c) + " [*" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev +
			", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + "]\n"
	}
	tests := []struct {
		name, url, ct, body string
		note                string
		words               int // -1: any
		date                string
	}{
		{"config-like YAML", "https://x.org/env.yml", "", "name: quasar-dev\nchannels: [conda-forge]\ndependencies:\n  - numpy\n  - pytest\n",
			"format not understood (YAML without a list of tasks)", 4, ""},
		{"YAML that does not parse", "https://x.org/r.yaml", "", "tasks: [a, b\n  c: : d\n",
			"format not understood (YAML that does not parse: yaml: line", -1, ""},
		{"alias bomb", "https://x.org/r.yaml", "", laughs, "nested too deeply or too many nodes", -1, ""},
		{"deep YAML", "https://x.org/r.yaml", "", strings.Repeat("[", 200) + strings.Repeat("]", 200),
			"nested too deeply or too many nodes", -1, ""},
		{"deep JSON", "https://x.org/r.json", "", strings.Repeat(`{"a":`, 200) + "1" + strings.Repeat("}", 200),
			"nested too deeply or too many nodes", -1, ""},
		{"too large", "https://x.org/r.json", "", `["` + strings.Repeat("word ", MaxStructuredSize/5) + `"]`,
			"format not understood (JSON larger than 2097152 bytes)", -1, ""},
		{"every task done", "https://x.org/r.yaml", "", "tasks:\n  - title: A\n    status: done\n  - title: B\n    status: Completed\n",
			"every one of its 2 tasks is marked done", 4, ""},
		{"TOML", "https://x.org/plan.toml", "text/plain", "# Last updated: 2019-05-01\n\n[goals]\nspeed = \"make the solver twice as fast\"\n",
			"format not understood (toml file)", -1, "2019-05-01"},
		{"CSV by type", "https://x.org/plan", "text/csv", "goal,owner\nfaster io,ann\n", "format not understood (text/csv)", 3, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Extract(tt.url, tt.ct, []byte(tt.body))
			if err != nil {
				t.Fatalf("err %v: a fetched text document is judged, not an error", err)
			}
			if len(doc.Items) != 0 || !strings.Contains(doc.Note, tt.note) {
				t.Errorf("items %q note %q, want none and %q", itemTitles(doc), doc.Note, tt.note)
			}
			if tt.words >= 0 && doc.Words != tt.words {
				t.Errorf("words %d, want %d", doc.Words, tt.words)
			}
			if tt.date != "" && (len(doc.Dates) == 0 || doc.Dates[0].Date.Format(time.DateOnly) != tt.date) {
				t.Errorf("dates %v, want %s", doc.Dates, tt.date)
			}
		})
	}
}

func FuzzExtractStructured(f *testing.F) {
	addSeeds(f, "*.yaml")
	addSeeds(f, "*.yml")
	addSeeds(f, "*.json", "a: &a [*a]\n", "- {title: x, description: y}\n", `{"tasks": {"a": {"label": "x", "status": "done"}}}`)
	f.Fuzz(func(t *testing.T, body []byte) {
		fuzzOne(t, "https://x.org/r.yaml", "", body)
		fuzzOne(t, "https://x.org/r.json", "", body)
		if bytes.Contains(body, []byte{0}) {
			return
		}
		doc, err := Extract("https://x.org/r.yaml", "", body)
		if err == nil && len(doc.Items) == 0 && doc.Note == "" {
			t.Fatal("a document with no items must say why")
		}
	})
}
