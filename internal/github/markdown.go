package github

import (
	"html"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/roadmapper/roadmapper/internal/mdlink"
)

// Limits for text taken from issue bodies (untrusted).
const (
	maxBodyInput = 64 << 10 // bytes of an issue body that are looked at
	maxSummary   = 300      // runes of a summary, "…" included
	maxText      = 4000     // runes of an item's text
	maxLinks     = 20
)

var (
	reComment   = regexp.MustCompile(`(?s)<!--.*?(-->|$)`)
	reImage     = regexp.MustCompile(`!\[[^\]]*\]\([^)]*\)|!\[[^\]]*\]\[[^\]]*\]`)
	reRefLink   = regexp.MustCompile(`\[([^\]]+)\]\[[^\]]*\]`)
	reRefDef    = regexp.MustCompile(`^\s{0,3}\[[^\]]+\]:\s*\S+.*$`)
	reAutolink  = regexp.MustCompile(`<((?:https?|mailto):[^>\s]*)>`)
	reTag       = regexp.MustCompile(`</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>`)
	reCode      = regexp.MustCompile("`+([^`]*)`+")
	reStrong    = regexp.MustCompile(`(\*\*|__)(\S(?:.*?\S)?)(\*\*|__)`)
	reEmph      = regexp.MustCompile(`(^|[\s(])[*_](\S(?:[^*_]*?\S)?)[*_]([\s).,;:!?]|$)`)
	reStrike    = regexp.MustCompile(`~~(.+?)~~`)
	reHeading   = regexp.MustCompile(`^\s{0,3}#{1,6}(\s+|$)`)
	reClosingH  = regexp.MustCompile(`\s+#+\s*$`)
	reSetext    = regexp.MustCompile(`^\s{0,3}(=+|-+)\s*$`)
	reRule      = regexp.MustCompile(`^\s{0,3}([-*_=])(\s*([-*_=]))*\s*$`)
	reListItem  = regexp.MustCompile(`^\s*(?:[-*+]|\d{1,9}[.)])\s+(?:\[[ xX]\]\s+)?`)
	reQuote     = regexp.MustCompile(`^\s{0,3}(>\s?)+`)
	reFence     = regexp.MustCompile("^\\s{0,3}(```|~~~)")
	reTableRule = regexp.MustCompile(`^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$`)
	reURL       = regexp.MustCompile(`https?://[^\s<>"'()\[\]{}]+`)
	reMarkOrURL = regexp.MustCompile("\x01([0-9]+)\x02|" + reURL.String())
	reSpaces    = regexp.MustCompile(`[ \t\f\v\x{00a0}]+`)
)

// block is a paragraph of stripped text; heading says it was a heading.
type block struct {
	text    string
	heading bool
}

// stripBlocks turns Markdown (or the HTML GitHub accepts in it) into plain
// paragraphs: link text kept, images, HTML tags, comments, code blocks,
// heading/list/quote markers and emphasis removed.
func stripBlocks(md string) []block {
	if len(md) > maxBodyInput {
		md = md[:maxBodyInput]
	}
	md = strings.ToValidUTF8(md, "")
	md = strings.ReplaceAll(md, "\r\n", "\n")
	md = strings.ReplaceAll(md, "\r", "\n")
	md = reComment.ReplaceAllString(md, "")

	var blocks []block
	var para []string
	flush := func() {
		if len(para) > 0 {
			if t := cleanInline(strings.Join(para, " ")); hasWord(t) {
				blocks = append(blocks, block{text: t})
			}
			para = para[:0]
		}
	}
	fence := ""
	for _, line := range strings.Split(md, "\n") {
		if fence != "" {
			if strings.HasPrefix(strings.TrimSpace(line), fence) {
				fence = ""
			}
			continue
		}
		if m := reFence.FindStringSubmatch(line); m != nil {
			flush()
			fence = m[1]
			continue
		}
		line = reQuote.ReplaceAllString(line, "")
		switch {
		case strings.TrimSpace(line) == "":
			flush()
		case reHeading.MatchString(line):
			flush()
			h := reClosingH.ReplaceAllString(reHeading.ReplaceAllString(line, ""), "")
			if t := cleanInline(h); hasWord(t) {
				blocks = append(blocks, block{text: t, heading: true})
			}
		case len(para) > 0 && reSetext.MatchString(line):
			if t := cleanInline(strings.Join(para, " ")); hasWord(t) {
				blocks = append(blocks, block{text: t, heading: true})
			}
			para = para[:0]
		case reRule.MatchString(line), reTableRule.MatchString(line) && strings.Contains(line, "-"), reRefDef.MatchString(line):
			flush() // rules, setext underlines, table separators, link definitions
		case strings.HasPrefix(line, "    ") || strings.HasPrefix(line, "\t"):
			if len(para) == 0 { // indented code block
				continue
			}
			para = append(para, line)
		case reListItem.MatchString(line):
			flush()
			para = append(para, reListItem.ReplaceAllString(line, ""))
		default:
			para = append(para, strings.ReplaceAll(line, "|", " "))
		}
	}
	flush()
	return blocks
}

