package crawler

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// dialCounter is a test dialer: names under .invalid do not resolve (as
// with no network, without asking a real resolver); other addresses are
// dialled for real. It counts dials per address.
type dialCounter struct {
	mu    sync.Mutex
	dials map[string]int
}

func (d *dialCounter) client() *http.Client {
	d.dials = map[string]int{}
	var dialer net.Dialer
	return &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		d.mu.Lock()
		d.dials[addr]++
		d.mu.Unlock()
		host, _, _ := net.SplitHostPort(addr)
		if strings.HasSuffix(host, ".invalid") {
			return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
		}
		return dialer.DialContext(ctx, network, addr)
	}}}
}

func (d *dialCounter) max() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	m := 0
	for _, n := range d.dials {
		m = max(m, n)
	}
	return m
}

// closedPort returns the address of a local port nothing listens on.
func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

// TestNetworkDown: with no host reachable (25 names that do not resolve,
// or one host refusing connections), each host is tried once, nothing is
// retried, no project is saved, and the summary has one root cause.
func TestNetworkDown(t *testing.T) {
	refused := closedPort(t)
	for _, tc := range []struct {
		name  string
		host  func(i int) string
		cause string
	}{
		{"unresolved", func(i int) string { return fmt.Sprintf("p%d.invalid", i) }, "no network: 25 of 25 hosts could not be resolved"},
		{"refused", func(int) string { return refused }, "no network: 1 of 1 hosts refused the connection"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var dc dialCounter
			opts := testOptions()
			opts.HTTPClient = dc.client()
			opts.BaseBackoff = 50 * time.Millisecond // retries would show in the dial counts
			var projects []roadmap.Project
			for i := range 25 {
				base := "http://" + tc.host(i)
				projects = append(projects, roadmap.Project{Slug: fmt.Sprintf("p%02d", i),
					Roadmap: []string{base + "/roadmap.html", base + "/more.md"}, Logo: base + "/logo.png"})
			}
			sink := newFakeSink()
			logos := &fakeLogo{}
			start := time.Now()
			sum, err := New(opts, sink, sink, nil, logos.fn).Run(context.Background(), 1, projects, nil)
			t.Logf("network-down crawl of 25 projects: %s", time.Since(start))
			if err != nil {
				t.Fatal(err)
			}
			if sum.NetworkDown != tc.cause {
				t.Errorf("root cause %q, want %q", sum.NetworkDown, tc.cause)
			}
			if sum.Failed != 25 || len(sink.order) != 0 {
				t.Errorf("%d failed, %d saved; want 25 failed and nothing saved", sum.Failed, len(sink.order))
			}
			if n := dc.max(); n != 1 {
				t.Errorf("a host was dialled %d times, want once per crawl", n)
			}
			for _, o := range sum.Outcomes {
				if strings.Contains(o.Err, "attempts") {
					t.Errorf("%s: retried: %s", o.Project, o.Err)
				}
			}
		})
	}
}

// TestSomeHostsDown: when other hosts answer, the projects on hosts that
// could not be reached are saved as failed, each saying why.
func TestSomeHostsDown(t *testing.T) {
	site := newFakeSite(t)
	var dc dialCounter
	opts := testOptions()
	opts.HTTPClient = dc.client()
	projects := []roadmap.Project{
		{Slug: "up", Roadmap: []string{site.URL + "/ok/roadmap.html"}},
		{Slug: "gone", Roadmap: []string{"http://gone.invalid/roadmap.html"}},
	}
	sink := newFakeSink()
	sum, err := New(opts, sink, sink, nil, nil).Run(context.Background(), 1, projects, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.NetworkDown != "" || sum.Fetched != 1 || sum.Failed != 1 {
		t.Fatalf("summary %+v", sum)
	}
	if o := sum.Outcomes[1]; o.Err != "http://gone.invalid/roadmap.html: could not resolve host gone.invalid" {
		t.Errorf("error %q", o.Err)
	}
	sink.result(t, "gone") // saved, as failed
}
