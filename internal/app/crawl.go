package app

import (
	"context"
	"errors"
	"fmt"
	"github.com/roadmapper/roadmapper/brochure"
	"os"
	"syscall"
	"time"

	"github.com/roadmapper/roadmapper/config"
	"github.com/roadmapper/roadmapper/crawler"
	"github.com/roadmapper/roadmapper/internal/github"
	"github.com/roadmapper/roadmapper/internal/logo"
	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// CrawlRequest says what to crawl and how.
type CrawlRequest struct {
	Projects []roadmap.Project
	// Replay re-extracts the newest archived responses of each project
	// instead of fetching anything.
	Replay           bool
	WaitForRateLimit bool
	NoGitHub         bool
	// Progress, when set, is called after each project (from one goroutine
	// at a time).
	Progress func(CrawlProgress)
	// Stop, when closed, ends the crawl gracefully: no new project starts,
	// the ones under way finish and are saved, and Crawl returns
	// KindInterrupted (a server shutting down).
	Stop <-chan struct{}
}

// CrawlProgress is one finished project of a running crawl.
type CrawlProgress struct {
	Done, Total int
	Outcome     crawler.Outcome
}

// CrawlResult is a finished (or interrupted) crawl.
type CrawlResult struct {
	ID      int64
	Summary crawler.Summary
}

// Err says how the crawl went as an error of a kind: nil when every project
// was fetched or unchanged, KindPartial when some failed (the rest is
// saved), KindFailure when none could be fetched.
func (r CrawlResult) Err() error {
	sum := r.Summary
	stopped := ""
	if sum.GitHub.Stopped != "" {
		stopped = "; " + sum.GitHub.Stopped
	}
	switch {
	case sum.Failed == 0 && stopped != "":
		// A rejected token or an unreachable API: pages are crawled, but
		// the user must act.
		return roadmap.Errorf(roadmap.KindPartial, "%s", sum.GitHub.Stopped)
	case sum.Failed == 0:
		return nil
	case sum.Fetched+sum.NotModified == 0:
		return roadmap.Errorf(roadmap.KindFailure, "nothing could be fetched: all %d projects failed%s", sum.Failed, stopped)
	}
	return roadmap.Errorf(roadmap.KindPartial, "%d of %d projects failed; their previous data is kept%s", sum.Failed, len(sum.Outcomes), stopped)
}

// Crawl crawls (or replays) the requested projects into the store. It
// fails with KindBusy when another crawl holds the lock, KindNotFound when
// a replay finds nothing archived, and KindInterrupted when ctx is canceled
// part-way (the projects saved so far stay saved; the result says which).
func (a *App) Crawl(ctx context.Context, req CrawlRequest) (CrawlResult, error) {
	st := a.Store
	if err := ctx.Err(); err != nil {
		return CrawlResult{}, roadmap.WithKind(roadmap.KindInterrupted, fmt.Errorf("crawl: %w", err))
	}
	var archived []roadmap.ArchivedResponse
	if req.Replay {
		var err error
		archived, err = a.latestArchives(ctx, req.Projects)
		if err != nil {
			return CrawlResult{}, err
		}
		if len(archived) == 0 {
			return CrawlResult{}, roadmap.Errorf(roadmap.KindNotFound, "--replay: the database holds no archived responses to replay; run 'roadmapper crawl' first")
		}
		a.log().Info("replaying", "responses", len(archived))
	}
	unlock, err := a.lockCrawl()
	if err != nil {
		return CrawlResult{}, err
	}
	defer unlock()
	crawl, err := st.BeginCrawl(ctx, req.Replay)
	if err != nil {
		return CrawlResult{}, fmt.Errorf("start crawl: %w", err)
	}
	c, err := a.newCrawler(req)
	if err != nil {
		return CrawlResult{}, err
	}
	done := 0
	progress := func(out crawler.Outcome) {
		done++
		if req.Progress != nil {
			req.Progress(CrawlProgress{Done: done, Total: len(req.Projects), Outcome: out})
		}
		a.log().Info("project done", "project", out.Project, "status", out.Status, "error", out.Err,
			"added", out.Changes.Added, "removed", out.Changes.Removed, "changed", out.Changes.Changed)
	}
	var sum crawler.Summary
	if req.Replay {
		sum, err = c.Replay(ctx, crawl.ID, req.Projects, archived, progress)
	} else {
		sum, err = c.Run(ctx, crawl.ID, req.Projects, progress)
	}
	res := CrawlResult{ID: crawl.ID, Summary: sum}
	if err != nil && ctx.Err() != nil {
		return res, roadmap.WithKind(roadmap.KindInterrupted, fmt.Errorf("crawl %d: %w", crawl.ID, err))
	}
	if err != nil {
		return res, fmt.Errorf("crawl %d: %w", crawl.ID, err)
	}
	if ctx.Err() != nil || len(sum.Outcomes) < len(req.Projects) && isClosed(req.Stop) {
		// Interrupted: the projects saved so far stay saved; the crawl is
		// left unfinished, which reports flag, as after a crash.
		return res, roadmap.Errorf(roadmap.KindInterrupted, "crawl %d interrupted: %s of %d saved; the next crawl carries on normally",
			crawl.ID, plural(len(sum.Outcomes), "project"), len(req.Projects))
	}
	if sum.NetworkDown != "" {
		// No host answered: nothing was saved, and the crawl is left
		// unfinished so reports keep comparing real crawls.
		return res, roadmap.Errorf(roadmap.KindFailure, "%s; nothing was saved and the previous data is kept", sum.NetworkDown)
	}
	crawl.Projects = len(req.Projects)
	crawl.Fetched, crawl.NotModified, crawl.Failed = sum.Fetched, sum.NotModified, sum.Failed
	crawl.ItemsAdded, crawl.ItemsRemoved, crawl.ItemsChanged = sum.Added, sum.Removed, sum.Changed
	crawl.Bytes = sum.Bytes
	crawl.GitHub = sum.GitHub
	if err := st.FinishCrawl(ctx, crawl); err != nil {
		return res, err
	}
	// Rank features are a cache: a failure costs later rankings time,
	// never data, so it is a warning.
	if n, err := a.RefreshFeatures(ctx); err != nil {
		a.log().Warn("rank features not refreshed; rankings read item texts instead", "error", err)
	} else if n > 0 {
		a.log().Info("rank features computed", "items", n)
	}
	return res, nil
}

// newCrawler wires the crawler to the store, GitHub and the logo preparer.
func (a *App) newCrawler(req CrawlRequest) (*crawler.Crawler, error) {
	cfg, st := a.Config, a.Store
	var gh crawler.GitHub
	if !req.Replay && !req.NoGitHub {
		client, err := github.New(github.Options{
			BaseURL:          cfg.GitHub.APIURL,
			Token:            a.GitHubToken,
			TokenEnv:         cfg.GitHub.TokenEnv,
			Labels:           cfg.GitHub.Labels,
			Cache:            st,
			WaitForRateLimit: req.WaitForRateLimit,
			Timeout:          cfg.Crawl.Timeout.Duration,
			Transport:        a.GitHubTransport,
			Logger:           a.log(),
			Now:              a.now,
		})
		if err != nil {
			return nil, fmt.Errorf("GitHub client: %w", err)
		}
		gh = client
	}
	opts := a.crawlerOptions()
	opts.StallAfter = stallAfter(cfg.Crawl.StallAfter.Duration)
	opts.Stop = req.Stop
	prepare := func(ctx context.Context, p roadmap.Project, data []byte, contentType string) roadmap.Logo {
		l := logo.Prepare(ctx, p, data, contentType, logo.Options{})
		// The brochure's rendition is made once here, not in every brochure.
		if rd, err := brochure.ReadyLogo(l.Data); err == nil {
			l.Ready = &rd
		}
		return l
	}
	return crawler.New(opts, st, st, gh, prepare), nil
}

// latestArchives gathers, per project, the archived responses of the newest
// crawl that fetched it, so a replay after a partial crawl (--only, or a
// brochure's crawl of a few projects) still covers every project.
func (a *App) latestArchives(ctx context.Context, projects []roadmap.Project) ([]roadmap.ArchivedResponse, error) {
	crawls, err := a.Store.Crawls(ctx, 200)
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
		arch, err := a.Store.Archived(ctx, c.ID)
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

// lockCrawl takes an exclusive lock beside the database so that two crawls
// never run at once (a nightly job overlapping the previous one, or a
// brochure's crawl during the nightly run). It returns the release func.
func (a *App) lockCrawl() (func(), error) {
	path := a.LockPath
	if path == "" {
		return func() {}, nil
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, roadmap.Errorf(roadmap.KindBusy, "another crawl is running on %s (lock %s); try again when it ends", a.DBPath, path)
		}
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}

// Refresh is what RefreshOld did.
type Refresh struct {
	// Old are the projects whose newest crawl was older than the limit.
	Old []roadmap.Project
	// Busy is set when another crawl held the database, so nothing was
	// crawled and the database is used as it is.
	Busy error
	// Failed are the projects that could not be crawled; their previous
	// data, if any, is used.
	Failed []crawler.Outcome
}

// RefreshOld crawls the clients' projects (every configured project for a
// client that names none) whose newest crawl is older than maxAge. before,
// when set, is called with those projects before crawling them. Another
// crawl holding the lock is not an error: Refresh.Busy says so.
func (a *App) RefreshOld(ctx context.Context, clients []roadmap.Client, maxAge time.Duration, before func(old []roadmap.Project), progress func(CrawlProgress)) (Refresh, error) {
	old, err := a.oldProjects(ctx, clients, maxAge)
	if err != nil || len(old) == 0 {
		return Refresh{}, err
	}
	r := Refresh{Old: old}
	if before != nil {
		before(old)
	}
	res, err := a.Crawl(ctx, CrawlRequest{Projects: old, Progress: progress})
	if roadmap.IsKind(err, roadmap.KindBusy) {
		r.Busy = err
		return r, nil
	}
	if err != nil {
		return r, err
	}
	for _, o := range res.Summary.Outcomes {
		if o.Status == roadmap.StatusFailed {
			r.Failed = append(r.Failed, o)
		}
	}
	return r, nil
}

// oldProjects lists the clients' projects whose newest crawl is older than maxAge.
func (a *App) oldProjects(ctx context.Context, clients []roadmap.Client, maxAge time.Duration) ([]roadmap.Project, error) {
	cfg, st := a.Config, a.Store
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
		return nil, fmt.Errorf("load project state: %w", err)
	}
	crawlStart := map[int64]time.Time{}
	var old []roadmap.Project
	for _, p := range cfg.Projects {
		if !want[p.Slug] {
			continue
		}
		if s, ok := snaps[p.Slug]; ok {
			t, seen := crawlStart[s.CrawlID]
			if !seen {
				if c, err := st.Crawl(ctx, s.CrawlID); err == nil {
					t = c.StartedAt
				}
				crawlStart[s.CrawlID] = t
			}
			if a.now().Sub(t) <= maxAge {
				continue
			}
		}
		old = append(old, p)
	}
	return old, nil
}

// SelectProjects picks configured projects by slug (all when none are
// given); an unknown slug is KindInvalid.
func SelectProjects(cfg *config.Config, slugs []string) ([]roadmap.Project, error) {
	ps, err := cfg.Select(slugs)
	return ps, roadmap.WithKind(roadmap.KindInvalid, err)
}

// plural writes "1 project" or "3 projects".
func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// stallAfter maps [crawl].stall_after (0: off) to the crawler's option
// (negative: off).
func stallAfter(d time.Duration) time.Duration {
	if d == 0 {
		return -1
	}
	return d
}

// isClosed reports whether ch is closed (false for nil).
func isClosed(ch <-chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}
