package cli

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/roadmapper/roadmapper/config"
	"github.com/roadmapper/roadmapper/internal/fileout"
	"github.com/roadmapper/roadmapper/internal/report"
	"github.com/roadmapper/roadmapper/internal/roadmap"
	"github.com/roadmapper/roadmapper/internal/store"
)

type reportOptions struct {
	run    int64
	format string
}

func (a *App) reportCommand() *cobra.Command {
	var o reportOptions
	cmd := &cobra.Command{
		Use:   "report",
		Short: "Report what one crawl changed compared with the crawl before it",
		Long: `Compare one crawl (default: the latest finished one) with the crawl before it,
from the database alone: projects fetched, not modified and failed (with the
error), GitHub quota spent, items added, removed and changed per project
(with "probably renamed" pairs), audit status changes, and the new
roadmap-labelled issues with the most demand.

HTML output escapes everything crawled; Markdown output is safe to paste
into chat or e-mail. 'roadmapper crawl --report FILE' writes the same
report right after a crawl.`,
		Example: `  roadmapper report
  roadmapper report --run 12 --format html > crawl-12.html`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(o.format, "md", "html", "json"); err != nil {
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
			id := o.run
			if id == 0 {
				c, err := st.LatestCrawl(cmd.Context())
				if errors.Is(err, store.ErrNotFound) {
					return withCode(ExitFailure, errors.New("the database holds no finished crawl yet: run 'roadmapper crawl' first"))
				}
				if err != nil {
					return err
				}
				id = c.ID
			}
			return a.renderReport(cmd.Context(), cfg, st, id, a.Stdout, o.format)
		},
	}
	cmd.Flags().Int64Var(&o.run, "run", 0, "crawl ID to report on (default: the latest finished crawl)")
	cmd.Flags().StringVar(&o.format, "format", "md", "output format: md, html or json")
	return cmd
}

// writeReport writes the report of crawl id to path ("-": stdout),
// through a temporary file and a rename.
func (a *App) writeReport(ctx context.Context, cfg *config.Config, st *store.Store, id int64, path, format string) error {
	if path == "-" {
		return a.renderReport(ctx, cfg, st, id, a.Stdout, format)
	}
	return fileout.Write(path, func(w io.Writer) error {
		return a.renderReport(ctx, cfg, st, id, w, format)
	})
}

// renderReport builds and renders the report of crawl id.
func (a *App) renderReport(ctx context.Context, cfg *config.Config, st *store.Store, id int64, w io.Writer, format string) error {
	in, err := a.reportInput(ctx, cfg, st, id)
	if err != nil {
		return err
	}
	return report.Write(w, report.Build(in), format)
}

func (a *App) reportInput(ctx context.Context, cfg *config.Config, st *store.Store, id int64) (report.Input, error) {
	crawl, err := st.Crawl(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return report.Input{}, withCode(ExitFailure, fmt.Errorf("no crawl with ID %d", id))
	}
	if err != nil {
		return report.Input{}, err
	}
	in := report.Input{Crawl: crawl, Projects: cfg.Projects}
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
		items, err := st.Items(ctx, store.ItemQuery{IDs: ids, IncludeRemoved: true})
		if err != nil {
			return in, fmt.Errorf("load changed items: %w", err)
		}
		for _, it := range items {
			in.Items[it.ID] = it
		}
	}
	if in.Audit, err = a.auditAt(ctx, cfg, st, id); err != nil {
		return in, err
	}
	prev, err := st.PreviousCrawl(ctx, id)
	switch {
	case errors.Is(err, store.ErrNotFound):
	case err != nil:
		return in, err
	default:
		in.Previous = &prev
		if in.PrevSnapshots, err = st.Snapshots(ctx, prev.ID); err != nil {
			return in, fmt.Errorf("load snapshots of crawl %d: %w", prev.ID, err)
		}
		if in.PrevAudit, err = a.auditAt(ctx, cfg, st, prev.ID); err != nil {
			return in, err
		}
	}
	return in, nil
}
