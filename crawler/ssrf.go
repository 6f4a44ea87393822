package crawler

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"syscall"
	"time"
)

// ErrPrivateAddress: the URL's host resolved to a loopback, private,
// link-local or otherwise non-public address that [crawl].allow_private
// does not allow. The request never left the machine.
var ErrPrivateAddress = errors.New("refused to connect to a private, loopback or link-local address")

// addressError names the address a dial refused.
type addressError struct{ addr netip.Addr }

func (e *addressError) Error() string {
	return fmt.Sprintf("%s: %v (allow it with [crawl] allow_private)", e.addr, ErrPrivateAddress)
}

func (e *addressError) Unwrap() error { return ErrPrivateAddress }

// nonPublic lists ranges a crawl never reaches unless allowed, besides
// what netip classifies as loopback, private, link-local, multicast or
// unspecified.
var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),      // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),  // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),   // IETF protocol assignments
	netip.MustParsePrefix("198.18.0.0/15"),  // benchmarking
	netip.MustParsePrefix("240.0.0.0/4"),    // reserved, and broadcast
	netip.MustParsePrefix("64:ff9b:1::/48"), // local-use NAT64
	netip.MustParsePrefix("2001:db8::/32"),  // documentation
	netip.MustParsePrefix("fec0::/10"),      // deprecated site-local
	netip.MustParsePrefix("::ffff:0:0/96"),  // IPv4-mapped, checked unmapped
	netip.MustParsePrefix("2002::/16"),      // 6to4: embeds an IPv4 address
	netip.MustParsePrefix("64:ff9b::/96"),   // NAT64: embeds an IPv4 address
	netip.MustParsePrefix("2001::/32"),      // Teredo
	netip.MustParsePrefix("::/128"),         // unspecified
	netip.MustParsePrefix("::1/128"),        // loopback
	netip.MustParsePrefix("127.0.0.0/8"),    // loopback
	netip.MustParsePrefix("169.254.0.0/16"), // link-local, cloud metadata
	netip.MustParsePrefix("fe80::/10"),      // link-local
	netip.MustParsePrefix("fc00::/7"),       // unique local
	netip.MustParsePrefix("10.0.0.0/8"),     // private
	netip.MustParsePrefix("172.16.0.0/12"),  // private
	netip.MustParsePrefix("192.168.0.0/16"), // private
	netip.MustParsePrefix("224.0.0.0/4"),    // multicast
	netip.MustParsePrefix("ff00::/8"),       // multicast
	netip.MustParsePrefix("255.255.255.255/32"),
}

// PublicAddress reports whether the crawler may connect to ip without an
// allow_private exception.
func PublicAddress(ip netip.Addr) bool {
	ip = ip.Unmap()
	if ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsInterfaceLocalMulticast() || ip.IsMulticast() || ip.IsUnspecified() || !ip.IsValid() {
		return false
	}
	for _, p := range nonPublic {
		if p.Contains(ip) {
			return false
		}
	}
	return true
}

// addressGuard is a net.Dialer Control func: it runs after DNS resolution,
// on the address about to be connected, for every connection (pages,
// logos, robots.txt, each redirect), and refuses non-public addresses
// outside allow.
func addressGuard(allow []netip.Prefix) func(network, address string, _ syscall.RawConn) error {
	return func(network, address string, _ syscall.RawConn) error {
		ap, err := netip.ParseAddrPort(address)
		if err != nil {
			return fmt.Errorf("dial %s: %w", address, err)
		}
		ip := ap.Addr().Unmap()
		if PublicAddress(ip) {
			return nil
		}
		for _, p := range allow {
			if p.Contains(ip) {
				return nil
			}
		}
		return &addressError{addr: ip}
	}
}

// guardedTransport is a transport like http.DefaultTransport whose every
// connection passes addressGuard. base, when not nil, is cloned instead
// (its own DialContext is replaced).
func guardedTransport(base *http.Transport, allow []netip.Prefix) *http.Transport {
	if base == nil {
		base = http.DefaultTransport.(*http.Transport)
	}
	t := base.Clone()
	d := &net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second, Control: addressGuard(allow)}
	t.DialContext = d.DialContext
	t.DialTLSContext = nil
	t.Dial = nil //nolint:staticcheck // cleared so DialContext is used
	return t
}
