package roadmap

import (
	"sort"
	"strings"
)

// Cause is one project's problem: a failure or a warning, as worded.
type Cause struct {
	Project string
	Text    string
}

// CauseGroup is one problem and the projects it hit. Text is the full
// message when one project has it, and the message without the URL it
// starts with when several projects share it.
type CauseGroup struct {
	Text     string
	Projects []string
}

// GroupCauses puts repeated causes on one line: causes whose text is the
// same once a leading "URL: " is dropped are one group listing their
// projects (each once, in first-seen order). Groups of several projects
// come first, largest first; then single causes in their given order.
func GroupCauses(causes []Cause) []CauseGroup {
	type acc struct {
		full     string
		projects []string
		first    int
	}
	byKey := map[string]*acc{}
	var keys []string
	for i, c := range causes {
		k := stripURL(c.Text)
		a := byKey[k]
		if a == nil {
			a = &acc{full: c.Text, first: i}
			byKey[k] = a
			keys = append(keys, k)
		}
		if len(a.projects) == 0 || a.projects[len(a.projects)-1] != c.Project {
			dup := false
			for _, p := range a.projects {
				dup = dup || p == c.Project
			}
			if !dup {
				a.projects = append(a.projects, c.Project)
			}
		}
	}
	sort.SliceStable(keys, func(i, j int) bool {
		ni, nj := len(byKey[keys[i]].projects), len(byKey[keys[j]].projects)
		if (ni > 1) != (nj > 1) {
			return ni > 1
		}
		if ni > 1 && ni != nj {
			return ni > nj
		}
		return byKey[keys[i]].first < byKey[keys[j]].first
	})
	out := make([]CauseGroup, 0, len(keys))
	for _, k := range keys {
		a := byKey[k]
		text := a.full
		if len(a.projects) > 1 {
			text = k
		}
		out = append(out, CauseGroup{Text: text, Projects: a.projects})
	}
	return out
}

// stripURL drops a leading "http(s)://…: " from a message.
func stripURL(s string) string {
	if !strings.HasPrefix(s, "http://") && !strings.HasPrefix(s, "https://") {
		return s
	}
	if i := strings.Index(s, ": "); i > 0 && !strings.ContainsAny(s[:i], " \t") {
		return s[i+2:]
	}
	return s
}
