// Package mdlink finds Markdown inline links and images the way CommonMark
// reads them, including destinations with balanced parentheses such as
// https://en.wikipedia.org/wiki/Dask_(software), which a regular
// expression cannot follow.
package mdlink

import "strings"

// maxParenDepth bounds nested parentheses in a destination (CommonMark
// implementations use 32).
const maxParenDepth = 32

// Replace returns s with every inline image ![alt](dest) removed and every
// inline link [text](dest "title") replaced by link(text, dest). A
// bracket that does not start a well-formed inline link is kept as it is.
func Replace(s string, link func(text, dest string) string) string {
	if strings.IndexByte(s, '[') < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	i := 0
	for i < len(s) {
		j := strings.IndexByte(s[i:], '[')
		if j < 0 {
			break
		}
		j += i
		image := j > 0 && s[j-1] == '!' && (j < 2 || s[j-2] != '\\')
		if j > 0 && s[j-1] == '\\' {
			b.WriteString(s[i : j+1])
			i = j + 1
			continue
		}
		text, dest, end, ok := parse(s, j)
		if !ok {
			b.WriteString(s[i : j+1])
			i = j + 1
			continue
		}
		if image {
			b.WriteString(s[i : j-1])
		} else {
			b.WriteString(s[i:j])
			b.WriteString(link(text, dest))
		}
		i = end
	}
	b.WriteString(s[i:])
	return b.String()
}

// Links returns the destinations of the inline links of s, in order
// (images excluded).
func Links(s string) []string {
	var out []string
	Replace(s, func(_, dest string) string {
		out = append(out, dest)
		return ""
	})
	return out
}

// Bounds of one link's parts, which keep Replace linear in practice on
// hostile input (a long run of "[" or "](((("): longer ones are not links.
const (
	maxText  = 1000
	maxDest  = 2048
	maxTitle = 1000
)

// parse reads an inline link starting at the '[' at s[open]: its text,
// its destination and the index just after its closing ')'. The text may
// not hold an unescaped bracket (so a scan stops at the next '[').
func parse(s string, open int) (text, dest string, end int, ok bool) {
	close := -1
	for k := open + 1; k < len(s) && k <= open+maxText; k++ {
		c := s[k]
		if c == '\\' {
			k++
			continue
		}
		if c == '[' {
			return "", "", 0, false
		}
		if c == ']' {
			close = k
			break
		}
	}
	if close < 0 || close+1 >= len(s) || s[close+1] != '(' {
		return "", "", 0, false
	}
	text = s[open+1 : close]
	k := skipSpace(s, close+2)
	if k < len(s) && s[k] == '<' {
		e := k + 1
		for e < len(s) && s[e] != '>' && s[e] != '\n' && s[e] != '<' && e-k <= maxDest {
			if s[e] == '\\' {
				e++
			}
			e++
		}
		if e >= len(s) || s[e] != '>' {
			return "", "", 0, false
		}
		dest, k = s[k+1:e], e+1
	} else {
		start, paren := k, 0
	dest:
		for ; k < len(s); k++ {
			if k-start > maxDest {
				return "", "", 0, false
			}
			c := s[k]
			switch {
			case c == '\\' && k+1 < len(s):
				k++
			case c == '(':
				paren++
				if paren > maxParenDepth {
					return "", "", 0, false
				}
			case c == ')':
				if paren == 0 {
					break dest
				}
				paren--
			case c <= ' ' || c == 0x7f:
				break dest
			}
		}
		if paren != 0 {
			return "", "", 0, false
		}
		dest = s[start:k]
	}
	if k2 := skipSpace(s, k); k2 > k && k2 < len(s) && (s[k2] == '"' || s[k2] == '\'' || s[k2] == '(') {
		closer := s[k2]
		if closer == '(' {
			closer = ')'
		}
		e := k2 + 1
		for e < len(s) && s[e] != closer && e-k2 <= maxTitle {
			if s[e] == '\\' {
				e++
			}
			e++
		}
		if e >= len(s) || s[e] != closer {
			return "", "", 0, false
		}
		k = e + 1
	}
	k = skipSpace(s, k)
	if k >= len(s) || s[k] != ')' {
		return "", "", 0, false
	}
	return text, dest, k + 1, true
}

// skipSpace skips spaces, tabs and at most one line break.
func skipSpace(s string, k int) int {
	nl := false
	for k < len(s) {
		switch s[k] {
		case ' ', '\t':
		case '\n':
			if nl {
				return k
			}
			nl = true
		default:
			return k
		}
		k++
	}
	return k
}
