package crawler

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestPublicAddress(t *testing.T) {
	for addr, public := range map[string]bool{
		"8.8.8.8": true, "151.101.1.69": true, "2606:4700::1111": true,
		"127.0.0.1": false, "127.5.6.7": false, "::1": false, "10.1.2.3": false, "172.16.0.1": false,
		"192.168.1.1": false, "169.254.169.254": false, "fe80::1": false, "fd00::1": false,
		"0.0.0.0": false, "::": false, "100.64.0.1": false, "::ffff:127.0.0.1": false,
		"::ffff:169.254.169.254": false, "224.0.0.1": false, "255.255.255.255": false,
		"64:ff9b::a9fe:a9fe": false, "2002:a9fe:a9fe::": false,
	} {
		if got := PublicAddress(netip.MustParseAddr(addr)); got != public {
			t.Errorf("PublicAddress(%s) = %v, want %v", addr, got, public)
		}
	}
}

// countingServer serves "ok" on addr and counts its requests.
func countingServer(t *testing.T, addr string, h http.HandlerFunc) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	l, err := net.Listen("tcp", addr)
	if err != nil {
		t.Skipf("listen %s: %v", addr, err)
	}
	var n atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		if h != nil {
			h(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<h1>inside</h1>"))
	}))
	srv.Listener.Close()
	srv.Listener = l
	srv.Start()
	t.Cleanup(srv.Close)
	return srv, &n
}

func fetcher(allow ...string) *Fetcher {
	var nets []netip.Prefix
	for _, a := range allow {
		nets = append(nets, netip.MustParsePrefix(a))
	}
	return New(Options{MaxRetries: 3, BaseBackoff: time.Millisecond, AllowPrivate: nets}, nopSink{}, nil, nil, nil).Fetcher()
}

// TestPrivateTargetsRefused: loopback reached by address or by a name
// that resolves to it, and a redirect into a range that is not allowed,
// are refused after DNS resolution without a request and without retries.
func TestPrivateTargetsRefused(t *testing.T) {
	inside, insideHits := countingServer(t, "127.0.0.2:0", nil)
	outside, _ := countingServer(t, "127.0.0.1:0", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, inside.URL+"/metadata", http.StatusFound)
	})
	ctx := context.Background()
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(inside.URL, "http://"))

	for _, u := range []string{inside.URL + "/", "http://localhost:" + port + "/"} {
		_, err := fetcher().Page(ctx, u)
		if !errors.Is(err, ErrPrivateAddress) || !strings.Contains(err.Error(), "allow_private") || strings.Contains(err.Error(), "attempts") {
			t.Errorf("%s: err = %v, want ErrPrivateAddress", u, err)
		}
	}
	// 127.0.0.1 allowed, the redirect's 127.0.0.2 not.
	if _, err := fetcher("127.0.0.1/32").Page(ctx, outside.URL+"/"); !errors.Is(err, ErrPrivateAddress) || !strings.Contains(err.Error(), "127.0.0.2") {
		t.Errorf("redirect into a private range: err = %v", err)
	}
	if n := insideHits.Load(); n != 0 {
		t.Errorf("the private server got %d requests", n)
	}
	// The exception lets both through.
	p, err := fetcher("127.0.0.0/8").Page(ctx, outside.URL+"/")
	if err != nil || !strings.Contains(string(p.Body), "inside") {
		t.Errorf("allowed: %v %q", err, p.Body)
	}
}
