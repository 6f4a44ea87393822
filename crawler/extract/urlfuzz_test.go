package extract

import (
	"net/url"
	"strings"
	"testing"
)

// FuzzResolveLinks checks link canonicalisation: every link kept is an
// absolute http(s) URL with a host, at most 2048 bytes, unique, and a
// fixed point (resolving it again gives it back unchanged).
func FuzzResolveLinks(f *testing.F) {
	f.Add("https://numpy.org/neps/roadmap.html", "../nep-0047.html")
	f.Add("https://numpy.org/neps/", "https://en.wikipedia.org/wiki/Dask_(software)")
	f.Add("http://x.org/a/b", "//evil.example/%2e%2e/")
	f.Add("https://x.org/", "javascript:alert(1)")
	f.Add("https://x.org/", " HTTPS://X.ORG:443/a?b#c ")
	f.Add("https://x.org/", "http://[::1]:80/")
	f.Add("https://x.org/", "https://user:pw@host/")
	f.Fuzz(func(t *testing.T, base, href string) {
		b, err := url.Parse(base)
		if err != nil {
			b = nil
		}
		out := resolveLinks(b, []string{href, href}, map[string]bool{})
		if len(out) > 1 {
			t.Fatalf("duplicate kept: %q", out)
		}
		for _, s := range out {
			u, err := url.Parse(s)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(s) > 2048 {
				t.Fatalf("kept %q (from %q against %q)", s, href, base)
			}
			if strings.ContainsAny(s, " \n\r\t") {
				t.Fatalf("kept white space: %q", s)
			}
			again := resolveLinks(nil, []string{s}, map[string]bool{})
			if len(again) != 1 || again[0] != s {
				t.Fatalf("not a fixed point: %q → %q", s, again)
			}
		}
	})
}
