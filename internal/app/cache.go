package app

import (
	"context"
	"sync"
	"time"

	"github.com/roadmapper/roadmapper/internal/audit"
	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// ReadCache keeps what the read-side use cases load from the store (the
// latest snapshots and the audit of every project) for as long as the
// store's DataVersion and the hour stay the same. Items are not kept: a
// ranking reads their stored features (see itemsForRanking), which costs
// little and keeps a server's memory independent of the registry's size. A long-running front end (the web app) sets App.Cache to one; the
// command line, which reads once, leaves it nil. What it returns is shared:
// callers never modify it.
type ReadCache struct {
	mu       sync.Mutex
	key      string
	snaps    map[string]roadmap.ProjectSnapshot
	findings []audit.Finding
}

// cacheState returns the cache, emptied when the data changed, and the key
// it is valid for: what a caller loads is kept only if the key is still the
// cache's (keep), so data read before a change never outlives it.
func (a *App) cacheState(ctx context.Context) (*ReadCache, string, error) {
	c := a.Cache
	v, err := a.Store.DataVersion(ctx)
	if err != nil {
		return nil, "", err
	}
	key := v + "@" + a.now().Truncate(time.Hour).Format(time.RFC3339)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.key != key {
		c.key, c.snaps, c.findings = key, nil, nil
	}
	return c, key, nil
}

// keep runs set under the cache's lock if the cache is still at key.
func (c *ReadCache) keep(key string, set func()) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.key == key {
		set()
	}
}

// latestSnapshots returns the latest snapshot of every project, from the
// cache when there is one.
func (a *App) latestSnapshots(ctx context.Context) (map[string]roadmap.ProjectSnapshot, error) {
	if a.Cache == nil {
		return a.Store.LatestSnapshots(ctx)
	}
	c, key, err := a.cacheState(ctx)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	snaps := c.snaps
	c.mu.Unlock()
	if snaps == nil {
		if snaps, err = a.Store.LatestSnapshots(ctx); err != nil {
			return nil, err
		}
		c.keep(key, func() { c.snaps = snaps })
	}
	return snaps, nil
}

// cachedAudit returns the audit of every configured project as it stands
// now, and whether the cache had it (false: no cache).
func (a *App) cachedAudit(ctx context.Context) ([]audit.Finding, bool, error) {
	if a.Cache == nil {
		return nil, false, nil
	}
	c, key, err := a.cacheState(ctx)
	if err != nil {
		return nil, false, err
	}
	c.mu.Lock()
	f := c.findings
	c.mu.Unlock()
	if f == nil {
		if f, err = a.auditOf(ctx, a.Config.Projects, 0); err != nil {
			return nil, false, err
		}
		c.keep(key, func() { c.findings = f })
	}
	return f, true, nil
}

// DataVersion says which crawled data the store holds now (see
// store.DataVersion): front ends key what they cache on it.
func (a *App) DataVersion(ctx context.Context) (string, error) {
	return a.Store.DataVersion(ctx)
}
