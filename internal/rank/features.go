package rank

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"math"
	"math/bits"
	"slices"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// featuresVersion changes whenever what a scan learns from an item's words
// changes (tokenizer, theme matching, concreteness, preface test, title
// hash, word filter, encoding), so features stored by an older build are
// recomputed rather than trusted. TestFeaturesFingerprint fails when the
// features of a fixed set of items change without it.
const featuresVersion = 1

// Features is what ranking learns from one item's own words whatever the
// client asks: its length, concreteness, preface flag, title hash and
// theme matches, and a filter of the words it contains. Computed once
// (when the item is crawled) and stored, they let a ranking skip reading
// and tokenizing the text of every item the client's interests cannot
// match, with the same result as reading it.
type Features struct {
	hash     string    // the item's content hash they were computed from
	project  string    // the item's project, source and position
	source   string    //
	position int       //
	plain    bool      // a document item without issue facts or evidence (see Lean)
	stats    itemStats // terms sorted and without repeats
	themeW   []int32   // per theme: match weight
	words    bloom     // nil when not loaded
}

// Lean returns the item with ID id as far as a ranking needs it when f
// stands for its scan: ID, project, source and position, without title,
// text, links or content hash (it stands for no row: a reader tells it by
// its empty hash and reads its row before showing it). It is false for an
// item that needs more (a GitHub issue, or an item carrying issue facts
// or evidence), which a ranking must read in full.
func (f *Features) Lean(id string) (roadmap.Item, bool) {
	if !f.plain {
		return roadmap.Item{}, false
	}
	return roadmap.Item{ID: id, Project: f.project, Source: f.source, Position: f.position}, true
}

// DocLen is the item's length in words as the interest match counts it
// (see Input.Outside).
func (f *Features) DocLen() int { return f.stats.docLen }

// Project is the project of the item f was computed from.
func (f *Features) Project() string { return f.project }

// DropWords forgets f's word filter once Interests.Usable has said the
// client's interests cannot match the item: the filter is most of the
// features' size.
func (f *Features) DropWords() { f.words = nil }

// FeatureKey identifies the features computed with themes by this build:
// features stored under another key are not used.
func FeatureKey(themes []Theme) string {
	h := sha256.New()
	for _, th := range themes {
		h.Write([]byte(th.Slug))
		for _, list := range [][]string{th.Terms, th.Except} {
			h.Write([]byte{0})
			for _, t := range list {
				h.Write([]byte(t))
				h.Write([]byte{1})
			}
		}
		h.Write([]byte{2})
	}
	return "f" + string(rune('0'+featuresVersion)) + "-" + hex.EncodeToString(h.Sum(nil)[:12])
}

// ComputeFeatures scans items (as stored: before evidence merging and
// flood grouping, which never change the words an item's features come
// from) with themes.
func ComputeFeatures(items []roadmap.Item, themes []Theme) []Features {
	m := newMatcher(themes, nil)
	n, nT := len(items), len(themes)
	stats := make([]itemStats, n)
	themeW := make([]int32, n*nT)
	sc := newScanner(m)
	sc.filters, sc.hs = make([]bloom, n), make([]uint64, 0, 1024)
	sc.scan(items, stats, themeW, nil, 0, n)
	out := make([]Features, n)
	for i := range items {
		st := stats[i]
		terms := slices.Clone(st.terms)
		slices.SortFunc(terms, func(a, b int32) int { return m.order[a] - m.order[b] })
		st.terms = slices.Compact(terms)
		it := &items[i]
		out[i] = Features{
			hash:     it.Hash,
			project:  it.Project,
			source:   it.Source,
			position: it.Position,
			plain:    roadmap.SourceOf(it.Source).Document && it.Issue == nil && len(it.Evidence) == 0,
			stats:    st,
			themeW:   slices.Clone(themeW[i*nT : (i+1)*nT]),
			words:    sc.filters[i],
		}
	}
	return out
}

// Scanned are items whose stored features stand for their scan
// (Interests.Usable), held as a ranking holds what it learns from a scan:
// a large ranking reads each item's features into these arrays and keeps
// no features beside them. Evidence merging and flood grouping do not see
// them: they are for projects without GitHub issues (Features.Lean).
type Scanned struct {
	Items  []roadmap.Item
	stats  []itemStats
	themeW []int32
	nT     int
}

// NewScanned makes room for n items scanned with themes.
func NewScanned(themes []Theme, n int) *Scanned {
	nT := len(themes)
	return &Scanned{Items: make([]roadmap.Item, 0, n), stats: make([]itemStats, 0, n), themeW: make([]int32, 0, n*nT), nT: nT}
}

// Add appends item it and what its features f learned.
func (s *Scanned) Add(it roadmap.Item, f *Features) {
	s.Items = append(s.Items, it)
	s.stats = append(s.stats, f.stats)
	s.themeW = append(s.themeW, f.themeW...)
}

// Len is the number of items.
func (s *Scanned) Len() int { return len(s.Items) }

