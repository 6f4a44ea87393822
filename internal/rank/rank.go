package rank

import (
	"container/heap"
	"math"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// Input is everything Rank needs. A zero Weights means DefaultWeights.
type Input struct {
	Items   []roadmap.Item       // current items (page and github)
	Themes  []Theme              // from config/themes.toml
	Client  *roadmap.Client      // nil → intrinsic ranking only
	Weights Weights              // zero → DefaultWeights()
	Updated map[string]time.Time // project slug → when its roadmap was last updated (freshness)
	Now     time.Time
	// Top, when positive, keeps only the first Top items of the ranking
	// (the same as cutting the whole ranking), holding no more than that
	// many scored items at once.
	Top int
	// Features are stored features by item ID that the caller has found
	// to stand for the item's scan with Interests.Usable (they may have
	// dropped their word filter since): Rank trusts them. Such an item is
	// not scanned, so it may lack its Text (or be Features.Lean, even
	// without its Hash); every other item needs it.
	Features map[string]*Features
	// Brief leaves out each scored item's Themes, Matched and Reasons
	// (its Score, Aside and Excluded are the same): for a caller that
	// keeps no more than scores.
	Brief bool
	// Scanned are more items, with what their scan learned from stored
	// features (see Scanned); Rank takes them over.
	Scanned *Scanned
	// Outside counts items ranked apart from these (a brochure ranks the
	// projects its client can reach and sums up the others, see Reach)
	// that belong to the same collection: the interest match weighs words
	// against the whole of it, so Rank gives the same scores either way.
	Outside Outside
}

// Outside is the number of items ranked apart and their length in words
// (Features.DocLen).
type Outside struct {
	Items, DocLen int
}

// Reason is one contribution to a score: what it is and how much it adds.
type Reason struct {
	Label string
	Value float64
}

// String renders a reason as "theme gpu × client weight 2 (+0.21)".
func (r Reason) String() string {
	sign := ""
	if r.Value >= 0 {
		sign = "+"
	}
	return r.Label + " (" + sign + strconv.FormatFloat(r.Value, 'f', 2, 64) + ")"
}

// Scored is an item with its themes, score and the reasons for it. Item
// points into the ranking's input (a large ranking holds each item once):
// whoever changes a scored item's fields gives it a copy of its own first.
type Scored struct {
	Item    *roadmap.Item
	Themes  []string            // theme slugs, sorted
	Matched map[string][]string // theme slug → terms that matched, sorted
	Score   float64             // in [0,1]
	Reasons []Reason            // Values sum to Score (within 1e-9)
	Pinned  bool
	// Aside marks a page item that is no roadmap item of its own: a
	// preface ("Introduction", "Core technology") or an overview repeating
	// a longer section's title. Its score is cut (see the package
	// documentation) and Top leaves it out unless it is pinned.
	Aside bool
	// Excluded is the client's excluded theme the item carries ("" when
	// none): its score is 0 and Top never chooses it unless it is pinned.
	Excluded string
}

// BM25 parameters of the interest match.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// Theme tagging: an item has a theme when its matches weigh at least
// tagMin (a title match weighs 2, a text match 1), or at least 1 in an
// item of fewer than shortWords words. The theme's strength in the item is
// 1-exp(-weight/strengthScale).
const (
	tagMin        = 2
	shortWords    = 60
	strengthScale = 3.0
	maxThemeW     = 3.0 // client theme weights are read on a 0…3 scale
)

// tags says whether matches of weight wt tag an item with their theme.
func tags(wt int32, short bool) bool { return wt >= tagMin || (wt >= 1 && short) }

// itemStats is what one pass over an item's words learns.
type itemStats struct {
	docLen   int
	words    int
	conc     float64
	concL    string
	terms    []int32 // theme phrases that matched, may repeat
	preface  bool    // a page item whose title only says what the document is
	overview bool    // a page item repeating the title of a longer one
	title    uint64  // hash of the title's words, for overview detection
	call     bool    // a page item calling for involvement (isCall)
	points   int32   // sub-points
	links    int32   // links
}

// parallelMin is the number of items from which Rank splits its work
// between goroutines. Every item is computed on its own, so the result
// does not depend on the split.
const parallelMin = 2000

// parallelChunk is the smallest share of work a goroutine takes at once.
const parallelChunk = 250

// Rank tags themes, computes the intrinsic score and the client fit, and
// returns all items (after MergeEvidence and GroupFloods) sorted by Score descending, then
// project, Position and ID. See the package documentation for the formula.
func Rank(in Input) []Scored {
	rows := GroupFloods(mergeEvidence(in.Items, false))
	w := in.Weights
	if w == (Weights{}) {
		w = DefaultWeights()
	}
	var interests []string
	if in.Client != nil {
		interests = in.Client.Interests
	}
	m := newMatcher(in.Themes, interests)
	nT, nI := len(in.Themes), len(interests)
	// The items already scanned come first, in the arrays they were
	// scanned into; then the rest, to scan here.
	var (
		items  []roadmap.Item
		stats  []itemStats
		themeW []int32
		pre    int
	)
	if sc := in.Scanned; sc != nil && len(sc.Items) > 0 {
		if sc.nT != nT {
			panic("rank: Scanned made for other themes")
		}
		pre = len(sc.Items)
		items = append(sc.Items, rows...)
		stats = append(sc.stats, make([]itemStats, len(rows))...)
		themeW = append(sc.themeW, make([]int32, len(rows)*nT)...)
	} else {
		items, stats, themeW = rows, make([]itemStats, len(rows)), make([]int32, len(rows)*nT)
	}
	in.Scanned, rows = nil, nil
	n := len(items)
	tf := make([]int32, n*nI)
	var stored []*Features
	if len(in.Features) > 0 {
		stored = make([]*Features, n)
		for i := range items {
			if f := in.Features[items[i].ID]; f != nil {
				stored[i] = f
			}
		}
	}
	inParallel(n, func() func(lo, hi int) {
		sc := newScanner(m)
		sc.stored, sc.pre = stored, pre
		return func(lo, hi int) { sc.scan(items, stats, themeW, tf, lo, hi) }
	})
	// The features are copied into stats: let them go before the scores
	// are made (a large ranking holds both otherwise).
	stored, in.Features = nil, nil
	markOverviews(items, stats)
	totalLen := 0
	for i := range stats {
		totalLen += stats[i].docLen
	}
	bm := bm25(tf, stats, n, nI, in.Outside.Items, totalLen+in.Outside.DocLen)

	newRanker := func() *ranker {
		r := &ranker{in: in, w: w, m: m, client: in.Client}
		r.prepare()
		r.tagged, r.as = make([]bool, nT), make([]float64, nT)
		r.freshL = map[string]string{}
		r.matchL = map[uint64]string{}
		return r
	}
	score := func(r *ranker, s *Scored, i int) {
		r.score(s, &stats[i], themeW[i*nT:(i+1)*nT], tf[i*nI:(i+1)*nI], bm[i])
	}
	if in.Top > 0 && in.Top < n {
		return rankTop(items, in.Top, newRanker, score)
	}

	out := make([]Scored, n)
	inParallel(n, func() func(lo, hi int) {
		r := newRanker()
		return func(lo, hi int) {
			for i := lo; i < hi; i++ {
				out[i].Item = &items[i]
				score(r, &out[i], i)
			}
		}
	})
	idx := make([]int32, n)
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortFunc(idx, func(a, b int32) int { return compareScored(&out[a], &out[b]) })
	permute(out, idx)
	return out
}

// compareScored is the order of a ranking: score descending, then
// project, position and ID.
func compareScored(x, y *Scored) int {
	switch {
	case x.Score != y.Score:
		if x.Score > y.Score {
			return -1
		}
		return 1
	case x.Item.Project != y.Item.Project:
		return strings.Compare(x.Item.Project, y.Item.Project)
	case x.Item.Position != y.Item.Position:
		return x.Item.Position - y.Item.Position
	}
	return strings.Compare(x.Item.ID, y.Item.ID)
}

// rankTop scores every item but keeps only the first top of the ranking
// while it goes: each worker holds its best top in a heap whose root is
// the worst of them, and the heaps are merged at the end.
func rankTop(items []roadmap.Item, top int, newRanker func() *ranker, score func(*ranker, *Scored, int)) []Scored {
	var (
		mu    sync.Mutex
		heaps []*worstFirst
	)
	inParallel(len(items), func() func(lo, hi int) {
		r := newRanker()
		h := &worstFirst{}
		mu.Lock()
		heaps = append(heaps, h)
		mu.Unlock()
		return func(lo, hi int) {
			for i := lo; i < hi; i++ {
				s := Scored{Item: &items[i]}
				score(r, &s, i)
				switch {
				case len(*h) < top:
					heap.Push(h, s)
				case compareScored(&s, &(*h)[0]) < 0:
					(*h)[0] = s
					heap.Fix(h, 0)
				}
			}
		}
	})
	var out []Scored
	for _, h := range heaps {
		out = append(out, *h...)
	}
	slices.SortFunc(out, func(a, b Scored) int { return compareScored(&a, &b) })
	return out[:min(top, len(out))]
}

// worstFirst is a heap of scored items whose root sorts last.
type worstFirst []Scored

func (h worstFirst) Len() int           { return len(h) }
func (h worstFirst) Less(i, j int) bool { return compareScored(&h[i], &h[j]) > 0 }
func (h worstFirst) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *worstFirst) Push(x any)        { *h = append(*h, x.(Scored)) }
func (h *worstFirst) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// permute reorders s in place so that the new s[k] is the old s[idx[k]],
// following cycles, so the large Scored values move once each without a
// second slice. idx must be a permutation; it is destroyed.
func permute(s []Scored, idx []int32) {
	for k := range idx {
		if idx[k] < 0 {
			continue
		}
		tmp := s[k]
		j := k
		for {
			next := int(idx[j])
			idx[j] = -1
			if next == k {
				s[j] = tmp
				break
			}
			s[j] = s[next]
			j = next
		}
	}
}

