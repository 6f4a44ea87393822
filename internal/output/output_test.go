package output

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// hostile is crawled text carrying what issue 14 §17 found passing
// through: a terminal escape, a carriage return, bidi overrides and
// isolates, and a leading formula.
const hostile = "=HYPERLINK(\"http://evil\")\x1b[2J\r\u202eevil\u202c \u2066iso\u2069"

func TestJSONStripsControls(t *testing.T) {
	var b bytes.Buffer
	v := map[string]any{"title": hostile, "lines": "a\nb\tc", "html": "Acme & <Sons>", "nul": "x\x00\x07\x7f\u0085y"}
	if err := JSON(&b, v); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, bad := range []string{`\u001b`, `\r`, "\u202e", "\u202c", "\u2066", "\u2069", `\u0000`, `\u0007`, "\x7f", "\u0085"} {
		if strings.Contains(out, bad) {
			t.Errorf("JSON output carries %q:\n%s", bad, out)
		}
	}
	var back map[string]string
	if err := json.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatalf("cleaned JSON does not parse: %v\n%s", err, out)
	}
	if back["lines"] != "a\nb\tc" || back["html"] != "Acme & <Sons>" || back["nul"] != "xy" {
		t.Errorf("JSON lost what it should keep: %q", back)
	}
	if back["title"] != `=HYPERLINK("http://evil")[2Jevil iso` {
		t.Errorf("title %q", back["title"])
	}
	if !strings.Contains(out, "Acme & <Sons>") {
		t.Errorf("JSON escapes HTML: %s", out)
	}
}

func TestJSONKeepsEscapedBackslashes(t *testing.T) {
	var b bytes.Buffer
	if err := JSON(&b, []string{`C:\u001b\r`, `\\`}); err != nil {
		t.Fatal(err)
	}
	var back []string
	if err := json.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if back[0] != `C:\u001b\r` || back[1] != `\\` {
		t.Errorf("literal backslashes changed: %q", back)
	}
}

func TestCSVDefusesFormulas(t *testing.T) {
	var b bytes.Buffer
	rows := [][]string{
		{"=1+2", "+cmd", "-2", "@SUM(A1)", "\tTab", "\rCR", "plain", "a-b"},
		{"\x1b[31m=red", "\u202e@evil", "ok\nline", "", "0.75", "2026-01-01", "x", "y"},
	}
	if err := CSV(&b, []string{"a", "b", "c", "d", "e", "f", "g", "h"}, rows); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(b.String())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"'=1+2", "'+cmd", "'-2", "'@SUM(A1)", "'\tTab", "CR", "plain", "a-b"},
		{"[31m=red", "'@evil", "ok\nline", "", "0.75", "2026-01-01", "x", "y"},
	}
	for i, w := range want {
		for j := range w {
			if recs[i+1][j] != w[j] {
				t.Errorf("row %d cell %d = %q, want %q", i, j, recs[i+1][j], w[j])
			}
		}
	}
	if strings.ContainsAny(b.String(), "\x1b\u202e") {
		t.Errorf("CSV carries controls: %q", b.String())
	}
}

func TestTableOneLineAndCut(t *testing.T) {
	var b bytes.Buffer
	err := Table(&b, []string{"ID", "TITLE"}, [][]string{{"p/x", "two\nlines \x1b[2J\u202eand a long tail"}}, []int{0, 12}, true)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := b.String(), "ID   TITLE\np/x  two lines […\n"; got != want {
		t.Errorf("table:\n%q\nwant\n%q", got, want)
	}
	b.Reset()
	Table(&b, []string{"ID"}, [][]string{{"a very long identifier"}}, []int{5}, false)
	if !strings.Contains(b.String(), "a very long identifier") {
		t.Errorf("piped table cut a cell: %q", b.String())
	}
}

