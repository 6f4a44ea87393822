package github

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSummarise(t *testing.T) {
	long := strings.Repeat("Arrays get faster with every release of the library. ", 10)
	words := strings.Repeat("word ", 100)
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"plain", "Make the parser faster.", "Make the parser faster."},
		{"first paragraph only", "First idea here.\nStill first.\n\nSecond idea.", "First idea here. Still first."},
		{"links keep text", "See [the proposal](https://example.org/p) and <https://example.org/q>.",
			"See the proposal and https://example.org/q."},
		{"images dropped", "![diagram](https://example.org/d.png) Shows the plan.", "Shows the plan."},
		{"html and comments", "<!-- fill in below -->\n<p>Support <b>sparse</b> arrays</p>", "Support sparse arrays"},
		{"entities", "Tom &amp; Jerry &lt;3", "Tom & Jerry <3"},
		{"emphasis and code", "Use **bold**, __strong__, *em*, ~~old~~ and `np.sum` but keep snake_case_names.",
			"Use bold, strong, em, old and np.sum but keep snake_case_names."},
		{"heading skipped for paragraph", "### Proposed change\n\nAdd a GPU backend.", "Add a GPU backend."},
		{"setext heading skipped", "Motivation\n----------\nWe need speed.", "We need speed."},
		{"only a heading", "## Just a title ##", "Just a title"},
		{"code fence removed", "```python\nimport this\n```\n\nAfter the code.", "After the code."},
		{"list markers", "- [ ] first task with detail\n- second", "first task with detail"},
		{"quote markers", "> quoted words\n> more", "quoted words more"},
		{"sentence cut", long, strings.TrimSpace(strings.Repeat("Arrays get faster with every release of the library. ", 5)) + " …"},
		{"word cut", words, strings.TrimSpace(strings.Repeat("word ", 59)) + "…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Summarise(tt.in); got != tt.want {
				t.Errorf("Summarise(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestStripMarkdown(t *testing.T) {
	in := "# Plan\n\nIntro with [link](https://x.example).\n\n```\ncode\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n    indented code\n\nEnd."
	want := "Plan\n\nIntro with link.\n\na b\n\n1 2\n\nEnd."
	if got := StripMarkdown(in); got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
	if got := StripMarkdown(strings.Repeat("abc ", 2000)); utf8.RuneCountInString(got) > maxText || !strings.HasSuffix(got, "…") {
		t.Errorf("long text not capped: %d runes", utf8.RuneCountInString(got))
	}
}

func TestExtractLinks(t *testing.T) {
	in := "See https://a.example/x, [b](http://b.example/y) and ![img](https://img.example/p.png)\n" +
		"<!-- https://hidden.example -->javascript:alert(1) ftp://f.example https://a.example/x again (https://c.example/z)."
	want := []string{"https://a.example/x", "http://b.example/y", "https://c.example/z"}
	if got := extractLinks(in); !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
	var many strings.Builder
	for i := 0; i < 30; i++ {
		many.WriteString("https://e.example/" + strings.Repeat("a", i+1) + " ")
	}
	if got := extractLinks(many.String()); len(got) != maxLinks {
		t.Errorf("got %d links, want %d", len(got), maxLinks)
	}
}

func FuzzSummarise(f *testing.F) {
	for _, s := range []string{
		"", "plain", "# h\n\ntext", "[a](b) ![c](d) <e> `f` **g** _h_",
		"```\nunclosed fence", "<!-- unclosed comment", "a. b. c. " + strings.Repeat("x ", 200),
		"\xff\xfe invalid", "Title\n===\n", "| a |\n|---|\n", "日本語のテキスト。" + strings.Repeat("長い", 300),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		sum, text := Summarise(in), StripMarkdown(in)
		for _, out := range []string{sum, text} {
			if !utf8.ValidString(out) {
				t.Fatalf("invalid UTF-8 output %q", out)
			}
		}
		if n := utf8.RuneCountInString(sum); n > maxSummary {
			t.Fatalf("summary has %d runes", n)
		}
		if n := utf8.RuneCountInString(text); n > maxText {
			t.Fatalf("text has %d runes", n)
		}
		if strings.Contains(sum, "\n") {
			t.Fatalf("summary spans lines: %q", sum)
		}
		for _, l := range extractLinks(in) {
			if !strings.HasPrefix(l, "http://") && !strings.HasPrefix(l, "https://") {
				t.Fatalf("non-http link %q", l)
			}
		}
	})
}

func TestLinksWithParentheses(t *testing.T) {
	in := "Like [Dask](https://en.wikipedia.org/wiki/Dask_(software)) and https://b.example/y."
	want := []string{"https://en.wikipedia.org/wiki/Dask_(software)", "https://b.example/y"}
	if got := extractLinks(in); !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := cleanInline("Like [Dask](https://en.wikipedia.org/wiki/Dask_(software)) now"); got != "Like Dask now" {
		t.Errorf("cleanInline = %q", got)
	}
}