// inParallel calls work functions on consecutive ranges of [0,n) that
// together cover it: one worker (from newWorker) on all of it below
// parallelMin items, else one worker per CPU (at most 4), each in its own
// goroutine, taking chunks of at least parallelChunk items until none is
// left, so a CPU that other work slows down takes fewer chunks. It waits
// for them.
func inParallel(n int, newWorker func() func(lo, hi int)) {
	workers := min(runtime.GOMAXPROCS(0), 4)
	if n < parallelMin || workers < 2 {
		newWorker()(0, n)
		return
	}
	chunk := max(parallelChunk, n/(8*workers))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			f := newWorker()
			for {
				hi := int(next.Add(int64(chunk)))
				lo := hi - chunk
				if lo >= n {
					return
				}
				f(lo, min(hi, n))
			}
		})
	}
	wg.Wait()
}

// bm25 returns each item's BM25 score of the interest phrases, divided by
// the highest in the set (all zero when nothing matches). The collection
// is the n items and outside more that match nothing; totalLen is the
// length of all of them.
func bm25(tf []int32, stats []itemStats, n, nI, outside, totalLen int) []float64 {
	out := make([]float64, n)
	if nI == 0 || n == 0 {
		return out
	}
	df := make([]int, nI)
	for i := 0; i < n; i++ {
		for p := 0; p < nI; p++ {
			if tf[i*nI+p] > 0 {
				df[p]++
			}
		}
	}
	all := n + outside
	idf := make([]float64, nI)
	for p := range idf {
		idf[p] = math.Log(1 + (float64(all)-float64(df[p])+0.5)/(float64(df[p])+0.5))
	}
	avg := float64(totalLen) / float64(all)
	if avg == 0 {
		avg = 1
	}
	best := 0.0
	for i := 0; i < n; i++ {
		s := 0.0
		norm := bm25K1 * (1 - bm25B + bm25B*float64(stats[i].docLen)/avg)
		for p := 0; p < nI; p++ {
			if f := float64(tf[i*nI+p]); f > 0 {
				s += idf[p] * f * (bm25K1 + 1) / (f + norm)
			}
		}
		out[i] = s
		best = math.Max(best, s)
	}
	if best > 0 {
		for i := range out {
			out[i] /= best
		}
	}
	return out
}

