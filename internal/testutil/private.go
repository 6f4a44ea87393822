package testutil

import "net/netip"

// AllowLoopback is the [crawl] line test configurations carry: the fake
// servers listen on loopback, which the crawler otherwise refuses.
const AllowLoopback = `allow_private = ["127.0.0.0/8", "::1/128"]` + "\n"

// LoopbackNets is AllowLoopback parsed, for crawler.Options.AllowPrivate.
var LoopbackNets = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}
