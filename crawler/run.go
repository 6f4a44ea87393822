package crawler

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// run is the state of one Run: limits and the robots.txt cache.
type run struct {
	c      *Crawler
	limits *limits
	robots *robotsCache
	hosts  *hostHealth
}

func (c *Crawler) newRun() *run {
	r := &run{c: c, limits: newLimits(c.opts.Concurrency, c.opts.PerHost), hosts: newHostHealth()}
	r.robots = newRobotsCache(r)
	return r
}

// done is one finished project on its way to the sink.
type done struct {
	idx int
	res roadmap.ProjectResult
	out Outcome
}

// Run crawls projects (in parallel within the limits), saving each project
// through the sink as soon as it is done (one save at a time), and calling
// progress (may be nil; called from one goroutine at a time) after each
// project. Per-project failures, including a failed save, are in the
// Summary. When ctx is canceled Run starts no new project, drops the ones
// it interrupted and returns what was done, with a nil error; the caller
// checks ctx.Err(). It returns an error only when the crawl could not run at
// all: ctx done before it started, or every save failed (the sink is broken).
func (c *Crawler) Run(ctx context.Context, crawlID int64, projects []roadmap.Project, progress func(Outcome)) (Summary, error) {
	if err := ctx.Err(); err != nil {
		return Summary{}, fmt.Errorf("crawl: %w", err)
	}
	start := time.Now()
	r := c.newRun()

	jobs := make(chan int)
	results := make(chan done)
	go func() {
		defer close(jobs)
		for i := range projects {
			if c.stopped() {
				return
			}
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			case <-c.opts.Stop:
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range min(c.opts.Concurrency, len(projects)) {
		wg.Go(func() {
			for i := range jobs {
				if ctx.Err() != nil || c.stopped() {
					continue
				}
				res, out := r.crawlProject(ctx, projects[i])
				if ctx.Err() != nil {
					c.log.Info("crawl interrupted; project not saved", "project", projects[i].Slug)
					continue
				}
				results <- done{idx: i, res: res, out: out}
			}
		})
	}
	go func() { wg.Wait(); close(results) }()

	var nDone atomic.Int64
	finished := make(chan struct{}, 1)
	stop := make(chan struct{})
	defer close(stop)
	if c.opts.StallAfter > 0 {
		go c.watchdog(len(projects), &nDone, finished, stop)
	}
	sum, err := c.collect(ctx, r, crawlID, len(projects), results, func(o Outcome) {
		nDone.Add(1)
		select {
		case finished <- struct{}{}:
		default: // the watchdog has a tick waiting already
		}
		if progress != nil {
			progress(o)
		}
	})
	sum.Duration = time.Since(start)
	return sum, err
}

// watchdog logs a warning with a dump of every goroutine whenever
// StallAfter passes without a project finishing (a tick on finished), so
// a crawl that hangs says where: a lock held across a request, a full
// channel, a limiter slot never released. It returns when stop is closed.
func (c *Crawler) watchdog(total int, done *atomic.Int64, finished, stop <-chan struct{}) {
	after := c.opts.StallAfter
	t := time.NewTimer(after)
	defer t.Stop()
	since := time.Now()
	for {
		select {
		case <-stop:
			return
		case <-finished:
			since = time.Now()
			t.Reset(after)
		case <-t.C:
			c.log.Warn("crawl stalled: no project finished for "+time.Since(since).Round(time.Millisecond).String(),
				"finished", done.Load(), "projects", total, "goroutines", goroutineDump())
			t.Reset(after)
		}
	}
}

// goroutineDump is the stack of every goroutine, capped at 8 MiB.
func goroutineDump() string {
	buf := make([]byte, 64<<10)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) || len(buf) >= 8<<20 {
			return string(buf[:n])
		}
		buf = make([]byte, 2*len(buf))
	}
}

