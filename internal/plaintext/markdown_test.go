package plaintext

import (
	"regexp"
	"strings"
	"testing"
)

func TestMarkdown(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Plain title", "Plain title"},
		{"Array API & DLPack", "Array API &amp; DLPack"},
		{"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
		{"[click](javascript:alert(1))", `\[click\](javascript:alert(1))`},
		{"*bold* _it_ `code` a|b ~x~", "\\*bold\\* \\_it\\_ \\`code\\` a\\|b \\~x\\~"},
		{"# Heading", `\# Heading`},
		{"C# and F#", "C# and F#"},
		{"- item", `\- item`},
		{"1. first", `1\. first`},
		{"2026. A year", `2026\. A year`},
		{`back\slash`, `back\\slash`},
		{"two\nlines\r\n\tand  tabs", "two lines and tabs"},
		{"bidi \u202eevil\u202c", "bidi evil"},
		{"bell\x07 nul\x00", "bell nul"},
	}
	for _, tc := range tests {
		if got := Markdown(tc.in); got != tc.want {
			t.Errorf("Markdown(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSafeURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://numpy.example.org/roadmap.html#gpu", "https://numpy.example.org/roadmap.html#gpu"},
		{"http://x.example.org/a b(c)", "http://x.example.org/a%20b%28c%29"},
		{"HTTPS://X.example.org/", "HTTPS://X.example.org/"},
		{"javascript:alert(1)", ""},
		{"JavaScript:alert(1)", ""},
		{"data:text/html,<script>", ""},
		{"//evil.example.org/", ""},
		{"/relative/path", ""},
		{"https:///nohost", ""},
		{"https://x.example.org/\x00", ""},
		{"https://x.example.org/\"><script>", "https://x.example.org/%22%3E%3Cscript%3E"},
		{"", ""},
	}
	for _, tc := range tests {
		if got := SafeURL(tc.in); got != tc.want {
			t.Errorf("SafeURL(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestMarkdownLink(t *testing.T) {
	tests := []struct{ title, url, want string }{
		{"GPU support", "https://x.example.org/r#gpu", "[GPU support](https://x.example.org/r#gpu)"},
		{"[click](javascript:alert(1))", "javascript:alert(1)", `\[click\](javascript:alert(1))`},
		{"Odd (url)", "https://x.example.org/a (b)", "[Odd (url)](https://x.example.org/a%20%28b%29)"},
		{"", "https://x.example.org/", "[https://x.example.org/](https://x.example.org/)"},
	}
	for _, tc := range tests {
		if got := MarkdownLink(tc.title, tc.url); got != tc.want {
			t.Errorf("MarkdownLink(%q, %q) = %q, want %q", tc.title, tc.url, got, tc.want)
		}
	}
}

// unescapedLink finds a link target: "](" whose "]" is not escaped.
var unescapedLink = regexp.MustCompile(`(^|[^\\])(\\\\)*\]\(`)

// FuzzLink checks that no text and URL make Link emit raw HTML, a line
// break, or a link to anything but http(s).
func FuzzLink(f *testing.F) {
	f.Add("<script>alert(1)</script>", "javascript:alert(1)")
	f.Add("[click](javascript:alert(1))", "https://x.example.org/a (b)")
	f.Add("a\\]\\(b", "http://x/)")
	f.Add("# title\n- item", "https://x.example.org/#a|b")
	f.Fuzz(func(t *testing.T, title, u string) {
		out := MarkdownLink(title, u)
		if strings.ContainsAny(out, "<>\n\r") {
			t.Fatalf("MarkdownLink(%q, %q) = %q has raw markup or a line break", title, u, out)
		}
		esc := Markdown(title)
		if loc := unescapedLink.FindStringIndex(esc); loc != nil {
			t.Fatalf("Markdown(%q) = %q contains a link opener", title, esc)
		}
		if strings.HasPrefix(out, "[") {
			target := out[strings.LastIndex(out, "](")+2 : len(out)-1]
			if !strings.HasPrefix(strings.ToLower(target), "http://") && !strings.HasPrefix(strings.ToLower(target), "https://") {
				t.Fatalf("MarkdownLink(%q, %q) = %q links to %q", title, u, out, target)
			}
			if strings.ContainsAny(target, " ()") {
				t.Fatalf("MarkdownLink(%q, %q) target %q not encoded", title, u, target)
			}
		}
	})
}
