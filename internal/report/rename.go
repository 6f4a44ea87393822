package report

import (
	"net/url"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// Rename detection thresholds.
const (
	renameThreshold = 0.6     // shingle Jaccard at or above this: probably renamed
	shingleWords    = 3       // words per shingle
	maxShingleText  = 20000   // bytes of summary+text compared
	maxRenamePairs  = 250_000 // removed×added pairs compared by text per project
)

// FNV-1a, 64 bit.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// shingles returns the sorted, distinct hashes of the word 3-grams of s
// (lowercased letters and digits); texts shorter than three words give
// their words.
func shingles(s string) []uint64 {
	if len(s) > maxShingleText {
		s = s[:maxShingleText]
	}
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	if len(words) == 0 {
		return nil
	}
	n := shingleWords
	if len(words) < n {
		n = len(words)
	}
	out := make([]uint64, 0, len(words)-n+1)
	for i := 0; i+n <= len(words); i++ {
		h := uint64(fnvOffset)
		for j := i; j < i+n; j++ {
			w := words[j]
			for k := 0; k < len(w); k++ {
				h = (h ^ uint64(w[k])) * fnvPrime
			}
			h = (h ^ 0) * fnvPrime // word separator
		}
		out = append(out, h)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// jaccard is |a∩b| / |a∪b| of two sorted, distinct sets; 0 when both are
// empty.
func jaccard(a, b []uint64) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	inter, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			inter++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}

// candidate is a removed or added item with what rename detection compares.
type candidate struct {
	ref      ItemRef
	anchor   string // "url-without-fragment#fragment", empty without a fragment
	shingles []uint64
}

// newCandidate prepares an item for rename detection; withText computes
// its shingles (skipped when there is nothing to compare it with).
func newCandidate(ref ItemRef, it roadmap.Item, known, withText bool) candidate {
	c := candidate{ref: ref}
	if !known {
		return c
	}
	if u, err := url.Parse(it.URL); err == nil && u.Fragment != "" {
		frag := u.Fragment
		u.Fragment = ""
		c.anchor = u.String() + "#" + frag
	}
	if withText {
		c.shingles = shingles(it.Summary + " " + it.Text)
	}
	return c
}

// pairRenames pairs removed and added items of one project that are
// probably the same item renamed: the same GitHub issue, the same URL
// anchor, or summary+text shingle Jaccard ≥ 0.6. Best pairs win; each item
// pairs at most once. It returns the pairs and the unpaired items, in their
// original order.
func pairRenames(removed, added []candidate) (pairs []Rename, restRemoved, restAdded []ItemRef) {
	type scored struct {
		i, j       int
		score, sim float64
		how        string
	}
	var all []scored
	compareText := len(removed)*len(added) <= maxRenamePairs
	for i, r := range removed {
		for j, a := range added {
			if r.ref.Source != a.ref.Source {
				continue
			}
			sim := 0.0
			if compareText {
				sim = jaccard(r.shingles, a.shingles)
			}
			switch {
			case r.ref.Issue != 0 && r.ref.Issue == a.ref.Issue:
				all = append(all, scored{i, j, 2 + sim, sim, "issue"})
			case r.anchor != "" && r.anchor == a.anchor:
				all = append(all, scored{i, j, 1 + sim, sim, "anchor"})
			case sim >= renameThreshold:
				all = append(all, scored{i, j, sim, sim, "text"})
			}
		}
	}
	sort.SliceStable(all, func(x, y int) bool {
		if all[x].score != all[y].score {
			return all[x].score > all[y].score
		}
		if all[x].i != all[y].i {
			return all[x].i < all[y].i
		}
		return all[x].j < all[y].j
	})
	usedR := make([]bool, len(removed))
	usedA := make([]bool, len(added))
	var chosen []scored
	for _, s := range all {
		if usedR[s.i] || usedA[s.j] {
			continue
		}
		usedR[s.i], usedA[s.j] = true, true
		chosen = append(chosen, s)
	}
	sort.Slice(chosen, func(x, y int) bool { return chosen[x].i < chosen[y].i })
	for _, s := range chosen {
		pairs = append(pairs, Rename{From: removed[s.i].ref, To: added[s.j].ref, How: s.how, Similarity: round2(s.sim)})
	}
	for i, r := range removed {
		if !usedR[i] {
			restRemoved = append(restRemoved, r.ref)
		}
	}
	for j, a := range added {
		if !usedA[j] {
			restAdded = append(restAdded, a.ref)
		}
	}
	return pairs, restRemoved, restAdded
}

func round2(f float64) float64 {
	return float64(int(f*100+0.5)) / 100
}
