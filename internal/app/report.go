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
	if in.Events, err = st.Events(ctx, id); err != nil {
		return in, fmt.Errorf("load changes of crawl %d: %w", id, err)
	}
	if in.Fetches, err = st.Fetches(ctx, id); err != nil {
		return in, fmt.Errorf("load fetches of crawl %d: %w", id, err)
	}
	ids := make([]string, 0, len(in.Events))
	for _, e := range in.Events {
		ids = append(ids, e.ItemID)
	}
	in.Items = map[string]roadmap.Item{}
	if len(ids) > 0 {
		// Only rename detection reads an item's text, and only between
		// items removed and added in one project: the first crawl of a
		// large registry adds every item and needs none of their text.
		items, err := st.Items(ctx, store.ItemQuery{IDs: ids, IncludeRemoved: true, NoText: true})
		if err != nil {
			return in, fmt.Errorf("load changed items: %w", err)
		}
		for _, it := range items {
			in.Items[it.ID] = it
		}
		if rn := renameCandidates(in.Events); len(rn) > 0 {
			items, err := st.Items(ctx, store.ItemQuery{IDs: rn, IncludeRemoved: true})
			if err != nil {
				return in, fmt.Errorf("load changed items: %w", err)
			}
			for _, it := range items {
				in.Items[it.ID] = it
			}
		}
	}
	if in.Audit, err = a.auditAt(ctx, id); err != nil {
		return in, err
	}
	prev, err := st.PreviousCrawl(ctx, id)
	switch {
	case errors.Is(err, store.ErrNotFound):
	case err != nil:
		return in, err
	default:
		in.Previous = &prev
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

// renameCandidates lists the items of events in projects that both lost
// and gained items: the ones the report compares for renames.
func renameCandidates(events []roadmap.ItemEvent) []string {
	type kinds struct{ added, removed bool }
	seen := map[string]kinds{}
	for _, e := range events {
		k := seen[e.Project]
		switch e.Kind {
		case roadmap.EventAdded:
			k.added = true
		case roadmap.EventRemoved:
			k.removed = true
		}
		seen[e.Project] = k
	}
	var ids []string
	for _, e := range events {
		if k := seen[e.Project]; k.added && k.removed && (e.Kind == roadmap.EventAdded || e.Kind == roadmap.EventRemoved) {
			ids = append(ids, e.ItemID)
		}
	}
	return ids
}
