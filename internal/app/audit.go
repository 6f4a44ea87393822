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
	if upTo == 0 {
		if f, ok, err := a.cachedAudit(ctx); ok || err != nil {
			return f, err
		}
	}
	return a.auditOf(ctx, a.Config.Projects, upTo)
}

// auditOf classifies projects as they stood after crawl upTo (0: now),
// reading only their history.
func (a *App) auditOf(ctx context.Context, projects []roadmap.Project, upTo int64) ([]audit.Finding, error) {
	cfg, st := a.Config, a.Store
	history, err := a.projectHistory(ctx, projects, upTo)
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
	return audit.Classify(projects, history, AuditSettings(cfg), now), nil
}

// historyDepth is how many snapshots of each project the audit reads.
const historyDepth = 5

// projectHistory loads the recent snapshots of projects, newest first, of
// crawls up to upTo (0: all), in one query.
func (a *App) projectHistory(ctx context.Context, projects []roadmap.Project, upTo int64) (map[string][]roadmap.ProjectSnapshot, error) {
	var slugs []string
	if len(projects) != len(a.Config.Projects) {
		slugs = make([]string, 0, len(projects))
		for _, p := range projects {
			slugs = append(slugs, p.Slug)
		}
	}
	history, err := a.Store.Histories(ctx, slugs, upTo, historyDepth)
	if err != nil {
		return nil, fmt.Errorf("load history: %w", err)
	}
	return history, nil
}
