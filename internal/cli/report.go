package cli

import (
	"context"
	"io"

	"github.com/spf13/cobra"

	"github.com/roadmapper/roadmapper/internal/app"
	"github.com/roadmapper/roadmapper/internal/fileout"
	"github.com/roadmapper/roadmapper/internal/report"
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
from the database alone. It starts with what needs attention (projects newly
failing or that lost all their items, roadmaps no longer good, a GitHub rate
limit or a rejected token, one line per cause), then the projects added to or
removed from the configuration, how each project's crawl went, the GitHub
quota, items added, removed and changed per project (with "probably renamed"
pairs, and what changed in a changed item), audit status changes and the new
roadmap-labelled issues with the most demand. The first report of a database
only counts what each project has.

--format text is plain text for mail (no escapes); HTML escapes everything
crawled; Markdown is safe to paste into chat. 'roadmapper crawl --report
FILE' writes the same report right after a crawl.`,
		Example: `  roadmapper report
  roadmapper report --format text | mail -s "roadmapper" team@example.org
  roadmapper report --run 12 --format html > crawl-12.html`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(o.format, "md", "text", "html", "json"); err != nil {
				return err
			}
			core, closeStore, err := a.readCore(cmd.Context())
			if err != nil {
				return err
			}
			defer closeStore()
			return a.renderReport(cmd.Context(), core, o.run, a.Stdout, o.format)
		},
	}
	cmd.Flags().Int64Var(&o.run, "run", 0, "crawl ID to report on (default: the latest finished crawl)")
	cmd.Flags().StringVar(&o.format, "format", "md", "output format: md, text, html or json")
	return cmd
}

// writeReport writes the report of crawl id to path ("-": stdout),
// through a temporary file and a rename.
func (a *App) writeReport(ctx context.Context, core *app.App, id int64, path, format string) error {
	if path == "-" {
		return a.renderReport(ctx, core, id, a.Stdout, format)
	}
	return fileout.Write(path, func(w io.Writer) error {
		return a.renderReport(ctx, core, id, w, format)
	})
}

// renderReport builds the report of crawl id (0: the latest) and writes it.
func (a *App) renderReport(ctx context.Context, core *app.App, id int64, w io.Writer, format string) error {
	rep, err := core.Report(ctx, id)
	if err != nil && id != 0 {
		return typedArgument(err) // --run names a crawl that is not there
	}
	if err != nil {
		return err
	}
	return report.Write(w, rep, format)
}
