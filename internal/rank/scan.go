package rank

import "github.com/roadmapper/roadmapper/internal/roadmap"

// scanner tags themes and counts interests, item after item, reusing its
// buffers; one per goroutine.
type scanner struct {
	m         *matcher
	covered   []int
	tz        tokenizer // words of the item
	lz        tokenizer // words of a link
	found     []int32   // phrases found in one text
	props     []string  // proposals of one item
	projWords map[string]map[string]bool
	// stored are features standing for the scan of an item (nil: scan
	// it), indexed like the items; nil when there are none.
	stored []*Features
	// pre items come scanned already (Input.Scanned): they are skipped.
	pre int
	// filters, when set, receives each scanned item's word filter,
	// indexed like the items; hs is its scratch space.
	filters []bloom
	hs      []uint64
}

func newScanner(m *matcher) *scanner {
	return &scanner{m: m, covered: make([]int, m.groups+m.ints), tz: m.tokenizer(), projWords: map[string]map[string]bool{}}
}

// scan tags themes and counts interests for items[lo:hi]: theme match
// weights go to themeW (nT per item), interest term frequencies to tf (nI
// per item), the rest to stats. Each text is tokenized once; the same
// words serve theme tagging, interests, concreteness and the preface test.
func (sc *scanner) scan(items []roadmap.Item, stats []itemStats, themeW, tf []int32, lo, hi int) {
	m := sc.m
	nT, nI := m.groups, m.ints
	terms := make([]int32, 0, 8*(hi-lo)) // theme phrases matched, item after item
	starts := make([]int, 0, hi-lo+1)
	count := func(i int, weight int32) {
		for _, p := range sc.found {
			ph := &m.phrases[p]
			if ph.interest {
				tf[i*nI+ph.group] += weight
				continue
			}
			themeW[i*nT+ph.group] += weight
			terms = append(terms, p)
		}
	}
	tz, lz := &sc.tz, &sc.lz
	for i := lo; i < hi; i++ {
		it := &items[i]
		st := &stats[i]
		starts = append(starts, len(terms))
		if i < sc.pre {
			continue
		}
		if sc.stored != nil && sc.stored[i] != nil {
			f := sc.stored[i]
			*st = f.stats
			copy(themeW[i*nT:(i+1)*nT], f.themeW)
			terms = append(terms, f.stats.terms...)
			continue
		}
		if sc.filters != nil {
			tz.hashes = sc.hs[:0]
		}
		toks := tz.words(it.Title)
		sc.found = m.scan(tz.forms, tz.at, sc.covered, sc.found[:0])
		count(i, 2)
		st.docLen = len(toks)
		if !roadmap.SourceOf(it.Source).Tracker {
			pw, ok := sc.projWords[it.Project]
			if !ok {
				pw = map[string]bool{}
				for _, w := range tokenize(nil, it.Project) {
					pw[w] = true
				}
				sc.projWords[it.Project] = pw
			}
			ti := titleInfo{toks: toks, project: pw, points: it.Points}
			st.preface = isPreface(&ti)
			if len(toks) > 0 {
				st.title = titleHash(toks)
			}
		}
		body := it.Text
		if body == "" {
			body = it.Summary
		}
		tz.drop = true
		tz.words(body)
		tz.drop = false
		if sc.filters != nil {
			sc.filters[i] = newBloom(tz.hashes)
			sc.hs, tz.hashes = tz.hashes, nil
		}
		sc.found = m.scan(tz.forms, tz.at, sc.covered, sc.found[:0])
		count(i, 1)
		st.docLen += tz.n
		st.words = tz.n
		sc.props = proposalsIn(tz.refs, sc.props[:0])
		refs := issueRefsIn(it.Links, tz.refs)
		for _, l := range it.Links {
			lt := lz.words(l)
			sc.props = proposalsAt(lt, lz.cands, sc.props)
		}
		st.conc, st.concL = concreteness(it, st.words, sc.props, refs)
		st.points, st.links = int32(len(it.Points)), int32(len(it.Links))
		st.call = roadmap.SourceOf(it.Source).Document && isCall(it.Title, it.Summary)
	}
	starts = append(starts, len(terms))
	for i := max(lo, sc.pre); i < hi; i++ {
		k := i - lo
		stats[i].terms = terms[starts[k]:starts[k+1]:starts[k+1]]
	}
}

// titleHash hashes the words of a title, so titles that differ only in
// case and punctuation hash alike.
func titleHash(toks []string) uint64 {
	h := uint64(len(toks))
	for _, t := range toks {
		h = mix(h^wordHash(t), 0x9e3779b97f4a7c15)
	}
	return h
}

// markOverviews flags a page item whose title (as words) repeats the title
// of another page item of the same project with more words of text (equal
// words: a later position, then a larger ID): roadmaps often list their
// areas briefly before detailing each under the same heading, and the
// detailed section is the one to show. Titles are compared by a 64-bit
// hash of the project and the title's words.
func markOverviews(items []roadmap.Item, stats []itemStats) {
	key := func(i int) uint64 { return mix(wordHash(items[i].Project)^stats[i].title, 0x9e3779b97f4a7c15) }
	best := make(map[uint64]int32, len(items))
	better := func(a, b int) bool {
		if stats[a].words != stats[b].words {
			return stats[a].words > stats[b].words
		}
		if items[a].Position != items[b].Position {
			return items[a].Position < items[b].Position
		}
		return items[a].ID < items[b].ID
	}
	dup := false
	for i := range items {
		if roadmap.SourceOf(items[i].Source).Tracker || stats[i].title == 0 {
			continue
		}
		k := key(i)
		j, ok := best[k]
		switch {
		case !ok:
			best[k] = int32(i)
			continue
		case better(i, int(j)):
			best[k] = int32(i)
		}
		dup = true
	}
	if !dup {
		return
	}
	for i := range items {
		if roadmap.SourceOf(items[i].Source).Tracker || stats[i].title == 0 {
			continue
		}
		stats[i].overview = int(best[key(i)]) != i
	}
}
