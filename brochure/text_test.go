package brochure

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// monoWidth measures every character as one unit.
func monoWidth(s string) float64 { return float64(utf8.RuneCountInString(s)) }

func TestFitText(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		maxW     float64
		maxLines int
		want     []string
		cut      bool
	}{
		{"fits", "short text", 20, 2, []string{"short text"}, false},
		{"wraps at words", "alpha beta gamma delta", 11, 3, []string{"alpha beta", "gamma delta"}, false},
		{"collapses space and controls", "  alpha\t\nbeta\u200b \x07gamma ", 20, 1, []string{"alpha beta gamma"}, false},
		{"empty", " \n ", 10, 3, nil, false},
		{"sentence boundary, full stop becomes ellipsis",
			"One two three. Four five six seven eight nine ten.", 15, 1, []string{"One two three…"}, true},
		{"sentence boundary after question mark",
			"Why not now? Because the rest of this sentence is long.", 14, 1, []string{"Why not now?…"}, true},
		{"word boundary when the sentence is too short",
			"Hi. Alpha beta gamma delta epsilon zeta eta theta.", 30, 1, []string{"Hi. Alpha beta gamma delta…"}, true},
		{"dangling punctuation dropped before ellipsis",
			"alpha beta, gamma delta epsilon", 12, 1, []string{"alpha beta…"}, true},
		{"abbreviation is not a sentence end",
			"Use e.g. arrays and more words that do not fit", 16, 1, []string{"Use e.g. arrays…"}, true},
		{"never mid-word", "alpha internationalisation is hard", 12, 1, []string{"alpha…"}, true},
		{"a first word wider than all lines is cut between characters", "internationalisation is hard", 12, 1, []string{"internation…"}, true},
		{"one enormous word is split between characters", strings.Repeat("x", 30), 10, 2,
			[]string{"xxxxxxxxxx", "xxxxxxxxx…"}, true},
		{"zero lines", "text", 10, 0, nil, true},
		{"a lone dash does not start a line", "Helix Therapeutics — Data Science", 16, 3,
			[]string{"Helix", "Therapeutics —", "Data Science"}, false},
		{"a dash starts a line when its word cannot come along", "Therapeutics — x", 12, 3,
			[]string{"Therapeutics", "— x"}, false},
		{"cjk breaks between characters", "数据分析工具的路线图", 4, 2, []string{"数据分析", "工具的…"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, cut := fitText(tt.in, tt.maxW, tt.maxLines, monoWidth)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") || cut != tt.cut {
				t.Errorf("fitText(%q, %v, %d) = %q, %v; want %q, %v", tt.in, tt.maxW, tt.maxLines, got, cut, tt.want, tt.cut)
			}
		})
	}
}

// TestFitTextNeverMidWord cuts a long text at every width and checks that
// the kept text is a prefix of whole words followed by "…".
func TestFitTextNeverMidWord(t *testing.T) {
	text := "Propagating tens of thousands of orbits is the slowest step for most users. " +
		"The plan is to move the core integrators onto array kernels so the same code runs anywhere."
	words := strings.Fields(text)
	for w := 12.0; w < 60; w++ {
		for lines := 1; lines <= 4; lines++ {
			got, cut := fitText(text, w, lines, monoWidth)
			if len(got) > lines {
				t.Fatalf("w=%v lines=%d: %d lines", w, lines, len(got))
			}
			for _, l := range got {
				if monoWidth(l) > w {
					t.Fatalf("w=%v: line %q too wide", w, l)
				}
			}
			if !cut {
				continue
			}
			joined := strings.Join(got, " ")
			if !strings.HasSuffix(joined, ellipsis) {
				t.Fatalf("w=%v lines=%d: cut text %q lacks an ellipsis", w, lines, joined)
			}
			kept := strings.Fields(strings.TrimSuffix(joined, ellipsis))
			for i, k := range kept {
				want := words[i]
				if i == len(kept)-1 {
					want = strings.TrimRight(want, ".,")
					k = strings.TrimRight(k, ".,")
				}
				if k != want {
					t.Fatalf("w=%v lines=%d: word %d is %q, want %q (text %q)", w, lines, i, k, want, joined)
				}
			}
		}
	}
}

func TestFitTextHugeInputIsBounded(t *testing.T) {
	huge := strings.Repeat("Words go on and on without end. ", 5000/7)
	got, cut := fitText(huge, 50, 4, monoWidth)
	if !cut || len(got) != 4 || !strings.HasSuffix(got[3], ellipsis) {
		t.Fatalf("got %q, cut %v", got, cut)
	}
}

func TestShortLink(t *testing.T) {
	tests := []struct {
		in   string
		maxW float64
		want string
	}{
		{"https://www.numpy.org/neps/roadmap.html#interop", 80, "numpy.org/neps/roadmap.html#interop"},
		{"https://github.com/a/b/issues/12?utm=x", 80, "github.com/a/b/issues/12"},
		{"https://example.org/", 80, "example.org"},
		{"https://example.org/a%20b/", 80, "example.org/a b"},
		{"https://example.org/very/long/path/to/a/roadmap/page.html", 20, "example.org/very/lo…"},
	}
	for _, tt := range tests {
		if got := shortLink(tt.in, tt.maxW, monoWidth); got != tt.want {
			t.Errorf("shortLink(%q, %v) = %q, want %q", tt.in, tt.maxW, got, tt.want)
		}
		if got := shortLink(tt.in, tt.maxW, monoWidth); monoWidth(got) > tt.maxW {
			t.Errorf("shortLink(%q) = %q wider than %v", tt.in, got, tt.maxW)
		}
	}
}

func TestLinkTarget(t *testing.T) {
	for in, want := range map[string]string{
		"https://example.org/x":  "https://example.org/x",
		"http://example.org":     "http://example.org",
		"javascript:alert(1)":    "",
		"file:///etc/passwd":     "",
		"/relative/path":         "",
		"ftp://example.org/file": "",
		"":                       "",
	} {
		if got := linkTarget(in); got != want {
			t.Errorf("linkTarget(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzFitText(f *testing.F) {
	f.Add("One two three. Four five six.", 10.0, 2)
	f.Add("数据分析工具 emoji 👍🏽 done", 5.0, 3)
	f.Add(strings.Repeat("x", 100), 7.0, 1)
	f.Fuzz(func(t *testing.T, s string, w float64, lines int) {
		if w < 2 || w > 200 || lines < 0 || lines > 10 {
			return
		}
		got, _ := fitText(s, w, lines, monoWidth)
		if len(got) > lines {
			t.Fatalf("%d lines > %d", len(got), lines)
		}
		for _, l := range got {
			if monoWidth(l) > w {
				t.Fatalf("line %q wider than %v", l, w)
			}
			if !utf8.ValidString(l) {
				t.Fatalf("invalid UTF-8 %q", l)
			}
		}
	})
}
