package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/roadmapper/roadmapper/internal/output"
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
			res, err := a.core(cfg, st).Audit(cmd.Context())
			if res.NoFinishedCrawl {
				fmt.Fprintln(a.Stderr, "note: the database holds no finished crawl yet; run 'roadmapper crawl' for a real audit")
			}
			if err != nil {
				return err
			}
			return output.Audit(a.Stdout, res.Findings, o.format)
		},
	}
	cmd.Flags().StringVar(&o.format, "format", "table", "output format: table, json, csv or md")
	return cmd
}
