package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/roadmapper/roadmapper/config"
	"github.com/roadmapper/roadmapper/internal/app"
	"github.com/roadmapper/roadmapper/internal/discover"
	"github.com/roadmapper/roadmapper/internal/output"
	"github.com/roadmapper/roadmapper/internal/roadmap"
)

type discoverOptions struct {
	from   string
	format string
	write  string
}

// maxRepoList caps a --from file.
const maxRepoList = 1 << 20

func (a *App) discoverCommand() *cobra.Command {
	var o discoverOptions
	cmd := &cobra.Command{
		Use:   "discover OWNER/REPO...",
		Short: "Find where projects keep their roadmaps and propose registry entries",
		Long: `For each GitHub repository, find the project's roadmap and propose a
registry entry with the evidence and a confidence in [0, 1].

Sources: the repository (homepage, description, default branch), the git tree
of its default branch (ROADMAP.md, docs/**/roadmap.{md,rst,txt,yaml}, "roadmap"
in a docs path; never under old/ or archive/), the README's links, the
repository's labels, and the homepage and documentation front page (fetched
politely, robots.txt honoured) for links saying roadmap. Every candidate page
is fetched: one that answers an error or is a blog or news post is refused.
Also proposed: a logo (an SVG in the repository first, else the site's
og:image or icon, checked by the logo pipeline), a tagline (the GitHub
description, shortened: review it), a slug and a name.

At most 5 counted GitHub requests per repository on a first run; none on an
unchanged re-run with a token (GitHub requests are conditional and cached in
the database).

--format toml prints ready-to-paste [[project]] blocks with the evidence as
comments; a proposal with a confidence under 0.6 keeps its roadmap keys
commented out, for a person to check. --write FILE appends the entries whose
slug and repository are new to FILE, keeping its comments, after checking the
result loads as a configuration; the file is replaced atomically.

Exit codes: 0 all repositories read; 3 some could not be read (their error is
in the output); 1 none could.`,
		Example: `  roadmapper discover numpy/numpy scipy/scipy
  roadmapper discover --from repos.txt --format json > proposals.json
  roadmapper discover --from repos.txt --write roadmapper.toml`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(o.format, "toml", "json"); err != nil {
				return err
			}
			repos, err := a.repoList(args, o.from)
			if err != nil {
				return err
			}
			if len(repos) == 0 {
				return usageErr("discover: name at least one OWNER/REPO (or --from FILE)")
			}
			return a.runDiscover(cmd.Context(), repos, o)
		},
	}
	cmd.Flags().StringVar(&o.from, "from", "", "read repositories from FILE (one OWNER/REPO or GitHub URL per line, # comments; - for stdin)")
	cmd.Flags().StringVar(&o.format, "format", "toml", "output format: toml or json")
	cmd.Flags().StringVar(&o.write, "write", "", "append the new entries to this configuration file")
	return cmd
}

func (a *App) runDiscover(ctx context.Context, repos []string, o discoverOptions) error {
	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	st, err := a.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	core := a.core(cfg, st)
	res, err := a.discoverRepos(ctx, core, repos)
	if err != nil && !roadmap.IsKind(err, roadmap.KindInterrupted) {
		return err
	}
	if werr := a.writeProposals(res.Proposals, o.format); werr != nil {
		return werr
	}
	if err != nil {
		return err
	}
	if o.write != "" {
		if err := a.appendProposals(core, o.write, res.Proposals); err != nil {
			return err
		}
	}
	return proposalsOutcome(res.Proposals)
}

// discoverRepos runs discovery, saying on stderr how each repository went
// (on a terminal) and what GitHub cost.
func (a *App) discoverRepos(ctx context.Context, core *app.App, repos []string) (app.DiscoverResult, error) {
	n := 0
	progress := func(p discover.Proposal) {
		n++
		if !a.stderrIsTTY() || len(repos) < 2 {
			return
		}
		fmt.Fprintf(a.Stderr, "[%d/%d] %s\n", n, len(repos), proposalLine(p))
	}
	res, err := core.Discover(ctx, app.DiscoverRequest{Repos: repos, Progress: progress})
	q := res.GitHub
	fmt.Fprintf(a.Stderr, "github: %d requests, %d counted against the rate limit, %d not modified (free)\n", q.Requests, q.Counted, q.NotModified)
	return res, err
}

// proposalLine sums one proposal up in a line.
func proposalLine(p discover.Proposal) string {
	switch {
	case p.Err != "":
		return p.Repo + ": " + p.Err
	case !p.Found():
		return fmt.Sprintf("%s: no roadmap found", p.Repo)
	}
	where := append([]string{}, p.Roadmap...)
	if p.RoadmapFile != nil {
		where = append(where, *p.RoadmapFile)
	}
	return fmt.Sprintf("%s: %s (confidence %.2f)", p.Repo, strings.Join(where, ", "), p.Confidence)
}

func (a *App) writeProposals(ps []discover.Proposal, format string) error {
	if format == "json" {
		if ps == nil {
			ps = []discover.Proposal{}
		}
		return output.JSON(a.Stdout, ps)
	}
	_, err := a.Stdout.Write(discover.TOML(ps, a.Now()))
	return err
}

