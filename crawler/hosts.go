package crawler

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"syscall"
)

// Kinds of host failure that no retry mends within a crawl.
const (
	hostUnresolved = "could not be resolved"
	hostRefused    = "refused the connection"
)

// HostError is a request that never reached its host: the name did not
// resolve, or the host refused the connection. It is not retried, and
// later requests to the same host in the same crawl fail at once with it.
type HostError struct {
	Host string
	Kind string // "could not be resolved" or "refused the connection"
	Err  error  // the resolver's or dialer's error
}

func (e *HostError) Error() string {
	if e.Kind == hostUnresolved {
		return "could not resolve host " + e.Host
	}
	return "connection refused by " + e.Host
}

func (e *HostError) Unwrap() error { return e.Err }

// hostError returns a *HostError for err when it is a DNS failure or a
// refused connection, else nil. The host is that of the request that
// failed (a redirect target may differ from host, the one asked for).
func hostError(host string, err error) *HostError {
	var he *HostError
	if errors.As(err, &he) {
		return he
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		if u, perr := url.Parse(ue.URL); perr == nil && u.Host != "" {
			host = u.Host
		}
	}
	var dns *net.DNSError
	if errors.As(err, &dns) {
		return &HostError{Host: host, Kind: hostUnresolved, Err: err}
	}
	if errors.Is(err, syscall.ECONNREFUSED) {
		return &HostError{Host: host, Kind: hostRefused, Err: err}
	}
	return nil
}

// hostHealth remembers, for one Run, which hosts answered and which could
// not be reached, so an unreachable host costs one attempt per crawl and
// a crawl with no network ends with one line instead of one per request.
type hostHealth struct {
	mu       sync.Mutex
	answered map[string]bool
	failed   map[string]*HostError
}

func newHostHealth() *hostHealth {
	return &hostHealth{answered: map[string]bool{}, failed: map[string]*HostError{}}
}

func hostKey(host string) string { return strings.ToLower(host) }

// ok records that host answered (any HTTP status), and so did the host
// of resp's final request after redirects.
func (h *hostHealth) ok(host string, resp *http.Response) {
	h.mu.Lock()
	defer h.mu.Unlock()
	hosts := []string{host}
	if resp != nil && resp.Request != nil && resp.Request.URL != nil {
		hosts = append(hosts, resp.Request.URL.Host)
	}
	for _, host := range hosts {
		h.answered[hostKey(host)] = true
		delete(h.failed, hostKey(host))
	}
}

// fail records that host could not be reached.
func (h *hostHealth) fail(e *HostError) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.answered[hostKey(e.Host)] {
		h.failed[hostKey(e.Host)] = e
	}
}

// known returns the failure already recorded for host this crawl, or nil.
func (h *hostHealth) known(host string) *HostError {
	h.mu.Lock()
	defer h.mu.Unlock()
	if e := h.failed[hostKey(host)]; e != nil {
		return e
	}
	return nil
}

// down reports whether host could not be reached this crawl.
func (h *hostHealth) down(host string) bool { return h.known(host) != nil }

// verdict is the root cause when no host answered and every host tried
// failed to be reached ("no network: 25 of 25 hosts could not be
// resolved"), else "".
func (h *hostHealth) verdict() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.answered) > 0 || len(h.failed) == 0 {
		return ""
	}
	n := len(h.failed)
	kinds := map[string]int{}
	for _, e := range h.failed {
		kinds[e.Kind]++
	}
	if len(kinds) == 1 {
		for k := range kinds {
			return fmt.Sprintf("no network: %d of %d hosts %s", n, n, k)
		}
	}
	return fmt.Sprintf("no network: %d of %d hosts could not be reached (%d could not be resolved, %d refused the connection)",
		n, n, kinds[hostUnresolved], kinds[hostRefused])
}
