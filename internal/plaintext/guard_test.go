package plaintext

import (
	"strings"
	"testing"
)

// cleaningRules are the rules whose regexps run only when their cheap
// test passes.
func cleaningRules() map[string]rule {
	return map[string]rule{
		"urlRe": urlRe, "seeParen": seeParen, "gluedEnd": gluedEnd, "gluedIntro": gluedIntro,
		"shortcode": shortcode, "hashRef": hashRef, "numRun": numRun, "spaceBeforePunct": spaceBeforePunct,
		"spaceAfterParen": spaceAfterParen, "emptyParens": emptyParens, "gluedSemicolon": gluedSemicolon,
		"repeatedPunct": repeatedPunct, "danglingEg": danglingEg, "orphanPrep": orphanPrep, "markupDash": markupDash,
	}
}

// guardSamples are strings each rule's regexp matches, in the spellings
// its cheap test must not miss: other case, other white space, the two
// non-ASCII letters that fold to ASCII ones under (?i).
var guardSamples = []string{
	"see https://example.org/x and www.example.org", "(see gh-18915)", "(CF. #12)", "(ref 3)",
	"done.; next", "done.\t;\nnext", "intro:; a", "intro:\f;\rb",
	":green_circle: ok", "a\t:+1:\n", "x #5955", "GH-123", "\u017fee gh-1", "gH-7",
	"issues 11977, 12852", "PR 88", "Pull Requests 1 & 22", "12866 and 15550", "tickets\t77",
	"word .", "word\t,", "a\n)", "( x", "(\t)", "(,)", "( ; )",
	"a.;", "b,\f;", "c:;;", ", .", ";\t.", "...", ". .", ", ,",
	", e.g. .", "I.E.;", "Cf. .", "for EXAMPLE;", "such as .", "\u017fuch as .", "such a\u017f;",
	" at\x00.", " PER\x00", " \u212a\x00", "object -dtype", "array\t-like", "Ⅻ -based", "x)\n-wise",
}

// TestRuleGuardsAdmitMatches: a rule's cheap test passes every string its
// regexp matches, so skipping the regexp never changes a result.
func TestRuleGuardsAdmitMatches(t *testing.T) {
	for name, r := range cleaningRules() {
		matched := 0
		for _, s := range guardSamples {
			for _, v := range []string{s, "Lead " + s + " tail", strings.ToUpper(s), strings.ToLower(s)} {
				if r.re.MatchString(v) {
					matched++
					if !r.may(v) {
						t.Errorf("%s: regexp matches %q but its test says it cannot", name, v)
					}
				}
			}
		}
		if matched == 0 {
			t.Errorf("%s: no sample matches; add one", name)
		}
	}
}

// FuzzRuleGuards: on any input, a rule's regexp matching means its cheap
// test passes.
func FuzzRuleGuards(f *testing.F) {
	for _, s := range guardSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for name, r := range cleaningRules() {
			if r.re.MatchString(s) && !r.may(s) {
				t.Fatalf("%s: regexp matches %q but its test says it cannot", name, s)
			}
		}
	})
}

// BenchmarkSummary cleans the real summaries of the tests above (issue
// lists, references, URLs, list introductions), as the brochure does for
// every item it draws.
func BenchmarkSummary(b *testing.B) {
	var in [][2]string
	for _, c := range summaryCases {
		in = append(in, [2]string{c.in, c.text})
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, c := range in {
			Summary(c[0], c[1])
		}
	}
}
