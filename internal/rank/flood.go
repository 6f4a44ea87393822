package rank

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// HowGrouped marks an issue folded into a grouped item: one of a flood of
// near-identical issues ("np.X: deprecate a legacy keyword").
const HowGrouped = "grouped"

// floodMin is how many open issues of one project with the same title
// pattern make a flood, shown as one item.
const floodMin = 4

// subjectRe is a code-like word that varies between the issues of a
// flood: a dotted or underscored name ("np.linspace", "read_csv"), a call
// ("mean()") or a quoted name ("`dtype`").
var subjectRe = regexp.MustCompile("`[^`]{1,60}`|\\b[A-Za-z_][\\w]*(?:\\.[A-Za-z_][\\w]*)+(?:\\(\\))?|\\b[a-z][a-z0-9]*_[\\w]+(?:\\(\\))?|\\b[A-Za-z_]\\w*\\(\\)")

// floodKey is an issue title with its code-like subject replaced by "X",
// lowercased, and the subject; ok is false when the title has no subject
// or nothing else.
func floodKey(title string) (key, subject string, ok bool) {
	loc := subjectRe.FindStringIndex(title)
	if loc == nil {
		return "", "", false
	}
	subject = strings.Trim(title[loc[0]:loc[1]], "`")
	key = strings.ToLower(strings.TrimSpace(title[:loc[0]] + "X" + title[loc[1]:]))
	if len(strings.Fields(strings.Trim(key, "x:;,.-– "))) < 2 {
		return "", "", false
	}
	return key, subject, true
}

// GroupFloods replaces every flood of a project's GitHub issues (at least
// floodMin open issues whose titles differ only in a code-like subject)
// by one item: titled by the shared words with the count ("Deprecate a
// legacy keyword (16 issues)"), summarised by the subjects, linked to the
// first issue, with the issues as its evidence (How "grouped") so their
// demand counts. The grouped item takes the place of the flood's first
// issue; other items keep their order. The input is not modified.
func GroupFloods(items []roadmap.Item) []roadmap.Item {
	type member struct {
		idx     int
		subject string
	}
	groups := map[string][]member{}
	var keys []string
	for i := range items {
		it := &items[i]
		if !roadmap.SourceOf(it.Source).Tracker {
			continue
		}
		key, subj, ok := floodKey(it.Title)
		if !ok {
			continue
		}
		k := it.Project + "\x00" + key
		if groups[k] == nil {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], member{i, subj})
	}
	replace := map[int]roadmap.Item{}
	drop := map[int]bool{}
	for _, k := range keys {
		ms := groups[k]
		if len(ms) < floodMin {
			continue
		}
		first := items[ms[0].idx]
		g := roadmap.Item{
			Project: first.Project, Source: first.Source, URL: first.URL, DocURL: first.DocURL,
			Position: first.Position, FirstSeen: first.FirstSeen, LastSeen: first.LastSeen,
		}
		base := floodTitle(first.Title)
		g.Title = base + " (" + strconv.Itoa(len(ms)) + " issues)"
		g.ID = roadmap.ItemID(first.Project, base+" issues")
		var subjects []string
		facts := roadmap.IssueFacts{}
		for _, m := range ms {
			it := items[m.idx]
			subjects = append(subjects, m.subject)
			ev := roadmap.Evidence{ItemID: it.ID, Title: it.Title, URL: it.URL, How: HowGrouped}
			if f := it.Issue; f != nil {
				ev.Reactions, ev.Comments = f.Reactions, f.Comments
				facts.Reactions += f.Reactions
				facts.PlusOne += f.PlusOne
				facts.Comments += f.Comments
				if facts.Created.IsZero() || f.Created.Before(facts.Created) {
					facts.Created = f.Created
				}
				if f.Updated.After(facts.Updated) {
					facts.Updated = f.Updated
				}
				if facts.Number == 0 {
					facts.Number, facts.Labels, facts.Milestone = f.Number, f.Labels, f.Milestone
				}
			}
			g.Evidence = append(g.Evidence, ev)
			g.Links = append(g.Links, it.URL)
		}
		g.Issue = &facts
		sort.SliceStable(g.Evidence, func(a, b int) bool { return g.Evidence[a].ItemID < g.Evidence[b].ItemID })
		g.Summary = floodSummary(len(ms), subjects, first.Summary)
		g.Text = g.Summary
		replace[ms[0].idx] = g
		for _, m := range ms[1:] {
			drop[m.idx] = true
		}
	}
	if len(replace) == 0 {
		return items
	}
	out := make([]roadmap.Item, 0, len(items)-len(drop))
	for i, it := range items {
		if drop[i] {
			continue
		}
		if g, ok := replace[i]; ok {
			it = g
		}
		out = append(out, it)
	}
	return out
}

// floodTitle is an issue title without its subject and the punctuation
// around it, capitalised: "np.X: deprecate a legacy keyword" → "Deprecate
// a legacy keyword".
func floodTitle(title string) string {
	loc := subjectRe.FindStringIndex(title)
	before := strings.TrimRight(title[:loc[0]], " :;,-–(")
	after := strings.TrimLeft(title[loc[1]:], " :;,-–)")
	t := strings.TrimSpace(before + " " + after)
	t = strings.Join(strings.Fields(t), " ")
	t = strings.TrimRight(t, " :;,-–(")
	if r, size := utf8.DecodeRuneInString(t); unicode.IsLower(r) {
		t = string(unicode.ToUpper(r)) + t[size:]
	}
	return t
}

// floodSummary names the count and the first subjects, then the first
// issue's own summary.
func floodSummary(n int, subjects []string, first string) string {
	shown := subjects
	if len(shown) > 5 {
		shown = shown[:5]
	}
	s := strconv.Itoa(n) + " open issues of one kind, for " + strings.Join(shown, ", ")
	if rest := n - len(shown); rest > 0 {
		s += " and " + strconv.Itoa(rest) + " more"
	}
	s += "."
	if first = strings.TrimSpace(first); first != "" {
		s += " " + first
	}
	return s
}
