package brochure

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/roadmapper/roadmapper/internal/plaintext"
)

// ellipsis marks text that was cut.
const ellipsis = "…"

// measurer gives the printed width of a string in the current style.
type measurer func(s string) float64

// token is an unbreakable piece of text; a line may break before it.
type token struct {
	text  string
	space bool // a space separates it from the previous token
}

// cleanText turns untrusted text into one paragraph (see plaintext.OneLine).
func cleanText(s string) string { return plaintext.OneLine(s) }

// breakEverywhere reports scripts written without spaces, where a line may
// break between any two characters (CJK ideographs, kana, Hangul, fullwidth
// punctuation).
func breakEverywhere(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		(r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF)
}

// tokenize splits cleaned text into tokens at spaces and around characters
// of scripts without spaces.
func tokenize(s string) []token {
	var toks []token
	start := -1
	space := false
	flush := func(end int) {
		if start >= 0 && end > start {
			toks = append(toks, token{text: s[start:end], space: space && len(toks) > 0})
			space = false
		}
		start = -1
	}
	for i, r := range s {
		switch {
		case r == ' ':
			flush(i)
			space = true
		case breakEverywhere(r):
			flush(i)
			n := utf8.RuneLen(r)
			toks = append(toks, token{text: s[i : i+n], space: space && len(toks) > 0})
			space = false
		default:
			if start < 0 {
				start = i
			}
		}
	}
	flush(len(s))
	return toks
}

// joinTokens prints tokens as one line.
func joinTokens(toks []token) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 && t.space {
			b.WriteByte(' ')
		}
		b.WriteString(t.text)
	}
	return b.String()
}

// wrapTokens breaks tokens into lines no wider than maxW, greedily. A token
// wider than a whole line is split between characters (the only way it can
// fit); everything else breaks only where tokens meet.
func wrapTokens(toks []token, maxW float64, m measurer) [][]token {
	var lines [][]token
	var cur []token
	curW := 0.0
	spaceW := m(" ")
	for _, t := range toks {
		w := m(t.text)
		if w > maxW {
			pieces := splitWide(t.text, maxW, m)
			for i, p := range pieces {
				pt := token{text: p, space: t.space && i == 0}
				pw := m(p)
				add := pw
				if len(cur) > 0 && pt.space {
					add += spaceW
				}
				if len(cur) > 0 && curW+add > maxW {
					lines = append(lines, cur)
					cur, curW, add = nil, 0, pw
				}
				cur = append(cur, pt)
				curW += add
			}
			continue
		}
		add := w
		if len(cur) > 0 && t.space {
			add += spaceW
		}
		if len(cur) > 0 && curW+add > maxW {
			// A dash standing alone does not start a line: the word
			// before it goes down with it, when both fit a line.
			if n := len(cur); n > 1 && t.space && isDash(t.text) && m(cur[n-1].text)+spaceW+w <= maxW {
				prev := cur[n-1]
				lines = append(lines, cur[:n-1])
				cur, curW, add = []token{prev}, m(prev.text), spaceW+w
			} else {
				lines = append(lines, cur)
				cur, curW, add = nil, 0, w
			}
		}
		cur = append(cur, t)
		curW += add
	}
	if len(cur) > 0 {
		lines = append(lines, cur)
	}
	return lines
}

// isDash reports a token that is a lone dash ("–", "—").
func isDash(s string) bool { return s == "–" || s == "—" }

// splitWide cuts a token wider than maxW into pieces that each fit.
func splitWide(s string, maxW float64, m measurer) []string {
	var out []string
	for s != "" {
		n := fitRunes(s, maxW, m)
		if n == 0 {
			_, n = utf8.DecodeRuneInString(s) // one glyph wider than the line: keep going
		}
		out = append(out, s[:n])
		s = s[n:]
	}
	return out
}

// fitRunes returns the byte length of the longest prefix of s no wider than maxW.
func fitRunes(s string, maxW float64, m measurer) int {
	w, n := 0.0, 0
	for i, r := range s {
		w += m(string(r))
		if w > maxW {
			return n
		}
		n = i + utf8.RuneLen(r)
	}
	return n
}

