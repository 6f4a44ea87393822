package crawler

import (
	"context"
	"strings"
	"sync"
)

// limits bounds requests in flight overall and per host.
type limits struct {
	global  chan struct{}
	perHost int

	mu    sync.Mutex
	hosts map[string]chan struct{}
}

func newLimits(overall, perHost int) *limits {
	return &limits{global: make(chan struct{}, overall), perHost: perHost, hosts: map[string]chan struct{}{}}
}

// acquire waits for a slot of host and then an overall slot (always in that
// order, so waiters cannot deadlock), returning the function that frees
// both, or ctx's error.
func (l *limits) acquire(ctx context.Context, host string) (func(), error) {
	host = strings.ToLower(host)
	l.mu.Lock()
	h, ok := l.hosts[host]
	if !ok {
		h = make(chan struct{}, l.perHost)
		l.hosts[host] = h
	}
	l.mu.Unlock()
	select {
	case h <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	select {
	case l.global <- struct{}{}:
	case <-ctx.Done():
		<-h
		return nil, ctx.Err()
	}
	return func() { <-l.global; <-h }, nil
}
