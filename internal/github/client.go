// Package github asks the GitHub REST API about configured projects: the
// repository's facts, the newest commit touching the roadmap file, that
// file's content and the open issues carrying a roadmap label. Requests go
// one at a time through an ETag cache (so an unchanged re-crawl costs no
// quota) and a rate limiter that waits out secondary limits.
package github

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/gofri/go-github-ratelimit/v2/github_ratelimit"
	"github.com/gofri/go-github-ratelimit/v2/github_ratelimit/github_secondary_ratelimit"
	gh "github.com/google/go-github/v62/github"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// DefaultBaseURL is the public GitHub API.
const DefaultBaseURL = "https://api.github.com/"

// defaultMaxWait bounds one secondary-limit wait when Options.MaxWait is 0.
const defaultMaxWait = 2 * time.Minute

// defaultTimeout bounds one request when Options.Timeout is 0.
const defaultTimeout = 30 * time.Second

// Options configure a Client.
type Options struct {
	BaseURL          string            // "" → https://api.github.com/ ; tests: srv.URL + "/api-v3/"
	Token            string            // "" → unauthenticated (warned once: 60 requests per hour)
	TokenEnv         string            // the variable the token came from, named when GitHub rejects it (default GITHUB_TOKEN)
	Labels           []string          // default roadmap labels ([github].labels); project Labels override
	Cache            Cache             // may be nil (memory-only cache then)
	WaitForRateLimit bool              // sleep through a primary limit instead of skipping
	MaxWait          time.Duration     // longest secondary-limit/Retry-After wait before giving up (default 2m)
	Timeout          time.Duration     // per request, body included (default 30s)
	Transport        http.RoundTripper // base transport (tests); default http.DefaultTransport
	Logger           *slog.Logger
	Now              func() time.Time
}

// Client asks GitHub about projects. It is safe for concurrent use; its
// requests go to GitHub one at a time.
type Client struct {
	gh      *gh.Client
	base    *url.URL
	opts    Options
	log     *slog.Logger
	now     func() time.Time
	meter   *meter
	mu      sync.Mutex // one project's GitHub work at a time
	limited time.Time  // primary limit reached: no requests before this
	stopped string     // set after a 401 or an unreachable API: no further requests
	tooLong bool       // set by the rate limiter when a wait exceeds MaxWait
}

// New returns a Client for opts. It fails only when opts.BaseURL is not an
// absolute http(s) URL.
func New(opts Options) (*Client, error) {
	c := &Client{opts: opts, log: opts.Logger, now: opts.Now, meter: &meter{}}
	if c.log == nil {
		c.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if c.now == nil {
		c.now = time.Now
	}
	raw := opts.BaseURL
	if raw == "" {
		raw = DefaultBaseURL
	}
	if !strings.HasSuffix(raw, "/") {
		raw += "/"
	}
	base, err := url.Parse(raw)
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
		return nil, fmt.Errorf("github: base URL %q is not an absolute http(s) URL", opts.BaseURL)
	}
	c.base = base
	maxWait := opts.MaxWait
	if maxWait <= 0 {
		maxWait = defaultMaxWait
	}
	inner := opts.Transport
	if inner == nil {
		inner = http.DefaultTransport
	}
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = defaultTimeout
	}
	inner = &timeoutTransport{base: inner, d: timeout}
	var rt http.RoundTripper = &countTransport{base: inner, m: c.meter}
	rt = github_ratelimit.New(rt,
		github_secondary_ratelimit.WithSingleSleepLimit(maxWait, func(*github_secondary_ratelimit.CallbackContext) {
			c.tooLong = true
		}),
		github_secondary_ratelimit.WithTotalSleepLimit(10*maxWait, func(*github_secondary_ratelimit.CallbackContext) {
			c.tooLong = true
		}),
	)
	cache := opts.Cache
	if cache == nil {
		cache = &memoryCache{}
	}
	rt = &cacheTransport{base: rt, cache: cache, tokenHash: tokenHash(opts.Token), now: c.now, log: c.log}
	hc := &http.Client{Transport: rt, CheckRedirect: c.checkRedirect}
	client := gh.NewClient(hc)
	client.BaseURL = base
	client.UserAgent = "roadmapper"
	if opts.Token != "" {
		client = client.WithAuthToken(opts.Token)
	} else {
		c.log.Warn("no GitHub token: limited to 60 requests per hour")
	}
	c.gh = client
	return c, nil
}

