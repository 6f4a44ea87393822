package discover

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"
)

// runLabelled discovers every labelled fixture in one world.
func runLabelled(t *testing.T) (*world, []fixture, map[string]Proposal) {
	t.Helper()
	w := newWorld(t)
	fx := labelled()
	for _, f := range fx {
		w.add(f)
	}
	d := w.discoverer(t)
	got := map[string]Proposal{}
	for _, f := range fx {
		got[f.name] = d.Discover(context.Background(), "org/"+f.name)
	}
	return w, fx, got
}

// TestScoringOnLabelledRepositories: discovery finds the roadmap of at
// least 90% of the projects that have one, and proposes nothing for at
// least 90% of those that have none.
func TestScoringOnLabelledRepositories(t *testing.T) {
	w, fx, got := runLabelled(t)
	var with, found, without, quiet int
	for _, f := range fx {
		p := got[f.name]
		if p.Err != "" {
			t.Fatalf("%s: %s", f.name, p.Err)
		}
		if f.hasRoadmap {
			with++
			if p.Found() {
				found++
			}
		} else {
			without++
			if !p.Found() {
				quiet++
			} else {
				t.Logf("%s: proposed %v %v for a project without a roadmap; evidence %q", f.name, p.Roadmap, deref(p.RoadmapFile), p.Evidence)
			}
		}
		if f.hasRoadmap && (f.want.file != "" || f.want.urls != nil) {
			var wantURLs []string
			for _, u := range f.want.urls {
				wantURLs = append(wantURLs, w.wantURL(u))
			}
			if deref(p.RoadmapFile) != f.want.file || !slices.Equal(p.Roadmap, wantURLs) {
				t.Errorf("%s: roadmap %v file %q, want %v file %q\nevidence: %s", f.name, p.Roadmap, deref(p.RoadmapFile), wantURLs, f.want.file, strings.Join(p.Evidence, "\n  "))
			}
			if p.Confidence < proposeAt || p.Confidence > maxScore {
				t.Errorf("%s: confidence %.2f out of range for a found roadmap", f.name, p.Confidence)
			}
		}
		if !p.Found() && p.Confidence > labelScore {
			t.Errorf("%s: nothing proposed but confidence %.2f", f.name, p.Confidence)
		}
	}
	recall := float64(found) / float64(with)
	quietRate := float64(quiet) / float64(without)
	t.Logf("found %d of %d roadmaps (%.0f%%); proposed nothing for %d of %d without (%.0f%%)", found, with, 100*recall, quiet, without, 100*quietRate)
	if with < 15 || without < 10 {
		t.Fatalf("labelled set too small: %d with, %d without", with, without)
	}
	if recall < 0.9 {
		t.Errorf("recall %.2f < 0.90", recall)
	}
	if quietRate < 0.9 {
		t.Errorf("proposed nothing for only %.2f of the projects without a roadmap (< 0.90)", quietRate)
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func TestDecoysAreNamedInTheEvidence(t *testing.T) {
	_, _, got := runLabelled(t)
	cases := map[string]string{
		"dead404":      "HTTP 404",
		"oldpost":      "a post of 2019",
		"newspost":     "a post (\"Roadmap to 1.0 released\")",
		"oldonly":      "ignored old/ROADMAP.md: under old/",
		"archived":     "ignored archive/roadmap.md: under archive/",
		"codeonly":     "ignored tests/fixtures/roadmap.md",
		"rstroot":      "ignored old/ROADMAP-2015.md",
		"boardnav":     "project board",
		"community":    "never says roadmap",
		"privateroad":  "robots.txt",
		"deadnavfile":  "HTTP 404",
		"otherproject": "not proposed",
	}
	for name, want := range cases {
		p := got[name]
		if !strings.Contains(strings.Join(p.Evidence, "\n"), want) {
			t.Errorf("%s: evidence lacks %q:\n  %s", name, want, strings.Join(p.Evidence, "\n  "))
		}
	}
	for _, name := range []string{"dead404", "oldpost", "newspost", "oldonly", "archived", "boardnav", "privateroad", "community", "otherproject"} {
		if got[name].Found() {
			t.Errorf("%s: a decoy was proposed: %v %q", name, got[name].Roadmap, deref(got[name].RoadmapFile))
		}
	}
	if p := got["archived"]; strings.Contains(strings.Join(p.Evidence, "\n"), "docs/archive/roadmap-2016.rst: under docs") {
		t.Errorf("archived: evidence names the wrong directory: %q", p.Evidence)
	}
}

func TestProposalNamesLogoTaglineAndLabels(t *testing.T) {
	w, _, got := runLabelled(t)
	p := got["numpyish"]
	if p.Slug != "numpyish" || p.Name != "NumpyIsh" || p.Repo != "org/numpyish" {
		t.Errorf("slug %q name %q repo %q", p.Slug, p.Name, p.Repo)
	}
	wantLogo := w.gh.RawURL() + "org/numpyish/main/branding/logo/primary/numpyishlogo.svg"
	if p.Logo == nil || *p.Logo != wantLogo {
		t.Errorf("logo = %v, want %s (the project's own SVG, not NumFOCUS's)", p.Logo, wantLogo)
	}
	if p.Tagline != "The numpyish library." || !slices.Contains(p.Review, "tagline shortened from the GitHub description") {
		t.Errorf("tagline %q, review %q", p.Tagline, p.Review)
	}
	if p.Homepage != w.site.URL()+"/numpyish/" {
		t.Errorf("homepage %q", p.Homepage)
	}
	if l := got["labelnav"].Labels; !slices.Equal(l, []string{"roadmap"}) {
		t.Errorf("labelnav labels = %v", l)
	}
	if p := got["boardonly"]; !slices.ContainsFunc(p.Review, func(s string) bool { return strings.Contains(s, "board") }) {
		t.Errorf("a linked project board is not flagged for review: %q", p.Review)
	}
}

// TestCost: a first run spends at most 6 counted GitHub requests per
// repository, and an unchanged re-run with a token spends none.
func TestCost(t *testing.T) {
	w, fx, _ := runLabelled(t)
	cold := w.gh.Counted()
	if per := float64(cold) / float64(len(fx)); per > 6 {
		t.Errorf("first run: %d counted requests for %d repositories (%.1f each), want at most 6 each", cold, len(fx), per)
	}
	t.Logf("first run: %d counted GitHub requests for %d repositories", cold, len(fx))
	d := w.discoverer(t)
	for _, f := range fx {
		d.Discover(context.Background(), "org/"+f.name)
	}
	if n := w.gh.Counted() - cold; n != 0 {
		t.Errorf("unchanged re-run: %d counted requests, want 0", n)
	}
}

func TestMissingRepository(t *testing.T) {
	w := newWorld(t)
	p := w.discoverer(t).Discover(context.Background(), "org/nothing")
	if p.Err == "" || p.Found() || p.Slug != "nothing" {
		t.Errorf("missing repository: %+v", p)
	}
}

// TestGitHubTroubleIsAnErrorNotAGuess: a rate limit or a rejected token
// gives proposals with Err set and nothing proposed.
func TestGitHubTroubleIsAnErrorNotAGuess(t *testing.T) {
	w := newWorld(t)
	w.add(labelled()[0])
	w.gh.ExhaustPrimary(time.Now().Add(time.Hour))
	d := w.discoverer(t)
	for range 2 {
		p := d.Discover(context.Background(), "org/rootmd")
		if !strings.Contains(p.Err, "rate limited until") || p.Found() {
			t.Errorf("rate limited: %+v", p)
		}
	}
	w.gh.ExhaustPrimary(time.Time{})
	w.gh.SetToken("another")
	p := w.discoverer(t).Discover(context.Background(), "org/rootmd")
	if !strings.Contains(p.Err, "401") || p.Found() {
		t.Errorf("bad token: %+v", p)
	}
}
