package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/roadmapper/roadmapper/config"
	"github.com/roadmapper/roadmapper/crawler"
	"github.com/roadmapper/roadmapper/internal/discover"
	"github.com/roadmapper/roadmapper/internal/fileout"
	"github.com/roadmapper/roadmapper/internal/github"
	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// DiscoverRequest names the repositories to discover.
type DiscoverRequest struct {
	Repos    []string                // "owner/name" (a github.com URL is accepted)
	Progress func(discover.Proposal) // called after each repository; may be nil
}

// DiscoverResult is the proposals, in the order asked, and what GitHub cost.
type DiscoverResult struct {
	Proposals []discover.Proposal
	GitHub    roadmap.Quota
}

// Discover proposes a registry entry for each repository: GitHub through
// the ETag cache in the database (an unchanged re-run with a token costs no
// quota), the web through the crawler's polite fetcher. Per-repository
// failures are in each proposal's Err; the error is for a run that could
// not start, or a context canceled part-way (KindInterrupted, with the
// proposals made so far).
func (a *App) Discover(ctx context.Context, req DiscoverRequest) (DiscoverResult, error) {
	cfg := a.Config
	var cache github.Cache
	if a.Store != nil {
		cache = a.Store
	}
	client, err := github.New(github.Options{
		BaseURL:   cfg.GitHub.APIURL,
		Token:     a.GitHubToken,
		Labels:    cfg.GitHub.Labels,
		Cache:     cache,
		Timeout:   cfg.Crawl.Timeout.Duration,
		Transport: a.GitHubTransport,
		Logger:    a.log(),
		Now:       a.now,
	})
	if err != nil {
		return DiscoverResult{}, roadmap.WithKind(roadmap.KindInvalid, fmt.Errorf("GitHub client: %w", err))
	}
	cr := crawler.New(a.crawlerOptions(), nopSink{}, nil, nil, nil)
	d := discover.New(client, cr.Fetcher(), discover.Options{RawBaseURL: discover.RawBaseFor(cfg.GitHub.APIURL), Now: a.now, Logger: a.log()})
	res := DiscoverResult{Proposals: d.DiscoverAll(ctx, req.Repos, req.Progress)}
	res.GitHub = client.Quota()
	if err := ctx.Err(); err != nil {
		return res, roadmap.WithKind(roadmap.KindInterrupted, fmt.Errorf("discover interrupted after %d of %d repositories: %w", len(res.Proposals), len(req.Repos), err))
	}
	return res, nil
}

// crawlerOptions are the crawler's settings from the [crawl] table.
func (a *App) crawlerOptions() crawler.Options {
	cfg := a.Config
	return crawler.Options{
		UserAgent:     cfg.Crawl.UserAgent,
		Concurrency:   cfg.Crawl.Concurrency,
		PerHost:       cfg.Crawl.PerHost,
		Timeout:       cfg.Crawl.Timeout.Duration,
		MaxPageBytes:  cfg.Crawl.MaxPageBytes,
		RespectRobots: cfg.Crawl.RespectRobots,
		MaxRetries:    retries(cfg.Crawl.Retries),
		AllowPrivate:  cfg.Crawl.AllowPrivateNets,
		BaseBackoff:   a.BackoffBase,
		HTTPClient:    a.HTTPClient,
		Logger:        a.log(),
		Now:           a.now,
	}
}

// retries maps [crawl].retries to crawler.Options.MaxRetries, whose zero
// means "the default": retries = 0 means one attempt.
func retries(n int) int {
	if n == 0 {
		return -1
	}
	return n
}

// nopSink is the sink of a crawler used only for its Fetcher.
type nopSink struct{}

func (nopSink) SaveProject(context.Context, int64, roadmap.ProjectResult) (roadmap.ProjectChanges, error) {
	return roadmap.ProjectChanges{}, errors.New("discovery saves no projects")
}

// AppendResult says what AppendProposals did to a configuration file.
type AppendResult struct {
	Added   []string // slugs appended
	Skipped []string // "owner/name: why", for proposals left out
}

// AppendProposals appends the proposals whose slug and repository are new
// to the configuration file at path (created when missing), keeping every
// byte already there, comments included. The result is loaded as a
// configuration before anything is written, and written atomically: a
// file that would not load is never written (KindInvalid, naming the line).
func (a *App) AppendProposals(path string, ps []discover.Proposal) (AppendResult, error) {
	var res AppendResult
	target, err := fileout.Check(path, fileout.DatabaseFiles(a.DBPath)...)
	if err != nil || target == "-" {
		if err == nil {
			err = errors.New("stdout is not a configuration file")
		}
		return res, roadmap.WithKind(roadmap.KindInvalid, fmt.Errorf("--write %s: %w", path, err))
	}
	existing, err := os.ReadFile(target)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return res, fmt.Errorf("read %s: %w", path, err)
	}
	slugs, repos := map[string]bool{}, map[string]bool{}
	if len(strings.TrimSpace(string(existing))) > 0 {
		cur, err := config.Parse(existing, path)
		if err != nil {
			return res, roadmap.WithKind(roadmap.KindInvalid, fmt.Errorf("the configuration to append to does not load: %w", err))
		}
		for _, p := range cur.Projects {
			slugs[p.Slug] = true
			if p.Repo != "" {
				repos[strings.ToLower(p.Repo)] = true
			}
		}
	}
	out, added, skipped := discover.Append(existing, ps, slugs, repos, a.now())
	res.Added, res.Skipped = added, skipped
	if len(added) == 0 {
		return res, nil
	}
	if _, err := config.Parse(out, path); err != nil {
		return AppendResult{Skipped: skipped}, roadmap.WithKind(roadmap.KindInvalid, fmt.Errorf("nothing written: the configuration with the new entries would not load: %w", err))
	}
	if err := fileout.Write(target, func(w io.Writer) error { _, err := w.Write(out); return err }); err != nil {
		return AppendResult{Skipped: skipped}, fmt.Errorf("write %s: %w", path, err)
	}
	return res, nil
}
