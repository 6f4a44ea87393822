package curation

import (
	"fmt"
	"strings"

	"github.com/roadmapper/roadmapper/internal/rank"
)

// Problem is a curation entry whose item no longer exists. Closest is the
// nearest current item ID (edit distance on the slug, items of the same
// project preferred), or "" when nothing is near.
type Problem struct {
	Entry   Entry
	Closest string
}

// String renders a problem as
// "curation.toml:12: pin numpy/array-api: no such item (closest: numpy/array-api-standard)".
func (p Problem) String() string {
	s := fmt.Sprintf("%s:%d: %s %s: no such item", p.Entry.File, p.Entry.Line, p.Entry.Action, p.Entry.ID)
	if p.Closest != "" {
		s += " (closest: " + p.Closest + ")"
	}
	return s
}

// Apply hides, retitles, rewrites and pins scored items, and returns the
// curated list and the entries whose item is missing. Hidden items are
// removed. A retitled item gets the new Title, a rewritten one the new
// Summary (its ID does not change). A pinned item gets Pinned=true and the
// reason rank.Reason{Label: "pinned: <reason>", Value: 0}, and moves to the
// top of its project: the project's items swap places so that its pins come
// first (in their score order) while every project keeps the slots it had,
// so projects stay ordered by their best item. scored is not modified; a nil
// Curation returns a copy of scored.
func Apply(scored []rank.Scored, c *Curation) ([]rank.Scored, []Problem) {
	out := make([]rank.Scored, 0, len(scored))
	if c == nil {
		return append(out, scored...), nil
	}
	byID := map[string][]Entry{}
	for _, e := range c.Entries {
		byID[e.ID] = append(byID[e.ID], e)
	}
	exists := map[string]bool{}
	for _, s := range scored {
		exists[s.Item.ID] = true
		hidden := false
		for _, e := range byID[s.Item.ID] {
			switch e.Action {
			case ActionHide:
				hidden = true
			case ActionRetitle:
				it := *s.Item // scored is not modified
				it.Title = e.Title
				s.Item = &it
			case ActionRewrite:
				it := *s.Item
				it.Summary = e.Summary
				s.Item = &it
			case ActionPin:
				s.Pinned = true
				s.Reasons = append(append([]rank.Reason(nil), s.Reasons...), rank.Reason{Label: "pinned: " + e.Reason})
			}
		}
		if !hidden {
			out = append(out, s)
		}
	}
	pinFirst(out)

	var problems []Problem
	var ids []string
	for _, e := range c.Entries {
		if exists[e.ID] {
			continue
		}
		if ids == nil {
			ids = make([]string, 0, len(scored))
			for _, s := range scored {
				ids = append(ids, s.Item.ID)
			}
		}
		problems = append(problems, Problem{Entry: e, Closest: closest(e.ID, ids)})
	}
	return out, problems
}

// pinFirst reorders each project's items in place so its pinned items come
// first, keeping the slots each project occupies.
func pinFirst(list []rank.Scored) {
	slots := map[string][]int{}
	var projects []string
	anyPin := false
	for i, s := range list {
		p := s.Item.Project
		if _, ok := slots[p]; !ok {
			projects = append(projects, p)
		}
		slots[p] = append(slots[p], i)
		anyPin = anyPin || s.Pinned
	}
	if !anyPin {
		return
	}
	for _, p := range projects {
		idx := slots[p]
		items := make([]rank.Scored, 0, len(idx))
		for _, i := range idx {
			if list[i].Pinned {
				items = append(items, list[i])
			}
		}
		for _, i := range idx {
			if !list[i].Pinned {
				items = append(items, list[i])
			}
		}
		for k, i := range idx {
			list[i] = items[k]
		}
	}
}

// closest returns the current ID nearest to id: among the IDs of the same
// project if there are any, else among all, by edit distance on the slug
// (ties: the smaller ID). It returns "" when the best is further than half
// the longer slug, or when there is no candidate.
func closest(id string, ids []string) string {
	project, slug, _ := strings.Cut(id, "/")
	var same []string
	for _, c := range ids {
		if p, _, _ := strings.Cut(c, "/"); p == project {
			same = append(same, c)
		}
	}
	cands := same
	if len(cands) == 0 {
		cands = ids
	}
	best, bestD := "", -1
	for _, c := range cands {
		_, cs, _ := strings.Cut(c, "/")
		d := levenshtein(slug, cs)
		if bestD < 0 || d < bestD || d == bestD && c < best {
			best, bestD = c, d
		}
	}
	if best == "" {
		return ""
	}
	_, bs, _ := strings.Cut(best, "/")
	if limit := max(len(slug), len(bs)) / 2; bestD > limit {
		return ""
	}
	return best
}

// levenshtein is the edit distance between a and b, in bytes.
func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
