package cli

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/roadmapper/roadmapper/crawler"
	"github.com/roadmapper/roadmapper/internal/app"
	"github.com/roadmapper/roadmapper/internal/output"
	"github.com/roadmapper/roadmapper/internal/roadmap"
)

type crawlOptions struct {
	format           string
	only             []string
	report           string
	reportFormat     string
	replay           bool
	waitForRateLimit bool
	noGitHub         bool
}

func (a *App) crawlCommand() *cobra.Command {
	var o crawlOptions
	cmd := &cobra.Command{
		Use:   "crawl",
		Short: "Fetch every project's roadmap pages and GitHub data into the database",
		Long: `Fetch the roadmap pages of the configured projects, ask GitHub about their
repositories (roadmap-labelled issues, the roadmap file's last commit, repo
facts) and fetch their logos; save each project's items in the database,
which keeps the history of every crawl.

Pages are fetched politely: robots.txt is honoured, requests are limited
overall and per host, and a page that has not changed since the last crawl
costs one conditional request (304) and keeps its items. A project that
fails keeps its previous data. The GitHub token is read from the variable
named by [github].token_env (default GITHUB_TOKEN).

On a terminal a progress bar is drawn on stderr; the summary goes to stdout.

Exit status: 0 all projects fetched or unchanged; 3 some projects failed
(the rest saved); 1 nothing could be fetched; 2 usage or config error.`,
		Example: `  roadmapper crawl
  roadmapper crawl --only numpy,scipy -v
  roadmapper crawl --report nightly.md
  roadmapper crawl --replay          # re-extract archived pages, no network`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(o.format, "text", "json"); err != nil {
				return err
			}
			if o.report != "" {
				if err := checkFormat(o.reportFormat, "md", "text", "html", "json"); err != nil {
					return err
				}
				if o.report == "-" && o.format == "json" {
					return usageErr("--report - and --format json would both write to stdout; give the report a file")
				}
				path, err := a.checkOutput(o.report)
				if err != nil {
					return usageErr("--report: %v", err)
				}
				o.report = path
			} else if cmd.Flags().Changed("report-format") {
				return usageErr("--report-format needs --report FILE")
			}
			cfg, err := a.loadConfig()
			if err != nil {
				return err
			}
			if len(cfg.Projects) == 0 {
				return usageErr("%s configures no [[project]]: nothing to crawl", cfg.File)
			}
			projects, err := app.SelectProjects(cfg, splitList(o.only))
			if err != nil {
				return fmt.Errorf("--only: %w", err)
			}
			st, err := a.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			core := a.core(cfg, st)
			res, err := a.runCrawl(cmd.Context(), core, app.CrawlRequest{Projects: projects, Replay: o.replay,
				WaitForRateLimit: o.waitForRateLimit, NoGitHub: o.noGitHub})
			if err != nil {
				return err
			}
			sum, crawlID := res.Summary, res.ID
			if o.format == "json" {
				if err := output.JSON(a.Stdout, crawlSummaryJSON(crawlID, sum, o.replay)); err != nil {
					return err
				}
			} else {
				a.printCrawlSummary(a.Stdout, crawlID, sum, o.replay, projects)
			}
			exit := res.Err()
			if o.report != "" {
				if err := a.writeReport(cmd.Context(), core, crawlID, o.report, o.reportFormat); err != nil {
					// The crawl is saved; say so rather than "nothing done".
					fmt.Fprintf(a.Stderr, "roadmapper: crawl %d is saved, but its report was not written: %v\n", crawlID, err)
					if exit == nil {
						exit = roadmap.WithKind(roadmap.KindPartial, errSilent)
					}
				} else if o.report != "-" {
					out := a.Stdout
					if o.format == "json" {
						out = a.Stderr // keep stdout one JSON document
					}
					fmt.Fprintf(out, "report: %s\n", o.report)
				}
			}
			return exit
		},
	}
	f := cmd.Flags()
	f.StringSliceVar(&o.only, "only", nil, "crawl only these projects (comma-separated slugs)")
	f.StringVar(&o.format, "format", "text", "summary format: text or json")
	f.StringVar(&o.report, "report", "", "write the change report of this crawl to FILE (- for stdout)")
	f.StringVar(&o.reportFormat, "report-format", "", "report format: md, text, html or json (default: from the file extension, else md)")
	f.BoolVar(&o.replay, "replay", false, "re-extract items from the archived responses of the latest crawl, without network")
	f.BoolVar(&o.waitForRateLimit, "wait-for-rate-limit", false, "sleep until GitHub's rate limit resets (at most 1h away) instead of skipping GitHub work")
	f.BoolVar(&o.noGitHub, "no-github", false, "skip GitHub (pages and logos only)")
	cmd.PreRunE = func(*cobra.Command, []string) error {
		if o.reportFormat == "" {
			o.reportFormat = formatFromExt(o.report)
		}
		return nil
	}
	return cmd
}

