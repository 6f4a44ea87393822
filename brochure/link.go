package brochure

import (
	"net/url"
	"regexp"
	"strings"
)

var (
	emailRe = regexp.MustCompile(`[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+`)
	urlRe   = regexp.MustCompile(`https?://\S+|\b(?:www\.)?[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.(?:org|com|net|io|dev|eu|uk|de|fr)(?:/\S*)?`)
	phoneRe = regexp.MustCompile(`^\+?[0-9(][0-9 ().\-]{5,}[0-9]$`)
)

// contactTarget is the link of a contact line: mailto: for a line with an
// e-mail address, https: for a web address, tel: for a phone number, or
// "" for anything else (a name, a postal address).
func contactTarget(line string) string {
	l := strings.TrimSpace(line)
	if m := emailRe.FindString(l); m != "" {
		return "mailto:" + m
	}
	if m := urlRe.FindString(l); m != "" {
		if !strings.HasPrefix(m, "http") {
			m = "https://" + m
		}
		return linkTarget(strings.TrimRight(m, ".,;)"))
	}
	if phoneRe.MatchString(l) {
		var b strings.Builder
		for _, r := range l {
			if r == '+' && b.Len() == 0 || r >= '0' && r <= '9' {
				b.WriteRune(r)
			}
		}
		if n := b.Len(); n >= 7 && n <= 16 {
			return "tel:" + b.String()
		}
	}
	return ""
}

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
