package app

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/roadmapper/roadmapper/internal/audit"
	"github.com/roadmapper/roadmapper/internal/roadmap"
	"github.com/roadmapper/roadmapper/internal/store"
)

// ProjectView is everything known about one project: its configuration,
// the audit's verdict, its current items in roadmap order, its crawl
// history and what changed in its items.
type ProjectView struct {
	Project  roadmap.Project
	Finding  audit.Finding
	Snapshot *roadmap.ProjectSnapshot // latest; nil before its first crawl
	Items    []roadmap.Item
	History  []roadmap.ProjectSnapshot // newest first
	Crawls   map[int64]roadmap.Crawl   // of History, for their dates
	Events   []roadmap.ItemEvent       // newest crawl first
	HasLogo  bool
}

// ProjectView gathers the view of project slug (KindNotFound when it is
// not configured); history and events are cut to limit entries.
func (a *App) ProjectView(ctx context.Context, slug string, limit int) (ProjectView, error) {
	p, ok := a.Config.Project(slug)
	if !ok {
		return ProjectView{}, roadmap.Errorf(roadmap.KindNotFound, "no configured project %q", slug)
	}
	v := ProjectView{Project: p, Crawls: map[int64]roadmap.Crawl{}}
	hist, err := a.Store.History(ctx, slug, limit)
	if err != nil {
		return v, err
	}
	v.History = hist
	if len(hist) > 0 {
		v.Snapshot = &hist[0]
	}
	for _, h := range hist {
		if _, seen := v.Crawls[h.CrawlID]; !seen {
			if c, err := a.Store.Crawl(ctx, h.CrawlID); err == nil {
				v.Crawls[h.CrawlID] = c
			}
		}
	}
	recent := hist
	if len(recent) > 5 {
		recent = recent[:5]
	}
	v.Finding = audit.Classify([]roadmap.Project{p}, map[string][]roadmap.ProjectSnapshot{slug: recent}, AuditSettings(a.Config), a.now())[0]
	if v.Events, err = a.Store.ProjectEvents(ctx, slug, limit); err != nil {
		return v, err
	}
	if v.Items, err = a.Store.Items(ctx, store.ItemQuery{Projects: []string{slug}}); err != nil {
		return v, fmt.Errorf("load items of %s: %w", slug, err)
	}
	sortItemsByRoadmap(v.Items)
	if _, err := a.Store.Logo(ctx, slug); err == nil {
		v.HasLogo = true
	} else if !errors.Is(err, store.ErrNotFound) {
		return v, err
	}
	return v, nil
}

// Logo returns a project's stored logo; KindNotFound when it has none.
func (a *App) Logo(ctx context.Context, slug string) (roadmap.Logo, error) {
	l, err := a.Store.Logo(ctx, slug)
	if errors.Is(err, store.ErrNotFound) {
		return l, roadmap.WithKind(roadmap.KindNotFound, err)
	}
	return l, err
}

// Crawls lists the newest crawls, at most limit.
func (a *App) Crawls(ctx context.Context, limit int) ([]roadmap.Crawl, error) {
	return a.Store.Crawls(ctx, limit)
}

// sortItemsByRoadmap orders one project's items as its roadmap does: document
// sections before tracker issues (roadmap.SourceKind.Order), then by position.
func sortItemsByRoadmap(items []roadmap.Item) {
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		if ka, kb := roadmap.SourceOf(a.Source).Order, roadmap.SourceOf(b.Source).Order; ka != kb {
			return ka < kb
		}
		if a.Position != b.Position {
			return a.Position < b.Position
		}
		return a.ID < b.ID
	})
}
