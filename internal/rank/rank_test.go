package rank

import (
	"math"
	"math/rand/v2"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// allInputs are the fixture inputs of every profile plus no client.
func allInputs(t *testing.T) map[string]Input {
	in := map[string]Input{"intrinsic": fixtureInput(t, nil)}
	for name, c := range profiles() {
		in[name] = fixtureInput(t, c)
	}
	return in
}

func TestRankReasonsSumToScoreAndScoreInRange(t *testing.T) {
	for name, in := range allInputs(t) {
		for _, w := range []Weights{DefaultWeights(), {Demand: 1, Intrinsic: 2, Themes: 3, Interests: 2, Prefer: 1}} {
			in.Weights = w
			in.Client = cloneClient(in.Client)
			if in.Client != nil {
				in.Client.PreferProjects = []string{"numcore"}
			}
			for _, s := range Rank(in) {
				sum := 0.0
				for _, r := range s.Reasons {
					sum += r.Value
				}
				if math.Abs(sum-s.Score) > 1e-9 {
					t.Errorf("%s: %s: reasons sum to %v, score %v", name, s.Item.ID, sum, s.Score)
				}
				if s.Score < 0 || s.Score > 1 || math.IsNaN(s.Score) {
					t.Errorf("%s: %s: score %v outside [0,1]", name, s.Item.ID, s.Score)
				}
			}
		}
	}
}

func TestRankCapReasonWhenWeightsOverflow(t *testing.T) {
	in := fixtureInput(t, profiles()["gpu-vendor"])
	in.Weights = Weights{Demand: 1, Concreteness: 1, Freshness: 1, Position: 1, Intrinsic: 3, Themes: 3, Interests: 3, Prefer: 3}
	top := Rank(in)[0]
	if top.Score != 1 {
		t.Fatalf("score %v, want clamped to 1", top.Score)
	}
	last := top.Reasons[len(top.Reasons)-1]
	if last.Label != "cap" || last.Value >= 0 {
		t.Errorf("last reason %v, want a negative cap", last)
	}
}

func cloneClient(c *roadmap.Client) *roadmap.Client {
	if c == nil {
		return nil
	}
	cc := *c
	cc.Themes = map[string]float64{}
	for k, v := range c.Themes {
		cc.Themes[k] = v
	}
	return &cc
}

func TestRankRaisingThemeWeightNeverLowersItsItems(t *testing.T) {
	themes := loadThemes(t)
	for name, c := range profiles() {
		for _, th := range themes {
			prev := map[string]float64{}
			for _, w := range []float64{-1, 0, 0.5, 1, 2, 3, 4} {
				cc := cloneClient(c)
				cc.Themes[th.Slug] = w
				for _, s := range Rank(fixtureInput(t, cc)) {
					if !slices.Contains(s.Themes, th.Slug) {
						continue
					}
					if p, ok := prev[s.Item.ID]; ok && s.Score < p-1e-12 {
						t.Errorf("%s: %s=%v lowered %s from %v to %v", name, th.Slug, w, s.Item.ID, p, s.Score)
					}
					prev[s.Item.ID] = s.Score
				}
			}
		}
	}
}

func TestRankIgnoresInputOrder(t *testing.T) {
	for name, in := range allInputs(t) {
		want := Rank(in)
		rng := rand.New(rand.NewPCG(1, 2))
		for range 5 {
			items := slices.Clone(in.Items)
			rng.Shuffle(len(items), func(i, j int) { items[i], items[j] = items[j], items[i] })
			in2 := in
			in2.Items = items
			if got := Rank(in2); !reflect.DeepEqual(got, want) {
				t.Fatalf("%s: ranking changed with input order", name)
			}
		}
	}
}

func TestRankWithoutClientIsIntrinsic(t *testing.T) {
	for _, s := range Rank(fixtureInput(t, nil)) {
		for _, r := range s.Reasons {
			for _, p := range []string{"theme ", "matches ", "preferred "} {
				if strings.HasPrefix(r.Label, p) {
					t.Errorf("%s: client reason %q without a client", s.Item.ID, r.Label)
				}
			}
		}
	}
}

func TestRankExcludedTheme(t *testing.T) {
	c := cloneClient(profiles()["gpu-vendor"])
	c.ExcludeThemes = []string{"accessibility"}
	for _, s := range Rank(fixtureInput(t, c)) {
		if !slices.Contains(s.Themes, "accessibility") {
			continue
		}
		if s.Score != 0 {
			t.Errorf("%s: excluded item scores %v", s.Item.ID, s.Score)
		}
		last := s.Reasons[len(s.Reasons)-1]
		if last.Label != "excluded theme accessibility" {
			t.Errorf("%s: last reason %q", s.Item.ID, last.Label)
		}
		return
	}
	t.Fatal("no fixture item has the accessibility theme")
}

func TestRankPreferredProject(t *testing.T) {
	base := profiles()["pharma"]
	c := cloneClient(base)
	c.PreferProjects = []string{"geoframe"}
	before := scoresByID(Rank(fixtureInput(t, base)))
	for _, s := range Rank(fixtureInput(t, c)) {
		d := s.Score - before[s.Item.ID]
		if s.Item.Project == "geoframe" && math.Abs(d-DefaultWeights().Prefer) > 1e-9 {
			t.Errorf("%s: bonus %v, want %v", s.Item.ID, d, DefaultWeights().Prefer)
		}
		if s.Item.Project != "geoframe" && d != 0 {
			t.Errorf("%s: score moved by %v", s.Item.ID, d)
		}
	}
}

func scoresByID(scored []Scored) map[string]float64 {
	m := map[string]float64{}
	for _, s := range scored {
		m[s.Item.ID] = s.Score
	}
	return m
}

func TestRankThemesAndMatched(t *testing.T) {
	var got *Scored
	scored := Rank(fixtureInput(t, profiles()["platform-security"]))
	for i := range scored {
		if scored[i].Item.ID == "plotkit/signed-releases-and-supply-chain-hardening" {
			got = &scored[i]
		}
	}
	if got == nil {
		t.Fatal("item missing")
	}
	if !slices.Contains(got.Themes, "security") || !slices.IsSorted(got.Themes) {
		t.Errorf("themes %v, want sorted and with security", got.Themes)
	}
	if terms := got.Matched["security"]; !slices.Contains(terms, "supply chain") || !slices.Contains(terms, "SBOM") {
		t.Errorf("security terms %v", terms)
	}
	if len(got.Matched) != len(got.Themes) {
		t.Errorf("Matched %v does not cover Themes %v", got.Matched, got.Themes)
	}
	if scored[0].Item.ID != got.Item.ID {
		t.Errorf("top item %s, want the supply chain item", scored[0].Item.ID)
	}
}

func TestRankPrefaceIsDemoted(t *testing.T) {
	for _, s := range Rank(fixtureInput(t, nil)) {
		want := s.Item.ID == "numcore/introduction" || s.Item.ID == "tabula/how-to-get-involved"
		has := false
		for _, r := range s.Reasons {
			has = has || strings.HasPrefix(r.Label, "looks like a preface")
		}
		if has != want {
			t.Errorf("%s: preface reason %v, want %v", s.Item.ID, has, want)
		}
	}
}

// TestRankStubIsAside: a page section with almost no text is not put in
// front of a client.
func TestRankStubIsAside(t *testing.T) {
	items := []roadmap.Item{
		{ID: "p/proposals", Project: "p", Title: "Proposals", Text: "There are currently no proposals with this status",
			Source: roadmap.SourcePage},
		{ID: "p/gpu", Project: "p", Title: "GPU kernels", Text: "Run the solver kernels on CUDA devices so that large problems finish in minutes.",
			Source: roadmap.SourcePage, Position: 1},
	}
	top := Top(Rank(Input{Items: items, Themes: loadThemes(t), Now: testNow}), 3)
	if got := top["p"]; len(got) != 1 || got[0].Item.ID != "p/gpu" {
		t.Errorf("Top of p: %v, want only p/gpu", got)
	}
}

func TestRankOverviewIsDemoted(t *testing.T) {
	long := strings.Repeat("faster kernels for large arrays on many cores ", 12)
	items := []roadmap.Item{
		{ID: "p/core-technology", Project: "p", Title: "Core technology", Text: "API, library and performance work.",
			Source: roadmap.SourcePage, Position: 0},
		{ID: "p/performance", Project: "p", Title: "Performance", Text: "A few faster paths.",
			Source: roadmap.SourcePage, Position: 1},
		{ID: "p/performance-2", Project: "p", Title: "Performance:", Text: long,
			Source: roadmap.SourcePage, Position: 5},
		{ID: "q/performance", Project: "q", Title: "performance", Text: "Another project with the same title, and enough text to stand as an item.",
			Source: roadmap.SourcePage, Position: 0},
	}
	byID := map[string]Scored{}
	for _, s := range Rank(Input{Items: items, Themes: loadThemes(t), Client: profiles()["gpu-vendor"], Now: testNow}) {
		byID[s.Item.ID] = s
	}
	want := map[string]string{
		"p/core-technology": "looks like a preface", // an umbrella title
		"p/performance":     "repeats the title",    // the shorter of two "Performance"
		"p/performance-2":   "",
		"q/performance":     "", // other projects do not count
	}
	for id, prefix := range want {
		s := byID[id]
		has := ""
		for _, r := range s.Reasons {
			if strings.HasPrefix(r.Label, "looks like") || strings.HasPrefix(r.Label, "repeats") {
				has = r.Label
			}
		}
		if (prefix == "") != (has == "") || !strings.HasPrefix(has, prefix) || s.Aside != (prefix != "") {
			t.Errorf("%s: demotion %q, Aside %v; want %q", id, has, s.Aside, prefix)
		}
	}
	top := Top(Rank(Input{Items: items, Themes: loadThemes(t), Now: testNow}), 3)
	if got := len(top["p"]); got != 1 || top["p"][0].Item.ID != "p/performance-2" {
		t.Errorf("Top of p: %d items %v, want only p/performance-2", got, top["p"])
	}
}

func TestRankSortOrder(t *testing.T) {
	items := []roadmap.Item{
		{ID: "b/x", Project: "b", Title: "Same", Position: 0},
		{ID: "a/y", Project: "a", Title: "Same", Position: 1},
		{ID: "a/x", Project: "a", Title: "Same", Position: 1},
		{ID: "a/z", Project: "a", Title: "Same", Position: 0},
	}
	in := Input{Items: items, Weights: Weights{Demand: 1, Intrinsic: 1}, Now: testNow}
	var ids []string
	for _, s := range Rank(in) {
		ids = append(ids, s.Item.ID)
	}
	// Every score is 0 (no demand): ties go by project, position, ID.
	if want := []string{"a/z", "a/x", "a/y", "b/x"}; !slices.Equal(ids, want) {
		t.Errorf("order %v, want %v", ids, want)
	}
}

func TestReasonString(t *testing.T) {
	for _, tc := range []struct {
		r    Reason
		want string
	}{
		{Reason{"theme gpu × client weight 2", 0.2149}, "theme gpu × client weight 2 (+0.21)"},
		{Reason{"cap", -0.05}, "cap (-0.05)"},
		{Reason{"pinned: asked by sales", 0}, "pinned: asked by sales (+0.00)"},
	} {
		if got := tc.r.String(); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
}

func TestTop(t *testing.T) {
	mk := func(id, project string, score float64, pinned bool) Scored {
		return Scored{Item: &roadmap.Item{ID: id, Project: project}, Score: score, Pinned: pinned}
	}
	scored := []Scored{
		mk("a/1", "a", 0.9, false), mk("b/1", "b", 0.8, false), mk("a/2", "a", 0.7, false),
		mk("a/3", "a", 0.6, false), mk("a/4", "a", 0.5, false), mk("b/2", "b", 0.1, true),
	}
	ids := func(ss []Scored) []string {
		var out []string
		for _, s := range ss {
			out = append(out, s.Item.ID)
		}
		return out
	}
	top := Top(scored, 0)
	if got := ids(top["a"]); !slices.Equal(got, []string{"a/1", "a/2", "a/3"}) {
		t.Errorf("a: %v", got)
	}
	if got := ids(top["b"]); !slices.Equal(got, []string{"b/2", "b/1"}) {
		t.Errorf("b: %v (pinned first)", got)
	}
	if got := ids(Top(scored, 1)["b"]); !slices.Equal(got, []string{"b/2"}) {
		t.Errorf("b with n=1: %v", got)
	}
	aside := mk("c/intro", "c", 0.95, false)
	aside.Aside = true
	pinnedAside := mk("d/intro", "d", 0.2, true)
	pinnedAside.Aside = true
	top = Top(append([]Scored{aside, pinnedAside}, scored...), 3)
	if _, ok := top["c"]; ok {
		t.Errorf("c: %v, want no entry for a project with only an aside", ids(top["c"]))
	}
	if got := ids(top["d"]); !slices.Equal(got, []string{"d/intro"}) {
		t.Errorf("d: %v, want the pinned aside", got)
	}
}

func TestRankParallelMatchesSerial(t *testing.T) {
	themes := loadThemes(t)
	items := syntheticItems(themes, parallelMin+500)
	in := Input{Items: items, Themes: themes, Client: profiles()["pharma"], Now: testNow}
	got := Rank(in)
	prev := runtime.GOMAXPROCS(1)
	want := Rank(in)
	runtime.GOMAXPROCS(prev)
	if !reflect.DeepEqual(got, want) {
		t.Fatal("parallel ranking differs from serial ranking")
	}
	rng := rand.New(rand.NewPCG(3, 4))
	shuffled := slices.Clone(items)
	rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	in.Items = shuffled
	if !reflect.DeepEqual(Rank(in), want) {
		t.Fatal("ranking changed with input order")
	}
}

// TestRankCallsForInvolvementAside: sections that ask readers to take part
// (titles and summaries as real roadmaps write them) are kept aside like
// introductions; work items with similar words are not.
func TestRankCallsForInvolvementAside(t *testing.T) {
	cases := []struct {
		title, summary string
		call           bool
	}{
		{"How to get involved", "We welcome contributions of every kind.", true},
		{"Weigh in as a downstream maintainer", "If your project's use of the library would be affected by the rewrite, the planning phase is the time to say so.", true},
		{"Discuss the plans", "Comments and counter-proposals on any of the themes above are welcome on the issue tracker.", true},
		{"Review in-flight work", "The indexing algebra is in review.", true},
		{"Project sustainability and community", "This section lists high-priority items for documentation, issue/pr management, community engagement, project health, and day-to-day sustaining work:", true},
		{"Contributing guide", "Write a guide for first-time contributors.", true},
		{"Community building and sustainability", "As a community-driven project, the long term health of the community is part of the project.", false},
		{"Improve accessibility", "We need to better serve users with disabilities and accommodate assistive technologies.", false},
		{"Contributor onboarding", "This section lists what a newcomer needs. Today there is no guide and setup takes a day.", false},
	}
	for _, c := range cases {
		items := []roadmap.Item{{ID: "p/x", Project: "p", Title: c.title, Summary: c.summary,
			Text: c.summary + " " + strings.Repeat("More words of real substance about the work. ", 5), Source: roadmap.SourcePage}}
		s := Rank(Input{Items: items, Themes: loadThemes(t), Now: testNow})[0]
		if s.Aside != c.call {
			t.Errorf("%q: Aside %v, want %v (reasons %v)", c.title, s.Aside, c.call, s.Reasons)
		}
	}
}

// TestTopNeverChoosesExcluded: an item carrying a theme the client
// excludes scores 0 and is never chosen, unless a person pinned it.
func TestTopNeverChoosesExcluded(t *testing.T) {
	c := &roadmap.Client{Name: "Bank", ExcludeThemes: []string{"gpu"}, Themes: map[string]float64{"testing": 3}}
	items := []roadmap.Item{
		{ID: "p/gpu", Project: "p", Title: "GPU kernels", Text: "Run the solver kernels on CUDA devices so that large problems finish in minutes.", Source: roadmap.SourcePage},
		{ID: "p/tests", Project: "p", Title: "Test suite", Text: "Run the test suite on every platform and measure coverage of the numerical code.", Source: roadmap.SourcePage, Position: 1},
	}
	scored := Rank(Input{Items: items, Themes: loadThemes(t), Client: c, Now: testNow})
	top := Top(scored, 3)
	if got := top["p"]; len(got) != 1 || got[0].Item.ID != "p/tests" {
		t.Errorf("Top of p: %v, want only p/tests", got)
	}
	for i := range scored {
		if scored[i].Item.ID == "p/gpu" {
			if scored[i].Excluded != "gpu" || scored[i].Score != 0 {
				t.Errorf("p/gpu: excluded %q score %v", scored[i].Excluded, scored[i].Score)
			}
			scored[i].Pinned = true
		}
	}
	if got := Top(scored, 3)["p"]; len(got) != 2 {
		t.Errorf("a pinned excluded item is kept: %v", got)
	}
}
