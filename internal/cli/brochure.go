package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/roadmapper/roadmapper/brochure"
	"github.com/roadmapper/roadmapper/config"
	"github.com/roadmapper/roadmapper/internal/app"
	"github.com/roadmapper/roadmapper/internal/fileout"
	"github.com/roadmapper/roadmapper/internal/roadmap"
)

type brochureOptions struct {
	clients      []string
	output       string
	projects     []string
	layout       string
	pageSize     string
	includeStale bool
	strict       bool
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
--include-stale (their block then says how old the roadmap is); the
command says which were left out and why, and warns by name about every
listed or preferred project and pinned item left out (--strict makes that
an error).

--client takes a file or a directory of *.toml profiles, or the name of a
client stored in the database (made in the web app or imported with
'roadmapper clients import'), which brings its own curation (or several
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
	f.StringSliceVar(&o.clients, "client", nil, "client profile: TOML file, directory of them, or the name of a client stored in the database (repeatable)")
	f.StringVarP(&o.output, "output", "o", "", "output PDF (one client; - for stdout) or directory (several)")
	f.StringSliceVar(&o.projects, "projects", nil, "only these projects (comma-separated slugs; overrides the profile)")
	f.StringVar(&o.layout, "layout", "", "layout: pairs (two projects side by side) or flow (overrides the profile)")
	f.StringVar(&o.pageSize, "page-size", "", "page size: letter or a4 (overrides the profile)")
	f.BoolVar(&o.includeStale, "include-stale", false, "keep projects whose roadmap is older than [audit].stale_after (their block says so)")
	f.BoolVar(&o.strict, "strict", false, "fail when a project or pinned item the profile asked for is left out")
	f.Var(&o.maxAge, "max-age", "crawl first when the newest crawl of a project is older than this, e.g. 24h or 7d; 0 means [brochure].max_age")
	f.BoolVar(&o.offline, "offline", false, "never crawl; use the database as it is")
	f.StringVar(&o.curation, "curation", "", "curation file (default: [rank].curation)")
	_ = cmd.MarkFlagRequired("client")
	return cmd
}

func (a *App) runBrochure(cmd *cobra.Command, o brochureOptions) error {
	ctx := cmd.Context()
	defer a.shortRunGC(false)() // a brochure is short: collecting its garbage cost a third of its CPU
	if o.layout != "" && o.layout != roadmap.LayoutPairs && o.layout != roadmap.LayoutFlow {
		return usageErr("--layout %q: want pairs or flow", o.layout)
	}
	switch strings.ToLower(o.pageSize) {
	case "":
	case "letter":
		o.pageSize = roadmap.PageLetter
	case "a4":
		o.pageSize = roadmap.PageA4
	default:
		return usageErr("--page-size %q: want letter or a4", o.pageSize)
	}
	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	rs, err := loadRankSetup(cfg, o.projects, "--projects", o.curation)
	if err != nil {
		return err
	}
	clients, stored, files, err := a.brochureClients(ctx, cfg, o, rs)
	if err != nil {
		return err
	}
	protect := []fileout.Protected{{Path: cfg.Rank.Themes, What: "the themes file"}, {Path: cfg.Rank.Curation, What: "the curation file"}, {Path: o.curation, What: "the curation file"}}
	for _, f := range files {
		protect = append(protect, fileout.Protected{Path: f, What: "a client profile"})
	}
	outputs, err := a.brochurePaths(clients, o.output, protect)
	if err != nil {
		return err
	}
	fallback, err := app.LoadFallbackFont(cfg)
	if err != nil {
		return err
	}
	generated := a.Now()
	if s := a.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		sec, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return usageErr("SOURCE_DATE_EPOCH=%q is not a number of seconds", s)
		}
		generated = time.Unix(sec, 0).UTC()
	}

	if len(clients) == 1 {
		// The PDF document and its fonts are set up while the items are
		// chosen.
		brochure.Prewarm(clients[0].PageSize, generated, fallback)
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
	core := a.core(cfg, st)

	if !o.offline {
		maxAge := o.maxAge.Duration
		if maxAge == 0 {
			maxAge = cfg.Brochure.MaxAge.Duration
		}
		if err := a.crawlIfOld(ctx, core, clients, maxAge); err != nil {
			return err
		}
	}
	job, err := core.PrepareBrochures(ctx, rs, o.includeStale)
	if err != nil {
		return err
	}
	job.Strict = o.strict
	for i, c := range clients {
		j := job
		if stored[i] != "" {
			// A stored client brings its own curation, on top of the file's.
			cur, _, _, err := core.ClientCuration(ctx, stored[i], rs.Curation)
			if err != nil {
				return err
			}
			jc := *job
			jc.Setup.Curation = cur
			j = &jc
		}
		if err := a.makeBrochure(ctx, core, j, c, outputs[i], fallback, generated); err != nil {
			return err
		}
	}
	return nil
}