// ranker holds what is the same for every item of one Rank call.
type ranker struct {
	in       Input
	w        Weights
	m        *matcher
	client   *roadmap.Client
	excluded map[string]bool
	prefer   map[string]bool
	themeLbl []string // per theme: "theme gpu × client weight 2", "" when weight ≤ 0
	themeA   []float64
	bySlug   []int             // theme indices in slug order
	tagged   []bool            // scratch: per theme
	as       []float64         // scratch: per theme
	reasons  []Reason          // scratch
	freshL   map[string]string // project → freshness label of its roadmap
	matchL   map[uint64]string // set of matched interests → label
	posL     []string          // position → label
}

// prepare sets what depends on the themes and the client only.
func (r *ranker) prepare() {
	r.bySlug = make([]int, len(r.in.Themes))
	for i := range r.bySlug {
		r.bySlug[i] = i
	}
	sort.SliceStable(r.bySlug, func(a, b int) bool { return r.in.Themes[r.bySlug[a]].Slug < r.in.Themes[r.bySlug[b]].Slug })
	c := r.client
	if c == nil {
		return
	}
	r.excluded = map[string]bool{}
	for _, s := range c.ExcludeThemes {
		r.excluded[s] = true
	}
	r.prefer = map[string]bool{}
	for _, p := range c.PreferProjects {
		r.prefer[p] = true
	}
	r.themeLbl = make([]string, len(r.in.Themes))
	r.themeA = make([]float64, len(r.in.Themes))
	for i, th := range r.in.Themes {
		if cw := c.Themes[th.Slug]; cw > 0 {
			r.themeA[i] = math.Min(cw, maxThemeW) / maxThemeW
			r.themeLbl[i] = "theme " + th.Slug + " × client weight " + strconv.FormatFloat(cw, 'g', -1, 64)
		}
	}
}

