package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/roadmapper/roadmapper/config"
	"github.com/roadmapper/roadmapper/internal/curation"
	"github.com/roadmapper/roadmapper/internal/roadmap"
	"github.com/roadmapper/roadmapper/internal/testutil"
)

// reachFixture is the app fixture with eight more projects, two of them
// about GPUs, the others about anything else (prefaces, overviews and
// short items included), crawled.
func reachFixture(t *testing.T) *fixture {
	f := newFixture(t)
	pages := map[string][][2]string{
		"alpha":   {{"GPU kernels", "Port the reductions to CUDA and ROCm devices and benchmark them on current accelerators."}, {"Packaging", "Ship wheels for every platform we support, built in CI."}},
		"beta":    {{"Introduction", "This roadmap lists what the Beta maintainers plan for the next two years."}, {"Device arrays", "Accept GPU arrays through the array API and DLPack without copying them to the host."}},
		"gamma":   {{"Introduction", "What follows is our plan."}, {"Documentation", "Write a user guide with worked examples for newcomers and a reference of every function."}},
		"delta":   {{"Faster parsing", "Rewrite the CSV reader in a compiled language so large files load in seconds, with tests."}, {"Faster parsing", "Parsing."}},
		"epsilon": {{"Scheduler", "A distributed scheduler that spills intermediate results to disk when memory runs short."}},
		"zeta":    {{"Short", "Nothing yet."}},
		"eta":     {{"Type hints", "Annotate the public API and check it with a type checker in continuous integration."}, {"Plotting", "Interactive plots for large data sets in notebooks and on the web."}},
		"theta":   {{"Community", "Mentor new contributors and hold a yearly sprint with our users from industry."}},
	}
	extra := ""
	for slug, sections := range pages {
		f.site.SetHTML("/"+slug+"/roadmap.html", testutil.SphinxPage(slug+" roadmap", sections))
		extra += fmt.Sprintf("\n[[project]]\nslug = %q\nname = %q\nroadmap = [\"%s/%s/roadmap.html\"]\n", slug, slug, f.site.URL(), slug)
	}
	f.app.Config = f.config(extra)
	f.crawl()
	return f
}

