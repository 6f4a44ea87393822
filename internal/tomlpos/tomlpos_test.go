package tomlpos

import (
	"reflect"
	"strings"
	"testing"
)

func TestScan(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want []Table
	}{
		{"empty", "", nil},
		{"comments only", "# a\n\n  # b\n", nil},
		{"root keys", "a = 1\n\"b c\" = 'x'\n", []Table{{Line: 1, Keys: []Key{{"a", 1}, {"b c", 2}}}}},
		{"array tables", "[[pin]]\nid = \"x\"\n\n[[pin]] # again\nid = \"y\"\nreason = \"z\"\n",
			[]Table{
				{Name: "pin", Array: true, Line: 1, Keys: []Key{{"id", 2}}},
				{Name: "pin", Array: true, Line: 4, Keys: []Key{{"id", 5}, {"reason", 6}}},
			}},
		{"plain and dotted", "[crawl]\ntimeout = \"5s\"\n[ rank.extra ]\nx.y = 2\n",
			[]Table{
				{Name: "crawl", Line: 1, Keys: []Key{{"timeout", 2}}},
				{Name: "rank.extra", Line: 3, Keys: []Key{{"x.y", 4}}},
			}},
		{"multi-line array hides lookalikes", "[[theme]]\nterms = [\n  \"a = b\",\n  \"[[fake]]\", # c = d\n]\nname = \"n\"\n",
			[]Table{{Name: "theme", Array: true, Line: 1, Keys: []Key{{"terms", 2}, {"name", 6}}}}},
		{"multi-line string hides lookalikes", "[t]\ns = \"\"\"\nk = v\n[[x]]\n\"\"\"\nafter = 1\nm = '''one line'''\nlast = 2\n",
			[]Table{{Name: "t", Line: 1, Keys: []Key{{"s", 2}, {"after", 6}, {"m", 7}, {"last", 8}}}}},
		{"inline table over lines", "[t]\nv = { a = [\n1, 2 ],\n b = \"]\" }\nw = 3\n",
			[]Table{{Name: "t", Line: 1, Keys: []Key{{"v", 2}, {"w", 5}}}}},
		{"escaped quote", "[t]\ns = \"a \\\" [ b\"\nw = 1\n", []Table{{Name: "t", Line: 1, Keys: []Key{{"s", 2}, {"w", 3}}}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Scan(tc.doc)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Scan:\n got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestHeaderAndKeyLine(t *testing.T) {
	tables := Scan("top = 1\n[[pin]]\nid = \"a\"\n[[pin]]\nid = \"b\"\nreason = \"r\"\n[rank]\ndemand = 0.3\n")
	headers := []string{}
	for _, tb := range tables {
		headers = append(headers, tb.Header())
	}
	if got, want := strings.Join(headers, " "), " [[pin]] [[pin]] [rank]"; got != want {
		t.Errorf("headers %q, want %q", got, want)
	}
	if got := tables[1].KeyLine("id"); got != 3 {
		t.Errorf("KeyLine(id) = %d, want 3", got)
	}
	if got := tables[1].KeyLine("reason"); got != 2 {
		t.Errorf("KeyLine of a missing key = %d, want the header line 2", got)
	}
	paths := []struct {
		path string
		occ  int
		want int
	}{
		{"top", 1, 1},
		{"pin.id", 1, 3},
		{"pin.id", 2, 5},
		{"pin.id", 3, 0},
		{"pin.reason", 1, 6},
		{"pin", 2, 4},
		{"rank.demand", 1, 8},
		{"rank", 1, 7},
		{"missing.key", 1, 0},
		{"id", 1, 0}, // not a root key
	}
	for _, p := range paths {
		if got := KeyLine(tables, p.path, p.occ); got != p.want {
			t.Errorf("KeyLine(%q, %d) = %d, want %d", p.path, p.occ, got, p.want)
		}
	}
}

// FuzzScan checks that any input is scanned without panicking and that
// every line reported exists, in order within a table.
func FuzzScan(f *testing.F) {
	for _, s := range []string{"", "[[a]]\nb = 1\n", "x = \"\"\"\n[[y]]\n", "[t]\nv = [\n'a',\n]\n", "= 1\n[\n[[\n\"", "a = '''x'''\nb = \"\\\"\"\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		lines := strings.Count(doc, "\n") + 1
		for _, tb := range Scan(doc) {
			if tb.Line < 1 || tb.Line > lines {
				t.Fatalf("table line %d outside 1..%d", tb.Line, lines)
			}
			prev := tb.Line
			for _, k := range tb.Keys {
				if k.Line < prev || k.Line > lines {
					t.Fatalf("key %q line %d outside %d..%d", k.Name, k.Line, prev, lines)
				}
				prev = k.Line
			}
		}
	})
}