func (a *App) appendProposals(core *app.App, path string, ps []discover.Proposal) error {
	res, err := core.AppendProposals(path, ps)
	for _, s := range res.Skipped {
		fmt.Fprintf(a.Stderr, "%s: not added: %s\n", path, s)
	}
	if err != nil {
		return err
	}
	if len(res.Added) == 0 {
		fmt.Fprintf(a.Stderr, "%s: nothing new to add\n", path)
		return nil
	}
	fmt.Fprintf(a.Stderr, "%s: added %s\n", path, strings.Join(res.Added, ", "))
	return nil
}

// proposalsOutcome fails when every repository failed, and partly when some did.
func proposalsOutcome(ps []discover.Proposal) error {
	failed := 0
	for _, p := range ps {
		if p.Err != "" {
			failed++
		}
	}
	switch {
	case failed == 0:
		return nil
	case failed == len(ps):
		return roadmap.Errorf(roadmap.KindFailure, "no repository could be read")
	}
	return roadmap.Errorf(roadmap.KindPartial, "%d of %d repositories could not be read", failed, len(ps))
}

// repoList gathers repositories from the arguments and a --from file,
// dropping duplicates; a malformed name is a usage error naming it (and
// the file and line).
func (a *App) repoList(args []string, from string) ([]string, error) {
	type named struct{ repo, where string }
	var all []named
	for _, r := range args {
		all = append(all, named{r, "argument"})
	}
	if from != "" {
		var rd io.Reader
		if from == "-" {
			rd = a.Stdin
		} else {
			f, err := os.Open(from)
			if err != nil {
				return nil, roadmap.WithKind(roadmap.KindInvalid, fmt.Errorf("--from: %w", err))
			}
			defer f.Close()
			rd = f
		}
		sc := bufio.NewScanner(io.LimitReader(rd, maxRepoList))
		for line := 1; sc.Scan(); line++ {
			t, _, _ := strings.Cut(sc.Text(), "#")
			if t = strings.TrimSpace(t); t != "" {
				all = append(all, named{t, fmt.Sprintf("%s:%d", from, line)})
			}
		}
		if err := sc.Err(); err != nil {
			return nil, roadmap.WithKind(roadmap.KindInvalid, fmt.Errorf("read %s: %w", from, err))
		}
	}
	var out []string
	seen := map[string]bool{}
	for _, n := range all {
		r, ok := normalRepo(n.repo)
		if !ok {
			return nil, usageErr("%s: %q is not OWNER/REPO or a GitHub repository URL", n.where, n.repo)
		}
		if !seen[strings.ToLower(r)] {
			seen[strings.ToLower(r)] = true
			out = append(out, r)
		}
	}
	return out, nil
}

// normalRepo accepts "owner/name", "github.com/owner/name" and
// "https://github.com/owner/name[.git][/]".
func normalRepo(s string) (string, bool) {
	s = strings.TrimSpace(s)
	for _, p := range []string{"https://", "http://", "www.", "github.com/"} {
		s = strings.TrimPrefix(s, p)
	}
	s = strings.TrimSuffix(strings.TrimSuffix(s, "/"), ".git")
	owner, name, ok := strings.Cut(s, "/")
	if !ok || owner == "" || name == "" || strings.ContainsAny(name, "/?#% ") || strings.ContainsAny(owner, "/?#% .") || name == "." || name == ".." {
		return "", false
	}
	return owner + "/" + name, true
}

type addOptions struct {
	yes bool
}

func (a *App) addCommand() *cobra.Command {
	var o addOptions
	cmd := &cobra.Command{
		Use:   "add OWNER/REPO",
		Short: "Discover one repository and append its entry to the configuration",
		Long: `Discover one repository (as 'roadmapper discover' does), show the proposed
[[project]] block with its evidence, and after confirmation append it to the
configuration file (--config, $ROADMAPPER_CONFIG or ./roadmapper.toml),
keeping the file's comments and checking that the result loads. A slug or
repository already configured is not added twice. --yes skips the question.`,
		Example: `  roadmapper add pydata/xarray
  roadmapper --config lab.toml add napari/napari --yes`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			repo, ok := normalRepo(args[0])
			if !ok {
				return usageErr("%q is not OWNER/REPO or a GitHub repository URL", args[0])
			}
			path := a.configFile()
			if _, builtin, _ := config.Builtin(path); path == "" || builtin {
				return usageErr("add appends to a configuration file: give --config FILE or create ./roadmapper.toml (config/registry.toml is a complete example)")
			}
			cfg, err := a.loadConfig()
			if err != nil {
				return err
			}
			st, err := a.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			core := a.core(cfg, st)
			res, err := a.discoverRepos(cmd.Context(), core, []string{repo})
			if err != nil {
				return err
			}
			if err := a.writeProposals(res.Proposals, "toml"); err != nil {
				return err
			}
			if err := proposalsOutcome(res.Proposals); err != nil {
				return err
			}
			if !o.yes && !a.confirm(fmt.Sprintf("Append %s to %s? [y/N] ", res.Proposals[0].Slug, path)) {
				fmt.Fprintln(a.Stderr, "not added")
				return nil
			}
			return a.appendProposals(core, path, res.Proposals)
		},
	}
	cmd.Flags().BoolVarP(&o.yes, "yes", "y", false, "append without asking")
	return cmd
}

// confirm asks question on stderr and reads a yes from stdin.
func (a *App) confirm(question string) bool {
	fmt.Fprint(a.Stderr, question)
	line, _ := bufio.NewReader(io.LimitReader(a.Stdin, 1024)).ReadString('\n')
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes":
		return true
	}
	return false
}