func TestWriterStripsStreams(t *testing.T) {
	var b bytes.Buffer
	w := NewWriter(&b)
	// The bidi override (3 bytes) and "é" arrive split across writes.
	override := []byte("\u202e")
	parts := [][]byte{[]byte("<p>caf\xc3"), []byte("\xa9 "), override[:1], override[1:], []byte("x\x1b[0m\r\n</p>\n")}
	for _, p := range parts {
		if n, err := w.Write(p); err != nil || n != len(p) {
			t.Fatalf("Write(%q) = %d, %v", p, n, err)
		}
	}
	if got, want := b.String(), "<p>café x[0m\n</p>\n"; got != want {
		t.Errorf("stream %q, want %q", got, want)
	}
}

func TestCut(t *testing.T) {
	if Cut("héllo", 5) != "héllo" || Cut("héllo world", 5) != "héll…" {
		t.Errorf("Cut: %q %q", Cut("héllo", 5), Cut("héllo world", 5))
	}
}

// TestJSONListIsJSON: the streamed array is byte for byte what JSON writes
// for the slice, unsafe characters dropped alike.
func TestJSONListIsJSON(t *testing.T) {
	type row struct {
		ID    string            `json:"id"`
		Tags  []string          `json:"tags"`
		Score *float64          `json:"score,omitempty"`
		Meta  map[string]string `json:"meta,omitempty"`
	}
	x := 0.5
	for _, rows := range [][]row{
		{},
		{{ID: "a"}},
		{{ID: "a<b>&c", Tags: []string{"x", "y"}, Score: &x}, {ID: "esc\x1b[31m \u202e bidi", Tags: []string{}}, {ID: "m", Meta: map[string]string{"k": "v\r"}}},
	} {
		var want, got bytes.Buffer
		if err := JSON(&want, rows); err != nil {
			t.Fatal(err)
		}
		if err := JSONList(&got, len(rows), func(i int) any { return rows[i] }); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("JSONList:\n%s\nJSON:\n%s", got.String(), want.String())
		}
	}
}

// TestTableLaysOutAsTabwriter: Table pads columns exactly as the tab
// writer does, for plain, wide, empty, multi-line and hostile cells, cut
// or not; rows of uneven length go through the tab writer itself.
func TestTableLaysOutAsTabwriter(t *testing.T) {
	cells := []string{"", "a", "numpy/array-api", "0.75", "Ünïcödé – ☃ snow", "tabs\tand\nlines", hostile,
		strings.Repeat("long words ", 12), "日本語のタイトル", "x"}
	rng := rand.New(rand.NewPCG(3, 5))
	for round := range 200 {
		n := 1 + rng.IntN(5)
		header := make([]string, n)
		for i := range header {
			header[i] = strings.ToUpper(cells[rng.IntN(len(cells))])
		}
		rows := make([][]string, rng.IntN(8))
		for k := range rows {
			rows[k] = make([]string, n)
			for i := range rows[k] {
				rows[k][i] = cells[rng.IntN(len(cells))]
			}
		}
		widths := make([]int, n)
		for i := range widths {
			widths[i] = rng.IntN(12)
		}
		cut := rng.IntN(2) == 0
		copyRows := func() [][]string {
			out := make([][]string, len(rows))
			for k, r := range rows {
				out[k] = slices.Clone(r)
			}
			return out
		}
		var got, want bytes.Buffer
		if err := Table(&got, header, copyRows(), widths, cut); err != nil {
			t.Fatal(err)
		}
		if err := tabwriterTable(&want, header, copyRows(), widths, cut); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Fatalf("round %d (cut %v):\ngot\n%q\nwant\n%q", round, cut, got.String(), want.String())
		}
	}
	// A short row: the tab writer's own layout.
	var got, want bytes.Buffer
	rows := [][]string{{"a", "bb", "ccc"}, {"dddd"}}
	if err := Table(&got, []string{"X", "Y", "Z"}, rows, nil, false); err != nil {
		t.Fatal(err)
	}
	if err := tabwriterTable(&want, []string{"X", "Y", "Z"}, [][]string{{"a", "bb", "ccc"}, {"dddd"}}, nil, false); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Errorf("uneven rows:\ngot  %q\nwant %q", got.String(), want.String())
	}
}
