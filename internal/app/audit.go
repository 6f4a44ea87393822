package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/roadmapper/roadmapper/config"
	"github.com/roadmapper/roadmapper/internal/audit"
	"github.com/roadmapper/roadmapper/internal/roadmap"
	"github.com/roadmapper/roadmapper/internal/store"
)

// AuditResult is the audit of every configured project as it stands now.
type AuditResult struct {
	Findings []audit.Finding
	// NoFinishedCrawl is set when the database holds no finished crawl:
	// the findings then say little.
	NoFinishedCrawl bool
}

// Audit classifies every configured project from the database.
func (a *App) Audit(ctx context.Context) (AuditResult, error) {
	var res AuditResult
	if _, err := a.Store.LatestCrawl(ctx); errors.Is(err, store.ErrNotFound) {
		res.NoFinishedCrawl = true
	}
	f, err := a.auditAt(ctx, 0)
	res.Findings = f
	return res, err
}

// AuditSettings maps the [audit] table.
func AuditSettings(cfg *config.Config) audit.Settings {
	return audit.Settings{StaleAfter: cfg.Audit.StaleAfter.Duration, MinItems: cfg.Audit.MinItems, MinWords: cfg.Audit.MinWords}
}

// auditAt classifies the projects as they stood after crawl upTo (0: now).
func (a *App) auditAt(ctx context.Context, upTo int64) ([]audit.Finding, error) {
	cfg, st := a.Config, a.Store
	history, err := a.projectHistory(ctx, cfg.Projects, upTo)
	if err != nil {
		return nil, err
	}
	now := a.now()
	if upTo > 0 {
		if c, err := st.Crawl(ctx, upTo); err == nil {
			now = c.StartedAt
			if !c.FinishedAt.IsZero() {
				now = c.FinishedAt
			}
		}
	}
	return audit.Classify(cfg.Projects, history, AuditSettings(cfg), now), nil
}

// projectHistory loads recent snapshots per project, newest first, of
// crawls up to upTo (0: all).
func (a *App) projectHistory(ctx context.Context, projects []roadmap.Project, upTo int64) (map[string][]roadmap.ProjectSnapshot, error) {
	history := make(map[string][]roadmap.ProjectSnapshot, len(projects))
	for _, p := range projects {
		hs, err := a.Store.History(ctx, p.Slug, 50)
		if err != nil {
			return nil, fmt.Errorf("load history of %s: %w", p.Slug, err)
		}
		var keep []roadmap.ProjectSnapshot
		for _, h := range hs {
			if upTo == 0 || h.CrawlID <= upTo {
				keep = append(keep, h)
			}
			if len(keep) == 5 {
				break
			}
		}
		history[p.Slug] = keep
	}
	return history, nil
}
