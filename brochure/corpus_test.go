package brochure

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/roadmapper/roadmapper/internal/roadmap"
	"github.com/roadmapper/roadmapper/internal/testutil"
)

// TestCorpusLogos renders a brochure with every real PNG logo of the
// shared corpus (items are the invented fixture ones) and checks that each
// logo embeds and the page geometry holds.
func TestCorpusLogos(t *testing.T) {
	dir := testutil.CorpusDir(t)
	paths, _ := filepath.Glob(filepath.Join(dir, "*", "*.png"))
	sort.Strings(paths)
	seen := map[string]bool{}
	fixture := fixtureProjects(t)
	var projects []Project
	for _, p := range paths {
		slug := filepath.Base(filepath.Dir(p))
		if seen[slug] {
			continue
		}
		seen[slug] = true
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		f := fixture[len(projects)%len(fixture)]
		projects = append(projects, Project{
			Project: roadmap.Project{Slug: slug, Name: slug, Tagline: "Logo from " + filepath.Base(p)},
			Logo:    &roadmap.Logo{Format: "png", Data: data},
			Updated: f.Updated,
			Items:   f.Items,
		})
	}
	if len(projects) == 0 {
		t.Skip("no PNG logos in the corpus")
	}
	in := fixtureInput(t, roadmap.LayoutPairs, "")
	in.Projects = projects
	var buf bytes.Buffer
	res, pl, err := render(&buf, in)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range res.Warnings {
		if strings.Contains(w, "logo") {
			t.Errorf("warning: %s", w)
		}
	}
	if out := os.Getenv("BROCHURE_SAMPLES"); out != "" {
		os.WriteFile(filepath.Join(out, "corpus.pdf"), buf.Bytes(), 0o644)
	}
	g, _ := newGeometry("")
	checkPages(t, wordBoxes(t, buf.Bytes()), pl, g)
}