// fitText wraps text into at most maxLines lines of width maxW. Text that
// does not fit is cut, preferring the end of a sentence (whose full stop
// becomes "…") when that keeps at least a third of what a cut at a word
// would keep (a summary reads better ending on a whole sentence), else at the end of a word followed by "…". It never cuts inside a
// word unless the first word alone overflows every line. cut reports
// whether anything was left out.
func fitText(s string, maxW float64, maxLines int, m measurer) (lines []string, cut bool) {
	s = cleanText(s)
	if s == "" {
		return nil, false
	}
	if maxLines <= 0 {
		return nil, true
	}
	toks := tokenize(s)
	// Text far beyond what can show is never needed: bound the work.
	if limit := maxLines * 80; len(toks) > limit {
		toks = toks[:limit]
		cut = true
	}
	wrapped := wrapTokens(toks, maxW, m)
	if len(wrapped) <= maxLines && !cut {
		return linesOf(wrapped), false
	}
	keep := 0 // tokens on the first maxLines lines
	for _, l := range wrapped[:min(maxLines, len(wrapped))] {
		keep += len(l)
	}
	keep = min(keep, len(toks))

	wordN, wordLines := 0, [][]token(nil)
	for n := keep; n >= 1; n-- {
		cand := withEnding(toks[:n], wordEnding)
		l := wrapTokens(cand, maxW, m)
		if len(l) <= maxLines {
			wordN, wordLines = n, l
			break
		}
	}
	for n := keep; n >= 1; n-- {
		if !sentenceEnd(toks, n-1) {
			continue
		}
		if wordN > 0 && runeCount(toks[:n]) < runeCount(toks[:wordN])/3 {
			break
		}
		cand := withEnding(toks[:n], sentenceEnding)
		l := wrapTokens(cand, maxW, m)
		if len(l) <= maxLines {
			return linesOf(l), true
		}
	}
	if wordN > 0 {
		return linesOf(wordLines), true
	}
	// One enormous word: cut it between characters.
	first := toks[0].text
	budget := float64(maxLines)*maxW - m(ellipsis)
	n := fitRunes(first, budget, m)
	for n > 0 {
		l := wrapTokens([]token{{text: first[:n] + ellipsis}}, maxW, m)
		if len(l) <= maxLines {
			return linesOf(l), true
		}
		_, size := utf8.DecodeLastRuneInString(first[:n])
		n -= size
	}
	return []string{ellipsis}, true
}

func linesOf(lines [][]token) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = joinTokens(l)
	}
	return out
}

func runeCount(toks []token) int {
	n := 0
	for _, t := range toks {
		n += utf8.RuneCountInString(t.text) + 1
	}
	return n
}

// withEnding copies toks with the last token rewritten by end.
func withEnding(toks []token, end func(string) string) []token {
	out := make([]token, len(toks))
	copy(out, toks)
	out[len(out)-1].text = end(out[len(out)-1].text)
	return out
}

// wordEnding appends "…" to a word, dropping punctuation that would dangle
// before it.
func wordEnding(w string) string {
	t := strings.TrimRightFunc(w, func(r rune) bool {
		return strings.ContainsRune(",;:.!?-–—([{/\\'\"“‘、，：；", r)
	})
	if t == "" {
		t = w
	}
	return t + ellipsis
}

// sentenceEnding marks a cut after a whole sentence: its full stop becomes
// "…"; after "!", "?" or "。" the "…" is appended.
func sentenceEnding(w string) string {
	core := strings.TrimRight(w, "\"'”’)]")
	closers := w[len(core):]
	switch {
	case strings.HasSuffix(core, "."):
		return strings.TrimSuffix(core, ".") + ellipsis + closers
	case strings.HasSuffix(core, "。"):
		return core + closers + ellipsis
	}
	return w + ellipsis
}

// abbreviations end in a full stop without ending a sentence.
var abbreviations = map[string]bool{
	"e.g.": true, "i.e.": true, "etc.": false, "vs.": true, "cf.": true, "approx.": true,
	"dr.": true, "mr.": true, "ms.": true, "no.": true, "fig.": true, "eq.": true, "al.": true,
}

// sentenceEnd reports whether token i ends a sentence and more text follows.
func sentenceEnd(toks []token, i int) bool {
	if i < 0 || i >= len(toks)-1 {
		return false
	}
	w := toks[i].text
	core := strings.TrimRight(w, "\"'”’)]")
	if strings.HasSuffix(core, "。") || strings.HasSuffix(core, "！") || strings.HasSuffix(core, "？") {
		return true
	}
	if !toks[i+1].space {
		return false
	}
	switch {
	case strings.HasSuffix(core, "!"), strings.HasSuffix(core, "?"):
		return true
	case strings.HasSuffix(core, "."):
		lw := strings.ToLower(core)
		if abbreviations[lw] {
			return false
		}
		if r, _ := utf8.DecodeRuneInString(core); utf8.RuneCountInString(core) == 2 && unicode.IsUpper(r) {
			return false // an initial: "J. Smith"
		}
		return true
	}
	return false
}

// truncateLine shortens s to fit maxW, ending in "…" when cut.
func truncateLine(s string, maxW float64, m measurer) string {
	if m(s) <= maxW {
		return s
	}
	n := fitRunes(s, maxW-m(ellipsis), m)
	return strings.TrimRight(s[:n], " ") + ellipsis
}
