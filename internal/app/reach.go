package app

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/roadmapper/roadmapper/internal/curation"
	"github.com/roadmapper/roadmapper/internal/rank"
	"github.com/roadmapper/roadmapper/internal/roadmap"
	"github.com/roadmapper/roadmapper/internal/store"
)

// A brochure for a client who lists no projects draws from every project,
// yet only the projects its themes, interests, preferences or curation
// reach can offer items above its intrinsic score (rank.Reach). Those are
// ranked in full; the others are ranked a batch of projects at a time and
// kept only as a summary (their place among projects, their counts), so a
// brochure's memory follows what the client can use, not the registry.

// projectSummary is what a brochure keeps of a project its client does
// not reach: where it stands among projects and why it is left out.
type projectSummary struct {
	slug  string
	top   float64   // its best item's score, aside or not: its place
	best  float64   // its best score of an item that may be chosen
	count itemCount // its items
}

// summaryBatch is how many items of unreached projects are ranked at once.
const summaryBatch = 4000

// rankReach ranks for client c, who lists no projects, the current items
// of the projects it reaches, and sums up the rest. It returns false when
// it cannot tell the reached projects from the stored features (some
// items have none, or they are damaged): the caller then ranks all items.
func (a *App) rankReach(ctx context.Context, c *roadmap.Client, themes []rank.Theme, cur *curation.Curation) (*Ranked, []projectSummary, bool, error) {
	key := rank.FeatureKey(themes)
	_, covered, err := a.Store.FeaturesCover(ctx, key, nil)
	if err != nil || !covered {
		return nil, nil, false, err
	}
	snaps, err := a.latestSnapshots(ctx)
	if err != nil {
		return nil, nil, false, fmt.Errorf("load items: %w", err)
	}
	r := newRanked(snaps)
	q := rank.NewInterests(c.Interests)
	reach := rank.NewReach(themes, c)
	named := map[string]bool{} // projects the client or the curation names
	for _, p := range c.PreferProjects {
		named[p] = true
	}
	if cur != nil {
		for _, e := range cur.Entries {
			p, _, _ := strings.Cut(e.ID, "/")
			named[p] = true
		}
	}

	// The reached projects' lean items, the reached projects read from
	// their rows, the reached items to scan (read with their text); the
	// unreached projects summed up, a batch at a time.
	reached := forRanking{feats: map[string]*rank.Features{}, scanned: rank.NewScanned(themes, 0)}
	var full, scan []string
	var others []projectSummary
	var outside rank.Outside
	batch := forRanking{items: make([]roadmap.Item, 0, summaryBatch+256), feats: map[string]*rank.Features{}}
	sumUp := func() {
		if len(batch.items) == 0 {
			return
		}
		in := a.rankInput(r, c, themes)
		in.Items, in.Features, in.Brief = batch.items, batch.feats, true
		others = append(others, summarise(rank.Rank(in))...)
		// Nothing of the batch is kept: the next one reuses its room.
		clear(batch.items)
		batch.items = batch.items[:0]
		clear(batch.feats)
	}
	err = a.eachProjectFeatures(ctx, key, nil, themes, q, func(project string, items []leanEntry, rows bool) {
		hit := named[project] || slices.ContainsFunc(items, func(e leanEntry) bool { return !e.usable || reach.Reaches(e.f) })
		switch {
		case rows:
			full = append(full, project)
		case hit:
			scan = reached.addLean(items, scan)
		default:
			for _, e := range items {
				batch.feats[e.it.ID] = e.f.Clone()
				batch.items = append(batch.items, e.it)
				outside.Items++
				outside.DocLen += e.f.DocLen()
			}
			if len(batch.items) >= summaryBatch {
				sumUp()
			}
		}
	})
	if errors.Is(err, errDamagedFeatures) {
		return nil, nil, false, nil // the full ranking reads the rows instead
	}
	if err != nil {
		return nil, nil, false, fmt.Errorf("load items: %w", err)
	}
	sumUp()

	// The reached projects whose items need their rows, and the reached
	// items the interests may match, with their text.
	if len(full) > 0 {
		if err := a.readRows(ctx, &reached, full, themes, q); err != nil {
			return nil, nil, false, fmt.Errorf("load items: %w", err)
		}
	}
	if len(scan) > 0 {
		items, err := a.Store.Items(ctx, store.ItemQuery{IDs: scan})
		if err != nil {
			return nil, nil, false, fmt.Errorf("load items: %w", err)
		}
		reached.items = append(reached.items, items...)
	}
	in := a.rankInput(r, c, themes)
	in.Items, in.Features, in.Scanned, in.Outside = reached.items, reached.feats, reached.scanned, outside
	r.Scored = rank.Rank(in)
	if err := a.curate(ctx, r, cur); err != nil {
		return nil, nil, false, err
	}
	// A curation entry whose item is gone is matched against every
	// current item when its project has none: only the full ranking has
	// them all.
	for _, pr := range r.Problems {
		if p, _, _ := strings.Cut(pr.Entry.ID, "/"); !hasProject(r.Scored, p) {
			return nil, nil, false, nil
		}
	}
	return r, others, true, nil
}

// summarise sums up a ranking per project.
func summarise(scored []rank.Scored) []projectSummary {
	at := map[string]int{}
	var out []projectSummary
	for _, s := range scored {
		p := s.Item.Project
		i, ok := at[p]
		if !ok {
			i = len(out)
			at[p] = i
			out = append(out, projectSummary{slug: p, top: s.Score})
		}
		ps := &out[i]
		ps.count.items++
		if !s.Aside {
			ps.count.concrete++
		}
		if !s.Aside && s.Excluded == "" && s.Score > ps.best {
			ps.best = s.Score
		}
	}
	return out
}

// hasProject says whether scored holds an item of project p.
func hasProject(scored []rank.Scored, p string) bool {
	for _, s := range scored {
		if s.Item.Project == p {
			return true
		}
	}
	return false
}

// mergeOrder is the order of projects of a ranking of every item: the
// reached projects' (projectOrder of scored) and the others', by their
// best item's score, then slug, as the full ranking orders them.
func mergeOrder(scored []rank.Scored, others []projectSummary) []string {
	top := map[string]float64{}
	for _, s := range scored {
		if t, ok := top[s.Item.Project]; !ok || s.Score > t {
			top[s.Item.Project] = s.Score
		}
	}
	for _, o := range others {
		top[o.slug] = o.top
	}
	order := slices.Collect(maps.Keys(top))
	slices.SortFunc(order, func(x, y string) int {
		if top[x] != top[y] {
			if top[x] > top[y] {
				return -1
			}
			return 1
		}
		return strings.Compare(x, y)
	})
	return order
}
