package discover

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/roadmapper/roadmapper/internal/plaintext"
)

// maxTagline is the longest proposed tagline, in runes.
const maxTagline = 100

var (
	nonSlug   = regexp.MustCompile(`[^a-z0-9]+`)
	shortcode = regexp.MustCompile(`:[a-z0-9_+-]+:`)
	titleSep  = regexp.MustCompile(`\s+[-–—|:·•]\s+`)
)

// Slug proposes a registry slug from a repository name: lower case,
// runs of other characters become one hyphen, at most 63 characters.
func Slug(repoName string) string {
	s := strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(repoName), "-"), "-")
	if len(s) > 63 {
		s = strings.TrimRight(s[:63], "-")
	}
	return s
}

// Name proposes a display name: the site's og:site_name or the first part
// of its title when either spells the repository's name (so "NumPy" for
// numpy/numpy), else the repository name.
func Name(repoName, siteName, title string) string {
	key := squash(repoName)
	for _, cand := range append([]string{siteName}, titleSep.Split(title, -1)...) {
		cand = strings.TrimSpace(cand)
		if cand != "" && squash(cand) == key && len(cand) <= 60 {
			return cand
		}
	}
	return repoName
}

// squash lowers s and keeps only letters and digits.
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}

// Tagline shortens a GitHub description into a tagline: emoji and
// :shortcodes: dropped, whitespace collapsed, the first sentence when the
// whole is long, cut at a word with "…" beyond 100 characters, and a
// trailing full stop kept or added. It returns "" for an empty description.
func Tagline(desc string) string {
	s := shortcode.ReplaceAllString(plaintext.OneLine(desc), "")
	s = strings.Map(func(r rune) rune {
		if unicode.Is(unicode.So, r) || unicode.Is(unicode.Cs, r) || unicode.IsControl(r) || r == 0xfe0f || r == 0x200d {
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return ""
	}
	if len([]rune(s)) > maxTagline {
		if i := strings.Index(s, ". "); i >= 10 && len([]rune(s[:i])) <= maxTagline {
			s = s[:i]
		}
	}
	if r := []rune(s); len(r) > maxTagline {
		cut := string(r[:maxTagline-1])
		if i := strings.LastIndexByte(cut, ' '); i > maxTagline/2 {
			cut = cut[:i]
		}
		return strings.TrimRight(cut, " ,;:-–—") + "…"
	}
	s = strings.TrimRight(s, " ")
	if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "!") && !strings.HasSuffix(s, "?") {
		s += "."
	}
	return s
}
