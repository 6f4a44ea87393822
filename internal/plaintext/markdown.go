package plaintext

// Markdown escaping: untrusted text made safe to put in Markdown that is
// pasted into chat or e-mail: metacharacters escaped, no raw HTML, one line,
// links only to http(s) URLs.

import (
	"net/url"
	"strings"
)

// Markdown returns s on one line with Markdown metacharacters escaped:
// backslash, `*`, `_`, backquote, `[`, `]`, `|`, `~`, a leading `#`, `+`,
// `-` or `=`, a leading "1." list marker; `<`, `>` and `&` become entities so
// no raw HTML (and no Slack-style <link|text>) survives.
func Markdown(s string) string {
	s = OneLine(s)
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i, r := range s {
		switch r {
		case '\\', '*', '_', '`', '[', ']', '|', '~':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '#', '+', '-', '=':
			if i == 0 {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		case '.', ')':
			if isOrderedMarker(s[:i]) {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isOrderedMarker reports whether prefix is all digits (so "1." or "1)"
// would start an ordered list).
func isOrderedMarker(prefix string) bool {
	if prefix == "" || len(prefix) > 9 {
		return false
	}
	for _, c := range prefix {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// SafeURL returns u when it is an absolute http(s) URL with a host, with
// spaces, parentheses, angle brackets, quotes and backquotes
// percent-encoded so it cannot end a Markdown link early; else "".
func SafeURL(u string) string {
	u = strings.TrimSpace(u)
	if u == "" || len(u) > 4096 {
		return ""
	}
	for _, r := range u {
		if Invisible(r) {
			return ""
		}
	}
	p, err := url.Parse(u)
	if err != nil || p.Host == "" {
		return ""
	}
	if s := strings.ToLower(p.Scheme); s != "http" && s != "https" {
		return ""
	}
	var b strings.Builder
	for _, r := range u {
		switch r {
		case ' ':
			b.WriteString("%20")
		case '(':
			b.WriteString("%28")
		case ')':
			b.WriteString("%29")
		case '<':
			b.WriteString("%3C")
		case '>':
			b.WriteString("%3E")
		case '"':
			b.WriteString("%22")
		case '`':
			b.WriteString("%60")
		case '\\':
			b.WriteString("%5C")
		case '|':
			b.WriteString("%7C")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// MarkdownLink returns "[escaped title](url)" for an http(s) URL, else the escaped
// title alone. An empty title shows the URL.
func MarkdownLink(title, u string) string {
	safe := SafeURL(u)
	t := Markdown(title)
	if safe == "" {
		return t
	}
	if t == "" {
		t = Markdown(safe)
	}
	return "[" + t + "](" + safe + ")"
}
