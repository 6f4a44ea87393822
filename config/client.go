package config

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/roadmapper/roadmapper/internal/roadmap"
	"github.com/roadmapper/roadmapper/internal/tomlsafe"
)

// DefaultItemsPerProject is how many items a brochure shows per project
// when a profile does not say.
const DefaultItemsPerProject = 3

// DefaultMinScore is the score an item needs to be chosen for a client
// whose profile states interests (themes or interests) and no min_score:
// below it the item matches nothing the client cares about. With it comes
// DefaultRelativeMinScore: an item also needs that share of the client's
// best score, since a profile with many themes scores every item higher.
// Both were chosen on hand-labelled picks for five kinds of client (GPU
// vendor, cloud provider, bank, pharma, climate NGO): together they keep
// 96% of the picks and drop 76% of the rejects, where 0.2 alone dropped
// 36% (internal/rank TestMinScoreOnLabelledPicks logs the sweep).
const (
	DefaultMinScore         = 0.25
	DefaultRelativeMinScore = 0.45
)

type rawClient struct {
	Name            string             `toml:"name"`
	Contact         []string           `toml:"contact"`
	Projects        []string           `toml:"projects"`
	Interests       []string           `toml:"interests"`
	Themes          map[string]float64 `toml:"themes"`
	ExcludeThemes   []string           `toml:"exclude_themes"`
	PreferProjects  []string           `toml:"prefer_projects"`
	ItemsPerProject int                `toml:"items_per_project"`
	Layout          string             `toml:"layout"`
	PageSize        string             `toml:"page_size"`
	MinScore        float64            `toml:"min_score"`
}

// LoadClient reads a client profile. Project slugs must be among projects
// and theme slugs among themes (when themes is non-nil); errors are *Error
// naming the file and line.
func LoadClient(path string, projects, themes []string) (roadmap.Client, error) {
	data, err := tomlsafe.ReadFile(path)
	if err != nil {
		return roadmap.Client{}, &Error{File: path, Msg: "cannot read the client profile: " + unwrapPath(err)}
	}
	return ParseClient(data, path, projects, themes)
}

