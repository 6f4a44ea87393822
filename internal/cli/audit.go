package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/roadmapper/roadmapper/config"
	"github.com/roadmapper/roadmapper/internal/audit"
	"github.com/roadmapper/roadmapper/internal/roadmap"
	"github.com/roadmapper/roadmapper/internal/store"
)

type auditOptions struct {
	format string
}

func (a *App) auditCommand() *cobra.Command {
	var o auditOptions
	cmd := &cobra.Command{
		Use:   "audit",
		Short: "Say which projects lack a current, substantial roadmap, with evidence",
		Long: `Classify every configured project from the database (no network):

  good         a roadmap updated within [audit].stale_after, with enough substance
  stale        last updated longer ago than [audit].stale_after (default 730d)
  thin         fewer than [audit].min_items items or [audit].min_words words
  none         no roadmap configured or found, and no roadmap-labelled issues
  unreachable  configured, but the latest crawl could not fetch it (our
               problem, not the project's)

The date comes from the roadmap file's last commit on GitHub, else the page's
Last-Modified header, else dates the document states about itself; when the
text dates itself well before its last commit, the text wins. Every row
carries its evidence and a one-line reason; a summary line closes the table.`,
		Example: `  roadmapper audit
  roadmapper audit --format md > audit.md
  roadmapper audit --format json | jq '.[] | select(.status != "good")'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(o.format, "table", "json", "csv", "md"); err != nil {
				return err
			}
			cfg, err := a.loadConfig()
			if err != nil {
				return err
			}
			st, err := a.openExistingStore(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			if _, err := st.LatestCrawl(cmd.Context()); errors.Is(err, store.ErrNotFound) {
				fmt.Fprintln(a.Stderr, "note: the database holds no finished crawl yet; run 'roadmapper crawl' for a real audit")
			}
			findings, err := a.auditAt(cmd.Context(), cfg, st, 0)
			if err != nil {
				return err
			}
			return audit.Write(a.Stdout, findings, o.format)
		},
	}
	cmd.Flags().StringVar(&o.format, "format", "table", "output format: table, json, csv or md")
	return cmd
}

// auditSettings maps the [audit] table.
func auditSettings(cfg *config.Config) audit.Settings {
	return audit.Settings{StaleAfter: cfg.Audit.StaleAfter.Duration, MinItems: cfg.Audit.MinItems, MinWords: cfg.Audit.MinWords}
}

// auditAt classifies the projects as they stood after crawl upTo (0: now).
func (a *App) auditAt(ctx context.Context, cfg *config.Config, st *store.Store, upTo int64) ([]audit.Finding, error) {
	history, err := projectHistory(ctx, st, cfg.Projects, upTo)
	if err != nil {
		return nil, err
	}
	now := a.Now()
	if upTo > 0 {
		if c, err := st.Crawl(ctx, upTo); err == nil {
			now = c.StartedAt
			if !c.FinishedAt.IsZero() {
				now = c.FinishedAt
			}
		}
	}
	return audit.Classify(cfg.Projects, history, auditSettings(cfg), now), nil
}

// projectHistory loads recent snapshots per project, newest first, of
// crawls up to upTo (0: all).
func projectHistory(ctx context.Context, st *store.Store, projects []roadmap.Project, upTo int64) (map[string][]roadmap.ProjectSnapshot, error) {
	history := make(map[string][]roadmap.ProjectSnapshot, len(projects))
	for _, p := range projects {
		hs, err := st.History(ctx, p.Slug, 50)
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