// brochureClients loads the profiles --client names: files and
// directories of them, and clients stored in the database by name (with
// their slugs in stored, "" for files), with --layout and --projects
// applied. files are the profile files read, which outputs must not
// replace.
func (a *App) brochureClients(ctx context.Context, cfg *config.Config, o brochureOptions, rs app.RankSetup) (clients []roadmap.Client, stored, files []string, err error) {
	paths, names := splitClientArgs(o.clients)
	if len(paths) > 0 {
		if files, err = config.ClientFiles(paths); err != nil {
			return nil, nil, nil, roadmap.WithKind(roadmap.KindInvalid, err)
		}
	}
	for _, f := range files {
		c, err := app.LoadClient(cfg, f, rs.Themes)
		if err != nil {
			return nil, nil, nil, err
		}
		clients = append(clients, c)
	}
	stored = make([]string, len(clients)) // slug of a client stored in the database, per client
	if len(names) > 0 {
		more, slugs, err := a.storedClients(ctx, cfg, names, rs)
		if err != nil {
			return nil, nil, nil, err
		}
		clients, stored = append(clients, more...), append(stored, slugs...)
	}
	for i := range clients {
		if o.layout != "" {
			clients[i].Layout = o.layout
		}
		if o.pageSize != "" {
			clients[i].PageSize = o.pageSize
		}
		if len(rs.Projects) > 0 {
			clients[i].Projects = rs.Projects
		}
	}
	return clients, stored, files, nil
}

// splitClientArgs separates --client values naming files or directories
// from names of clients stored in the database: a value that does not
// exist, has no path separator and does not end in .toml is a name.
func splitClientArgs(args []string) (paths, names []string) {
	for _, a := range args {
		if _, err := os.Stat(a); err != nil && !strings.ContainsRune(a, os.PathSeparator) && !strings.HasSuffix(a, ".toml") {
			names = append(names, a)
			continue
		}
		paths = append(paths, a)
	}
	return paths, names
}

