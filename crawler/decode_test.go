package crawler

import (
	"errors"
	"testing"
	"time"
	"unicode/utf8"
)

func TestToUTF8(t *testing.T) {
	cases := []struct {
		name, ctype string
		in          []byte
		want        string
	}{
		{"utf-8 plain", "text/html", []byte("<p>café</p>"), "<p>café</p>"},
		{"header latin1", "text/html; charset=ISO-8859-1", []byte("<p>caf\xe9</p>"), "<p>café</p>"},
		{"header latin1 for markdown", "text/markdown; charset=latin1", []byte("# caf\xe9"), "# café"},
		{"meta charset", "text/html", []byte(`<meta charset="iso-8859-1"><p>caf` + "\xe9</p>"), `<meta charset="iso-8859-1"><p>café</p>`},
		{"http-equiv", "", []byte(`<meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><p>` + "\x93q\x94</p>"),
			`<meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><p>“q”</p>`},
		{"utf-8 bom", "text/plain", []byte("\xef\xbb\xbf# Title"), "# Title"},
		{"utf-16le bom", "text/plain", []byte("\xff\xfe#\x00 \x00\xe9\x00"), "# é"},
		{"undeclared latin1", "text/plain", []byte("caf\xe9"), "café"},
		{"meta says latin1 but body is utf-8", "text/html", []byte(`<meta charset="iso-8859-1"><p>café</p>`), `<meta charset="iso-8859-1"><p>café</p>`},
		{"invalid utf-8 declared", "text/plain; charset=utf-8", []byte("a\xffb"), "a\uFFFDb"},
	}
	for _, c := range cases {
		if got := string(toUTF8(c.in, c.ctype)); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

func TestCheckText(t *testing.T) {
	cases := []struct {
		name, ctype string
		body        []byte
		want        string // "" for text
	}{
		{"html", "text/html", []byte("<html><h1>x</h1>"), ""},
		{"pdf declared", "application/pdf", []byte("whatever"), "not a text document (application/pdf)"},
		{"pdf sniffed", "text/plain", pdfBytes, "not a text document (application/pdf)"},
		{"png sniffed", "text/html", pngBytes, "not a text document (image/png)"},
		{"image declared", "image/svg+xml", []byte("<svg/>"), "not a text document (image/svg+xml)"},
		{"octet-stream markdown", "application/octet-stream", []byte("# Roadmap\n"), ""},
		{"latin1", "text/html", []byte("caf\xe9"), ""},
		{"nul bytes", "", []byte("a\x00\x01\x02b"), "not a text document (application/octet-stream)"},
		{"utf-16 bom", "", []byte("\xff\xfe#\x00"), ""},
	}
	for _, c := range cases {
		err := checkText(c.body, c.ctype)
		got := ""
		if err != nil {
			got = err.Error()
			var be *binaryError
			if !errors.As(err, &be) {
				t.Errorf("%s: %T, want *binaryError", c.name, err)
			}
		}
		if got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

func TestUTF8ContentType(t *testing.T) {
	cases := map[[2]string]string{
		{"text/html; charset=ISO-8859-1", "https://x/a"}:    "text/html; charset=utf-8",
		{"", "https://x/ROADMAP.md"}:                        "text/markdown; charset=utf-8",
		{"application/octet-stream", "https://x/r.rst?x=1"}: "text/x-rst; charset=utf-8",
		{"text/plain", "https://x/ROADMAP.md"}:              "text/plain; charset=utf-8",
		{"", "https://x/roadmap"}:                           "text/plain; charset=utf-8",
	}
	for in, want := range cases {
		if got := utf8ContentType(in[0], in[1]); got != want {
			t.Errorf("utf8ContentType(%q, %q) = %q, want %q", in[0], in[1], got, want)
		}
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC)
	cases := map[string]time.Duration{
		"":                              0,
		"1":                             time.Second,
		" 120 ":                         2 * time.Minute,
		"0":                             0,
		"-5":                            0,
		"soon":                          0,
		"Thu, 26 Nov 2026 02:01:30 GMT": 90 * time.Second,
		"Thu, 26 Nov 2026 01:00:00 GMT": 0,
	}
	for in, want := range cases {
		if got := parseRetryAfter(in, now); got != want {
			t.Errorf("parseRetryAfter(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestBackoffGrows(t *testing.T) {
	base := 10 * time.Millisecond
	for attempt := range 4 {
		lo := base << attempt
		if d := backoff(base, attempt); d < lo || d > lo+lo/2 {
			t.Errorf("backoff(%d) = %s, want within [%s, %s]", attempt, d, lo, lo+lo/2)
		}
	}
	if d := backoff(time.Second, 30); d > maxBackoff+maxBackoff/2 {
		t.Errorf("backoff not capped: %s", d)
	}
}

func FuzzToUTF8(f *testing.F) {
	f.Add([]byte("<meta charset=iso-8859-1>caf\xe9"), "text/html")
	f.Add([]byte("\xff\xfe#\x00"), "")
	f.Add([]byte("plain"), "text/plain; charset=shift_jis")
	f.Fuzz(func(t *testing.T, body []byte, ctype string) {
		out := toUTF8(body, ctype)
		if !utf8.Valid(out) {
			t.Errorf("toUTF8(%q, %q) = %q: not UTF-8", body, ctype, out)
		}
		_ = checkText(body, ctype)
		_ = utf8ContentType(ctype, string(body))
	})
}
