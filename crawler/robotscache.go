package crawler

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
)

// robotsCache fetches robots.txt once per scheme and host during one Run.
type robotsCache struct {
	r *run

	mu    sync.Mutex
	hosts map[string]*robotsEntry
}

type robotsEntry struct {
	once  sync.Once
	rules *robotsRules
}

func newRobotsCache(r *run) *robotsCache {
	return &robotsCache{r: r, hosts: map[string]*robotsEntry{}}
}

// allowed reports whether robots.txt of u's host lets the crawler fetch u,
// fetching and caching that robots.txt on first use.
func (c *robotsCache) allowed(ctx context.Context, u *url.URL) bool {
	key := strings.ToLower(u.Scheme + "://" + u.Host)
	c.mu.Lock()
	e, ok := c.hosts[key]
	if !ok {
		e = &robotsEntry{}
		c.hosts[key] = e
	}
	c.mu.Unlock()
	e.once.Do(func() { e.rules = c.load(ctx, key) })
	return e.rules.allowed(u)
}

// load fetches base/robots.txt in one attempt. A 2xx is parsed; 4xx allows
// everything; 5xx, an unreachable host or an unreadable body allow
// everything with a warning in the log.
func (c *robotsCache) load(ctx context.Context, base string) *robotsRules {
	r := c.r
	target := base + "/robots.txt"
	log := r.c.log.With("url", target)
	u, err := url.Parse(target)
	if err != nil || u.Host == "" || r.hosts.down(u.Host) {
		return nil
	}
	// No host or overall slot is taken: robots.txt is one small request per
	// host, loaded before that host's pages (or during a redirect, while a
	// slot is held), and waiting for a slot here could deadlock.
	// Redirects of robots.txt itself are not checked against robots.txt
	// (that could wait on this very load): drop the run from the context.
	ctx = context.WithValue(ctx, runKey{}, nil)
	actx, cancel := context.WithTimeout(ctx, r.c.opts.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(actx, http.MethodGet, target, nil)
	if err != nil {
		return nil
	}
	req.Header.Set("User-Agent", r.c.opts.UserAgent)
	req.Header.Set("Accept-Encoding", "gzip")
	req.Header.Set("Accept", "text/plain,*/*;q=0.5")
	resp, err := r.c.client.Do(req)
	if err != nil {
		if he := hostError(u.Host, err); he != nil && ctx.Err() == nil {
			r.hosts.fail(he) // the page request fails at once with it
			return nil
		}
		if ctx.Err() == nil {
			log.Info("robots.txt unreachable; allowing all", "err", classify(ctx, actx, err, r.c.opts.Timeout).err)
		}
		return nil
	}
	defer resp.Body.Close()
	r.hosts.ok(u.Host, resp)
	switch {
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		// RFC 9309: a crawler must read at least 500 KiB, and may ignore
		// what follows its limit; it honours the rules before it.
		body, err := readPrefix(resp, maxRobotsBytes+1)
		if err != nil {
			log.Warn("robots.txt unreadable; allowing all", "err", err)
			return nil
		}
		if len(body) > maxRobotsBytes {
			body = body[:maxRobotsBytes]
			if i := bytes.LastIndexByte(body, '\n'); i >= 0 {
				body = body[:i+1] // no half rule
			}
			log.Warn(fmt.Sprintf("robots.txt is larger than %d KiB; only its first %d KiB are honoured", maxRobotsBytes>>10, maxRobotsBytes>>10))
		}
		return parseRobots(body, r.c.opts.UserAgent)
	case resp.StatusCode >= 400 && resp.StatusCode < 500:
		return nil
	default:
		log.Warn("robots.txt answered " + statusError(resp.StatusCode).Error() + "; allowing all")
		return nil
	}
}
