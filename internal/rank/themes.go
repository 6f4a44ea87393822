package rank

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/roadmapper/roadmapper/internal/tomlpos"
)

// Theme is a subject a buyer thinks in (performance, gpu, security, …) and
// the words and phrases that reveal it in a roadmap item.
type Theme struct {
	Slug  string   `toml:"slug"`
	Name  string   `toml:"name"`
	Terms []string `toml:"terms"`
	// Except are longer phrases in which a term means something else
	// ("hit testing" is no testing, "community detection" no community):
	// words an exception covers match none of the theme's terms.
	Except []string `toml:"except"`
}

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// ParseThemes reads a themes TOML document: a list of [[theme]] tables with
// slug, name, terms and optional except. It is strict: a syntax error, an unknown table or
// key, a missing or malformed slug, a missing name, a duplicate slug, an
// empty terms list or a term without any word is an error "file:line: …".
func ParseThemes(data []byte, file string) ([]Theme, error) {
	var doc struct {
		Theme []Theme `toml:"theme"`
	}
	if _, err := toml.Decode(string(data), &doc); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("%s:%d: %s", file, pe.Position.Line, pe.Message)
		}
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	tables := tomlpos.Scan(string(data))
	var themeTables []tomlpos.Table
	for _, tb := range tables {
		if tb.Name != "theme" || !tb.Array {
			line := tb.Line
			what := "unknown table " + tb.Header()
			if tb.Header() == "" {
				what = "unknown key " + tb.Keys[0].Name
			}
			return nil, fmt.Errorf("%s:%d: %s (want [[theme]] tables)", file, line, what)
		}
		themeTables = append(themeTables, tb)
	}
	if len(themeTables) != len(doc.Theme) {
		return nil, fmt.Errorf("%s: found %d [[theme]] headers but decoded %d themes", file, len(themeTables), len(doc.Theme))
	}
	seen := map[string]int{}
	for i, th := range doc.Theme {
		tb := themeTables[i]
		keyLine := tb.KeyLine
		for _, k := range tb.Keys {
			switch k.Name {
			case "slug", "name", "terms", "except":
			default:
				return nil, fmt.Errorf("%s:%d: unknown key %q in [[theme]] (want slug, name, terms, except)", file, k.Line, k.Name)
			}
		}
		switch {
		case th.Slug == "":
			return nil, fmt.Errorf("%s:%d: theme without slug", file, tb.Line)
		case !slugRE.MatchString(th.Slug):
			return nil, fmt.Errorf("%s:%d: theme slug %q: want lowercase letters, digits and hyphens", file, keyLine("slug"), th.Slug)
		case strings.TrimSpace(th.Name) == "":
			return nil, fmt.Errorf("%s:%d: theme %s without name", file, tb.Line, th.Slug)
		case len(th.Terms) == 0:
			return nil, fmt.Errorf("%s:%d: theme %s has no terms", file, keyLine("terms"), th.Slug)
		}
		if prev, dup := seen[th.Slug]; dup {
			return nil, fmt.Errorf("%s:%d: duplicate theme slug %q (first at line %d)", file, keyLine("slug"), th.Slug, prev)
		}
		seen[th.Slug] = keyLine("slug")
		for _, term := range th.Terms {
			if len(tokenize(nil, term)) == 0 {
				return nil, fmt.Errorf("%s:%d: theme %s: term %q has no words", file, keyLine("terms"), th.Slug, term)
			}
		}
		for _, ex := range th.Except {
			if len(tokenize(nil, ex)) < 2 {
				return nil, fmt.Errorf("%s:%d: theme %s: exception %q must be a phrase of two or more words", file, keyLine("except"), th.Slug, ex)
			}
		}
	}
	return doc.Theme, nil
}