// ParseClient reads a client profile from data; file names it in errors.
func ParseClient(data []byte, file string, projects, themes []string) (roadmap.Client, error) {
	var raw rawClient
	src := string(data)
	if e := tomlsafe.Check(data); e != nil {
		return roadmap.Client{}, &Error{File: file, Line: e.Line, Msg: e.Msg}
	}
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&raw)
	if err != nil {
		return roadmap.Client{}, decodeError(file, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		k := und[0].String()
		return roadmap.Client{}, &Error{File: file, Line: keyLine(src, k, 1), Msg: "unknown key " + quote(k)}
	}
	bad := func(key, msg string) error {
		return &Error{File: file, Line: keyLine(src, key, 1), Msg: msg}
	}
	c := roadmap.Client{
		Name: strings.TrimSpace(raw.Name), Contact: raw.Contact, Projects: raw.Projects,
		Interests: raw.Interests, Themes: raw.Themes, ExcludeThemes: raw.ExcludeThemes,
		PreferProjects: raw.PreferProjects, ItemsPerProject: raw.ItemsPerProject,
		Layout: raw.Layout, PageSize: raw.PageSize, MinScore: raw.MinScore, File: file,
	}
	// A project or word listed twice means it once: a brochure never
	// prints a project twice.
	c.Projects, c.PreferProjects = Unique(c.Projects), Unique(c.PreferProjects)
	c.Interests, c.ExcludeThemes = Unique(c.Interests), Unique(c.ExcludeThemes)
	if c.Name == "" {
		return c, bad("name", "name is required (the client's name as it should appear on the brochure)")
	}
	if len(c.Name) > 120 {
		return c, bad("name", "name is longer than 120 characters")
	}
	known := map[string]bool{}
	for _, p := range projects {
		known[p] = true
	}
	for _, list := range []struct {
		key   string
		slugs []string
	}{{"projects", c.Projects}, {"prefer_projects", c.PreferProjects}} {
		for _, s := range list.slugs {
			if !known[s] {
				return c, &Error{File: file, Line: valueLineInList(src, list.key, s), Msg: fmt.Sprintf("%s: unknown project %s (known: %s)", list.key, quote(s), strings.Join(projects, ", "))}
			}
		}
	}
	nanKeys := make([]string, 0, len(c.Themes))
	for k, w := range c.Themes {
		if math.IsNaN(w) {
			nanKeys = append(nanKeys, k)
		}
	}
	if len(nanKeys) > 0 {
		sort.Strings(nanKeys)
		k := nanKeys[0]
		return c, &Error{File: file, Line: keyLine(src, "themes."+k, 1), Msg: fmt.Sprintf("themes: the weight of %s is nan; give a number between 0 (neutral) and 3 (strong interest)", quote(k))}
	}
	if themes != nil {
		knownT := map[string]bool{}
		for _, t := range themes {
			knownT[t] = true
		}
		keys := make([]string, 0, len(c.Themes))
		for k := range c.Themes {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if !knownT[k] {
				return c, &Error{File: file, Line: keyLine(src, "themes."+k, 1), Msg: fmt.Sprintf("themes: unknown theme %s (known: %s)", quote(k), strings.Join(themes, ", "))}
			}
			if w := c.Themes[k]; w < 0 || w > 3 {
				return c, &Error{File: file, Line: keyLine(src, "themes."+k, 1), Msg: fmt.Sprintf("themes.%s: weight %g must be between 0 (neutral) and 3 (strong interest)", k, w)}
			}
		}
		for _, k := range c.ExcludeThemes {
			if !knownT[k] {
				return c, &Error{File: file, Line: valueLineInList(src, "exclude_themes", k), Msg: fmt.Sprintf("exclude_themes: unknown theme %s (known: %s)", quote(k), strings.Join(themes, ", "))}
			}
		}
	}
	switch {
	case !md.IsDefined("items_per_project"):
		c.ItemsPerProject = DefaultItemsPerProject
	case c.ItemsPerProject < 1 || c.ItemsPerProject > 10:
		return c, bad("items_per_project", "items_per_project must be between 1 and 10")
	}
	switch {
	case !md.IsDefined("min_score") && (len(c.Themes) > 0 || len(c.Interests) > 0):
		c.MinScore, c.RelativeMinScore = DefaultMinScore, DefaultRelativeMinScore
	case math.IsNaN(c.MinScore) || c.MinScore < 0 || c.MinScore > 1:
		return c, bad("min_score", "min_score must be between 0 and 1")
	}
	switch strings.ToLower(c.Layout) {
	case "":
		c.Layout = roadmap.LayoutPairs
	case roadmap.LayoutPairs, roadmap.LayoutFlow:
		c.Layout = strings.ToLower(c.Layout)
	default:
		return c, bad("layout", fmt.Sprintf("layout %q must be %q or %q", c.Layout, roadmap.LayoutPairs, roadmap.LayoutFlow))
	}
	switch strings.ToLower(c.PageSize) {
	case "", "letter":
		c.PageSize = roadmap.PageLetter
	case "a4":
		c.PageSize = roadmap.PageA4
	default:
		return c, bad("page_size", fmt.Sprintf("page_size %q must be %q or %q", c.PageSize, roadmap.PageLetter, roadmap.PageA4))
	}
	return c, nil
}

// Unique returns list without repeats, in the order of first appearance
// (nil stays nil).
func Unique(list []string) []string {
	if len(list) < 2 {
		return list
	}
	seen := make(map[string]bool, len(list))
	out := list[:0:0]
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// valueLineInList finds the line where value appears as a string inside
// the array assigned to key (which may span lines).
func valueLineInList(src, key, value string) int {
	start := keyLine(src, key, 1)
	if start == 0 {
		return 0
	}
	lines := strings.Split(src, "\n")
	for n := start - 1; n < len(lines); n++ {
		if strings.Contains(lines[n], `"`+value+`"`) || strings.Contains(lines[n], `'`+value+`'`) {
			return n + 1
		}
		if n > start-1 && strings.Contains(lines[n], "=") {
			break
		}
	}
	return start
}

// ClientFiles expands --client arguments: a file stays as it is; a
// directory gives its *.toml files in name order.
func ClientFiles(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		fi, err := os.Stat(a)
		if err != nil {
			if errors.Is(err, os.ErrNotExist) {
				return nil, fmt.Errorf("client profile %s: no such file or directory", a)
			}
			return nil, fmt.Errorf("client profile: %w", err)
		}
		if !fi.IsDir() {
			out = append(out, a)
			continue
		}
		m, err := filepath.Glob(filepath.Join(a, "*.toml"))
		if err != nil {
			return nil, fmt.Errorf("list client profiles in %s: %w", a, err)
		}
		if len(m) == 0 {
			return nil, fmt.Errorf("client profile directory %s holds no *.toml files", a)
		}
		sort.Strings(m)
		out = append(out, m...)
	}
	return out, nil
}
