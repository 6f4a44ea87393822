package rank

// vocab holds every surface form of the words of the phrases: each word w
// as w, w+"s" and w+"es". A form lists the phrase words it matches in the
// order a scan tries them: the form itself, then without "s", then without
// "es" (so "uses" can be "uses", "use" or "us").
type vocab struct {
	slots  []uint64 // open addressing: fingerprint<<32 | form+1; 0 = empty
	mask   uint64
	maxLen int // longest form
	forms  []vform
	starts []bool   // per form: one of its words starts a phrase
	packed []uint64 // per form shorter than 8 bytes: its bytes as a little-endian number
	lens   []uint8  // per form: its length, capped at 255
	words  []string // word id → word
}

type vform struct {
	text  string
	words []int32 // phrase words this form matches, in scan order
}

// newVocab indexes words (distinct lowercase tokens) and their plurals.
func newVocab(words []string) *vocab {
	v := &vocab{words: words}
	wordID := make(map[string]int32, len(words))
	for i, w := range words {
		wordID[w] = int32(i)
	}
	// All forms live in one string, and their word lists in one slice.
	var all []byte
	type span struct{ lo, hi int }
	var spans []span
	seen := map[string]bool{}
	for _, w := range words {
		for _, suffix := range []string{"", "s", "es"} {
			lo := len(all)
			all = append(all, w...)
			all = append(all, suffix...)
			if f := string(all[lo:]); !seen[f] {
				seen[f] = true
				spans = append(spans, span{lo, len(all)})
			} else {
				all = all[:lo]
			}
		}
	}
	allText := string(all)
	texts := make([]string, len(spans))
	for i, sp := range spans {
		texts[i] = allText[sp.lo:sp.hi]
	}
	wordIDs := make([]int32, 0, len(texts)+8)
	size := 64
	for size < 2*len(texts) {
		size *= 2
	}
	v.slots = make([]uint64, size)
	v.mask = uint64(size - 1)
	for _, t := range texts {
		f := vform{text: t}
		lo := len(wordIDs)
		if id, ok := wordID[t]; ok {
			wordIDs = append(wordIDs, id)
		}
		if n := len(t); n > 1 && t[n-1] == 's' {
			if id, ok := wordID[t[:n-1]]; ok {
				wordIDs = append(wordIDs, id)
			}
			if n > 2 && t[n-2] == 'e' {
				if id, ok := wordID[t[:n-2]]; ok {
					wordIDs = append(wordIDs, id)
				}
			}
		}
		f.words = wordIDs[lo:len(wordIDs):len(wordIDs)]
		v.forms = append(v.forms, f)
		v.maxLen = max(v.maxLen, len(t))
		var packed uint64
		if len(t) < 8 {
			for j := len(t) - 1; j >= 0; j-- {
				packed = packed<<8 | uint64(t[j])
			}
		}
		v.packed = append(v.packed, packed)
		v.lens = append(v.lens, uint8(min(len(t), 255)))
		h := wordHash(t)
		i := h & v.mask
		for v.slots[i] != 0 {
			i = (i + 1) & v.mask
		}
		v.slots[i] = h&^(1<<32-1) | uint64(len(v.forms))
	}
	return v
}

// find returns the form of word w, whose wordHash is h, or -1.
func (v *vocab) find(h uint64, w string) int32 {
	fp := h &^ (1<<32 - 1)
	for i := h & v.mask; ; i = (i + 1) & v.mask {
		sl := v.slots[i]
		if sl == 0 {
			return -1
		}
		if sl&^(1<<32-1) == fp {
			if f := int32(sl) - 1; v.forms[f].text == w {
				return f
			}
		}
	}
}

// findShort is find for a word of n < 8 bytes whose bytes, as a
// little-endian number, are packed: it compares numbers, not strings.
func (v *vocab) findShort(h, packed uint64, n int) int32 {
	fp := h &^ (1<<32 - 1)
	for i := h & v.mask; ; i = (i + 1) & v.mask {
		sl := v.slots[i]
		if sl == 0 {
			return -1
		}
		if sl&^(1<<32-1) == fp {
			if f := int32(sl) - 1; v.packed[f] == packed && int(v.lens[f]) == n {
				return f
			}
		}
	}
}
