// Package curation lets a person overrule the ranking: pin, hide, retitle
// or rewrite an item, by its stable ID, each with a reason. Curation lives
// in a TOML file and survives re-crawls because item IDs stay the same
// while a title does; entries whose item has gone are reported as
// Problems, with the closest current ID as a hint.
package curation

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/roadmapper/roadmapper/internal/tomlpos"
	"github.com/roadmapper/roadmapper/internal/tomlsafe"
)

// Actions of an Entry.
const (
	ActionPin     = "pin"     // show the item first in its project, whatever its score
	ActionHide    = "hide"    // never show the item
	ActionRetitle = "retitle" // show the item under Title
	ActionRewrite = "rewrite" // show Summary instead of the crawled summary
)

// Entry is one curation decision. File and Line say where it was written.
type Entry struct {
	ID, Action, Title, Summary, Reason, File string
	Line                                     int
}

// Curation is a parsed curation file, entries in file order.
type Curation struct {
	Entries []Entry
}

// Names says whether an entry names the item with ID id.
func (c *Curation) Names(id string) bool {
	for _, e := range c.Entries {
		if e.ID == id {
			return true
		}
	}
	return false
}

// Load reads and parses the curation file at path. Errors are those of
// Parse, or the read error wrapped with the path.
func Load(path string) (*Curation, error) {
	data, err := tomlsafe.ReadFile(path)
	if err != nil {
		reason := err.Error()
		var pe *fs.PathError
		if errors.As(err, &pe) {
			reason = pe.Err.Error() // the path is already named first
		}
		return nil, fmt.Errorf("%s: cannot read the curation file: %s", path, reason)
	}
	return Parse(data, path)
}

// fields lists the keys each action's table takes; all are required.
var fields = map[string][]string{
	ActionPin:     {"id", "reason"},
	ActionHide:    {"id", "reason"},
	ActionRetitle: {"id", "title", "reason"},
	ActionRewrite: {"id", "summary", "reason"},
}

// Parse reads curation TOML: [[pin]] id, reason; [[hide]] id, reason;
// [[retitle]] id, title, reason; [[rewrite]] id, summary, reason. It is
// strict; every error reads "file:line: …": a TOML syntax error, an unknown
// table or key, a missing or empty id, reason, title or summary, a value
// that is not a string, an ID without "project/slug" form, the same action
// twice for one ID, or an item both pinned and hidden.
func Parse(data []byte, file string) (*Curation, error) {
	var raw map[string]any
	if e := tomlsafe.Check(data); e != nil {
		if e.Line > 0 {
			return nil, fmt.Errorf("%s:%d: %s", file, e.Line, e.Msg)
		}
		return nil, fmt.Errorf("%s: %s", file, e.Msg)
	}
	if _, err := toml.Decode(string(data), &raw); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("%s:%d: %s", file, pe.Position.Line, pe.Message)
		}
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	tables := tomlpos.Scan(string(data))
	count := map[string]int{} // action → tables seen so far
	c := &Curation{}
	for _, tb := range tables {
		want, ok := fields[tb.Name]
		if !ok || !tb.Array {
			if tb.Header() == "" {
				return nil, fmt.Errorf("%s:%d: unknown key %q (want [[pin]], [[hide]], [[retitle]] or [[rewrite]] tables)", file, tb.Keys[0].Line, tb.Keys[0].Name)
			}
			return nil, fmt.Errorf("%s:%d: unknown table %s (want [[pin]], [[hide]], [[retitle]] or [[rewrite]])", file, tb.Line, tb.Header())
		}
		list, _ := raw[tb.Name].([]map[string]any)
		i := count[tb.Name]
		count[tb.Name]++
		if i >= len(list) {
			return nil, fmt.Errorf("%s:%d: [[%s]] is not an array of tables", file, tb.Line, tb.Name)
		}
		values := list[i]
		e := Entry{Action: tb.Name, File: file, Line: tb.Line}
		for _, k := range tb.Keys {
			if !contains(want, k.Name) {
				return nil, fmt.Errorf("%s:%d: unknown key %q in [[%s]] (want %s)", file, k.Line, k.Name, tb.Name, strings.Join(want, ", "))
			}
		}
		for _, k := range want {
			line := tb.KeyLine(k)
			v, present := values[k]
			s, isStr := v.(string)
			switch {
			case !present:
				return nil, fmt.Errorf("%s:%d: [[%s]] without %s", file, tb.Line, tb.Name, k)
			case !isStr:
				return nil, fmt.Errorf("%s:%d: %s must be a string", file, line, k)
			case strings.TrimSpace(s) == "":
				return nil, fmt.Errorf("%s:%d: empty %s", file, line, k)
			}
			s = strings.TrimSpace(s)
			switch k {
			case "id":
				if p, slug, ok := strings.Cut(s, "/"); !ok || p == "" || slug == "" {
					return nil, fmt.Errorf("%s:%d: id %q: want \"project/slug\"", file, line, s)
				}
				e.ID = s
			case "reason":
				e.Reason = s
			case "title":
				e.Title = s
			case "summary":
				e.Summary = s
			}
		}
		c.Entries = append(c.Entries, e)
	}
	if len(raw) > 0 && len(c.Entries) == 0 {
		return nil, fmt.Errorf("%s: no [[pin]], [[hide]], [[retitle]] or [[rewrite]] tables", file)
	}
	if err := checkConflicts(c.Entries); err != nil {
		return nil, err
	}
	return c, nil
}

// checkConflicts rejects the same action twice for one ID and an item both
// pinned and hidden.
func checkConflicts(entries []Entry) error {
	seen := map[string]Entry{} // action + " " + ID → first entry
	for _, e := range entries {
		if prev, dup := seen[e.Action+" "+e.ID]; dup {
			return fmt.Errorf("%s:%d: %s %s again (first at line %d)", e.File, e.Line, e.Action, e.ID, prev.Line)
		}
		seen[e.Action+" "+e.ID] = e
		other := ActionHide
		if e.Action == ActionHide {
			other = ActionPin
		}
		if e.Action == ActionPin || e.Action == ActionHide {
			if prev, clash := seen[other+" "+e.ID]; clash {
				return fmt.Errorf("%s:%d: %s %s conflicts with %s at line %d", e.File, e.Line, e.Action, e.ID, other, prev.Line)
			}
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
