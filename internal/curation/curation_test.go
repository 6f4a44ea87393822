package curation

import (
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/roadmapper/roadmapper/internal/rank"
	"github.com/roadmapper/roadmapper/internal/roadmap"
)

func TestLoad(t *testing.T) {
	c, err := Load("testdata/curation.toml")
	if err != nil {
		t.Fatal(err)
	}
	want := []Entry{
		{ID: "numcore/free-threaded-python", Action: ActionPin, Reason: "the client asked about no-GIL Python in the first call", Line: 3},
		{ID: "tabula/how-to-get-involved", Action: ActionHide, Reason: "not a roadmap item", Line: 7},
		{ID: "geoframe/spherical-geometry-engine", Action: ActionRetitle, Title: "Accurate distances on the globe", Reason: "the original title means nothing to buyers", Line: 11},
		{ID: "cellscope/plugin-ecosystem", Action: ActionRewrite, Summary: "A stable plugin API and a searchable hub, so labs add their own analysis tools without forking.", Reason: "crawled summary was cut mid-sentence", Line: 16},
		{ID: "numcore/array-api", Action: ActionPin, Reason: "renamed upstream; kept to test problems", Line: 22},
	}
	for i := range want {
		want[i].File = "testdata/curation.toml"
	}
	if !slices.Equal(c.Entries, want) {
		t.Errorf("entries:\n%+v\nwant:\n%+v", c.Entries, want)
	}
}

func TestLoadMissingFile(t *testing.T) {
	if _, err := Load("testdata/nope.toml"); err == nil || !strings.Contains(err.Error(), "nope.toml") {
		t.Errorf("error %v", err)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ name, doc, want string }{
		{"syntax", "[[pin]]\nid = \"a/b\"\nreason = \n", "c.toml:3:"},
		{"unknown table", "[[star]]\nid = \"a/b\"\nreason = \"x\"\n", "c.toml:1: unknown table [[star]]"},
		{"plain table", "[pin]\nid = \"a/b\"\nreason = \"x\"\n", "c.toml:1: unknown table [pin]"},
		{"top-level key", "version = 1\n", "c.toml:1: unknown key \"version\""},
		{"unknown key", "[[pin]]\nid = \"a/b\"\nreason = \"x\"\ntitle = \"T\"\n", "c.toml:4: unknown key \"title\" in [[pin]] (want id, reason)"},
		{"missing reason", "[[hide]]\nid = \"a/b\"\n", "c.toml:1: [[hide]] without reason"},
		{"missing id", "\n[[hide]]\nreason = \"x\"\n", "c.toml:2: [[hide]] without id"},
		{"missing title", "[[retitle]]\nid = \"a/b\"\nreason = \"x\"\n", "c.toml:1: [[retitle]] without title"},
		{"missing summary", "[[rewrite]]\nid = \"a/b\"\nreason = \"x\"\n", "c.toml:1: [[rewrite]] without summary"},
		{"empty reason", "[[pin]]\nid = \"a/b\"\nreason = \"  \"\n", "c.toml:3: empty reason"},
		{"not a string", "[[pin]]\nid = \"a/b\"\nreason = 3\n", "c.toml:3: reason must be a string"},
		{"bad id", "[[pin]]\nid = \"numpy\"\nreason = \"x\"\n", "c.toml:2: id \"numpy\": want \"project/slug\""},
		{"duplicate", "[[pin]]\nid = \"a/b\"\nreason = \"x\"\n[[pin]]\nid = \"a/b\"\nreason = \"y\"\n", "c.toml:4: pin a/b again (first at line 1)"},
		{"pin and hide", "[[hide]]\nid = \"a/b\"\nreason = \"x\"\n\n[[pin]]\nid = \"a/b\"\nreason = \"y\"\n", "c.toml:5: pin a/b conflicts with hide at line 1"},
		{"second table's key", "[[pin]]\nid = \"a/b\"\nreason = \"x\"\n[[hide]]\nid = \"a/c\"\nreason = \"y\"\nwhy = \"z\"\n", "c.toml:7: unknown key \"why\" in [[hide]]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.doc), "c.toml")
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("error %v, want prefix %q", err, tc.want)
			}
		})
	}
}

