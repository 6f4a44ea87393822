package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/roadmapper/roadmapper/config"
	"github.com/roadmapper/roadmapper/crawler"
	"github.com/roadmapper/roadmapper/internal/github"
	"github.com/roadmapper/roadmapper/internal/logo"
	"github.com/roadmapper/roadmapper/internal/roadmap"
	"github.com/roadmapper/roadmapper/internal/store"
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
				if err := checkFormat(o.reportFormat, "md", "html", "json"); err != nil {
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
			projects, err := cfg.Select(splitList(o.only))
			if err != nil {
				return usageErr("--only: %v", err)
			}
			st, err := a.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			sum, crawlID, err := a.runCrawl(cmd.Context(), cfg, st, projects, o)
			if err != nil {
				return err
			}
			if o.format == "json" {
				if err := writeJSON(a.Stdout, crawlSummaryJSON(crawlID, sum, o.replay)); err != nil {
					return err
				}
			} else {
				a.printCrawlSummary(a.Stdout, crawlID, sum, o.replay, projects)
			}
			exit := crawlExit(sum)
			if o.report != "" {
				if err := a.writeReport(cmd.Context(), cfg, st, crawlID, o.report, o.reportFormat); err != nil {
					// The crawl is saved; say so rather than "nothing done".
					fmt.Fprintf(a.Stderr, "roadmapper: crawl %d is saved, but its report was not written: %v\n", crawlID, err)
					if exit == nil {
						exit = &exitError{code: ExitPartial, err: errSilent}
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
	f.StringVar(&o.reportFormat, "report-format", "", "report format: md, html or json (default: from the file extension, else md)")
	f.BoolVar(&o.replay, "replay", false, "re-extract items from the archived responses of the latest crawl, without network")
	f.BoolVar(&o.waitForRateLimit, "wait-for-rate-limit", false, "sleep until GitHub's rate limit resets instead of skipping GitHub work")
	f.BoolVar(&o.noGitHub, "no-github", false, "skip GitHub (pages and logos only)")
	cmd.PreRunE = func(*cobra.Command, []string) error {
		if o.reportFormat == "" {
			o.reportFormat = formatFromExt(o.report)
		}
		return nil
	}
	return cmd
}

// latestArchives gathers, per project, the archived responses of the newest
// crawl that fetched it, so a replay after a partial crawl (--only, or a
// brochure's crawl of a few projects) still covers every project.
func latestArchives(ctx context.Context, st *store.Store, projects []roadmap.Project) ([]roadmap.ArchivedResponse, error) {
	crawls, err := st.Crawls(ctx, 200)
	if err != nil {
		return nil, fmt.Errorf("list crawls: %w", err)
	}
	want := map[string]bool{}
	for _, p := range projects {
		want[p.Slug] = true
	}
	var out []roadmap.ArchivedResponse
	for _, c := range crawls {
		if len(want) == 0 {
			break
		}
		arch, err := st.Archived(ctx, c.ID)
		if err != nil {
			return nil, fmt.Errorf("load archive of crawl %d: %w", c.ID, err)
		}
		found := map[string]bool{}
		for _, r := range arch {
			if want[r.Project] {
				out = append(out, r)
				found[r.Project] = true
			}
		}
		for p := range found {
			delete(want, p)
		}
	}
	return out, nil
}

// formatFromExt guesses a report format from a file name.
func formatFromExt(path string) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".html", ".htm":
		return "html"
	case ".json":
		return "json"
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

// crawlExit maps a crawl summary to the promised exit codes.
func crawlExit(sum crawler.Summary) error {
	if sum.Failed == 0 {
		return nil
	}
	if sum.Fetched+sum.NotModified == 0 {
		return &exitError{code: ExitFailure, err: fmt.Errorf("nothing could be fetched: all %d projects failed", sum.Failed)}
	}
	return &exitError{code: ExitPartial, err: fmt.Errorf("%d of %d projects failed; their previous data is kept", sum.Failed, len(sum.Outcomes))}
}

// runCrawl crawls (or replays) projects into st and returns the summary.
func (a *App) runCrawl(ctx context.Context, cfg *config.Config, st *store.Store, projects []roadmap.Project, o crawlOptions) (crawler.Summary, int64, error) {
	var archived []roadmap.ArchivedResponse
	if o.replay {
		var err error
		archived, err = latestArchives(ctx, st, projects)
		if err != nil {
			return crawler.Summary{}, 0, err
		}
		if len(archived) == 0 {
			return crawler.Summary{}, 0, withCode(ExitFailure, errors.New("--replay: the database holds no archived responses to replay; run 'roadmapper crawl' first"))
		}
		a.log.Info("replaying", "responses", len(archived))
	}
	unlock, err := a.lockCrawl()
	if err != nil {
		return crawler.Summary{}, 0, err
	}
	defer unlock()
	crawl, err := st.BeginCrawl(ctx, o.replay)
	if err != nil {
		return crawler.Summary{}, 0, fmt.Errorf("start crawl: %w", err)
	}

	var gh crawler.GitHub
	if !o.replay && !o.noGitHub {
		token := a.Getenv(cfg.GitHub.TokenEnv)
		client, err := github.New(github.Options{
			BaseURL:          cfg.GitHub.APIURL,
			Token:            token,
			Labels:           cfg.GitHub.Labels,
			Cache:            st,
			WaitForRateLimit: o.waitForRateLimit,
			Timeout:          cfg.Crawl.Timeout.Duration,
			Transport:        a.GitHubTransport,
			Logger:           a.log,
			Now:              a.Now,
		})
		if err != nil {
			return crawler.Summary{}, 0, fmt.Errorf("GitHub client: %w", err)
		}
		gh = client
	}
	opts := crawler.Options{
		UserAgent:     cfg.Crawl.UserAgent,
		Concurrency:   cfg.Crawl.Concurrency,
		PerHost:       cfg.Crawl.PerHost,
		Timeout:       cfg.Crawl.Timeout.Duration,
		MaxPageBytes:  cfg.Crawl.MaxPageBytes,
		RespectRobots: cfg.Crawl.RespectRobots,
		MaxRetries:    cfg.Crawl.Retries,
		BaseBackoff:   a.BackoffBase,
		HTTPClient:    a.HTTPClient,
		Logger:        a.log,
		Now:           a.Now,
	}
	prepare := func(ctx context.Context, p roadmap.Project, data []byte, contentType string) roadmap.Logo {
		return logo.Prepare(ctx, p, data, contentType, logo.Options{})
	}
	c := crawler.New(opts, st, st, gh, prepare)

	var bar *progressBar
	if a.stderrIsTTY() && !a.verbose {
		bar = newProgressBar(a.Stderr, len(projects), a.Now)
	}
	progress := func(out crawler.Outcome) {
		if bar != nil {
			bar.step(out.Project)
		}
		a.log.Info("project done", "project", out.Project, "status", out.Status, "error", out.Err,
			"added", out.Changes.Added, "removed", out.Changes.Removed, "changed", out.Changes.Changed)
	}
	var sum crawler.Summary
	if o.replay {
		sum, err = c.Replay(ctx, crawl.ID, projects, archived, progress)
	} else {
		sum, err = c.Run(ctx, crawl.ID, projects, progress)
	}
	if bar != nil {
		bar.finish()
	}
	if err != nil {
		return sum, crawl.ID, fmt.Errorf("crawl %d: %w", crawl.ID, err)
	}
	if ctx.Err() != nil {
		// Interrupted: the projects saved so far stay saved; the crawl is
		// left unfinished, which reports flag, as after a crash.
		return sum, crawl.ID, withCode(ExitFailure, fmt.Errorf("crawl %d interrupted: %s of %d saved; the next crawl carries on normally",
			crawl.ID, plural(len(sum.Outcomes), "project"), len(projects)))
	}
	crawl.Projects = len(projects)
	crawl.Fetched, crawl.NotModified, crawl.Failed = sum.Fetched, sum.NotModified, sum.Failed
	crawl.ItemsAdded, crawl.ItemsRemoved, crawl.ItemsChanged = sum.Added, sum.Removed, sum.Changed
	crawl.Bytes = sum.Bytes
	crawl.GitHub = sum.GitHub
	if err := st.FinishCrawl(ctx, crawl); err != nil {
		return sum, crawl.ID, err
	}
	return sum, crawl.ID, nil
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
	Requests    int   `json:"requests"`
	Counted     int   `json:"counted"`
	NotModified int   `json:"not_modified"`
	Retries     int   `json:"retries"`
	WaitedMS    int64 `json:"waited_ms"`
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
			Retries: sum.GitHub.Retries, WaitedMS: sum.GitHub.Waited.Milliseconds()},
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
	var failed, notes []string
	for _, o := range sum.Outcomes {
		if o.Status == roadmap.StatusFailed {
			failed = append(failed, fmt.Sprintf("  %-18s %s", o.Project, cleanCell(o.Err)))
		}
		for _, wmsg := range o.Warnings {
			if wmsg == o.Err || strings.HasSuffix(o.Err, wmsg) {
				continue // already printed as the failure
			}
			notes = append(notes, fmt.Sprintf("  %-18s %s", o.Project, cleanCell(wmsg)))
		}
		switch {
		case !hasLogo[o.Project]:
		case o.LogoMethod == roadmap.LogoMonogram:
			n := "logo fell back to a monogram"
			if o.LogoNote != "" {
				n += ": " + o.LogoNote
			}
			notes = append(notes, fmt.Sprintf("  %-18s %s", o.Project, cleanCell(n)))
		case o.LogoMethod == "" && o.LogoNote != "" && o.LogoNote != "logo not modified":
			notes = append(notes, fmt.Sprintf("  %-18s %s", o.Project, cleanCell(o.LogoNote)))
		}
	}
	if len(failed) > 0 {
		fmt.Fprintln(w, "failed:")
		for _, l := range failed {
			fmt.Fprintln(w, l)
		}
	}
	if len(notes) > 0 {
		sort.Strings(notes)
		fmt.Fprintln(w, "notes:")
		for _, l := range notes {
			fmt.Fprintln(w, l)
		}
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
