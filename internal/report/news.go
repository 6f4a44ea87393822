package report

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/roadmapper/roadmapper/internal/audit"
	"github.com/roadmapper/roadmapper/internal/plaintext"
	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// Kinds of Attention.
const (
	AttentionFailing   = "newly_failing"
	AttentionLost      = "lost_items"
	AttentionStatus    = "status"
	AttentionRateLimit = "rate_limit"
	AttentionGitHub    = "github" // a rejected token, an unreachable API
)

// Attention is one thing a person should look at, in one line: a cause and
// the projects it hit.
type Attention struct {
	Kind     string   `json:"kind"`
	Text     string   `json:"text"`
	Projects []string `json:"projects"` // display names
}

// ConfigChanges are the projects added to or removed from the
// configuration since the previous crawl.
type ConfigChanges struct {
	Added   []string `json:"added"`   // display names of projects crawled for the first time
	Removed []string `json:"removed"` // slugs crawled before and no longer configured
}

// ProjectCount is what the first crawl of a database found for one project.
type ProjectCount struct {
	Project string `json:"project"`
	Name    string `json:"name"`
	Items   int    `json:"items"`  // roadmap sections
	Issues  int    `json:"issues"` // roadmap-labelled GitHub issues
}

// ItemChange says what changed in a changed item.
type ItemChange struct {
	TitleFrom    string `json:"title_from,omitempty"` // the old title, when it changed
	WordsAdded   int    `json:"words_added"`
	WordsRemoved int    `json:"words_removed"`
	Added        string `json:"added,omitempty"`   // a short excerpt of the new words
	Removed      string `json:"removed,omitempty"` // a short excerpt of the words gone
}

// attention lists, first, what needs a person: new failures (one line per
// cause), projects that lost all their items, audit status falling from
// good, a rate limit and a rejected token or unreachable API.
func attention(in Input, r Report, names map[string]string) []Attention {
	out := []Attention{}
	var failing, lost []roadmap.Cause
	for _, o := range r.Projects {
		if o.Status != roadmap.StatusFailed {
			continue
		}
		switch {
		case strings.HasPrefix(o.Error, roadmap.LostItemsReason):
			lost = append(lost, roadmap.Cause{Project: o.Name, Text: o.Error})
		case o.NewlyFailing || in.Previous == nil:
			failing = append(failing, roadmap.Cause{Project: o.Name, Text: o.Error})
		}
	}
	for _, g := range roadmap.GroupCauses(lost) {
		out = append(out, Attention{Kind: AttentionLost, Projects: g.Projects,
			Text: g.Text + " (its previous items are kept; the page answered but gave none)"})
	}
	for _, g := range roadmap.GroupCauses(failing) {
		text := g.Text
		if text == "" {
			text = "no error recorded"
		}
		out = append(out, Attention{Kind: AttentionFailing, Projects: g.Projects, Text: "newly failing: " + text})
	}
	for _, c := range r.StatusChanges {
		if c.From == audit.StatusGood && (c.To == audit.StatusStale || c.To == audit.StatusThin || c.To == audit.StatusNone) {
			out = append(out, Attention{Kind: AttentionStatus, Projects: []string{c.Name},
				Text: fmt.Sprintf("roadmap status good → %s: %s", c.To, c.Reason)})
		}
	}
	var limited, stopped []roadmap.Cause
	for _, slug := range sortedKeys(in.Snapshots) {
		gh := in.Snapshots[slug].GitHub
		if gh == nil || gh.Skipped == "" {
			continue
		}
		c := roadmap.Cause{Project: names[slug], Text: gh.Skipped}
		if strings.HasPrefix(gh.Skipped, "rate limited") {
			limited = append(limited, c)
		} else {
			stopped = append(stopped, c)
		}
	}
	for _, g := range roadmap.GroupCauses(stopped) {
		out = append(out, Attention{Kind: AttentionGitHub, Projects: g.Projects, Text: g.Text})
	}
	for _, g := range roadmap.GroupCauses(limited) {
		out = append(out, Attention{Kind: AttentionRateLimit, Projects: g.Projects,
			Text: "GitHub rate limit reached: " + g.Text + "; GitHub work skipped, previous GitHub data kept"})
	}
	return out
}

func sortedKeys(m map[string]roadmap.ProjectSnapshot) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// configChanges lists the projects crawled for the first time and those
// crawled before that are no longer configured.
func configChanges(in Input, order []string, names map[string]string) ConfigChanges {
	c := ConfigChanges{Added: []string{}, Removed: []string{}}
	if in.Previous == nil {
		return c
	}
	configured := map[string]bool{}
	for _, p := range in.Projects {
		configured[p.Slug] = true
	}
	for _, slug := range order {
		_, now := in.Snapshots[slug]
		_, before := in.PrevSnapshots[slug]
		if configured[slug] && now && !before && !in.SeenBefore[slug] {
			c.Added = append(c.Added, names[slug])
		}
	}
	seen := map[string]bool{}
	for _, slug := range append(sortedKeys(in.PrevSnapshots), sortedKeys(in.Snapshots)...) {
		if !configured[slug] && !seen[slug] {
			seen[slug] = true
			c.Removed = append(c.Removed, slug)
		}
	}
	return c
}

