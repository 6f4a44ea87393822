package logo

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/roadmapper/roadmapper/internal/roadmap"
	"github.com/roadmapper/roadmapper/internal/testutil"
)

// TestCorpus prepares every SVG and PNG logo of the shared corpus, in pure
// Go and, when installed, with rsvg-convert, and logs what each became.
// Every PNG must stay a PNG; SVGs may fall back, and the counts are logged.
func TestCorpus(t *testing.T) {
	dir := testutil.CorpusDir(t)
	var files []string
	for _, pat := range []string{"*/*.svg", "*/*.png"} {
		m, err := filepath.Glob(filepath.Join(dir, pat))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	sort.Strings(files)
	if len(files) == 0 {
		t.Skip("no logos in the corpus")
	}
	modes := []struct{ name, rsvg string }{{"pure", "-"}}
	if path, err := exec.LookPath("rsvg-convert"); err == nil && !testing.Short() {
		modes = append(modes, struct{ name, rsvg string }{"rsvg", path})
	}
	for _, mode := range modes {
		t.Run(mode.name, func(t *testing.T) {
			var svgs, handled int
			var fellBack []string
			for _, f := range files {
				data, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				rel, _ := filepath.Rel(dir, f)
				slug := filepath.Dir(rel)
				p := roadmap.Project{Slug: slug, Name: slug, Logo: rel}
				lg := Prepare(context.Background(), p, data, "", Options{Rsvg: mode.rsvg})
				t.Logf("%-55s %-10s %3dx%-3d %6d B %q", rel, lg.Method, lg.Width, lg.Height, len(lg.Data), lg.Note)
				checkLogo(t, lg, p)
				if strings.HasSuffix(f, ".png") {
					if lg.Method != roadmap.LogoPNG {
						t.Errorf("%s: PNG became %s (%q)", rel, lg.Method, lg.Note)
					}
					continue
				}
				svgs++
				if lg.Method == roadmap.LogoMonogram {
					fellBack = append(fellBack, rel)
				} else {
					handled++
				}
			}
			t.Logf("%s: %d of %d SVGs rasterised; fell back to a monogram: %v", mode.name, handled, svgs, fellBack)
		})
	}
}