// score computes the themes, score and reasons of the item in s.
func (r *ranker) score(s *Scored, st *itemStats, themeW, tf []int32, bm float64) {
	it := s.Item
	short := st.words < shortWords
	tagged := r.tagged
	nTags := 0
	for t, wt := range themeW {
		tagged[t] = tags(wt, short)
		if tagged[t] {
			nTags++
		}
	}
	if nTags > 0 && !r.in.Brief {
		s.Themes = make([]string, 0, nTags)
		for _, t := range r.bySlug {
			if tagged[t] {
				s.Themes = append(s.Themes, r.in.Themes[t].Slug)
			}
		}
		// Phrase indices in alphabetical order within a theme (the matcher
		// keeps themes in order), so each theme's terms come out sorted.
		// The item's own terms slice is sorted in place.
		terms := st.terms
		slices.SortFunc(terms, func(a, b int32) int { return r.m.order[a] - r.m.order[b] })
		terms = slices.Compact(terms)
		s.Matched = make(map[string][]string, nTags)
		texts := make([]string, len(terms))
		for i := 0; i < len(terms); {
			g := r.m.phrases[terms[i]].group
			j := i
			for j < len(terms) && r.m.phrases[terms[j]].group == g {
				texts[j] = r.m.phrases[terms[j]].text
				j++
			}
			if tagged[g] {
				s.Matched[r.in.Themes[g].Slug] = slices.Compact(texts[i:j:j])
			}
			i = j
		}
	}

	reasons := r.reasons[:0] // scratch, copied out at the end
	add := func(label string, v float64) {
		if v != 0 && label != "" {
			reasons = append(reasons, Reason{Label: label, Value: v})
		}
	}

	// Intrinsic part.
	wi := 1.0
	if r.client != nil {
		wi = r.w.Intrinsic
	}
	if sum := r.w.intrinsicSum(); sum > 0 && wi != 0 {
		k := wi / sum
		d, dl := demand(it)
		add(dl, k*pos(r.w.Demand)*d)
		add(st.concL, k*pos(r.w.Concreteness)*st.conc)
		f, fl := r.freshness(it)
		add(fl, k*pos(r.w.Freshness)*f)
		p, pl := r.position(it)
		add(pl, k*pos(r.w.Position)*p)
	}

	excludedBy := ""
	if c := r.client; c != nil {
		// Theme fit: noisy-OR of a_t = (weight_t/3)·strength_t over tagged
		// themes, shared between themes in proportion to a_t.
		prod, sumA := 1.0, 0.0
		as := r.as
		for t, wt := range themeW {
			as[t] = 0
			if !tagged[t] {
				continue
			}
			if excludedBy == "" && r.excluded[r.in.Themes[t].Slug] {
				excludedBy = r.in.Themes[t].Slug
			}
			a := r.themeA[t] * (1 - math.Exp(-float64(wt)/strengthScale))
			as[t] = a
			prod *= 1 - a
			sumA += a
		}
		if fit := 1 - prod; fit > 0 && sumA > 0 {
			for t, a := range as {
				if a > 0 {
					add(r.themeLbl[t], r.w.Themes*fit*a/sumA)
				}
			}
		}
		if bm > 0 {
			add(r.matchesLabel(tf), r.w.Interests*bm)
		}
		if r.prefer[it.Project] {
			add("preferred project "+it.Project, r.w.Prefer)
		}
	}

	slices.SortStableFunc(reasons, func(a, b Reason) int {
		if a.Value != b.Value {
			if a.Value > b.Value {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Label, b.Label)
	})
	total := 0.0
	for _, rs := range reasons {
		total += rs.Value
	}
	if label := r.demotion(it, st); label != "" {
		s.Aside = true
		if total > 0 {
			cut := -(1 - prefaceFactor) * total
			reasons = append(reasons, Reason{Label: label, Value: cut})
			total += cut
		}
	}
	switch {
	case excludedBy != "":
		reasons = append(reasons, Reason{Label: "excluded theme " + excludedBy, Value: -total})
		total = 0
		s.Excluded = excludedBy
	case total > 1:
		reasons = append(reasons, Reason{Label: "cap", Value: 1 - total})
		total = 1
	case total < 0:
		reasons = append(reasons, Reason{Label: "floor", Value: -total})
		total = 0
	}
	s.Score = total
	if !r.in.Brief {
		s.Reasons = slices.Clone(reasons)
	}
	r.reasons = reasons
}

// matchesLabel returns "matches 'CUDA', 'GPU'" for the interests with a
// positive term frequency in tf, cached by the set of them (up to 64
// interests; more are labelled afresh each time).
func (r *ranker) matchesLabel(tf []int32) string {
	var set uint64
	if len(tf) <= 64 {
		for p, f := range tf {
			if f > 0 {
				set |= 1 << p
			}
		}
		if l, ok := r.matchL[set]; ok {
			return l
		}
	}
	b := []byte("matches ")
	sep := ""
	for p, f := range tf {
		if f > 0 {
			b = append(b, sep...)
			b = append(b, '\'')
			b = append(b, r.client.Interests[p]...)
			b = append(b, '\'')
			sep = ", "
		}
	}
	l := string(b)
	if len(tf) <= 64 {
		r.matchL[set] = l
	}
	return l
}

// demotion returns why a page item is not a roadmap item of its own (a
// preface, or an overview repeating a longer section's title), or "".
func (r *ranker) demotion(it *roadmap.Item, st *itemStats) string {
	switch {
	case st.preface:
		return "looks like a preface, not a roadmap item"
	case st.overview:
		return "repeats the title of a longer section: an overview"
	case roadmap.SourceOf(it.Source).Document && st.call:
		return "a call for involvement, not work to fund"
	case roadmap.SourceOf(it.Source).Document && st.words < minPresentableWords && st.points == 0 && st.links == 0:
		return "too little text to present"
	}
	return ""
}

// minPresentableWords is the text a page item needs, without sub-points or
// links, to say anything a client could act on: "There are currently no
// proposals with this status" is not a roadmap item.
const minPresentableWords = 10

// freshness is freshness() with the labels of page items cached per project.
func (r *ranker) freshness(it *roadmap.Item) (float64, string) {
	v, when, what := freshnessOf(it, r.in.Updated, r.in.Now)
	if roadmap.SourceOf(it.Source).Tracker {
		return v, freshnessLabel(when, what, r.in.Now)
	}
	l, ok := r.freshL[it.Project]
	if !ok {
		l = freshnessLabel(when, what, r.in.Now)
		r.freshL[it.Project] = l
	}
	return v, l
}

// position is position() with the labels of the first 1000 positions cached.
func (r *ranker) position(it *roadmap.Item) (float64, string) {
	p := max(it.Position, 0)
	if p < len(r.posL) {
		return 1 / (1 + float64(p)/positionHalf), r.posL[p]
	}
	v, l := position(it)
	if p < 1000 {
		for len(r.posL) <= p {
			r.posL = append(r.posL, "position: item "+strconv.Itoa(len(r.posL)+1)+" of its roadmap")
		}
	}
	return v, l
}

// Top returns, per project, the first n scored items (n ≤ 0 → 3): pinned
// items first, then the rest in score order, as they come in scored. Pinned
// items are never dropped, so a project with more than n pins shows them
// all; items set Aside (prefaces, overviews, calls for involvement) or
// Excluded (carrying a theme the client excludes) are left out unless
// pinned, so a project with nothing else has no entry. Projects keep the order of
// scored: iterate scored and look each project up to list projects by
// their best item.
func Top(scored []Scored, n int) map[string][]Scored {
	if n <= 0 {
		n = 3
	}
	out := map[string][]Scored{}
	for _, s := range scored {
		if s.Pinned {
			out[s.Item.Project] = append(out[s.Item.Project], s)
		}
	}
	for _, s := range scored {
		p := s.Item.Project
		if !s.Pinned && !s.Aside && s.Excluded == "" && len(out[p]) < n {
			out[p] = append(out[p], s)
		}
	}
	return out
}

// BestScore is the highest score among items that may be chosen (not
// aside, not excluded), or 0.
func BestScore(scored []Scored) float64 {
	best := 0.0
	for _, s := range scored {
		if !s.Aside && s.Excluded == "" && s.Score > best {
			best = s.Score
		}
	}
	return best
}