func TestParseEmpty(t *testing.T) {
	c, err := Parse([]byte("# nothing curated yet\n"), "c.toml")
	if err != nil || len(c.Entries) != 0 {
		t.Errorf("got %+v, %v", c, err)
	}
}

func scored(ids ...string) []rank.Scored {
	var out []rank.Scored
	for i, id := range ids {
		p, _, _ := strings.Cut(id, "/")
		out = append(out, rank.Scored{
			Item:    &roadmap.Item{ID: id, Project: p, Title: "title of " + id, Summary: "summary of " + id},
			Score:   1 - float64(i)/100,
			Reasons: []rank.Reason{{Label: "theme x", Value: 1 - float64(i)/100}},
		})
	}
	return out
}

func TestApply(t *testing.T) {
	c, err := Load("testdata/curation.toml")
	if err != nil {
		t.Fatal(err)
	}
	in := scored(
		"numcore/array-api-standard-support", // 0
		"geoframe/spherical-geometry-engine", // 1
		"tabula/arrow-backed-columns",        // 2
		"numcore/simd-kernels",               // 3
		"tabula/how-to-get-involved",         // 4
		"cellscope/plugin-ecosystem",         // 5
		"numcore/free-threaded-python",       // 6
	)
	orig := slices.Clone(in)
	titles := make([]string, len(in)) // the items are shared: their fields are kept apart
	for i, s := range in {
		titles[i] = s.Item.Title
	}
	out, problems := Apply(in, c)

	var ids []string
	for _, s := range out {
		ids = append(ids, s.Item.ID)
	}
	want := []string{
		"numcore/free-threaded-python", // pinned: takes numcore's first slot
		"geoframe/spherical-geometry-engine",
		"tabula/arrow-backed-columns",
		"numcore/array-api-standard-support",
		"cellscope/plugin-ecosystem",
		"numcore/simd-kernels",
	}
	if !slices.Equal(ids, want) {
		t.Errorf("order %v\nwant %v", ids, want)
	}
	pin := out[0]
	if !pin.Pinned || pin.Reasons[len(pin.Reasons)-1] != (rank.Reason{Label: "pinned: the client asked about no-GIL Python in the first call"}) {
		t.Errorf("pinned item %+v", pin)
	}
	if out[1].Item.Title != "Accurate distances on the globe" || out[1].Item.ID != "geoframe/spherical-geometry-engine" {
		t.Errorf("retitle: %+v", out[1].Item)
	}
	if !strings.HasPrefix(out[4].Item.Summary, "A stable plugin API") {
		t.Errorf("rewrite: %q", out[4].Item.Summary)
	}
	for _, s := range out[1:] {
		if s.Pinned {
			t.Errorf("%s pinned", s.Item.ID)
		}
	}
	if len(problems) != 1 {
		t.Fatalf("problems %v", problems)
	}
	// "array-api" is 17 edits from "array-api-standard-support", more than
	// half the longer slug: no suggestion rather than a misleading one.
	if got, want := problems[0].String(), "testdata/curation.toml:22: pin numcore/array-api: no such item"; got != want {
		t.Errorf("problem %q, want %q", got, want)
	}
	if !slices.EqualFunc(in, orig, func(a, b rank.Scored) bool {
		return a.Item.ID == b.Item.ID && a.Pinned == b.Pinned && len(a.Reasons) == len(b.Reasons)
	}) {
		t.Error("Apply modified its input")
	}
	for i, s := range in {
		if s.Item.Title != titles[i] {
			t.Errorf("Apply retitled its input's item %s: %q", s.Item.ID, s.Item.Title)
		}
	}

	top := rank.Top(out, 1)
	if got := top["numcore"][0].Item.ID; got != "numcore/free-threaded-python" {
		t.Errorf("Top keeps %s first, want the pin", got)
	}
}

