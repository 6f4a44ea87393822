package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/roadmapper/roadmapper/brochure"
	"github.com/roadmapper/roadmapper/config"
	"github.com/roadmapper/roadmapper/internal/audit"
	"github.com/roadmapper/roadmapper/internal/curation"
	"github.com/roadmapper/roadmapper/internal/fileout"
	"github.com/roadmapper/roadmapper/internal/rank"
	"github.com/roadmapper/roadmapper/internal/roadmap"
	"github.com/roadmapper/roadmapper/internal/store"
)

type brochureOptions struct {
	clients      []string
	output       string
	projects     []string
	layout       string
	includeStale bool
	maxAge       config.Duration
	offline      bool
	curation     string
}

func (a *App) brochureCommand() *cobra.Command {
	var o brochureOptions
	cmd := &cobra.Command{
		Use:   "brochure --client FILE [-o FILE]",
		Short: "Make a two-column PDF brochure of roadmap items chosen for a client",
		Long: `Make a PDF brochure for a client profile: per project its logo, name,
tagline and roadmap freshness, and the roadmap items ranked highest for
that client, each with a short summary and a link to its source.

The brochure is built from the database. When the database holds no crawl
of the chosen projects younger than --max-age (default [brochure].max_age,
24h), those projects are crawled first, unless --offline. Projects whose
roadmap is older than [audit].stale_after are left out unless
--include-stale; the command says which were left out and why.

--client takes a file or a directory of *.toml profiles (or several
--client flags): each profile makes its own PDF, named after the client in
the directory given by -o (or the current directory). With one profile, -o
names the PDF (default: <client>.pdf). Set SOURCE_DATE_EPOCH for
byte-identical output from the same database and profile.`,
		Example: `  roadmapper brochure --client config/clients/acme.toml -o acme.pdf
  roadmapper brochure --client config/clients/ -o brochures/ --offline
  roadmapper brochure --client acme.toml --projects numpy,scipy --layout flow`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.runBrochure(cmd, o)
		},
	}
	f := cmd.Flags()
	f.StringSliceVar(&o.clients, "client", nil, "client profile (TOML file or directory of them; repeatable)")
	f.StringVarP(&o.output, "output", "o", "", "output PDF (one client; - for stdout) or directory (several)")
	f.StringSliceVar(&o.projects, "projects", nil, "only these projects (comma-separated slugs; overrides the profile)")
	f.StringVar(&o.layout, "layout", "", "layout: pairs (two projects side by side) or flow (overrides the profile)")
	f.BoolVar(&o.includeStale, "include-stale", false, "keep projects whose roadmap is older than [audit].stale_after")
	f.Var(&o.maxAge, "max-age", "crawl first when the newest crawl of a project is older than this, e.g. 24h or 7d; 0 means [brochure].max_age")
	f.BoolVar(&o.offline, "offline", false, "never crawl; use the database as it is")
	f.StringVar(&o.curation, "curation", "", "curation file (default: [rank].curation)")
	_ = cmd.MarkFlagRequired("client")
	return cmd
}

func (a *App) runBrochure(cmd *cobra.Command, o brochureOptions) error {
	ctx := cmd.Context()
	if o.layout != "" && o.layout != roadmap.LayoutPairs && o.layout != roadmap.LayoutFlow {
		return usageErr("--layout %q: want pairs or flow", o.layout)
	}
	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	rs, err := loadRankSetup(cfg, o.projects, "--projects", o.curation)
	if err != nil {
		return err
	}
	only, themes, cur := rs.projects, rs.themes, rs.cur
	files, err := config.ClientFiles(o.clients)
	if err != nil {
		return withCode(ExitUsage, err)
	}
	var clients []roadmap.Client
	for _, f := range files {
		c, err := config.LoadClient(f, cfg.Slugs(), themeSlugs(themes))
		if err != nil {
			return withCode(ExitUsage, err)
		}
		if o.layout != "" {
			c.Layout = o.layout
		}
		if len(only) > 0 {
			c.Projects = only
		}
		clients = append(clients, c)
	}
	protect := []fileout.Protected{{Path: cfg.Rank.Themes, What: "the themes file"}, {Path: cfg.Rank.Curation, What: "the curation file"}, {Path: o.curation, What: "the curation file"}}
	for _, f := range files {
		protect = append(protect, fileout.Protected{Path: f, What: "a client profile"})
	}
	outputs, err := a.brochurePaths(clients, o.output, protect)
	if err != nil {
		return err
	}
	fallback, err := readOptional(cfg.Brochure.FallbackFont)
	if err != nil {
		return withCode(ExitUsage, fmt.Errorf("[brochure].fallback_font: %w", err))
	}
	generated := a.Now()
	if s := a.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		sec, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return usageErr("SOURCE_DATE_EPOCH=%q is not a number of seconds", s)
		}
		generated = time.Unix(sec, 0).UTC()
	}

	open := a.openStore
	if o.offline {
		open = a.openExistingStore
	}
	st, err := open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()

	if !o.offline {
		maxAge := o.maxAge.Duration
		if maxAge == 0 {
			maxAge = cfg.Brochure.MaxAge.Duration
		}
		if err := a.crawlIfOld(ctx, cfg, st, clients, maxAge); err != nil {
			return err
		}
	}
	job := &brochureJob{cfg: cfg, st: st, themes: themes, cur: cur, includeStale: o.includeStale,
		fallback: fallback, generated: generated, status: map[string]audit.Finding{}}
	if job.logos, err = st.Logos(ctx); err != nil {
		return fmt.Errorf("load logos: %w", err)
	}
	// Stale means what the audit says, so both commands agree.
	findings, err := a.auditAt(ctx, cfg, st, 0)
	if err != nil {
		return err
	}
	for _, f := range findings {
		job.status[f.Project] = f
	}
	for i, c := range clients {
		if err := a.makeBrochure(ctx, job, c, outputs[i]); err != nil {
			return err
		}
	}
	return nil
}

