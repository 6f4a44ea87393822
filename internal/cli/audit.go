package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/roadmapper/roadmapper/internal/output"
)

type auditOptions struct {
	format string
	survey bool
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
carries its evidence and a one-line reason; a summary line closes the table.

--survey answers the survey question instead: "N projects: X% publish a
roadmap, Y% a current and substantial one (2018 survey: about 50% and 25%)",
then the same per group when the registry names groups (the NumFOCUS
registry: sponsored, affiliated), then the trend over the last 12 finished
crawls when there are two or more. --format html draws it as a small chart.`,
		Example: `  roadmapper audit
  roadmapper audit --format md > audit.md
  roadmapper audit --format json | jq '.[] | select(.status != "good")'
  roadmapper --config numfocus audit --survey
  roadmapper audit --survey --format html > survey.html`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			formats := []string{"table", "json", "csv", "md"}
			if o.survey {
				formats = []string{"table", "json", "md", "html"}
			}
			if err := checkFormat(o.format, formats...); err != nil {
				return err
			}
			core, closeStore, err := a.readCore(cmd.Context())
			if err != nil {
				return err
			}
			defer closeStore()
			if o.survey {
				s, res, err := core.Survey(cmd.Context())
				if res.NoFinishedCrawl {
					fmt.Fprintln(a.Stderr, "note: the database holds no finished crawl yet; run 'roadmapper crawl' for a real survey")
				}
				if err != nil {
					return err
				}
				return output.Survey(a.Stdout, s, o.format)
			}
			res, err := core.Audit(cmd.Context())
			if res.NoFinishedCrawl {
				fmt.Fprintln(a.Stderr, "note: the database holds no finished crawl yet; run 'roadmapper crawl' for a real audit")
			}
			if err != nil {
				return err
			}
			return output.Audit(a.Stdout, res.Findings, o.format)
		},
	}
	cmd.Flags().StringVar(&o.format, "format", "table", "output format: table, json, csv or md (with --survey: table, json, md or html)")
	cmd.Flags().BoolVar(&o.survey, "survey", false, "print the survey figures (share publishing a roadmap, share with a good one, per group, trend) instead of the table")
	return cmd
}