// TestPickRanksWhatTheClientReaches: a brochure for a client who lists no
// projects ranks only the projects its themes, interests, preferences and
// curation reach, and is the same brochure as from the ranking of every
// item: same projects and items in the same order, same projects left out
// for the same reasons, same warnings. When an unreached project could be
// shown (a client who takes every item), it ranks every item.
func TestPickRanksWhatTheClientReaches(t *testing.T) {
	f := reachFixture(t)
	ctx := context.Background()
	cur := filepath.Join(f.dir, "curation.toml")
	if err := os.WriteFile(cur, []byte(`[[pin]]
id = "theta/community"
reason = "the client asked about mentoring"

[[hide]]
id = "gamma/no-such-item"
reason = "gone since"
`), 0o644); err != nil {
		t.Fatal(err)
	}
	base := func(c roadmap.Client) roadmap.Client {
		c.ItemsPerProject, c.MinScore, c.RelativeMinScore = 2, config.DefaultMinScore, config.DefaultRelativeMinScore
		return c
	}
	cases := []struct {
		name     string
		client   roadmap.Client
		curation string
		pruned   bool // some project is summed up rather than ranked
	}{
		{"themes", base(roadmap.Client{Name: "G", Themes: map[string]float64{"gpu": 3}}), "", true},
		{"interests", base(roadmap.Client{Name: "I", Themes: map[string]float64{"performance": 1}, Interests: []string{"scheduler", "CUDA"}}), "", true},
		{"preferred and excluded", base(roadmap.Client{Name: "P", Themes: map[string]float64{"gpu": 2}, PreferProjects: []string{"eta"}, ExcludeThemes: []string{"documentation"}}), "", true},
		{"curation", base(roadmap.Client{Name: "C", Themes: map[string]float64{"gpu": 3}}), cur, true},
		{"every item passes", roadmap.Client{Name: "A", ItemsPerProject: 2, Themes: map[string]float64{"gpu": 1}}, "", false},
		{"no themes", base(roadmap.Client{Name: "N"}), "", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			setup, err := LoadRankSetup(f.app.Config, nil, tc.curation)
			if err != nil {
				t.Fatal(err)
			}
			var plans [2]Plan
			var jobs [2]*BrochureJob
			for i, full := range []bool{false, true} {
				job, err := f.app.PrepareBrochures(ctx, setup, true)
				if err != nil {
					t.Fatal(err)
				}
				job.rankAll = full
				jobs[i] = job
				plans[i], err = f.app.Pick(ctx, job, tc.client)
				if err != nil && !roadmap.IsKind(err, roadmap.KindNotFound) {
					t.Fatal(err)
				}
			}
			if tc.name == "themes" && !windowFits(plans[0].Ranked.Scored, plans[0].others, 2, nil) {
				t.Error("a window of 2 needs the whole ranking: nothing checks the window made from the reach")
			}
			// A page's window on the ranking is the same from both: the
			// first items, items kept further down, every item.
			keepTheta := map[string]bool{"theta/community": true}
			for _, w := range []struct {
				first int
				keep  map[string]bool
			}{{2, nil}, {3, keepTheta}, {-1, keepTheta}} {
				var got [2]Window
				for i := range plans {
					if got[i], err = f.app.RankWindow(ctx, jobs[i], plans[i], w.first, w.keep); err != nil {
						t.Fatal(err)
					}
				}
				if !reflect.DeepEqual(window(got[0]), window(got[1])) {
					t.Errorf("window of %d:\n got %v\nwant %v", w.first, window(got[0]), window(got[1]))
				}
			}
			reach, all := plans[0], plans[1]
			if got, want := drawn(reach), drawn(all); !reflect.DeepEqual(got, want) {
				t.Errorf("brochure\n got %v\nwant %v", got, want)
			}
			if !reflect.DeepEqual(reach.LeftOut, all.LeftOut) {
				t.Errorf("left out\n got %v\nwant %v", reach.LeftOut, all.LeftOut)
			}
			if !reflect.DeepEqual(reach.Asked, all.Asked) || !reflect.DeepEqual(problems(reach.Problems), problems(all.Problems)) {
				t.Errorf("warnings %v %v, want %v %v", reach.Asked, reach.Problems, all.Asked, all.Problems)
			}
			if pruned := len(reach.Ranked.Scored) < len(all.Ranked.Scored); pruned != tc.pruned {
				t.Errorf("ranked %d of %d items; want some left unranked: %v", len(reach.Ranked.Scored), len(all.Ranked.Scored), tc.pruned)
			}
			// The projects ranked score their items as in the full ranking.
			score := map[string]float64{}
			for _, s := range all.Ranked.Scored {
				score[s.Item.ID] = s.Score
			}
			for _, s := range reach.Ranked.Scored {
				if want, ok := score[s.Item.ID]; !ok || s.Score != want {
					t.Errorf("%s scores %v, %v in the full ranking", s.Item.ID, s.Score, want)
				}
			}
			if len(all.LeftOut) == 0 && tc.pruned {
				t.Error("the case leaves no project out: it tests nothing")
			}
		})
	}
}

// TestPickReachDamagedFeatures: stored features that cannot be decoded
// make the brochure rank every item from the rows, with the same result.
func TestPickReachDamagedFeatures(t *testing.T) {
	f := reachFixture(t)
	ctx := context.Background()
	setup, err := LoadRankSetup(f.app.Config, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	c := roadmap.Client{Name: "G", ItemsPerProject: 2, MinScore: config.DefaultMinScore, RelativeMinScore: config.DefaultRelativeMinScore,
		Themes: map[string]float64{"gpu": 3}}
	pick := func() Plan {
		job, err := f.app.PrepareBrochures(ctx, setup, true)
		if err != nil {
			t.Fatal(err)
		}
		p, err := f.app.Pick(ctx, job, c)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	want := pick()
	f.app.Store = damagedStore{f.app.Store}
	got := pick()
	if !reflect.DeepEqual(drawn(got), drawn(want)) || !reflect.DeepEqual(got.LeftOut, want.LeftOut) {
		t.Errorf("with damaged features: %v %v, want %v %v", drawn(got), got.LeftOut, drawn(want), want.LeftOut)
	}
	if len(drawn(want)) == 0 {
		t.Error("nothing drawn: the test tests nothing")
	}
}

// window lists a window's items as "rank id title score" and its total.
func window(w Window) []string {
	out := []string{fmt.Sprint(w.Total, " items")}
	for i, s := range w.Items {
		out = append(out, fmt.Sprint(w.Ranks[i], " ", s.Item.ID, " ", s.Item.Title, " ", s.Score))
	}
	return out
}

// drawn lists a plan's projects and items as "project: id title".
func drawn(p Plan) []string {
	var out []string
	for _, b := range p.Projects {
		for _, it := range b.Items {
			out = append(out, b.Project.Slug+": "+it.ID+" "+it.Title)
		}
	}
	return out
}

func problems(ps []curation.Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.String())
	}
	return out
}
