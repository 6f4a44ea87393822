package rank

import (
	"slices"
	"sort"
)

// phrase is one term of a theme or one interest of the client, as words.
type phrase struct {
	words []int32 // vocabulary word ids
	text  string  // as written
	group int     // theme index, or interest index when interest is set
	// interest marks a client interest rather than a theme term.
	interest bool
	// except marks a theme's exception: where it matches, it covers its
	// words for that theme and is not itself an occurrence.
	except bool
}

// matcher finds whole-word phrases (with simple plurals) in the surface
// forms a tokenizer records. Phrases are indexed by their first word,
// longest first, so a scan costs nothing for words outside the vocabulary
// and a few integer comparisons for the others.
type matcher struct {
	v       *vocab
	phrases []phrase
	order   []int     // phrase index → rank by (theme or interest group, text)
	byFirst [][]int32 // word id → phrases starting with it, longest first
	groups  int       // number of theme groups
	ints    int       // number of interest groups
}

// newMatcher indexes the terms of themes and the client's interests.
// Terms without any word are skipped.
func newMatcher(themes []Theme, interests []string) *matcher {
	m := &matcher{groups: len(themes), ints: len(interests)}
	wordID := map[string]int32{}
	var words []string
	add := func(text string, group int, interest, except bool) {
		toks := tokenize(nil, text)
		if len(toks) == 0 {
			return
		}
		p := phrase{text: text, group: group, interest: interest, except: except}
		for _, w := range toks {
			id, ok := wordID[w]
			if !ok {
				id = int32(len(words))
				wordID[w] = id
				words = append(words, w)
			}
			p.words = append(p.words, id)
		}
		m.phrases = append(m.phrases, p)
	}
	for ti, th := range themes {
		for _, term := range th.Terms {
			add(term, ti, false, false)
		}
		for _, ex := range th.Except {
			add(ex, ti, false, true)
		}
	}
	for ii, in := range interests {
		add(in, ii, true, false)
	}
	m.v = newVocab(words)
	m.byFirst = make([][]int32, len(words))
	for pi, p := range m.phrases {
		m.byFirst[p.words[0]] = append(m.byFirst[p.words[0]], int32(pi))
	}
	m.v.starts = make([]bool, len(m.v.forms))
	for f := range m.v.forms {
		for _, w := range m.v.forms[f].words {
			m.v.starts[f] = m.v.starts[f] || len(m.byFirst[w]) > 0
		}
	}
	for _, idx := range m.byFirst {
		slices.SortStableFunc(idx, func(a, b int32) int {
			return len(m.phrases[b].words) - len(m.phrases[a].words)
		})
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
	return m
}

// tokenizer returns a tokenizer that records surface forms of m's words.
func (m *matcher) tokenizer() tokenizer {
	return tokenizer{v: m.v}
}

// scan appends to dst every phrase occurrence in forms (a tokenizer's
// record of one text; at lists the words whose form may start a phrase),
// as phrase indices. Within one theme (or one interest) occurrences never
// overlap: at each position the longest phrase wins, and the next
// occurrence must start after it. covered is scratch space of len
// groups+ints, reset by scan. A theme's exception that matches covers its
// words for that theme without being an occurrence; the longest phrase at
// a position wins, so "hit testing" hides "testing" there. An exception
// that starts after a term ("testing" in "hit testing") is found because
// every position is tried from the left: "hit" comes first.
func (m *matcher) scan(forms, at []int32, covered []int, dst []int32) []int32 {
	clear(covered)
	for _, i32 := range at {
		i := int(i32)
		for _, w := range m.v.forms[forms[i]].words {
		next:
			for _, pi := range m.byFirst[w] {
				p := &m.phrases[pi]
				slot := p.group
				if p.interest {
					slot += m.groups
				}
				if i < covered[slot] || i+len(p.words) > len(forms) {
					continue
				}
				for j := 1; j < len(p.words); j++ {
					g := forms[i+j]
					if g < 0 || !slices.Contains(m.v.forms[g].words, p.words[j]) {
						continue next
					}
				}
				covered[slot] = i + len(p.words)
				if !p.except {
					dst = append(dst, pi)
				}
			}
		}
	}
	return dst
}
