package plaintext

import (
	"regexp"
	"strings"
)

// rule is a cleaning regexp with a cheap test that every string it can
// match passes (a necessary condition, never a sufficient one): text that
// fails the test is returned as it is without running the regexp, which
// is most text for most rules. The regexp stays the one statement of the
// rule; the tests check each test against its regexp.
type rule struct {
	re  *regexp.Regexp
	may func(string) bool
}

// newRule compiles pattern; may must hold for every string it matches.
func newRule(pattern string, may func(string) bool) rule {
	return rule{re: regexp.MustCompile(pattern), may: may}
}

// replace is re.ReplaceAllString.
func (r rule) replace(s, repl string) string {
	if !r.may(s) {
		return s
	}
	return r.re.ReplaceAllString(s, repl)
}

// replaceFunc is re.ReplaceAllStringFunc.
func (r rule) replaceFunc(s string, f func(string) string) string {
	if !r.may(s) {
		return s
	}
	return r.re.ReplaceAllStringFunc(s, f)
}

// findAll is re.FindAllStringIndex(s, -1).
func (r rule) findAll(s string) [][]int {
	if !r.may(s) {
		return nil
	}
	return r.re.FindAllStringIndex(s, -1)
}

// find is re.FindStringIndex.
func (r rule) find(s string) []int {
	if !r.may(s) {
		return nil
	}
	return r.re.FindStringIndex(s)
}

// hasAll reports whether s holds every byte of bytes.
func hasAll(bytes string) func(string) bool {
	return func(s string) bool {
		for i := 0; i < len(bytes); i++ {
			if strings.IndexByte(s, bytes[i]) < 0 {
				return false
			}
		}
		return true
	}
}

// hasAny reports whether s holds one of subs.
func hasAny(subs ...string) func(string) bool {
	return func(s string) bool {
		for _, sub := range subs {
			if strings.Contains(s, sub) {
				return true
			}
		}
		return false
	}
}

// isSpace is regexp's \s: ASCII white space.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// spaceThen reports whether s has white space directly followed by one of
// the bytes in next (regexp `\s[next]`).
func spaceThen(next string) func(string) bool {
	return func(s string) bool {
		for i := 1; i < len(s); i++ {
			if isSpace(s[i-1]) && strings.IndexByte(next, s[i]) >= 0 {
				return true
			}
		}
		return false
	}
}

// hasDigits reports whether s has two ASCII digits in a row (regexp `\d{2}`).
func hasDigits(s string) bool {
	for i := 1; i < len(s); i++ {
		if isDigit(s[i-1]) && isDigit(s[i]) {
			return true
		}
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// hasFold reports whether s may hold one of words under the regexp
// package's case folding ((?i)): ASCII letters compared without case, and
// true whenever s holds one of the two letters outside ASCII that fold to
// ASCII ones (ſ U+017F to s, the Kelvin sign U+212A to k).
func hasFold(words ...string) func(string) bool {
	return func(s string) bool {
		if strings.Contains(s, "\u017f") || strings.Contains(s, "\u212a") {
			return true
		}
		for _, w := range words {
			if indexFoldASCII(s, w) >= 0 {
				return true
			}
		}
		return false
	}
}

// indexFoldASCII is strings.Index with ASCII letters compared without
// case; sub must be ASCII.
func indexFoldASCII(s, sub string) int {
	n := len(sub)
	for i := 0; i+n <= len(s); i++ {
		j := 0
		for j < n && lowerASCII(s[i+j]) == lowerASCII(sub[j]) {
			j++
		}
		if j == n {
			return i
		}
	}
	return -1
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// twoColons reports whether s holds two colons (an emoji shortcode's).
func twoColons(s string) bool {
	i := strings.IndexByte(s, ':')
	return i >= 0 && strings.IndexByte(s[i+1:], ':') >= 0
}

// or combines conditions of which one must hold.
func or(fs ...func(string) bool) func(string) bool {
	return func(s string) bool {
		for _, f := range fs {
			if f(s) {
				return true
			}
		}
		return false
	}
}

// punctRun reports whether s may hold what repeatedPunct matches: one of
// ",;:." then optional white space then "." (or "," after ",").
func punctRun(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != ',' && c != ';' && c != ':' && c != '.' {
			continue
		}
		j := i + 1
		for j < len(s) && isSpace(s[j]) {
			j++
		}
		if j < len(s) && (s[j] == '.' || c == ',' && s[j] == ',') {
			return true
		}
	}
	return false
}

// and combines necessary conditions.
func and(fs ...func(string) bool) func(string) bool {
	return func(s string) bool {
		for _, f := range fs {
			if !f(s) {
				return false
			}
		}
		return true
	}
}