// Reach tells the items whose score a client's themes can raise: those
// its features tag with a theme the client weighs above zero. Every
// other item that the client's interests cannot match either
// (Interests.Usable), outside the client's preferred projects, scores
// its intrinsic score at most (cut for a preface or an excluded theme):
// the same for every client with the same weights.
type Reach struct {
	weighed []bool // per theme
}

// NewReach prepares the reach of client c's themes among themes.
func NewReach(themes []Theme, c *roadmap.Client) Reach {
	r := Reach{weighed: make([]bool, len(themes))}
	if c != nil {
		for i, th := range themes {
			r.weighed[i] = c.Themes[th.Slug] > 0
		}
	}
	return r
}

// Reaches says whether the features tag a theme the client weighs.
func (r Reach) Reaches(f *Features) bool {
	short := f.stats.words < shortWords
	for t, wt := range f.themeW {
		if t < len(r.weighed) && r.weighed[t] && tags(wt, short) {
			return true
		}
	}
	return false
}

// Interests are a client's interests as the words each must find in an
// item, to tell which items may match them.
type Interests struct {
	phrases [][]uint64 // per interest: hashes of its words
}

// NewInterests prepares interests (a client profile's, nil for none).
func NewInterests(interests []string) Interests {
	var q Interests
	for _, in := range interests {
		var hs []uint64
		for _, w := range tokenize(nil, in) {
			hs = append(hs, wordHash(w))
		}
		if len(hs) > 0 {
			q.phrases = append(q.phrases, hs)
		}
	}
	return q
}

// Any says whether there are interests to match.
func (q Interests) Any() bool { return len(q.phrases) > 0 }

// Usable says whether f (nil when none is stored) can stand for scanning
// item it: they were computed from its current content, and no interest
// can match it. Otherwise Rank scans the item, which then needs its text.
func (q Interests) Usable(it *roadmap.Item, f *Features) bool {
	if f == nil || it.Hash == "" || f.hash != it.Hash {
		return false
	}
	return !q.CanMatch(f)
}

// CanMatch says whether an interest may match the item f was computed
// from: its word filter holds every word of some interest, or was not
// read.
func (q Interests) CanMatch(f *Features) bool {
	if !q.Any() {
		return false
	}
	if f.words == nil {
		return true
	}
	for _, p := range q.phrases {
		if f.words.hasAll(p) {
			return true
		}
	}
	return false
}

// bloom is a Bloom filter of word hashes, as bytes (the form it is stored
// in, so a stored filter is used without decoding): a word it says is
// absent is absent; one it says is present may not be (a few in a
// hundred).
type bloom []byte

// Filter sizing: bloomBitsPerWord bits per word occurrence (a word occurs
// about twice in an item's text, so about eight bits per distinct word),
// a power of two between bloomMinBits and bloomMaxBits, bloomK probes.
const (
	bloomBitsPerWord = 4
	bloomMinBits     = 64
	bloomMaxBits     = 1 << 14
	bloomK           = 3
)

func newBloom(hs []uint64) bloom {
	n := bloomMinBits
	for n < bloomBitsPerWord*len(hs) && n < bloomMaxBits {
		n *= 2
	}
	b := make(bloom, n/8)
	for _, h := range hs {
		b.add(h)
	}
	return b
}

// probes returns the two hashes the probes of h are made of.
func probes(h uint64) (uint64, uint64) {
	return h, mix(h, 0x9e3779b97f4a7c15) | 1
}

func (b bloom) add(h uint64) {
	mask := uint64(len(b)*8 - 1)
	h1, h2 := probes(h)
	for i := range uint64(bloomK) {
		p := (h1 + i*h2) & mask
		b[p/8] |= 1 << (p % 8)
	}
}

func (b bloom) has(h uint64) bool {
	mask := uint64(len(b)*8 - 1)
	h1, h2 := probes(h)
	for i := range uint64(bloomK) {
		p := (h1 + i*h2) & mask
		if b[p/8]&(1<<(p%8)) == 0 {
			return false
		}
	}
	return true
}

func (b bloom) hasAll(hs []uint64) bool {
	for _, h := range hs {
		if !b.has(h) {
			return false
		}
	}
	return true
}

// Encoding: Marshal writes the features without the word filter, which
// MarshalWords writes on its own, so a ranking without interests never
// reads it.

// Marshal encodes f without its word filter.
func (f *Features) Marshal() []byte {
	st := &f.stats
	b := make([]byte, 0, 64+len(f.hash)+len(st.concL)+4*(len(f.themeW)+len(st.terms)))
	b = binary.AppendUvarint(b, featuresVersion)
	b = appendString(b, f.hash)
	b = appendString(b, f.project)
	b = appendString(b, f.source)
	b = binary.AppendVarint(b, int64(f.position))
	b = binary.AppendUvarint(b, uint64(st.docLen))
	b = binary.AppendUvarint(b, uint64(st.words))
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(st.conc))
	b = appendString(b, st.concL)
	flags := uint64(0)
	for i, set := range []bool{st.preface, st.call, f.plain} {
		if set {
			flags |= 1 << i
		}
	}
	b = binary.AppendUvarint(b, flags)
	b = binary.AppendUvarint(b, uint64(st.points))
	b = binary.AppendUvarint(b, uint64(st.links))
	b = binary.LittleEndian.AppendUint64(b, st.title)
	b = binary.AppendUvarint(b, uint64(len(f.themeW)))
	for _, w := range f.themeW {
		b = binary.AppendUvarint(b, uint64(w))
	}
	b = binary.AppendUvarint(b, uint64(len(st.terms)))
	for _, t := range st.terms {
		b = binary.AppendUvarint(b, uint64(t))
	}
	return b
}

