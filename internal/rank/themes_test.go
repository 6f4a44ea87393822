package rank

import (
	"strings"
	"testing"
)

func TestParseThemesRealFile(t *testing.T) {
	themes := loadThemes(t)
	want := []string{"performance", "gpu", "interoperability", "scalability", "packaging", "typing",
		"documentation", "ux", "security", "accessibility", "platforms", "testing", "maintenance",
		"community", "domain"}
	if len(themes) != len(want) {
		t.Fatalf("%d themes, want %d", len(themes), len(want))
	}
	for i, th := range themes {
		if th.Slug != want[i] || th.Name == "" || len(th.Terms) < 5 {
			t.Errorf("theme %d: %+v", i, th)
		}
	}
}

func TestParseThemesErrors(t *testing.T) {
	tests := []struct {
		name, doc, want string
	}{
		{"syntax", "[[theme]]\nslug = \"a\"\nname = \n", "themes.toml:3:"},
		{"unknown key", "[[theme]]\nslug = \"a\"\nname = \"A\"\nterms = [\"x\"]\ncolour = \"red\"\n", "themes.toml:5: unknown key \"colour\""},
		{"unknown key after multi-line terms", "[[theme]]\nslug = \"a\"\nterms = [\n  \"x\",\n  \"y = z\",\n]\nname = \"A\"\nweight = 2\n", "themes.toml:8: unknown key \"weight\""},
		{"unknown table", "[[theme]]\nslug = \"a\"\nname = \"A\"\nterms = [\"x\"]\n[[client]]\nname = \"b\"\n", "themes.toml:5: unknown table [[client]]"},
		{"top-level key", "version = 2\n[[theme]]\nslug = \"a\"\nname = \"A\"\nterms = [\"x\"]\n", "themes.toml:1: unknown key version"},
		{"duplicate slug", "[[theme]]\nslug = \"a\"\nname = \"A\"\nterms = [\"x\"]\n\n[[theme]]\nslug = \"a\"\nname = \"B\"\nterms = [\"y\"]\n", "themes.toml:7: duplicate theme slug \"a\" (first at line 2)"},
		{"empty terms", "[[theme]]\nslug = \"a\"\nname = \"A\"\nterms = []\n", "themes.toml:4: theme a has no terms"},
		{"missing terms", "[[theme]]\nslug = \"a\"\nname = \"A\"\n", "themes.toml:1: theme a has no terms"},
		{"term without words", "[[theme]]\nslug = \"a\"\nname = \"A\"\nterms = [\"ok\", \"--\"]\n", "themes.toml:4: theme a: term \"--\" has no words"},
		{"missing slug", "[[theme]]\nname = \"A\"\nterms = [\"x\"]\n", "themes.toml:1: theme without slug"},
		{"bad slug", "[[theme]]\nslug = \"Big Data\"\nname = \"A\"\nterms = [\"x\"]\n", "themes.toml:2: theme slug \"Big Data\""},
		{"missing name", "[[theme]]\nslug = \"a\"\nterms = [\"x\"]\n", "themes.toml:1: theme a without name"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseThemes([]byte(tc.doc), "themes.toml")
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("error %v, want prefix %q", err, tc.want)
			}
		})
	}
}

func TestParseThemesAcceptsCommentsAndQuotes(t *testing.T) {
	doc := "# themes\n[[theme]] # first\nslug = 'a' # the slug\n\"name\" = \"A [x]\"\nterms = [ # words\n  \"x\", # one\n  '''y''',\n]\n"
	themes, err := ParseThemes([]byte(doc), "t.toml")
	if err != nil {
		t.Fatal(err)
	}
	if len(themes) != 1 || themes[0].Name != "A [x]" || len(themes[0].Terms) != 2 {
		t.Errorf("got %+v", themes)
	}
}

func FuzzParseThemes(f *testing.F) {
	f.Add([]byte("[[theme]]\nslug = \"a\"\nname = \"A\"\nterms = [\"x\", \"y z\"]\n"))
	f.Add([]byte("[[theme]]\nslug = \"a\"\nterms = [\n\"x\",\n]\nname = '''multi\nline'''\n"))
	f.Add([]byte("x = [[1], [2]]\n[t]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		themes, err := ParseThemes(data, "f.toml")
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, th := range themes {
			if th.Slug == "" || th.Name == "" || len(th.Terms) == 0 || seen[th.Slug] {
				t.Fatalf("accepted invalid theme %+v", th)
			}
			seen[th.Slug] = true
		}
	})
}

// themesHit returns the slugs of the themes whose terms occur in text,
// with the shipped taxonomy.
func themesHit(t *testing.T, text string) map[string]bool {
	themes := loadThemes(t)
	m := newMatcher(themes, nil)
	z := m.tokenizer()
	z.words(text)
	hit := map[string]bool{}
	for _, p := range m.scan(z.forms, z.at, make([]int, m.groups), nil) {
		hit[themes[m.phrases[p].group].Slug] = true
	}
	return hit
}

// TestThemeExceptions: sentences from real roadmaps where a theme term is
// part of a phrase meaning something else, and ones where it is meant.
func TestThemeExceptions(t *testing.T) {
	cases := []struct {
		text  string
		theme string
		want  bool
	}{
		// Bokeh, "Selection and Hover": hit testing finds the glyph under the mouse.
		{"Bokeh supports various sorts of hit testing for selection and hover on a per-glyph basis, adding the requisite hit testing wherever it is missing.", "testing", false},
		{"Better ways to run hypothesis tests and report a test statistic", "testing", false},
		{"Run the test suite on every pull request and measure test coverage", "testing", true},
		{"Hit testing and a flaky test suite", "testing", true}, // the second phrase is testing
		// NetworkX: community detection is a graph algorithm.
		{"Faster community detection algorithms for large graphs", "community", false},
		{"Grow the contributor community and onboard new maintainers", "community", true},
		{"Render point clouds and meshes in 3D", "scalability", false},
		{"Run the same code on a cluster with Dask", "scalability", true},
		{"Model performance on imbalanced data", "performance", false},
		{"Improve the performance of groupby", "performance", true},
	}
	for _, c := range cases {
		if got := themesHit(t, c.text)[c.theme]; got != c.want {
			t.Errorf("%q: theme %s matched %v, want %v", c.text, c.theme, got, c.want)
		}
	}
}

func TestParseThemesExceptNeedsAPhrase(t *testing.T) {
	doc := "[[theme]]\nslug = \"a\"\nname = \"A\"\nterms = [\"x\"]\nexcept = [\"y\"]\n"
	if _, err := ParseThemes([]byte(doc), "t.toml"); err == nil || !strings.HasPrefix(err.Error(), "t.toml:5: theme a: exception \"y\"") {
		t.Errorf("error %v", err)
	}
}
