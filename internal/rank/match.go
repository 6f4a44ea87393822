package rank

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// tokenize appends to dst the lowercase words of s: maximal runs of letters
// and digits. Every other rune separates words, so "free-threaded" is two
// words and "I/O" is "i", "o". The words are substrings of one lowered copy
// of s, so tokenizing allocates at most once.
func tokenize(dst []string, s string) []string {
	return splitWords(dst, strings.ToLower(s))
}

// wordByte marks the ASCII bytes that belong to words.
var wordByte = func() (t [utf8.RuneSelf]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		t[c] = 'a' <= c && c <= 'z' || '0' <= c && c <= '9'
	}
	return t
}()

// splitWords appends the words of an already lowercase string.
func splitWords(dst []string, low string) []string {
	start := -1
	for i := 0; i < len(low); {
		c := low[i]
		size := 1
		var word bool
		if c < utf8.RuneSelf {
			word = wordByte[c]
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(low[i:])
			word = unicode.IsLetter(r) || unicode.IsDigit(r)
		}
		if word {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			dst = append(dst, low[start:i])
			start = -1
		}
		i += size
	}
	if start >= 0 {
		dst = append(dst, low[start:])
	}
	return dst
}

// tokenizer tokenizes without allocating in the common case: it lowercases
// ASCII text into a reused buffer. The words it returns are only valid
// until its next call; copy any word that must outlive it.
type tokenizer struct {
	buf  []byte
	toks []string
}

// words returns the lowercase words of s (see tokenize).
func (z *tokenizer) words(s string) []string {
	z.toks = z.toks[:0]
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if !ascii {
		z.toks = tokenize(z.toks, s)
		return z.toks
	}
	if len(s) == 0 {
		return z.toks
	}
	if cap(z.buf) < len(s) {
		z.buf = make([]byte, len(s), 2*len(s))
	}
	buf := z.buf[:len(s)]
	// low views buf, which is filled in below, before any word of it is
	// cut; one pass lowercases and splits.
	low := unsafe.String(unsafe.SliceData(buf), len(buf))
	start := -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
		if wordByte[c] {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			z.toks = append(z.toks, low[start:i])
			start = -1
		}
	}
	if start >= 0 {
		z.toks = append(z.toks, low[start:])
	}
	return z.toks
}

// wordMatches reports whether token t is word w or its simple plural (w+"s",
// w+"es").
func wordMatches(t, w string) bool {
	switch len(t) - len(w) {
	case 0:
		return t == w
	case 1:
		return t[len(w)] == 's' && t[:len(w)] == w
	case 2:
		return t[len(w):] == "es" && t[:len(w)] == w
	}
	return false
}

// phrase is one term of a theme or one interest of the client, as words.
type phrase struct {
	words []string
	text  string // as written
	group int    // theme index, or interest index when interest is set
	// interest marks a client interest rather than a theme term.
	interest bool
}

// matcher finds whole-word phrases (with simple plurals) in token lists.
// Phrases are indexed by their first word, longest first, so a scan costs
// one map lookup per token (three when the token ends in "s").
type matcher struct {
	phrases []phrase
	order   []int // phrase index → rank by (theme or interest group, text)
	byFirst map[string][]int
	first   [sigSize]bool // sig of every key of byFirst: a cheap pre-check
	groups  int           // number of theme groups
	ints    int           // number of interest groups
}

// newMatcher indexes the terms of themes and the client's interests.
// Terms without any word are skipped.
func newMatcher(themes []Theme, interests []string) *matcher {
	m := &matcher{byFirst: map[string][]int{}, groups: len(themes), ints: len(interests)}
	add := func(text string, group int, interest bool) {
		words := tokenize(nil, text)
		if len(words) == 0 {
			return
		}
		m.phrases = append(m.phrases, phrase{words: words, text: text, group: group, interest: interest})
		m.byFirst[words[0]] = append(m.byFirst[words[0]], len(m.phrases)-1)
		m.first[sig(words[0])] = true
	}
	for ti, th := range themes {
		for _, term := range th.Terms {
			add(term, ti, false)
		}
	}
	for ii, in := range interests {
		add(in, ii, true)
	}
	ord := make([]int, len(m.phrases))
	for i := range ord {
		ord[i] = i
	}
	sort.SliceStable(ord, func(a, b int) bool {
		pa, pb := &m.phrases[ord[a]], &m.phrases[ord[b]]
		if pa.interest != pb.interest {
			return !pa.interest
		}
		if pa.group != pb.group {
			return pa.group < pb.group
		}
		return pa.text < pb.text
	})
	m.order = make([]int, len(m.phrases))
	for rank, p := range ord {
		m.order[p] = rank
	}
	for k, idx := range m.byFirst {
		sort.SliceStable(idx, func(a, b int) bool {
			return len(m.phrases[idx[a]].words) > len(m.phrases[idx[b]].words)
		})
		m.byFirst[k] = idx
	}
	return m
}

// scan calls found for every phrase occurrence in toks. Within one theme (or
// one interest) occurrences never overlap: at each position the longest
// phrase wins, and the next occurrence must start after it. covered is
// scratch space of len groups+ints, reset by scan.
func (m *matcher) scan(toks []string, covered []int, found func(p int)) {
	for i := range covered {
		covered[i] = 0
	}
	for i, t := range toks {
		m.scanAt(toks, i, t, covered, found)
		if n := len(t); n > 1 && t[n-1] == 's' {
			m.scanAt(toks, i, t[:n-1], covered, found)
			if n > 2 && t[n-2] == 'e' {
				m.scanAt(toks, i, t[:n-2], covered, found)
			}
		}
	}
}

// sigSize is the size of the first-word pre-check table.
const sigSize = 1 << 12

// sig hashes a word's length, first and last bytes, so most words that
// start no phrase are rejected without a map lookup.
func sig(w string) int {
	return (len(w)*131 + int(w[0])*31 + int(w[len(w)-1])) & (sigSize - 1)
}

func (m *matcher) scanAt(toks []string, i int, first string, covered []int, found func(p int)) {
	if !m.first[sig(first)] {
		return
	}
	idx, ok := m.byFirst[first]
	if !ok || !wordMatches(toks[i], first) {
		return
	}
next:
	for _, pi := range idx {
		p := &m.phrases[pi]
		slot := p.group
		if p.interest {
			slot += m.groups
		}
		if i < covered[slot] || i+len(p.words) > len(toks) {
			continue
		}
		for j := 1; j < len(p.words); j++ {
			if !wordMatches(toks[i+j], p.words[j]) {
				continue next
			}
		}
		covered[slot] = i + len(p.words)
		found(pi)
	}
}
