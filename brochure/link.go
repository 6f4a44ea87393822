package brochure

import (
	"net/url"
	"strings"
)

// linkTarget returns the URL to attach as a link, or "" when u is not an
// absolute http(s) URL with a host.
func linkTarget(u string) string {
	p, err := url.Parse(strings.TrimSpace(u))
	if err != nil || p.Host == "" || (p.Scheme != "http" && p.Scheme != "https") {
		return ""
	}
	return p.String()
}

// shortLink is the display form of a link: host (without "www.") and path,
// with the fragment when there is one, without scheme, query or trailing
// slash, cut with "…" to fit maxW.
func shortLink(u string, maxW float64, m measurer) string {
	s := cleanText(u)
	if p, err := url.Parse(s); err == nil && p.Host != "" {
		path := p.EscapedPath()
		if dec, err := url.PathUnescape(path); err == nil {
			path = dec
		}
		s = strings.TrimPrefix(p.Host, "www.") + strings.TrimSuffix(path, "/")
		if p.Fragment != "" {
			s += "#" + p.Fragment
		}
	}
	return truncateLine(cleanText(s), maxW, m)
}