// collect saves each finished project through the sink, calls progress and
// builds the Summary (outcomes in project order). It fails when saves were
// attempted and all of them failed.
//
// A project that failed only because its hosts could not be reached is
// saved at the end, and only when some host answered: when none did
// (Summary.NetworkDown), those projects are not saved at all, so a night
// without network leaves the database as it was. (Such results hold no
// body, so keeping them until then costs little.)
func (c *Crawler) collect(ctx context.Context, r *run, crawlID int64, n int, results <-chan done, progress func(Outcome)) (Summary, error) {
	// Only the outcomes are kept for the summary, copied out of d: a
	// pointer into d would keep its whole result (bodies, items, logo)
	// alive until the crawl ends, so memory would grow with the registry
	// instead of staying bounded by the concurrency.
	outcomes := make([]Outcome, n)
	have := make([]bool, n)
	sv := saves{ctx: context.WithoutCancel(ctx)} // a finished project is saved even after a cancel
	var unreachable []done
	for d := range results {
		if r.unreachable(d.res, d.out) {
			unreachable = append(unreachable, d)
			continue
		}
		c.save(&sv, crawlID, &d)
		outcomes[d.idx], have[d.idx] = d.out, true
		if progress != nil {
			progress(d.out)
		}
	}
	var sum Summary
	sum.NetworkDown = r.hosts.verdict()
	if c.gh != nil {
		sum.GitHub = c.gh.Quota()
		if sum.GitHub.Counted+sum.GitHub.NotModified > 0 {
			sum.NetworkDown = "" // GitHub answered
		}
	}
	for _, d := range unreachable {
		if sum.NetworkDown == "" {
			c.save(&sv, crawlID, &d)
		}
		outcomes[d.idx], have[d.idx] = d.out, true
		if progress != nil {
			progress(d.out)
		}
	}
	for i := range outcomes {
		if have[i] {
			sum.add(outcomes[i])
		}
	}
	if sv.fatal != nil {
		return sum, sv.fatal
	}
	if sv.saved == 0 && sv.failed > 0 {
		return sum, fmt.Errorf("save results: %w", sv.firstErr)
	}
	return sum, nil
}

// saves counts the saves of one collect.
type saves struct {
	ctx           context.Context
	saved, failed int
	firstErr      error
	fatal         error // the database is corrupt: stop saving
}

// save hands one project to the sink and records how the save went in
// d.out and sv.
func (c *Crawler) save(sv *saves, crawlID int64, d *done) {
	if sv.fatal != nil {
		// The database is damaged: write nothing more into it.
		sv.failed++
		d.out.Status = roadmap.StatusFailed
		d.out.Err = "not saved: the database is corrupt"
		return
	}
	ch, err := c.sink.SaveProject(sv.ctx, crawlID, d.res)
	if errors.Is(err, roadmap.ErrStoreCorrupt) {
		sv.fatal = err
	}
	if err != nil {
		sv.failed++
		if sv.firstErr == nil {
			sv.firstErr = err
		}
		c.log.Error("saving project failed", "project", d.out.Project, "err", err)
		d.out.Status = roadmap.StatusFailed
		d.out.Err = "save: " + err.Error()
		return
	}
	sv.saved++
	d.out.Changes = ch
	if ch.LostFrom != "" {
		markLost(&d.res, &d.out, ch.LostFrom)
	}
}

// unreachable reports whether nothing of the project was reached: every
// page failed because its host could not be reached, and GitHub, if asked,
// told nothing (skipped or failed without facts). Such a project is saved
// only when the crawl reached some host.
func (r *run) unreachable(res roadmap.ProjectResult, out Outcome) bool {
	if out.Status == roadmap.StatusFetched || out.Status == roadmap.StatusNoSource {
		return false
	}
	if gh := res.GitHub; gh != nil && (gh.Repo != nil || gh.RoadmapCommit != nil || gh.IssuesOK ||
		(gh.Skipped == "" && gh.Err == "")) {
		return false // GitHub answered
	}
	for _, sr := range res.Sources {
		asked := sr.URL
		if raw := githubRawURL(sr.URL); raw != "" {
			asked = raw // fetched from GitHub's raw host
		}
		u, err := url.Parse(asked)
		if sr.Err == "" || sr.Kind != roadmap.FetchPage || err != nil || !r.hosts.down(u.Host) {
			return false
		}
	}
	return len(res.Sources) > 0 || res.GitHub != nil
}

// add counts one outcome into the summary.
func (s *Summary) add(o Outcome) {
	s.Outcomes = append(s.Outcomes, o)
	switch o.Status {
	case roadmap.StatusFetched:
		s.Fetched++
	case roadmap.StatusNotModified:
		s.NotModified++
	case roadmap.StatusFailed:
		s.Failed++
	}
	s.Added += o.Changes.Added
	s.Removed += o.Changes.Removed
	s.Changed += o.Changes.Changed
	s.Bytes += o.Bytes
}

// markLost records in out the source the sink found lost (it answered,
// but left the project with none of its items from it): the project
// failed, for the reason CrawlStatus gives.
func markLost(res *roadmap.ProjectResult, out *Outcome, url string) {
	for i := range res.Sources {
		if res.Sources[i].URL == url {
			res.Sources[i].Lost = true
		}
	}
	out.Status, out.Err = roadmap.CrawlStatus(*res)
}

// stopped reports whether Options.Stop is closed.
func (c *Crawler) stopped() bool {
	select {
	case <-c.opts.Stop:
		return true
	default:
		return false
	}
}