// firstCrawl counts what the first crawl found per project.
func firstCrawl(in Input, order []string, names map[string]string) []ProjectCount {
	out := []ProjectCount{}
	for _, slug := range order {
		sn, ok := in.Snapshots[slug]
		if !ok {
			continue
		}
		out = append(out, ProjectCount{Project: slug, Name: names[slug], Items: sn.Items, Issues: sn.Issues})
	}
	return out
}

// excerptWords is how many words an excerpt of a change shows.
const excerptWords = 12

// maxDiffCells bounds the word alignment of one changed item; beyond it the
// counts come from word frequencies and the excerpts from the first and
// last differing words.
const maxDiffCells = 1 << 20

// describeChange says what changed between an item's old and new wording.
func describeChange(oldTitle, oldText, newTitle, newText string) *ItemChange {
	if oldTitle == "" && oldText == "" {
		return nil // nothing known of the old wording (a change saved before this was kept)
	}
	c := &ItemChange{}
	if oldTitle != "" && plaintext.Title(oldTitle) != plaintext.Title(newTitle) {
		c.TitleFrom = plaintext.Title(oldTitle)
	}
	a, b := strings.Fields(plaintext.OneLine(oldText)), strings.Fields(plaintext.OneLine(newText))
	ka, kb := wordKeys(a), wordKeys(b)
	// Drop the common start and end; align what is left.
	p := 0
	for p < len(ka) && p < len(kb) && ka[p] == kb[p] {
		p++
	}
	s := 0
	for s < len(ka)-p && s < len(kb)-p && ka[len(ka)-1-s] == kb[len(kb)-1-s] {
		s++
	}
	a, b, ka, kb = a[p:len(a)-s], b[p:len(b)-s], ka[p:len(ka)-s], kb[p:len(kb)-s]
	var gone, came []bool
	if len(ka)*len(kb) <= maxDiffCells {
		gone, came = alignWords(ka, kb)
	} else {
		gone, came = unmatched(ka, kb)
	}
	c.WordsRemoved, c.Removed = countAndExcerpt(a, gone)
	c.WordsAdded, c.Added = countAndExcerpt(b, came)
	return c
}

// wordKeys are the words compared: lower case, without the punctuation
// around them, so "guide." and "guide" are the same word.
func wordKeys(words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = strings.ToLower(strings.TrimFunc(w, func(r rune) bool { return unicode.IsPunct(r) }))
	}
	return out
}

// alignWords marks the words of a not in the longest common subsequence
// with b (gone) and those of b not in it (came).
func alignWords(a, b []string) (gone, came []bool) {
	n, m := len(a), len(b)
	l := make([][]int32, n+1)
	for i := range l {
		l[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				l[i][j] = l[i+1][j+1] + 1
			} else {
				l[i][j] = max(l[i+1][j], l[i][j+1])
			}
		}
	}
	gone, came = make([]bool, n), make([]bool, m)
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case a[i] == b[j]:
			i++
			j++
		case l[i+1][j] >= l[i][j+1]:
			gone[i] = true
			i++
		default:
			came[j] = true
			j++
		}
	}
	for ; i < n; i++ {
		gone[i] = true
	}
	for ; j < m; j++ {
		came[j] = true
	}
	return gone, came
}

// unmatched marks words by frequency: those of a beyond their count in b,
// and the reverse.
func unmatched(a, b []string) (gone, came []bool) {
	mark := func(x, y []string) []bool {
		left := map[string]int{}
		for _, w := range y {
			left[w]++
		}
		out := make([]bool, len(x))
		for i, w := range x {
			if left[w] > 0 {
				left[w]--
			} else {
				out[i] = true
			}
		}
		return out
	}
	return mark(a, b), mark(b, a)
}

// countAndExcerpt counts the marked words and quotes the first run of them,
// at most excerptWords words.
func countAndExcerpt(words []string, marked []bool) (int, string) {
	n, start := 0, -1
	for i, m := range marked {
		if m {
			n++
			if start < 0 {
				start = i
			}
		}
	}
	if n == 0 {
		return 0, ""
	}
	end := start
	for end < len(words) && marked[end] && end-start < excerptWords {
		end++
	}
	ex := strings.Join(words[start:end], " ")
	if end < len(words) && marked[end] {
		ex += " …"
	}
	return n, ex
}

// changeSummary words an ItemChange for the renderers: "title was “Docs”;
// 4 words added (“with tutorials for newcomers”), 1 removed (“old”)".
func changeSummary(c *ItemChange) string {
	if c == nil {
		return ""
	}
	var parts []string
	if c.TitleFrom != "" {
		parts = append(parts, "title was “"+c.TitleFrom+"”")
	}
	words := func(n int, what, ex string) string {
		s := plural(n, "word") + " " + what
		if ex != "" {
			s += " (“" + ex + "”)"
		}
		return s
	}
	switch {
	case c.WordsAdded > 0 && c.WordsRemoved > 0:
		parts = append(parts, words(c.WordsAdded, "added", c.Added)+", "+words(c.WordsRemoved, "removed", c.Removed))
	case c.WordsAdded > 0:
		parts = append(parts, words(c.WordsAdded, "added", c.Added))
	case c.WordsRemoved > 0:
		parts = append(parts, words(c.WordsRemoved, "removed", c.Removed))
	}
	if len(parts) == 0 {
		return "links or formatting changed"
	}
	return strings.Join(parts, "; ")
}
