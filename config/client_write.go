package config

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/roadmapper/roadmapper/internal/tomlpos"
)

// ClientFile is a client profile as written in its TOML file: what a
// person typed, before ParseClient fills defaults. Empty fields are left
// out of the file; a nil MinScore leaves min_score to its default.
type ClientFile struct {
	Name            string             `toml:"name"`
	Contact         []string           `toml:"contact"`
	Projects        []string           `toml:"projects"`
	Interests       []string           `toml:"interests"`
	PreferProjects  []string           `toml:"prefer_projects"`
	ExcludeThemes   []string           `toml:"exclude_themes"`
	ItemsPerProject int                `toml:"items_per_project"`
	MinScore        *float64           `toml:"min_score"`
	Layout          string             `toml:"layout"`
	PageSize        string             `toml:"page_size"`
	Themes          map[string]float64 `toml:"themes"`
}

// ReadClientFile decodes a profile's TOML into its fields as written,
// without validating them (ParseClient does that).
func ReadClientFile(data []byte) (ClientFile, error) {
	var f ClientFile
	if _, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&f); err != nil {
		return f, fmt.Errorf("read client profile: %w", err)
	}
	return f, nil
}

// MarshalClient writes f as a client profile TOML file that ParseClient
// reads back to the same fields, one key per line in a fixed order and
// theme weights last, sorted by theme.
func MarshalClient(f ClientFile) []byte {
	var b strings.Builder
	str := func(key, v string) {
		if v != "" {
			fmt.Fprintf(&b, "%s = %s\n", key, tomlpos.Quote(v))
		}
	}
	list := func(key string, vs []string) {
		if len(vs) == 0 {
			return
		}
		q := make([]string, len(vs))
		for i, v := range vs {
			q[i] = tomlpos.Quote(v)
		}
		fmt.Fprintf(&b, "%s = [%s]\n", key, strings.Join(q, ", "))
	}
	// name is always written, so a missing name is reported on its line.
	fmt.Fprintf(&b, "name = %s\n", tomlpos.Quote(f.Name))
	list("contact", f.Contact)
	list("projects", f.Projects)
	list("interests", f.Interests)
	list("prefer_projects", f.PreferProjects)
	list("exclude_themes", f.ExcludeThemes)
	if f.ItemsPerProject != 0 {
		fmt.Fprintf(&b, "items_per_project = %d\n", f.ItemsPerProject)
	}
	if f.MinScore != nil {
		fmt.Fprintf(&b, "min_score = %s\n", tomlFloat(*f.MinScore))
	}
	str("layout", f.Layout)
	str("page_size", f.PageSize)
	if len(f.Themes) > 0 {
		keys := make([]string, 0, len(f.Themes))
		for k := range f.Themes {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b.WriteString("\n[themes]\n")
		for _, k := range keys {
			fmt.Fprintf(&b, "%s = %s\n", tomlKey(k), tomlFloat(f.Themes[k]))
		}
	}
	return []byte(b.String())
}

// ClientKeyAt names the profile key written on line (1-based) of data, as
// MarshalClient writes it ("themes.gpu" inside [themes]), so an error of
// ParseClient can be shown next to its field; "" when the line holds none.
func ClientKeyAt(data []byte, line int) string {
	table := ""
	for n, l := range strings.Split(string(data), "\n") {
		l = strings.TrimSpace(l)
		if strings.HasPrefix(l, "[") {
			table = strings.Trim(l, "[] ")
		}
		if n+1 != line {
			continue
		}
		key, _, ok := strings.Cut(l, "=")
		if !ok {
			return ""
		}
		key = strings.Trim(strings.TrimSpace(key), `"`)
		if table != "" {
			return table + "." + key
		}
		return key
	}
	return ""
}

// tomlKey writes k bare when TOML allows it, else quoted.
func tomlKey(k string) string {
	for _, r := range k {
		if !(r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return tomlpos.Quote(k)
		}
	}
	if k == "" {
		return `""`
	}
	return k
}

// tomlFloat writes a float that TOML reads as a float (never as an integer).
func tomlFloat(f float64) string {
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.ContainsAny(s, ".eEnN") {
		s += ".0"
	}
	return s
}