// formatFromExt guesses a report format from a file name.
func formatFromExt(path string) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".html", ".htm":
		return "html"
	case ".json":
		return "json"
	case ".txt", ".text":
		return "text"
	}
	return "md"
}

func splitList(vals []string) []string {
	var out []string
	for _, v := range vals {
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// runCrawl runs a crawl through the core with a progress bar on a
// terminal (and none in verbose mode, whose log lines would break it).
func (a *App) runCrawl(ctx context.Context, core *app.App, req app.CrawlRequest) (app.CrawlResult, error) {
	var bar *progressBar
	if a.stderrIsTTY() && !a.verbose {
		bar = newProgressBar(a.rawStderr, len(req.Projects), a.Now)
		req.Progress = func(p app.CrawlProgress) { bar.step(p.Outcome.Project) }
	}
	res, err := core.Crawl(ctx, req)
	if bar != nil {
		bar.finish()
	}
	return res, err
}

// crawlJSON is the end-of-crawl summary for scripts.
type crawlJSON struct {
	Crawl       int64            `json:"crawl"`
	Replay      bool             `json:"replay,omitempty"`
	DurationMS  int64            `json:"duration_ms"`
	Fetched     int              `json:"fetched"`
	NotModified int              `json:"not_modified"`
	Failed      int              `json:"failed"`
	Added       int              `json:"items_added"`
	Removed     int              `json:"items_removed"`
	Changed     int              `json:"items_changed"`
	Bytes       int64            `json:"bytes"`
	GitHub      quotaJSON        `json:"github"`
	Projects    []projectOutcome `json:"projects"`
}

type quotaJSON struct {
	Requests    int    `json:"requests"`
	Counted     int    `json:"counted"`
	NotModified int    `json:"not_modified"`
	Retries     int    `json:"retries"`
	WaitedMS    int64  `json:"waited_ms"`
	Stopped     string `json:"stopped,omitempty"` // why GitHub work stopped (a rejected token, an unreachable API)
}

type projectOutcome struct {
	Project    string   `json:"project"`
	Status     string   `json:"status"`
	Error      string   `json:"error,omitempty"`
	Added      int      `json:"items_added"`
	Removed    int      `json:"items_removed"`
	Changed    int      `json:"items_changed"`
	Bytes      int64    `json:"bytes"`
	LogoMethod string   `json:"logo_method,omitempty"`
	LogoNote   string   `json:"logo_note,omitempty"`
	Warnings   []string `json:"warnings,omitempty"`
}

func crawlSummaryJSON(id int64, sum crawler.Summary, replay bool) crawlJSON {
	out := crawlJSON{
		Crawl: id, Replay: replay, DurationMS: sum.Duration.Milliseconds(),
		Fetched: sum.Fetched, NotModified: sum.NotModified, Failed: sum.Failed,
		Added: sum.Added, Removed: sum.Removed, Changed: sum.Changed, Bytes: sum.Bytes,
		GitHub: quotaJSON{Requests: sum.GitHub.Requests, Counted: sum.GitHub.Counted, NotModified: sum.GitHub.NotModified,
			Retries: sum.GitHub.Retries, WaitedMS: sum.GitHub.Waited.Milliseconds(), Stopped: sum.GitHub.Stopped},
		Projects: []projectOutcome{},
	}
	for _, o := range sum.Outcomes {
		out.Projects = append(out.Projects, projectOutcome{
			Project: o.Project, Status: o.Status, Error: o.Err,
			Added: o.Changes.Added, Removed: o.Changes.Removed, Changed: o.Changes.Changed,
			Bytes: o.Bytes, LogoMethod: o.LogoMethod, LogoNote: o.LogoNote, Warnings: o.Warnings,
		})
	}
	return out
}

// printCrawlSummary writes the end-of-crawl summary.
func (a *App) printCrawlSummary(w io.Writer, id int64, sum crawler.Summary, replay bool, projects []roadmap.Project) {
	kind := "crawl"
	if replay {
		kind = "replay"
	}
	hasLogo := map[string]bool{}
	for _, p := range projects {
		hasLogo[p.Slug] = p.Logo != ""
	}
	noSource := 0
	for _, o := range sum.Outcomes {
		if o.Status == roadmap.StatusNoSource {
			noSource++
		}
	}
	fmt.Fprintf(w, "%s %d: %s in %s: %d fetched, %d not modified, %d failed, %d with no roadmap source\n",
		kind, id, plural(len(sum.Outcomes), "project"), sum.Duration.Round(10*time.Millisecond), sum.Fetched, sum.NotModified, sum.Failed, noSource)
	fmt.Fprintf(w, "items: %d added, %d removed, %d changed; %s downloaded\n",
		sum.Added, sum.Removed, sum.Changed, humanBytes(sum.Bytes))
	if q := sum.GitHub; q.Requests > 0 {
		fmt.Fprintf(w, "github: %d requests, %d counted against the rate limit, %d not modified (free), %d retries, %s waiting\n",
			q.Requests, q.Counted, q.NotModified, q.Retries, q.Waited.Round(time.Millisecond))
	}
	var failed, notes []roadmap.Cause
	for _, o := range sum.Outcomes {
		if o.Status == roadmap.StatusFailed {
			failed = append(failed, roadmap.Cause{Project: o.Project, Text: o.Err})
		}
		for _, wmsg := range o.Warnings {
			if wmsg == o.Err || strings.HasSuffix(o.Err, wmsg) {
				continue // already printed as the failure
			}
			if sum.GitHub.Stopped != "" && strings.HasSuffix(wmsg, sum.GitHub.Stopped) {
				continue // the one line of the crawl's error
			}
			notes = append(notes, roadmap.Cause{Project: o.Project, Text: wmsg})
		}
		switch {
		case !hasLogo[o.Project]:
		case o.LogoMethod == roadmap.LogoMonogram:
			n := "logo fell back to a monogram"
			if o.LogoNote != "" {
				n += ": " + o.LogoNote
			}
			notes = append(notes, roadmap.Cause{Project: o.Project, Text: n})
		case o.LogoMethod == "" && o.LogoNote != "" && o.LogoNote != "logo not modified":
			notes = append(notes, roadmap.Cause{Project: o.Project, Text: o.LogoNote})
		}
	}
	printCauses(w, "failed:", failed)
	sort.SliceStable(notes, func(i, j int) bool { return notes[i].Project < notes[j].Project })
	printCauses(w, "notes:", notes)
}

// printCauses writes a heading and one line per cause: a project and its
// message, or a cause shared by several projects once, with their count and
// names.
func printCauses(w io.Writer, heading string, causes []roadmap.Cause) {
	if len(causes) == 0 {
		return
	}
	fmt.Fprintln(w, heading)
	for _, g := range roadmap.GroupCauses(causes) {
		if len(g.Projects) == 1 {
			fmt.Fprintf(w, "  %-18s %s\n", g.Projects[0], cleanCell(g.Text))
			continue
		}
		fmt.Fprintf(w, "  %-18s %s: %s\n", plural(len(g.Projects), "project"), cleanCell(g.Text), strings.Join(g.Projects, ", "))
	}
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