// checkRedirect follows redirects only within the API host, so the token
// (added by the transport) never goes elsewhere.
func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= 5 {
		return errors.New("stopped after 5 redirects")
	}
	if !c.sameOrigin(req.URL) {
		return fmt.Errorf("refusing redirect to another host %s", req.URL.Host)
	}
	return nil
}

func (c *Client) sameOrigin(u *url.URL) bool {
	return u.Scheme == c.base.Scheme && strings.EqualFold(u.Host, c.base.Host) && strings.HasPrefix(u.Path, c.base.Path)
}

// Quota returns the totals of GitHub spending since New, and why GitHub
// work stopped, if it did.
func (c *Client) Quota() roadmap.Quota {
	q := c.meter.snapshot()
	c.mu.Lock()
	q.Stopped = c.stopped
	c.mu.Unlock()
	return q
}

// labels returns the roadmap labels for p.
func (c *Client) labels(p roadmap.Project) []string {
	src := c.opts.Labels
	if len(p.Labels) > 0 {
		src = p.Labels
	}
	var out []string
	seen := map[string]bool{}
	for _, l := range src {
		l = strings.TrimSpace(l)
		if l != "" && !seen[strings.ToLower(l)] {
			seen[strings.ToLower(l)] = true
			out = append(out, l)
		}
	}
	return out
}

// blocked reports, with c.mu held, why no request may be sent now.
func (c *Client) blocked(res *roadmap.GitHubResult) bool {
	switch {
	case c.stopped != "":
		res.Skipped = c.stopped
		return true
	case !c.limited.IsZero() && c.now().Before(c.limited):
		res.Skipped = skippedMessage(c.limited, c.now())
		return true
	}
	return false
}

// MaxRateLimitWait is the longest --wait-for-rate-limit sleeps through a
// primary limit; a later reset is skipped as without the flag.
const MaxRateLimitWait = time.Hour

func skippedMessage(reset, now time.Time) string {
	return "rate limited until " + untilText(reset, now)
}

// untilText is "17:52 (UTC)" for a time later today, else with its date:
// "2027-12-03 17:52 (UTC)".
func untilText(t, now time.Time) string {
	t, now = t.UTC(), now.UTC()
	if t.Year() == now.Year() && t.YearDay() == now.YearDay() {
		return t.Format("15:04") + " (UTC)"
	}
	return t.Format("2006-01-02 15:04") + " (UTC)"
}

// Project asks GitHub about p.Repo (must be non-empty): repo facts, newest
// commit touching p.RoadmapFile, the file content when needContent, and open
// issues with any roadmap label. It never returns nil; failures are in the
// result's Err (the project failed on GitHub), Skipped (rate limited) and
// Warnings (a part failed; the other parts are kept). IssuesOK says whether
// Issues is complete.
func (c *Client) Project(ctx context.Context, p roadmap.Project, needContent bool) *roadmap.GitHubResult {
	res := &roadmap.GitHubResult{}
	owner, name, ok := splitRepo(p.Repo)
	if !ok {
		res.Err = fmt.Sprintf("repository %q is not of the form owner/name", p.Repo)
		return res
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.blocked(res) {
		return res
	}
	before := c.meter.snapshot()
	w := &work{c: c, ctx: ctx, res: res, owner: owner, name: name, p: p}
	w.run(needContent)
	after := c.meter.snapshot()
	sent, unchanged := after.Requests-before.Requests, after.NotModified-before.NotModified
	res.NotModified = res.Err == "" && res.Skipped == "" && sent > 0 && sent == unchanged
	return res
}

func splitRepo(s string) (owner, name string, ok bool) {
	owner, name, ok = strings.Cut(strings.TrimSpace(s), "/")
	ok = ok && owner != "" && name != "" && !strings.ContainsAny(owner+name, "/?#% ") && owner != ".." && name != ".."
	return owner, name, ok
}
