package extract

import (
	"github.com/roadmapper/roadmapper/internal/testutil"

	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/*.json")

// goldenDoc is the part of a Document the golden files pin down.
type goldenDoc struct {
	Format string               `json:"format,omitempty"`
	Title  string               `json:"title,omitempty"`
	Words  int                  `json:"words,omitempty"`
	Dates  []roadmap.StatedDate `json:"dates,omitempty"`
	Items  []goldenItem         `json:"items,omitempty"`
	Note   string               `json:"note,omitempty"`
	Err    string               `json:"error,omitempty"`
}

type goldenItem struct {
	Title    string   `json:"title"`
	URL      string   `json:"url"`
	Summary  string   `json:"summary"`
	Text     string   `json:"text"`
	Points   []string `json:"points,omitempty"`
	Links    []string `json:"links,omitempty"`
	Position int      `json:"position"`
}

func fixtures(t testing.TB) []string {
	t.Helper()
	var out []string
	for _, pat := range []string{"*.html", "*.md", "*.rst", "*.yaml", "*.yml", "*.json"} {
		m, err := filepath.Glob(filepath.Join("testdata", pat))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, m...)
	}
	if len(out) == 0 {
		t.Fatal("no fixtures")
	}
	return out
}

func TestGolden(t *testing.T) {
	for _, path := range fixtures(t) {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			body, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			docURL := "https://quasar.example.org/docs/" + name + "#top"
			doc, err := Extract(docURL, "", body)
			var g goldenDoc
			if err != nil {
				g.Err = err.Error()
			} else {
				g = goldenDoc{Format: doc.Format, Title: doc.Title, Words: doc.Words, Dates: doc.Dates, Note: doc.Note}
				for _, it := range doc.Items {
					if it.Source != roadmap.SourcePage || it.DocURL != docURL || it.ID != "" || it.Project != "" {
						t.Errorf("item %q: source %q doc_url %q id %q project %q", it.Title, it.Source, it.DocURL, it.ID, it.Project)
					}
					g.Items = append(g.Items, goldenItem{Title: it.Title, URL: it.URL, Summary: it.Summary,
						Text: it.Text, Points: it.Points, Links: it.Links, Position: it.Position})
				}
			}
			got, err := json.MarshalIndent(g, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := strings.TrimSuffix(name, filepath.Ext(name)) + "." + strings.TrimPrefix(filepath.Ext(name), ".") + ".json"
			testutil.Golden(t, golden, got, *update)
		})
	}
}

// TestFixtureExpectations asserts, independently of the golden files, the
// facts each page shape must get right.
func TestFixtureExpectations(t *testing.T) {
	tests := []struct {
		file    string
		title   string
		items   []string
		anchors []string // fragment of each item URL ("" for none)
		err     error
	}{
		{file: "sphinx-alabaster.html", title: "Quasar roadmap", items: []string{"Sparse solvers", "Documentation"},
			anchors: []string{"sparse-solvers", "documentation"}},
		{file: "pydata-sphinx.html", title: "Roadmap", items: []string{"GPU support", "Typing"},
			anchors: []string{"gpu-support", "typing"}},
		{file: "readthedocs.html", title: "Roadmap", items: []string{"Faster I/O", "Plugin system"},
			anchors: []string{"faster-i-o", "plugin-system"}},
		{file: "mkdocs.html", title: "Roadmap", items: []string{"Better errors", "Smaller wheels"},
			anchors: []string{"better-errors", "smaller-wheels"}},
		{file: "mkdocs-material.html", title: "Roadmap", items: []string{"V4 storage format", "Async API"},
			anchors: []string{"v4-storage-format", "async-api"}},
		{file: "pandoc.html", title: "Quasar roadmap", items: []string{"Interoperability", "Testing infrastructure"},
			anchors: []string{"interoperability", "testing-infrastructure"}},
		{file: "hugo.html", title: "Roadmap", items: []string{"Shared infrastructure", "Community"},
			anchors: []string{"shared-infrastructure", "community"}},
		{file: "jekyll.html", title: "Quasar Roadmap", items: []string{"WebGL everywhere", "Themes"},
			anchors: []string{"webgl-everywhere", "themes"}},
		{file: "github-markdown.html", title: "Quasar Roadmap", items: []string{"Units and quantities", "Fund raising"},
			anchors: []string{"units-and-quantities", "fund-raising"}},
		{file: "list-shaped.html", title: "Quasar Roadmap",
			items:   []string{"Faster sorting", "Better docs", "A plugin registry for third-party kernels"},
			anchors: []string{"", "", ""}},
		{file: "list-shaped.md", title: "Quasar Roadmap, as of 11/2024",
			items:   []string{"Maintenance", "Datashading", "Support annotations on every plot type"},
			anchors: []string{"", "", ""}},
		{file: "quasar.md", title: "Quasar Roadmap", items: []string{"Extension types", "String data type", "Documentation"},
			anchors: []string{"ext-types", "label-strings", "documentation"}},
		{file: "quasar.rst", title: "Quasar roadmap", items: []string{"Interoperability", "Performance"},
			anchors: []string{"interoperability", "performance"}},
		{file: "no-headings.html", title: "Quasar", items: []string{"Quasar"}, anchors: []string{""}},
		{file: "no-headings.md", items: []string{"Just a short note about Quasar with no structure at all"}, anchors: []string{""}},
		{file: "empty.md", err: ErrEmpty},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			body, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			const base = "https://quasar.example.org/roadmap/page"
			doc, err := Extract(base+"#frag", "", body)
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("err = %v, want %v", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if doc.Title != tt.title {
				t.Errorf("title = %q, want %q", doc.Title, tt.title)
			}
			var got []string
			for _, it := range doc.Items {
				got = append(got, it.Title)
			}
			if strings.Join(got, "|") != strings.Join(tt.items, "|") {
				t.Fatalf("items = %q, want %q", got, tt.items)
			}
			for i, it := range doc.Items {
				want := base
				if tt.anchors[i] != "" {
					want += "#" + tt.anchors[i]
				}
				if it.URL != want {
					t.Errorf("item %d URL = %q, want %q", i, it.URL, want)
				}
				if it.Summary == "" {
					t.Errorf("item %d (%s) has no summary", i, it.Title)
				}
				if it.Position != i {
					t.Errorf("item %d position %d", i, it.Position)
				}
			}
			for _, it := range doc.Items {
				for _, bad := range []string{"¶", "Navigation", "Sidebar", "GitHub, Inc", "Powered by", "Permalink"} {
					if strings.Contains(it.Text, bad) || strings.Contains(it.Title, bad) {
						t.Errorf("item %q leaks %q: %q", it.Title, bad, it.Text)
					}
				}
			}
		})
	}
}
