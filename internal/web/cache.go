package web

import (
	"sync"
)

// memo keeps values derived from the crawled data (a rendered audit table,
// a client's brochure plan) under a key that includes the data version,
// so a crawl's save makes them stale by itself. It holds at most max
// entries and forgets them all when full: simple, and bounded.
type memo[V any] struct {
	mu  sync.Mutex
	max int
	m   map[string]V
}

func newMemo[V any](max int) *memo[V] { return &memo[V]{max: max, m: map[string]V{}} }

func (c *memo[V]) get(key string) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[key]
	return v, ok
}

func (c *memo[V]) put(key string, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= c.max {
		clear(c.m)
	}
	c.m[key] = v
}
