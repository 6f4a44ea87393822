package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/roadmapper/roadmapper/internal/report"
	"github.com/roadmapper/roadmapper/internal/roadmap"
	"github.com/roadmapper/roadmapper/internal/store"
)

// Report compares crawl id (0: the latest finished one) with the crawl
// before it. A missing crawl is KindNotFound.
func (a *App) Report(ctx context.Context, id int64) (report.Report, error) {
	if id == 0 {
		c, err := a.Store.LatestCrawl(ctx)
		if errors.Is(err, store.ErrNotFound) {
			return report.Report{}, roadmap.Errorf(roadmap.KindNotFound, "the database holds no finished crawl yet: run 'roadmapper crawl' first")
		}
		if err != nil {
			return report.Report{}, err
		}
		id = c.ID
	}
	in, err := a.reportInput(ctx, id)
	if err != nil {
		return report.Report{}, err
	}
	return report.Build(in), nil
}

func (a *App) reportInput(ctx context.Context, id int64) (report.Input, error) {
	st := a.Store
	crawl, err := st.Crawl(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return report.Input{}, roadmap.Errorf(roadmap.KindNotFound, "no crawl with ID %d", id)
	}
	if err != nil {
		return report.Input{}, err
	}
	in := report.Input{Crawl: crawl, Projects: a.Config.Projects}
	if in.Snapshots, err = st.Snapshots(ctx, id); err != nil {
		return in, fmt.Errorf("load snapshots of crawl %d: %w", id, err)
	}
	if in.Fetches, err = st.Fetches(ctx, id); err != nil {
		return in, fmt.Errorf("load fetches of crawl %d: %w", id, err)
	}
	prev, err := st.PreviousCrawl(ctx, id)
	switch {
	case errors.Is(err, store.ErrNotFound):
	case err != nil:
		return in, err
	default:
		in.Previous = &prev
	}
	if in.Events, in.Counted, err = a.reportEvents(ctx, id, in.Previous == nil); err != nil {
		return in, fmt.Errorf("load changes of crawl %d: %w", id, err)
	}
	if in.Items, err = a.reportItems(ctx, in.Events, in.Previous == nil); err != nil {
		return in, err
	}
	if in.Audit, err = a.auditAt(ctx, id); err != nil {
		return in, err
	}
	if in.Previous != nil {
		if in.SeenBefore, err = st.ProjectsBefore(ctx, id); err != nil {
			return in, err
		}
		if in.PrevSnapshots, err = st.Snapshots(ctx, prev.ID); err != nil {
			return in, fmt.Errorf("load snapshots of crawl %d: %w", prev.ID, err)
		}
		if in.PrevAudit, err = a.auditAt(ctx, prev.ID); err != nil {
			return in, err
		}
	}
	return in, nil
}

// reportEvents reads the item events of crawl id the report lists; the
// additions it only counts (report.CountedProjects: in a first report,
// those of projects that only gained items) come as counts per project, so
// the first report of a large registry does not hold an event per item.
func (a *App) reportEvents(ctx context.Context, id int64, first bool) ([]roadmap.ItemEvent, map[string]int, error) {
	if !first {
		evs, err := a.Store.Events(ctx, id)
		return evs, nil, err
	}
	counts, err := a.Store.EventCounts(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	return a.Store.EventsCounting(ctx, id, report.CountedProjects(counts, true))
}

// reportItems reads the items the report looks at for events (see
// report.ItemsNeeded): only these, and the text only of those it compares
// by text. A first crawl of a large registry adds every item and the
// report only counts them.
func (a *App) reportItems(ctx context.Context, events []roadmap.ItemEvent, first bool) (map[string]roadmap.Item, error) {
	out := map[string]roadmap.Item{}
	ids, withText := report.ItemsNeeded(events, first)
	if len(ids) == 0 {
		return out, nil
	}
	items, err := a.Store.Items(ctx, store.ItemQuery{IDs: ids, IncludeRemoved: true, NoText: true})
	if err != nil {
		return nil, fmt.Errorf("load changed items: %w", err)
	}
	for _, it := range items {
		out[it.ID] = it
	}
	if len(withText) > 0 {
		items, err := a.Store.Items(ctx, store.ItemQuery{IDs: withText, IncludeRemoved: true})
		if err != nil {
			return nil, fmt.Errorf("load changed items: %w", err)
		}
		for _, it := range items {
			out[it.ID] = it
		}
	}
	return out, nil
}
