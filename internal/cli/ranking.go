package cli

import (
	"context"
	"fmt"
	"os"
	"sort"
	"time"

	"github.com/roadmapper/roadmapper/config"
	"github.com/roadmapper/roadmapper/internal/audit"
	"github.com/roadmapper/roadmapper/internal/curation"
	"github.com/roadmapper/roadmapper/internal/rank"
	"github.com/roadmapper/roadmapper/internal/roadmap"
	"github.com/roadmapper/roadmapper/internal/store"
)

// ranked is the read side shared by items and brochure: current items
// scored for a client (or intrinsically), curated, with each project's
// roadmap date.
type ranked struct {
	Scored   []rank.Scored
	Snaps    map[string]roadmap.ProjectSnapshot
	Updated  map[string]time.Time // project → roadmap date
	Basis    map[string]string    // project → basis of that date
	Prec     map[string]string    // project → precision of that date
	Problems []curation.Problem
}

// rankSetup is what listing or choosing items needs besides the items:
// the projects asked for, the themes and the curation.
type rankSetup struct {
	projects []string
	themes   []rank.Theme
	cur      *curation.Curation
}

// loadRankSetup validates the project flag (named flag in errors) and
// loads the themes and curation.
func loadRankSetup(cfg *config.Config, projectFlag []string, flag, curationPath string) (rankSetup, error) {
	var rs rankSetup
	rs.projects = splitList(projectFlag)
	if _, err := cfg.Select(rs.projects); err != nil {
		return rs, usageErr("%s: %v", flag, err)
	}
	var err error
	if rs.themes, err = loadThemes(cfg); err != nil {
		return rs, err
	}
	if rs.cur, err = loadCuration(cfg, curationPath); err != nil {
		return rs, err
	}
	return rs, nil
}

// loadThemes reads the themes taxonomy: the configured file or the embedded default.
func loadThemes(cfg *config.Config) ([]rank.Theme, error) {
	if cfg.Rank.Themes != "" {
		data, err := os.ReadFile(cfg.Rank.Themes)
		if err != nil {
			return nil, withCode(ExitUsage, fmt.Errorf("read themes: %w", err))
		}
		th, err := rank.ParseThemes(data, cfg.Rank.Themes)
		if err != nil {
			return nil, withCode(ExitUsage, err)
		}
		return th, nil
	}
	th, err := rank.ParseThemes(config.Themes, "(built-in themes)")
	if err != nil {
		return nil, fmt.Errorf("built-in themes: %w", err)
	}
	return th, nil
}

func themeSlugs(th []rank.Theme) []string {
	out := make([]string, len(th))
	for i, t := range th {
		out[i] = t.Slug
	}
	return out
}

// loadCuration reads curation from path (flag) or the configured file; nil when neither.
func loadCuration(cfg *config.Config, path string) (*curation.Curation, error) {
	if path == "" {
		path = cfg.Rank.Curation
	}
	if path == "" {
		return nil, nil
	}
	c, err := curation.Load(path)
	if err != nil {
		return nil, withCode(ExitUsage, err)
	}
	return c, nil
}

// rankItems loads the current items of projects (all when empty) and ranks them.
func (a *App) rankItems(ctx context.Context, cfg *config.Config, st *store.Store, projects []string, client *roadmap.Client, themes []rank.Theme, cur *curation.Curation) (*ranked, error) {
	items, err := st.Items(ctx, store.ItemQuery{Projects: projects})
	if err != nil {
		return nil, fmt.Errorf("load items: %w", err)
	}
	snaps, err := st.LatestSnapshots(ctx)
	if err != nil {
		return nil, fmt.Errorf("load project state: %w", err)
	}
	r := &ranked{Snaps: snaps, Updated: map[string]time.Time{}, Basis: map[string]string{}, Prec: map[string]string{}}
	for slug, s := range snaps {
		if d, basis, _ := audit.RoadmapDate(s); !d.IsZero() {
			r.Updated[slug] = d
			r.Basis[slug] = basis
			r.Prec[slug] = audit.RoadmapPrecision(s)
		}
	}
	r.Scored = rank.Rank(rank.Input{
		Items:   items,
		Themes:  themes,
		Client:  client,
		Weights: rankWeights(cfg),
		Updated: r.Updated,
		Now:     a.Now(),
	})
	if cur != nil {
		r.Scored, r.Problems = curation.Apply(r.Scored, cur)
	}
	return r, nil
}

// rankWeights maps the [rank] table to the ranking weights.
func rankWeights(cfg *config.Config) rank.Weights {
	r := cfg.Rank
	return rank.Weights{
		Demand: r.Demand, Concreteness: r.Concreteness, Freshness: r.Freshness, Position: r.Position,
		Intrinsic: r.Intrinsic, Themes: r.ThemeFit, Interests: r.Interests, Prefer: r.Prefer,
	}
}

// sortByRoadmapOrder puts scored items in the order of the roadmaps, for
// listings without a client: projects in config order (as projects and
// audit print them), page items before GitHub issues, then position.
func sortByRoadmapOrder(s []rank.Scored, cfg *config.Config) {
	rankOf := make(map[string]int, len(cfg.Projects))
	for i, p := range cfg.Projects {
		rankOf[p.Slug] = i
	}
	source := func(it roadmap.Item) int {
		if it.Source == roadmap.SourceGitHub {
			return 1
		}
		return 0
	}
	sort.SliceStable(s, func(i, j int) bool {
		a, b := s[i].Item, s[j].Item
		switch {
		case rankOf[a.Project] != rankOf[b.Project]:
			return rankOf[a.Project] < rankOf[b.Project]
		case source(a) != source(b):
			return source(a) < source(b)
		case a.Position != b.Position:
			return a.Position < b.Position
		}
		return a.ID < b.ID
	})
}

// warnCuration prints curation entries whose items are gone.
func (a *App) warnCuration(problems []curation.Problem) {
	for _, p := range problems {
		fmt.Fprintf(a.Stderr, "warning: %s\n", p.String())
	}
}
