package rank

import (
	"slices"
	"testing"
)

func TestTokenize(t *testing.T) {
	got := tokenize(nil, "Free-threaded CPython, I/O & Größe: NEP47 (gh-16544)")
	want := []string{"free", "threaded", "cpython", "i", "o", "größe", "nep47", "gh", "16544"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestMatcherPluralsPhrasesAndOverlap(t *testing.T) {
	themes := []Theme{
		{Slug: "gpu", Terms: []string{"GPU", "device memory"}},
		{Slug: "interop", Terms: []string{"array API", "array API standard"}},
	}
	m := newMatcher(themes, []string{"array API"})
	tests := []struct {
		text string
		want map[string]int // phrase text → hits
	}{
		{"GPUs and more gpu", map[string]int{"GPU": 2}},
		{"gpuses gpux gpues", map[string]int{"GPU": 1}}, // only "gpues" is a simple plural
		{"copies to device memories", map[string]int{"device memory": 0}},
		{"the array API standard", map[string]int{"array API standard": 1, "array API/interest": 1}},
		{"Array APIs", map[string]int{"array API": 1, "array API/interest": 1}},
		{"array, then API", map[string]int{}},
	}
	z := m.tokenizer()
	for _, tc := range tests {
		got := map[string]int{}
		z.words(tc.text)
		for _, p := range m.scan(z.forms, z.at, make([]int, 3), nil) {
			k := m.phrases[p].text
			if m.phrases[p].interest {
				k += "/interest"
			}
			got[k]++
		}
		for k, v := range tc.want {
			if got[k] != v {
				t.Errorf("%q: %s hit %d times, want %d (all: %v)", tc.text, k, got[k], v, got)
			}
		}
		if len(tc.want) == 0 && len(got) != 0 {
			t.Errorf("%q: unexpected hits %v", tc.text, got)
		}
	}
}

func TestProposalsAndIssueRefs(t *testing.T) {
	toks := tokenize(nil, "See NEP 47, nep47 again, SLEP006, PEP-0011 and spec 0; not nepenthes 12345.")
	if got, want := proposals(toks, nil), []string{"NEP 47", "SLEP 6", "PEP 11", "SPEC 0"}; !slices.Equal(got, want) {
		t.Errorf("proposals %v, want %v", got, want)
	}
	links := []string{"https://github.com/a/b/issues/1", "https://github.com/a/b/pull/1#x",
		"https://github.com/a/b/issues/2", "https://github.com/a/b", "https://example.org/issues/3"}
	if got := issueRefs(links, tokenize(nil, "fixed in gh-16544")); got != 3 {
		t.Errorf("issue refs %d, want 3", got)
	}
	var z tokenizer
	text := "See NEP 47, nep47 again, SLEP006, PEP-0011 and spec 0; not nepenthes 12345, gh-7 and gh 8, GH-99999999."
	toks = z.words(text)
	if got, want := proposalsAt(toks, z.cands, nil), proposals(tokenize(nil, text), nil); !slices.Equal(got, want) {
		t.Errorf("proposalsAt %v, proposals %v", got, want)
	}
	z.drop = true
	z.words(text)
	if got, want := issueRefsIn(links, z.refs), issueRefs(links, tokenize(nil, text)); got != want || got != 4 {
		t.Errorf("issueRefsIn %d, issueRefs %d, want 4", got, want)
	}
}

func TestIsPreface(t *testing.T) {
	for title, want := range map[string]bool{
		"Introduction":                          true,
		"The Numcore Roadmap":                   true,
		"Statement of purpose: Numcore in 2018": true,
		"How to get involved":                   true,
		"2026 milestones and beyond":            true,
		"PDEPs":                                 true,
		"Performance":                           false,
		"Vision for GPU support":                false,
		"Documentation":                         false,
		"Core technology":                       true,
		"General Improvements":                  true,
		"Subpackage-specific goals":             true,
		"Performance improvements":              false,
		"Core library":                          false,
	} {
		ti := titleInfo{toks: tokenize(nil, title), project: map[string]bool{"numcore": true}}
		if got := isPreface(&ti); got != want {
			t.Errorf("%q: preface %v, want %v", title, got, want)
		}
	}
	container := titleInfo{toks: tokenize(nil, "Strategic deliverables"), points: []string{"Core library", "Performance", "Vision", "API evolution"}}
	if isPreface(&container) {
		t.Error("a section with 3 real sub-points is no preface")
	}
	vision := titleInfo{toks: tokenize(nil, "Project vision and foundation"), points: []string{"Vision", "Founding principles", "Mission and purpose"}}
	if !isPreface(&vision) {
		t.Error("a preface with preface sub-points is a preface")
	}
}

// tokenizerSamples are texts the fast tokenizer must split like tokenize.
var tokenizerSamples = []string{"", "  ", "GPU-accelerated I/O, NEP 47!", "Größe und Maße", "a", "ABC def_GHI 12x",
	"NumPy’s “free-threaded” CPython", "ÀÉÎõü 3.13 İstanbul ǅungla", "bad \xff\xfe utf8 Ⱥx", "Arrays-of-GPUs",
	"exactly8 eightchr abcdefghij ABCDEFGHIJKLMNOP"}

func TestTokenizerMatchesTokenize(t *testing.T) {
	var z tokenizer
	for _, s := range tokenizerSamples {
		if got, want := slices.Clone(z.words(s)), tokenize(nil, s); !slices.Equal(got, want) {
			t.Errorf("%q: tokenizer %q, tokenize %q", s, got, want)
		}
	}
}

// checkForms checks that a tokenizer with a vocabulary splits s like
// tokenize and records, for every word, the surface form a plain lookup
// finds (-1 for words outside the vocabulary).
func checkForms(t *testing.T, m *matcher, z *tokenizer, s string) {
	t.Helper()
	toks := slices.Clone(z.words(s))
	if want := tokenize(nil, s); !slices.Equal(toks, want) {
		t.Fatalf("%q: tokenizer %q, tokenize %q", s, toks, want)
	}
	var cands []int32
	for i, w := range toks {
		if refCandidate(w) {
			cands = append(cands, int32(i))
		}
	}
	if !slices.Equal(cands, z.cands) {
		t.Fatalf("%q: candidates %v, want %v", s, z.cands, cands)
	}
	var at []int32
	for i, f := range z.forms {
		if f >= 0 && m.v.starts[f] {
			at = append(at, int32(i))
		}
	}
	if !slices.Equal(at, z.at) {
		t.Fatalf("%q: phrase starts %v, want %v", s, z.at, at)
	}
	forms := slices.Clone(z.forms)
	z.drop = true
	z.words(s)
	z.drop = false
	if z.n != len(toks) || len(z.toks) != 0 || !slices.Equal(z.forms, forms) || !slices.Equal(z.at, at) {
		t.Fatalf("%q: dropping words: %d words, %d kept, forms %v at %v; want %d, 0, %v, %v", s, z.n, len(z.toks), z.forms, z.at, len(toks), forms, at)
	}
	if got, want := proposalsIn(z.refs, nil), proposals(toks, nil); !slices.Equal(got, want) {
		t.Fatalf("%q: proposals from refs %v, want %v", s, got, want)
	}
	if got, want := issueRefsIn(nil, z.refs), issueRefs(nil, toks); got != want {
		t.Fatalf("%q: issue refs from refs %d, want %d", s, got, want)
	}
	z.words(s)
	for i, w := range toks {
		want := int32(-1)
		for f, vf := range m.v.forms {
			if vf.text == w {
				want = int32(f)
			}
		}
		if z.forms[i] != want {
			t.Fatalf("%q: word %q has form %d, want %d", s, w, z.forms[i], want)
		}
	}
}

func TestTokenizerForms(t *testing.T) {
	m := newMatcher(loadThemes(t), []string{"Größe", "array API", "exactly8"})
	z := m.tokenizer()
	for _, s := range append(tokenizerSamples, "Distributed GPUS and CUDA kernels; out-of-core arrays",
		"See NEP 47, nep47, SLEP006, PEP-0011, spec 0, gh-7, gh 8 and nep pep 12; last nep",
		"SBOMs, wheels and Pyodide builds in the browser") {
		checkForms(t, m, &z, s)
	}
}

// FuzzTokenizer checks the fast tokenizer against tokenize, and its
// vocabulary lookups against a plain search, on any text.
func FuzzTokenizer(f *testing.F) {
	for _, s := range tokenizerSamples {
		f.Add(s)
	}
	themes := []Theme{{Slug: "t", Terms: []string{"GPU", "array API", "größe", "exactly8", "longerthaneight"}}}
	m := newMatcher(themes, []string{"CUDA"})
	f.Fuzz(func(t *testing.T, s string) {
		z := m.tokenizer()
		checkForms(t, m, &z, s)
		checkForms(t, m, &z, s+" gpus "+s) // reuse of the buffers
		checkForms(t, m, &z, s+" nep "+s+" gh 12 pep47 spec")
	})
}

func TestNotLowerAlnum(t *testing.T) {
	for c := 0; c < 256; c++ {
		for pos := 0; pos < 8; pos++ {
			b := []byte("abcdefgh")
			b[pos] = byte(c)
			got := notLowerAlnum(load8(string(b)))
			var want uint64
			if byteClass[c] != clsLower {
				want = 0x80 << (8 * pos)
			}
			if got != want {
				t.Fatalf("byte %#x at %d: %#x, want %#x", c, pos, got, want)
			}
		}
	}
}