// brochureJob is what every client's brochure of one run shares, loaded
// once: settings, ranking inputs, logos and the audit's verdicts.
type brochureJob struct {
	cfg          *config.Config
	st           *store.Store
	themes       []rank.Theme
	cur          *curation.Curation
	includeStale bool
	fallback     []byte
	generated    time.Time
	logos        map[string]roadmap.Logo
	status       map[string]audit.Finding
}

// brochurePaths decides, before any work, the output file of each client
// and checks it can be written ("-" is stdout, for one client).
func (a *App) brochurePaths(clients []roadmap.Client, output string, protect []fileout.Protected) ([]string, error) {
	if len(clients) == 1 {
		p := output
		if p == "" {
			p = roadmap.Slug(clients[0].Name) + ".pdf"
		} else if fi, err := os.Stat(p); err == nil && fi.IsDir() {
			p = filepath.Join(p, roadmap.Slug(clients[0].Name)+".pdf")
		}
		p, err := a.checkOutput(p, protect...)
		if err != nil {
			return nil, usageErr("-o: %v", err)
		}
		return []string{p}, nil
	}
	dir := output
	if dir == "" {
		dir = "."
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return nil, usageErr("-o %s: with %d client profiles, -o must be an existing directory", output, len(clients))
	}
	out := make([]string, len(clients))
	seen := map[string]bool{}
	for i, c := range clients {
		name := roadmap.Slug(c.Name) + ".pdf"
		if seen[name] {
			return nil, usageErr("two client profiles are both named %q", c.Name)
		}
		seen[name] = true
		p, err := a.checkOutput(filepath.Join(dir, name), protect...)
		if err != nil {
			return nil, usageErr("-o: %v", err)
		}
		out[i] = p
	}
	return out, nil
}

func readOptional(path string) ([]byte, error) {
	if path == "" {
		return nil, nil
	}
	return os.ReadFile(path)
}

// crawlIfOld crawls the clients' projects whose newest crawl is older than maxAge.
func (a *App) crawlIfOld(ctx context.Context, cfg *config.Config, st *store.Store, clients []roadmap.Client, maxAge time.Duration) error {
	want := map[string]bool{}
	for _, c := range clients {
		if len(c.Projects) == 0 {
			for _, p := range cfg.Projects {
				want[p.Slug] = true
			}
		}
		for _, s := range c.Projects {
			want[s] = true
		}
	}
	snaps, err := st.LatestSnapshots(ctx)
	if err != nil {
		return fmt.Errorf("load project state: %w", err)
	}
	crawlStart := map[int64]time.Time{}
	var old []roadmap.Project
	for _, p := range cfg.Projects {
		if !want[p.Slug] {
			continue
		}
		s, ok := snaps[p.Slug]
		if ok {
			t, seen := crawlStart[s.CrawlID]
			if !seen {
				if c, err := st.Crawl(ctx, s.CrawlID); err == nil {
					t = c.StartedAt
				}
				crawlStart[s.CrawlID] = t
			}
			if a.Now().Sub(t) <= maxAge {
				continue
			}
		}
		old = append(old, p)
	}
	if len(old) == 0 {
		return nil
	}
	fmt.Fprintf(a.Stderr, "crawling %s first (no crawl younger than %s; use --offline to skip)\n", plural(len(old), "project"), config.Duration{Duration: maxAge})
	sum, _, err := a.runCrawl(ctx, cfg, st, old, crawlOptions{})
	var ee *exitError
	if errors.As(err, &ee) && strings.Contains(ee.Error(), "another crawl is running") {
		fmt.Fprintf(a.Stderr, "warning: %v; using the database as it is\n", err)
		return nil
	}
	if err != nil {
		return err
	}
	if sum.Failed > 0 {
		for _, o := range sum.Outcomes {
			if o.Status == roadmap.StatusFailed {
				fmt.Fprintf(a.Stderr, "warning: %s could not be crawled (%s); using its previous data if any\n", o.Project, cleanCell(o.Err))
			}
		}
	}
	return nil
}

