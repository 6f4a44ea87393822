package github

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"time"

	"github.com/gofri/go-github-ratelimit/v2/github_ratelimit/github_primary_ratelimit"
	gh "github.com/google/go-github/v62/github"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// maxFile caps the roadmap file content kept.
const maxFile = 10 << 20

// work is one project's GitHub work; it runs with Client.mu held.
type work struct {
	c           *Client
	ctx         context.Context
	res         *roadmap.GitHubResult
	owner, name string
	p           roadmap.Project
	stop        bool // no further requests for this project
	htmlURL     string
	branch      string
}

func (w *work) warnf(format string, args ...any) {
	w.res.Warnings = append(w.res.Warnings, fmt.Sprintf(format, args...))
}

func (w *work) run(needContent bool) {
	w.repo()
	if w.stop {
		return
	}
	if w.p.RoadmapFile != "" {
		w.commit()
		if w.stop {
			return
		}
		if needContent {
			w.content()
			if w.stop {
				return
			}
		}
	}
	w.issues()
}

// call runs op, waiting through a primary rate limit when the client is
// told to. A 401, a primary limit (when not waiting) or a cancelled ctx
// stop the project's work and are recorded in the result; the error of op
// is returned in every failing case.
func (w *work) call(op func() error) error {
	c := w.c
	for attempt := 0; ; attempt++ {
		c.tooLong = false
		err := op()
		if err == nil {
			return nil
		}
		if ctxErr := w.ctx.Err(); ctxErr != nil {
			w.stop = true
			if w.res.Err == "" {
				w.res.Err = "GitHub: " + ctxErr.Error()
			}
			return err
		}
		if isStatus(err, http.StatusUnauthorized) {
			env := c.opts.TokenEnv
			if env == "" {
				env = "GITHUB_TOKEN"
			}
			c.stopped = "GitHub rejected the token in " + env + " (401 Bad credentials): GitHub work stopped for this crawl, pages are still crawled; fix or unset " + env
			w.res.Skipped = c.stopped
			w.stop = true
			return err
		}
		if cause := unreachable(err); cause != "" {
			c.stopped = "GitHub could not be reached (" + cause + "): GitHub work stopped for this crawl"
			w.res.Skipped = c.stopped
			w.stop = true
			return err
		}
		reset, limited := primaryLimit(err)
		if !limited {
			if c.tooLong {
				return fmt.Errorf("secondary rate limit asked for a wait longer than %s: %w", c.maxWait(), err)
			}
			return err
		}
		if reset.IsZero() || !reset.After(c.now()) {
			reset = c.now().Add(time.Minute)
		}
		d := reset.Sub(c.now()) + time.Second // the limiter clears at reset
		if c.opts.WaitForRateLimit && attempt < 3 && d <= MaxRateLimitWait {
			// Announced at the default level: a long silent pause looks like a hang.
			c.log.Warn("GitHub primary rate limit reached; waiting (--wait-for-rate-limit)", "until", untilText(reset, c.now()), "wait", d.Round(time.Second))
			start := time.Now()
			t := time.NewTimer(d)
			select {
			case <-w.ctx.Done():
				t.Stop()
			case <-t.C:
			}
			c.meter.addWait(time.Since(start))
			continue
		}
		c.limited = reset
		w.res.Skipped = skippedMessage(reset, c.now())
		w.stop = true
		if c.opts.WaitForRateLimit && d > MaxRateLimitWait {
			c.log.Warn(fmt.Sprintf("GitHub primary rate limit resets in more than %s; not waiting that long", MaxRateLimitWait), "until", untilText(reset, c.now()))
		}
		c.log.Warn("GitHub primary rate limit reached; skipping GitHub until reset", "until", untilText(reset, c.now()))
		return err
	}
}

func (c *Client) maxWait() time.Duration {
	if c.opts.MaxWait > 0 {
		return c.opts.MaxWait
	}
	return defaultMaxWait
}

// unreachable describes err when it is a DNS failure or a refused
// connection, which no retry mends within a crawl; else "".
func unreachable(err error) string {
	var dns *net.DNSError
	switch {
	case errors.As(err, &dns):
		return "could not resolve host " + dns.Name
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	}
	return ""
}

// isStatus reports whether err is a GitHub error answer with that status.
func isStatus(err error, status int) bool {
	var er *gh.ErrorResponse
	if errors.As(err, &er) && er.Response != nil {
		return er.Response.StatusCode == status
	}
	var rl *gh.RateLimitError
	if errors.As(err, &rl) && rl.Response != nil {
		return rl.Response.StatusCode == status && status != http.StatusForbidden
	}
	return false
}

