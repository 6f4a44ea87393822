package discover

import (
	"strings"
	"testing"

	"github.com/roadmapper/roadmapper/config"
)

func TestTOMLIsValidConfigAndKeepsComments(t *testing.T) {
	_, _, got := runLabelled(t)
	existing := []byte("# my registry: keep this comment\n[github]\nlabels = [\"roadmap\"] # and this one\n\n[[project]]\nslug = \"numpyish\"\nname = \"Mine\"\n")
	ps := []Proposal{got["numpyish"], got["rootmd"], got["plain"], got["roadtiles"], {Repo: "org/gone", Err: "repository org/gone not found on GitHub"}}
	// Crawled text must not break out of a comment or a string.
	ps[1].Evidence = append(ps[1].Evidence, "title \"x\"\n[[project]]\nslug = \"evil\"")
	ps[3].Confidence = 0.45 // as sure as a roadmap label alone
	ps[1].Tagline = "A \"quoted\"\ttagline \\ with\x01 control"
	out, added, skipped := Append(existing, ps, map[string]bool{"numpyish": true}, map[string]bool{}, testNow)
	if !strings.HasPrefix(string(out), string(existing)) {
		t.Fatalf("existing text changed:\n%s", out)
	}
	if strings.Join(added, ",") != "rootmd,plain,roadtiles" {
		t.Errorf("added %v", added)
	}
	if len(skipped) != 2 || !strings.Contains(skipped[0], `slug "numpyish" is already`) || !strings.Contains(skipped[1], "not found") {
		t.Errorf("skipped %q", skipped)
	}
	cfg, err := config.Parse(out, "test.toml")
	if err != nil {
		t.Fatalf("appended config does not load: %v\n%s", err, out)
	}
	if len(cfg.Projects) != 4 {
		t.Fatalf("projects = %v", cfg.Slugs())
	}
	root, _ := cfg.Project("rootmd")
	if root.RoadmapFile != "ROADMAP.md" || root.Repo != "org/rootmd" || root.Tagline != ps[1].Tagline {
		t.Errorf("rootmd = %+v", root)
	}
	if _, ok := cfg.Project("evil"); ok {
		t.Error("crawled evidence injected a project")
	}
	// Low confidence: listed for review, not guessed.
	tiles, _ := cfg.Project("roadtiles")
	if tiles.RoadmapFile != "" || !strings.Contains(string(out), "# roadmap_file = \"docs/tutorials/road_map_tiles.md\"") {
		t.Errorf("a low-confidence file was configured: %+v", tiles)
	}
	if !strings.Contains(string(out), "#   review: tagline shortened from the GitHub description") {
		t.Errorf("review notes missing:\n%s", out)
	}
}