// makeBrochure ranks, chooses and renders one client's brochure.
func (a *App) makeBrochure(ctx context.Context, job *brochureJob, c roadmap.Client, path string) error {
	cfg, st := job.cfg, job.st
	r, err := a.rankItems(ctx, cfg, st, c.Projects, &c, job.themes, job.cur)
	if err != nil {
		return err
	}
	a.warnCuration(r.Problems)
	explicit := map[string]bool{}
	for _, slug := range c.Projects {
		explicit[slug] = true
	}
	// Items below the profile's min_score match nothing the client cares
	// about; projects the profile names are exempt.
	relevant := r.Scored[:0:0]
	for _, s := range r.Scored {
		if s.Score >= c.MinScore || s.Pinned || explicit[s.Item.Project] {
			relevant = append(relevant, s)
		}
	}
	top := rank.Top(relevant, c.ItemsPerProject)

	// Project order: the profile's, else by each project's best item.
	var order []string
	if len(c.Projects) > 0 {
		order = c.Projects
	} else {
		seen := map[string]bool{}
		for _, s := range r.Scored {
			if !seen[s.Item.Project] {
				seen[s.Item.Project] = true
				order = append(order, s.Item.Project)
			}
		}
	}
	var blocks []brochure.Project
	var left []string
	var oldestCrawl int64
	for _, slug := range order {
		p, _ := cfg.Project(slug)
		chosen := top[slug]
		if len(chosen) == 0 {
			switch items, concrete := countItems(r.Scored, slug); {
			case concrete > 0:
				left = append(left, fmt.Sprintf("%s: no item scores %.2f or more for this client (min_score)", slug, c.MinScore))
			case items > 0:
				left = append(left, fmt.Sprintf("%s: its roadmap has only introductions and overviews, no concrete items", slug))
			case len(c.Projects) > 0:
				left = append(left, fmt.Sprintf("%s: no current roadmap items", slug))
			}
			continue
		}
		upd := r.Updated[slug]
		if f := job.status[slug]; !job.includeStale && f.Status == audit.StatusStale {
			left = append(left, fmt.Sprintf("%s: stale roadmap (%s); --include-stale keeps it", slug, f.Reason))
			continue
		}
		b := brochure.Project{Project: p, Updated: upd, UpdatedPrecision: r.Prec[slug]}
		if l, ok := job.logos[slug]; ok {
			l := l
			b.Logo = &l
		}
		for _, s := range chosen {
			b.Items = append(b.Items, s.Item)
		}
		blocks = append(blocks, b)
		if s, ok := r.Snaps[slug]; ok && (oldestCrawl == 0 || s.CrawlID < oldestCrawl) {
			oldestCrawl = s.CrawlID
		}
	}
	for _, l := range left {
		fmt.Fprintf(a.Stderr, "%s: left out %s\n", path, l)
	}
	if len(blocks) == 0 {
		hint := "run 'roadmapper crawl', or see 'roadmapper audit'"
		if len(left) > 0 {
			hint = "see the lines above; --include-stale keeps stale roadmaps"
		}
		return withCode(ExitFailure, fmt.Errorf("brochure for %s: no project has current roadmap items to show (%s)", c.Name, hint))
	}
	var crawledAt time.Time
	if oldestCrawl > 0 {
		if cr, err := st.Crawl(ctx, oldestCrawl); err == nil {
			crawledAt = cr.StartedAt
		}
	}
	copyText, err := brochure.LoadCopy(cfg.Brochure.Templates, brochure.CopyData{Client: c, Projects: blocks, Date: job.generated})
	if err != nil {
		return withCode(ExitUsage, err)
	}
	if len(c.Contact) == 0 && strings.Contains(strings.Join(copyText.Contact, " "), "example.org") {
		fmt.Fprintf(a.Stderr, "warning: %s carries the built-in placeholder contact lines; put yours in a contact.tmpl under [brochure].templates, or contact = [...] in the profile\n", path)
	}
	in := brochure.Input{
		Client:       c,
		Projects:     blocks,
		Copy:         copyText,
		Generated:    job.generated,
		CrawledAt:    crawledAt,
		FallbackFont: job.fallback,
	}
	var res brochure.Result
	if path == "-" {
		res, err = brochure.Render(a.Stdout, in)
	} else {
		res, err = brochure.WriteFile(path, in)
	}
	if err != nil {
		return withCode(ExitFailure, err)
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(a.Stderr, "warning: %s\n", w)
	}
	items := 0
	names := make([]string, 0, len(blocks))
	for _, b := range blocks {
		items += len(b.Items)
		names = append(names, b.Project.Slug)
	}
	sort.Strings(names)
	out := a.Stdout
	if path == "-" {
		out = a.Stderr // the PDF itself is on stdout
	}
	fmt.Fprintf(out, "%s: %s, %s from %s (%s) for %s\n",
		path, plural(res.Pages, "page"), plural(items, "item"), plural(len(blocks), "project"), strings.Join(names, ", "), cleanCell(c.Name))
	return nil
}

// countItems counts project's current items among scored, and those that
// are concrete roadmap items rather than introductions or overviews.
func countItems(scored []rank.Scored, project string) (items, concrete int) {
	for _, s := range scored {
		if s.Item.Project == project {
			items++
			if !s.Aside {
				concrete++
			}
		}
	}
	return items, concrete
}