// primaryLimit reports whether err is a primary rate limit (go-github's
// *RateLimitError, or the rate limiter's error inside a *url.Error) and
// when it resets (zero when unknown).
func primaryLimit(err error) (time.Time, bool) {
	var rl *gh.RateLimitError
	if errors.As(err, &rl) {
		return rl.Rate.Reset.Time, true
	}
	var pr *github_primary_ratelimit.RateLimitReachedError
	if errors.As(err, &pr) {
		if pr.ResetTime != nil {
			return *pr.ResetTime, true
		}
		return time.Time{}, true
	}
	return time.Time{}, false
}

func (w *work) repo() {
	c, full := w.c, w.owner+"/"+w.name
	var repo *gh.Repository
	err := w.call(func() (err error) {
		repo, _, err = c.gh.Repositories.Get(w.ctx, w.owner, w.name)
		return err
	})
	if w.stop {
		return
	}
	if err != nil {
		if isStatus(err, http.StatusNotFound) {
			w.res.Err = fmt.Sprintf("repository %s not found on GitHub", full)
			w.res.RepoNotFound = true
			w.stop = true
			return
		}
		w.res.Err = fmt.Sprintf("fetch repository %s: %v", full, err)
		return // the other parts may still work
	}
	facts := &roadmap.RepoFacts{
		FullName:    repo.GetFullName(),
		Description: repo.GetDescription(),
		Homepage:    httpURL(repo.GetHomepage()),
		Stars:       repo.GetStargazersCount(),
		PushedAt:    repo.GetPushedAt().Time,
		Archived:    repo.GetArchived(),
		Topics:      repo.Topics,
	}
	if facts.FullName == "" {
		facts.FullName = full
	}
	if !strings.EqualFold(facts.FullName, full) {
		if o, n, ok := splitRepo(facts.FullName); ok {
			facts.RenamedTo = facts.FullName
			w.warnf("repository %s moved to %s; update the config", full, facts.FullName)
			w.owner, w.name = o, n
		}
	}
	if facts.Archived {
		w.warnf("repository is archived")
	}
	w.res.Repo = facts
	w.htmlURL = httpURL(strings.TrimSuffix(repo.GetHTMLURL(), "/"))
	w.branch = repo.GetDefaultBranch()
	if w.p.RoadmapFile != "" && w.htmlURL != "" && w.branch != "" {
		w.res.FileURL = w.htmlURL + "/blob/" + escapePath(w.branch) + "/" + escapePath(strings.TrimPrefix(w.p.RoadmapFile, "/"))
	}
}

// escapePath escapes each segment of a slash-separated path.
func escapePath(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		parts[i] = url.PathEscape(s)
	}
	return strings.Join(parts, "/")
}

func (w *work) commit() {
	c := w.c
	var commits []*gh.RepositoryCommit
	err := w.call(func() (err error) {
		commits, _, err = c.gh.Repositories.ListCommits(w.ctx, w.owner, w.name, &gh.CommitsListOptions{
			Path: w.p.RoadmapFile, ListOptions: gh.ListOptions{PerPage: 1}})
		return err
	})
	if w.stop {
		return
	}
	if err != nil {
		w.warnf("list commits of %s: %v", w.p.RoadmapFile, err)
		return
	}
	if len(commits) == 0 {
		w.warnf("no commit touches roadmap file %s in %s/%s", w.p.RoadmapFile, w.owner, w.name)
		return
	}
	cm := commits[0]
	date := cm.GetCommit().GetCommitter().GetDate().Time
	if date.IsZero() {
		date = cm.GetCommit().GetAuthor().GetDate().Time
	}
	w.res.RoadmapCommit = &roadmap.Commit{SHA: cm.GetSHA(), Date: date, URL: httpURL(cm.GetHTMLURL())}
}

func (w *work) content() {
	c := w.c
	var file *gh.RepositoryContent
	err := w.call(func() (err error) {
		file, _, _, err = c.gh.Repositories.GetContents(w.ctx, w.owner, w.name, w.p.RoadmapFile, nil)
		return err
	})
	if w.stop {
		return
	}
	switch {
	case isStatus(err, http.StatusNotFound):
		w.warnf("roadmap file %s not found in %s/%s", w.p.RoadmapFile, w.owner, w.name)
		return
	case err != nil:
		w.warnf("fetch roadmap file %s: %v", w.p.RoadmapFile, err)
		return
	case file == nil:
		w.warnf("roadmap file %s is a directory", w.p.RoadmapFile)
		return
	case file.GetSize() > maxFile:
		w.warnf("roadmap file %s is larger than %d MiB; not read", w.p.RoadmapFile, maxFile>>20)
		return
	}
	text, err := file.GetContent()
	if err != nil {
		w.warnf("decode roadmap file %s: %v", w.p.RoadmapFile, err)
		return
	}
	if len(text) > maxFile {
		w.warnf("roadmap file %s is larger than %d MiB; not read", w.p.RoadmapFile, maxFile>>20)
		return
	}
	w.res.FileContent = []byte(text)
}