// cleanInline removes inline Markdown and HTML from one paragraph.
func cleanInline(s string) string {
	s = mdlink.Replace(s, func(text, _ string) string { return text })
	s = reImage.ReplaceAllString(s, "")
	s = reRefLink.ReplaceAllString(s, "$1")
	s = reAutolink.ReplaceAllString(s, "$1")
	s = reTag.ReplaceAllString(s, " ")
	s = reCode.ReplaceAllString(s, "$1")
	s = reStrong.ReplaceAllString(s, "$2")
	s = reStrike.ReplaceAllString(s, "$1")
	s = reEmph.ReplaceAllString(s, "$1$2$3")
	s = html.UnescapeString(s)
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	return strings.TrimSpace(reSpaces.ReplaceAllString(s, " "))
}

func hasWord(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}

// StripMarkdown returns the plain text of an issue body: paragraphs
// separated by blank lines, capped at 4000 runes (cut at a word boundary
// with "…").
func StripMarkdown(md string) string {
	var parts []string
	for _, b := range stripBlocks(md) {
		parts = append(parts, b.text)
	}
	return truncate(strings.Join(parts, "\n\n"), maxText, false)
}

// Summarise returns the first paragraph of an issue body as plain text
// (skipping headings when there is a paragraph), at most 300 runes, cut at
// a sentence or word boundary with "…".
func Summarise(md string) string {
	blocks := stripBlocks(md)
	for _, b := range blocks {
		if !b.heading {
			return truncate(b.text, maxSummary, true)
		}
	}
	if len(blocks) > 0 {
		return truncate(blocks[0].text, maxSummary, true)
	}
	return ""
}

// truncate cuts s to at most n runes, "…" included, at a sentence end
// (when sentences is set and one ends in the last two thirds) or else at a
// word boundary.
func truncate(s string, n int, sentences bool) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	// byte offset of the n-1'th rune: room for the ellipsis
	cut := 0
	for i := range s {
		if n--; n == 0 {
			cut = i
			break
		}
	}
	head := s[:cut]
	if sentences {
		best := -1
		for i := 0; i < len(head)-1; i++ {
			if (head[i] == '.' || head[i] == '!' || head[i] == '?') && head[i+1] == ' ' {
				best = i + 1
			}
		}
		if best > len(head)/3 {
			return head[:best] + " …"
		}
	}
	if i := strings.LastIndexAny(head, " \n"); i > len(head)/2 {
		head = head[:i]
	}
	return strings.TrimRight(head, " \n,;:-") + "…"
}

// extractLinks returns up to 20 distinct absolute http(s) URLs in a body.
func extractLinks(md string) []string {
	if len(md) > maxBodyInput {
		md = md[:maxBodyInput]
	}
	md = reComment.ReplaceAllString(md, "")
	// Inline link destinations first (they may hold balanced parentheses),
	// then bare URLs in what is left.
	// An inline link becomes a marker "\x01N\x02" so links keep their order.
	var dests, found []string
	md = mdlink.Replace(md, func(text, dest string) string {
		dests = append(dests, dest)
		return text + " \x01" + strconv.Itoa(len(dests)-1) + "\x02 "
	})
	md = reImage.ReplaceAllString(md, "")
	for _, m := range reMarkOrURL.FindAllStringSubmatch(md, -1) {
		if m[1] != "" {
			n, _ := strconv.Atoi(m[1])
			found = append(found, dests[n])
		} else {
			found = append(found, m[0])
		}
	}
	var out []string
	seen := map[string]bool{}
	for _, raw := range found {
		raw = strings.TrimRight(raw, ".,;:!?*_~`>")
		u, err := url.Parse(raw)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
			continue
		}
		s := u.String()
		if seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, s)
		if len(out) == maxLinks {
			break
		}
	}
	return out
}

// httpURL returns s when it is an absolute http(s) URL, else "".
func httpURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return s
}