// MarshalWords encodes f's word filter.
func (f *Features) MarshalWords() []byte {
	return slices.Clone(f.words)
}

var errFeatures = errors.New("malformed rank features")

// UnmarshalFeatures decodes features written by Marshal (data) and
// MarshalWords (words, nil when not read) for themes: features of another
// version or number of themes, or malformed, are an error. The features
// use words itself, not a copy, until DropWords.
func UnmarshalFeatures(data, words []byte, themes []Theme) (*Features, error) {
	return (&FeatureReader{Themes: themes}).Read(data, words)
}

// FeatureReader decodes features one after another, as UnmarshalFeatures
// does, sharing the project and source strings of consecutive features
// (items come grouped by project): a ranking over many items keeps one
// copy of each.
type FeatureReader struct {
	Themes          []Theme
	project, source string // of the last features read
}

// Read decodes one item's features (see UnmarshalFeatures).
func (r *FeatureReader) Read(data, words []byte) (*Features, error) {
	f := &Features{}
	if err := r.decode(f, data, words, true); err != nil {
		return nil, err
	}
	return f, nil
}

// ReadInto decodes one item's features into f, reusing its room, for a
// caller that is done with f by the next call (Clone keeps a copy). The
// content hash is not read: the features stand for the lean item they
// make (Lean), which Interests.CanMatch tells what to do with, not for a
// row to compare with (Interests.Usable).
func (r *FeatureReader) ReadInto(f *Features, data, words []byte) error {
	return r.decode(f, data, words, false)
}

func (r *FeatureReader) decode(f *Features, data, words []byte, withHash bool) error {
	d := decoder{b: data}
	if d.uvarint() != featuresVersion {
		return errFeatures
	}
	themeW := f.themeW[:0]
	*f = Features{}
	st := &f.stats
	if withHash {
		f.hash = d.string()
	} else {
		d.skip()
	}
	f.project, f.source = d.stringAs(r.project), d.stringAs(r.source)
	f.position = int(d.varint())
	st.docLen = int(d.uvarint())
	st.words = int(d.uvarint())
	st.conc = math.Float64frombits(d.uint64())
	st.concL = d.string()
	flags := d.uvarint()
	st.preface, st.call, f.plain = flags&1 != 0, flags&2 != 0, flags&4 != 0
	st.points = int32(d.uvarint())
	st.links = int32(d.uvarint())
	st.title = d.uint64()
	nT := d.uvarint()
	if nT != uint64(len(r.Themes)) {
		return errFeatures
	}
	for range nT {
		themeW = append(themeW, int32(d.uvarint()))
	}
	f.themeW = themeW
	if n := d.uvarint(); n > 0 && n <= uint64(len(d.b)) {
		st.terms = make([]int32, n) // kept by whoever keeps the stats
		for i := range st.terms {
			st.terms[i] = int32(d.uvarint())
		}
	}
	if d.bad || len(d.b) != 0 {
		return errFeatures
	}
	if words != nil {
		if len(words) < bloomMinBits/8 || bits.OnesCount(uint(len(words))) != 1 {
			return errFeatures
		}
		f.words = words
	}
	r.project, r.source = f.project, f.source
	return nil
}

// Clone returns a copy of f that shares nothing a FeatureReader reuses.
func (f *Features) Clone() *Features {
	c := *f
	c.themeW = slices.Clone(f.themeW)
	return &c
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// decoder reads what Marshal wrote, remembering whether it ran short.
type decoder struct {
	b   []byte
	bad bool
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.bad = true
		d.b = nil
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) varint() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.bad = true
		d.b = nil
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) uint64() uint64 {
	if len(d.b) < 8 {
		d.bad = true
		d.b = nil
		return 0
	}
	v := binary.LittleEndian.Uint64(d.b)
	d.b = d.b[8:]
	return v
}

// bytes returns the next length-prefixed run of bytes (nil when short).
func (d *decoder) bytes() []byte {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.bad = true
		d.b = nil
		return nil
	}
	b := d.b[:n]
	d.b = d.b[n:]
	return b
}

// skip passes over a string.
func (d *decoder) skip() { d.bytes() }

// stringAs is string, returning prev itself when the string equals it.
func (d *decoder) stringAs(prev string) string {
	if b := d.bytes(); string(b) != prev {
		return string(b)
	}
	return prev
}

func (d *decoder) string() string { return string(d.bytes()) }