func TestApplyNil(t *testing.T) {
	in := scored("a/x", "b/y")
	out, problems := Apply(in, nil)
	if len(out) != 2 || problems != nil {
		t.Errorf("got %v %v", out, problems)
	}
}

func TestClosest(t *testing.T) {
	ids := []string{"numpy/array-api-standard", "numpy/performance", "scipy/array-api", "pandas/arrow"}
	tests := []struct{ id, want string }{
		{"numpy/array-api", "numpy/array-api-standard"}, // same project preferred over scipy's exact slug
		{"numpy/performanse", "numpy/performance"},
		{"numpy/governance-and-funding", ""}, // nothing near
		{"zarr/arrow", "pandas/arrow"},       // no item of the project: all items
		{"zarr/sharding", ""},
	}
	for _, tc := range tests {
		if got := closest(tc.id, ids); got != tc.want {
			t.Errorf("closest(%q) = %q, want %q", tc.id, got, tc.want)
		}
	}
	if got := closest("a/b", nil); got != "" {
		t.Errorf("no ids: %q", got)
	}
}

func TestProblemString(t *testing.T) {
	p := Problem{Entry: Entry{ID: "numpy/array-api", Action: ActionPin, File: "curation.toml", Line: 12}, Closest: "numpy/array-api-standard"}
	if got, want := p.String(), "curation.toml:12: pin numpy/array-api: no such item (closest: numpy/array-api-standard)"; got != want {
		t.Errorf("got %q", got)
	}
	p.Closest = ""
	if got, want := p.String(), "curation.toml:12: pin numpy/array-api: no such item"; got != want {
		t.Errorf("got %q", got)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("[[pin]]\nid = \"a/b\"\nreason = \"x\"\n"))
	f.Add([]byte("[[rewrite]]\nid = \"a/b\"\nsummary = '''s\n[[pin]]'''\nreason = \"x\"\n"))
	f.Add([]byte("[[hide]]\nid = \"a/b\"\nreason = \"x\" # c\n[[retitle]]\nid = \"a/c\"\ntitle = \"t\"\nreason = \"r\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse(data, "f.toml")
		if err != nil {
			return
		}
		for _, e := range c.Entries {
			if e.ID == "" || e.Reason == "" || e.Line < 1 || fields[e.Action] == nil {
				t.Fatalf("accepted invalid entry %+v", e)
			}
		}
	})
}

func TestMarshalRoundTrip(t *testing.T) {
	in := &Curation{Entries: []Entry{
		{ID: "numpy/performance", Action: ActionPin, Reason: "asked \"twice\""},
		{ID: "zarr/intro", Action: ActionHide, Reason: "not an item\tat all"},
		{ID: "scipy/x", Action: ActionRetitle, Title: "Faster\nsolvers", Reason: "clearer"},
		{ID: "scipy/y", Action: ActionRewrite, Summary: `C:\path and ` + "\x01", Reason: "cut"},
	}}
	out, err := Parse(Marshal(in), "x.toml")
	if err != nil {
		t.Fatalf("%s\n%v", Marshal(in), err)
	}
	for i := range out.Entries {
		out.Entries[i].File, out.Entries[i].Line = "", 0
	}
	if !reflect.DeepEqual(out.Entries, in.Entries) {
		t.Errorf("round trip:\n%+v\n%+v", out.Entries, in.Entries)
	}
}

// TestLoadMissingFileNamesIt checks a missing curation file is reported as
// the other input files are: the path first, then what went wrong.
func TestLoadMissingFileNamesIt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing.toml")
	_, err := Load(path)
	if err == nil {
		t.Fatal("no error for a missing file")
	}
	want := path + ": cannot read the curation file: no such file or directory"
	if err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
}
