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
	for _, tc := range tests {
		got := map[string]int{}
		m.scan(tokenize(nil, tc.text), make([]int, 3), func(p int) {
			k := m.phrases[p].text
			if m.phrases[p].interest {
				k += "/interest"
			}
			got[k]++
		})
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

func TestTokenizerMatchesTokenize(t *testing.T) {
	var z tokenizer
	for _, s := range []string{"", "  ", "GPU-accelerated I/O, NEP 47!", "Größe und Maße", "a", "ABC def_GHI 12x"} {
		if got, want := slices.Clone(z.words(s)), tokenize(nil, s); !slices.Equal(got, want) {
			t.Errorf("%q: tokenizer %q, tokenize %q", s, got, want)
		}
	}
}
