package app

import (
	"context"
	"math"
	"strings"

	"github.com/roadmapper/roadmapper/internal/rank"
)

// Window is part of a client's ranking as a page lists it: the first
// items, then the items kept further down, in the ranking's order.
type Window struct {
	Items []rank.Scored // read in full
	Ranks []int         // each item's place in the whole ranking, from 1
	Total int           // how many items the whole ranking has
}

// RankWindow returns the first items of the ranking plan was chosen from
// (every item when first < 0) and the items further down whose IDs keep
// holds. A plan ranked from what its client reaches (see rankReach)
// serves when its first items are certain to lead the whole ranking and
// nothing kept lies below them; otherwise the whole ranking is made.
func (a *App) RankWindow(ctx context.Context, job *BrochureJob, plan Plan, first int, keep map[string]bool) (Window, error) {
	r, others := plan.Ranked, plan.others
	if r == nil || len(others) > 0 && !windowFits(r.Scored, others, first, keep) {
		c := plan.Client
		full, err := a.rank(ctx, c.Projects, &c, job.Setup.Themes, job.Setup.Curation, 0)
		if err != nil {
			return Window{}, err
		}
		r, others = full, nil
	}
	w := Window{Total: len(r.Scored)}
	for _, o := range others {
		w.Total += o.count.items
	}
	for i, s := range r.Scored {
		if first < 0 || i < first || keep[s.Item.ID] {
			w.Items = append(w.Items, s)
			w.Ranks = append(w.Ranks, i+1)
		}
	}
	if err := a.fillScored(ctx, w.Items, false); err != nil {
		return Window{}, err
	}
	return w, nil
}

// windowFits says whether the first items of a ranking of the reached
// projects are the first of the whole ranking, with nothing kept below:
// every item of the others scores less than each of them, and none is
// kept. Curation moves
// pins up within their project's places, which only lowers the least of
// those scores, so the test stays sound after it.
func windowFits(scored []rank.Scored, others []projectSummary, first int, keep map[string]bool) bool {
	if first < 0 || len(scored) < first {
		return false
	}
	least := math.Inf(1)
	for _, s := range scored[:first] {
		least = min(least, s.Score)
	}
	summed := map[string]bool{}
	for _, o := range others {
		if o.top >= least {
			return false
		}
		summed[o.slug] = true
	}
	for _, s := range scored[first:] {
		if keep[s.Item.ID] {
			return false
		}
	}
	for id := range keep {
		if p, _, _ := strings.Cut(id, "/"); summed[p] {
			return false // an item of the others: only the whole ranking places it
		}
	}
	return true
}
