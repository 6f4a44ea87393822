package extract

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// collapse trims s and folds every run of white space into one space.
func collapse(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// truncate cuts s to at most n bytes on a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// cutSummary shortens s to at most max bytes: at the last sentence end that
// keeps at least a third of the budget, else at a word boundary followed by
// "…".
func cutSummary(s string, max int) string {
	s = collapse(s)
	if len(s) <= max {
		return s
	}
	head := truncate(s, max)
	best := -1
	for i := 0; i < len(head); i++ {
		c := head[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		next := i + 1
		for next < len(head) && (head[next] == '"' || head[next] == '\'' || head[next] == ')') {
			next++
		}
		if next == len(head) && len(s) > len(head) && s[len(head)] == ' ' || next < len(head) && head[next] == ' ' {
			if !abbreviationBefore(head, i) {
				best = next
			}
		}
	}
	if best >= max/3 {
		return head[:best]
	}
	if sp := strings.LastIndexByte(head, ' '); sp > 0 {
		head = head[:sp]
	}
	return strings.TrimRight(head, " ,;:-–—") + "…"
}

// abbreviationBefore reports whether the period at s[i] ends a common
// abbreviation ("e.g.", "i.e.", "etc.") rather than a sentence.
func abbreviationBefore(s string, i int) bool {
	if s[i] != '.' {
		return false
	}
	start := strings.LastIndexByte(s[:i], ' ') + 1
	w := strings.ToLower(s[start : i+1])
	switch w {
	case "e.g.", "i.e.", "etc.", "vs.", "cf.", "approx.", "dr.", "mr.", "ms.", "no.", "fig.", "(e.g.", "(i.e.":
		return true
	}
	return false
}

// firstSentence splits s into its first sentence (at most max bytes, cut at
// a word boundary) and the rest.
func firstSentence(s string, max int) (string, string) {
	s = collapse(s)
	end := -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c == '.' || c == '!' || c == '?' || c == ':') && (i+1 == len(s) || s[i+1] == ' ') && !abbreviationBefore(s, i) {
			end = i
			break
		}
	}
	var sent, rest string
	if end < 0 {
		sent = s
	} else {
		sent, rest = s[:end+1], strings.TrimSpace(s[end+1:])
	}
	if len(sent) > max {
		head := truncate(sent, max)
		if sp := strings.LastIndexByte(head, ' '); sp > 0 {
			head = head[:sp]
		}
		rest = strings.TrimSpace(strings.TrimPrefix(s, head))
		sent = head
	}
	sent = strings.TrimRight(sent, ".:; ")
	return sent, rest
}

// gitHubAnchor is the anchor GitHub (and most Markdown renderers) give a
// heading: lower case, punctuation removed, spaces turned into "-".
func gitHubAnchor(title string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(title)) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		}
	}
	return b.String()
}

// docutilsID is the id docutils gives a section: lower case ASCII, every
// run of other characters turned into one "-", no leading digit or dash.
func docutilsID(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFKD.String(strings.ToLower(title)) {
		switch {
		case r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case unicode.Is(unicode.Mn, r):
			// combining accent: drop
		default:
			dash = true
		}
	}
	id := strings.TrimLeft(b.String(), "0123456789-")
	return id
}

// resolveLinks turns hrefs into absolute http(s) URLs against base, drops
// everything else (javascript:, mailto:, fragments of the page itself) and
// de-duplicates, keeping order.
func resolveLinks(base *url.URL, hrefs []string, seen map[string]bool) []string {
	var out []string
	for _, h := range hrefs {
		h = strings.TrimSpace(h)
		if h == "" || strings.HasPrefix(h, "#") {
			continue
		}
		u, err := url.Parse(h)
		if err != nil {
			continue
		}
		if base != nil && !u.IsAbs() {
			u = base.ResolveReference(u)
		}
		if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
			continue
		}
		s := u.String()
		if strings.ContainsFunc(s, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
			// Go keeps white space in a query as it is: encode it, and
			// drop links with control characters.
			s = strings.ReplaceAll(s, " ", "%20")
			if strings.ContainsFunc(s, func(r rune) bool { return r < ' ' || r == 0x7f }) {
				continue
			}
		}
		if len(s) > 2048 || seen[s] {
			continue
		}
		if v, err := url.Parse(s); err != nil || v.Hostname() == "" || v.String() != s {
			continue // not a link a reader (or the next parse) could follow
		}
		seen[s] = true
		out = append(out, s)
	}
	return out
}