// storedClients finds clients stored in the database (made in the web app
// or imported) by name or slug, and returns them with their slugs.
func (a *App) storedClients(ctx context.Context, cfg *config.Config, names []string, rs app.RankSetup) ([]roadmap.Client, []string, error) {
	st, err := a.openExistingStore(ctx)
	if err != nil {
		return nil, nil, err
	}
	defer st.Close()
	core := a.core(cfg, st)
	var clients []roadmap.Client
	var slugs []string
	for _, n := range names {
		e, err := core.StoredClient(ctx, n, rs.Themes)
		if err != nil {
			return nil, nil, roadmap.Errorf(roadmap.KindInvalid, "--client %s: no such file or directory, and %w", n, err)
		}
		if e.Err != nil {
			return nil, nil, e.Err
		}
		clients, slugs = append(clients, e.Client), append(slugs, e.Slug)
	}
	return clients, slugs, nil
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

// crawlIfOld crawls the clients' projects whose newest crawl is older
// than maxAge, saying so on stderr; another crawl running is a warning.
func (a *App) crawlIfOld(ctx context.Context, core *app.App, clients []roadmap.Client, maxAge time.Duration) error {
	var bar *progressBar
	before := func(old []roadmap.Project) {
		fmt.Fprintf(a.Stderr, "crawling %s first (no crawl younger than %s; use --offline to skip)\n", plural(len(old), "project"), config.Duration{Duration: maxAge})
		if a.stderrIsTTY() && !a.verbose {
			bar = newProgressBar(a.rawStderr, len(old), a.Now)
		}
	}
	progress := func(p app.CrawlProgress) {
		if bar != nil {
			bar.step(p.Outcome.Project)
		}
	}
	r, err := core.RefreshOld(ctx, clients, maxAge, before, progress)
	if bar != nil {
		bar.finish()
	}
	if err != nil {
		return err
	}
	if r.Busy != nil {
		fmt.Fprintf(a.Stderr, "warning: %v; using the database as it is\n", r.Busy)
	}
	for _, o := range r.Failed {
		fmt.Fprintf(a.Stderr, "warning: %s could not be crawled (%s); using its previous data if any\n", o.Project, cleanCell(o.Err))
	}
	return nil
}

// leftOutListed is how many projects left out for one same reason are
// named before the rest are counted (all with --verbose).
const leftOutListed = 10

// sayLeftOut says which projects the brochure at path leaves out and why.
// A reason shared by more than leftOutListed projects (a themed client
// over a large registry: "no item scores 0.34 or more") names the first
// ones and counts the rest, unless --verbose.
func (a *App) sayLeftOut(path string, left []app.LeftOut) {
	count := map[string]int{}
	for _, l := range left {
		count[l.Reason]++
	}
	said := map[string]int{}
	for _, l := range left {
		if !a.verbose && count[l.Reason] > leftOutListed {
			if said[l.Reason]++; said[l.Reason] > leftOutListed {
				continue
			}
		}
		fmt.Fprintf(a.Stderr, "%s: left out %s\n", path, l)
	}
	for _, l := range left {
		if n := count[l.Reason] - leftOutListed; !a.verbose && n > 0 && said[l.Reason] > leftOutListed {
			fmt.Fprintf(a.Stderr, "%s: left out %s: %s (--verbose names them)\n", path, plural(n, "more project"), l.Reason)
			said[l.Reason] = 0 // said once
		}
	}
}

// makeBrochure picks and renders one client's brochure, saying what it
// left out and what it made.
func (a *App) makeBrochure(ctx context.Context, core *app.App, job *app.BrochureJob, c roadmap.Client, path string, fallback []byte, generated time.Time) error {
	plan, err := core.Pick(ctx, job, c)
	a.warnCuration(plan.Problems)
	a.sayLeftOut(path, plan.LeftOut)
	for _, w := range plan.Asked {
		fmt.Fprintf(a.Stderr, "warning: %s: %s (--strict makes this an error)\n", path, w)
	}
	if err != nil {
		return err
	}
	req := app.BrochureRequest{Plan: plan, Generated: generated, FallbackFont: fallback, Path: path}
	if path == "-" {
		req.W = a.rawStdout // the PDF, byte for byte
	}
	res, err := core.Brochure(ctx, req)
	if res.PlaceholderContact {
		fmt.Fprintf(a.Stderr, "warning: %s carries the built-in placeholder contact lines; put yours in a contact.tmpl under [brochure].templates, or contact = [...] in the profile\n", path)
	}
	if len(res.PlaceholderCopy) > 0 {
		fmt.Fprintf(a.Stderr, "warning: %s carries built-in placeholder copy (%s); put your own in [brochure].templates\n", path, strings.Join(res.PlaceholderCopy, ", "))
	}
	if err != nil {
		return err
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(a.Stderr, "warning: %s\n", w)
	}
	out := a.Stdout
	if path == "-" {
		out = a.Stderr // the PDF itself is on stdout
	}
	fmt.Fprintf(out, "%s: %s, %s from %s (%s) for %s\n",
		path, plural(res.Pages, "page"), plural(res.Items, "item"), plural(len(res.Projects), "project"), strings.Join(res.Projects, ", "), cleanCell(c.Name))
	return nil
}
