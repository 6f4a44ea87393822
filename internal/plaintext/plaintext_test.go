package plaintext

import (
	"strings"
	"testing"
	"unicode"
)

func TestOneLine(t *testing.T) {
	cases := map[string]string{
		"  two\n\tlines  ":                 "two lines",
		"no\u00a0break":                    "no break",
		"esc\x1b[31mred":                   "esc[31mred",
		"bidi \u202eevil\u202c end":        "bidi evil end",
		"zero\u200bwidth soft\u00adhyphen": "zerowidth softhyphen",
		"bad \xff byte":                    "bad byte",
		"kept \ufffd replacement":          "kept \ufffd replacement",
		"数组 API — ünïcödé":                 "数组 API — ünïcödé",
		"\ufeffBOM":                        "BOM",
	}
	for in, want := range cases {
		if got := OneLine(in); got != want {
			t.Errorf("OneLine(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzOneLine(f *testing.F) {
	f.Add("a\nb\u202ec\x00")
	f.Fuzz(func(t *testing.T, s string) {
		out := OneLine(s)
		if OneLine(out) != out {
			t.Fatalf("not idempotent: %q → %q", s, out)
		}
		for _, r := range out {
			if r == '\n' || Invisible(r) {
				t.Fatalf("OneLine(%q) kept %U", s, r)
			}
		}
	})
}

func TestStrip(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"two\nlines\tand a tab", "two\nlines\tand a tab"},
		{"\x1b[31mred\x1b[0m", "[31mred[0m"},
		{"over\rwrite", "overwrite"},
		{"nul\x00 del\x7f c1\u0085", "nul del c1"},
		{"bidi \u202eevil\u202c and \u2066isolate\u2069 \u200fmark", "bidi evil and isolate mark"},
		{"bad \xff utf-8", "bad  utf-8"},
		{"emoji 👩\u200d💻 keeps its joiner", "emoji 👩\u200d💻 keeps its joiner"},
		{"encoded \uFFFD stays", "encoded \uFFFD stays"},
	}
	for _, tc := range tests {
		if got := Strip(tc.in); got != tc.want {
			t.Errorf("Strip(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestOneLineFastPath: what OneLine returns as it is must be what the
// full pass would make of it.
func TestOneLineFastPath(t *testing.T) {
	for _, s := range []string{"", "a", "a b", " a", "a ", "a  b", "a\tb", "a\nb", "x\x7f", "é", "a b c-d (e)", "~!", " "} {
		var b strings.Builder
		space := false
		for _, r := range s {
			if unicode.IsSpace(r) {
				space = true
				continue
			}
			if Invisible(r) {
				continue
			}
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		}
		if got, want := OneLine(s), b.String(); got != want {
			t.Errorf("OneLine(%q) = %q, want %q", s, got, want)
		}
	}
}
