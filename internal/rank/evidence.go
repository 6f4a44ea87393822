package rank

import (
	"sort"
	"strconv"
	"strings"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// Evidence ways.
const (
	HowLinked = "linked" // the page item links to the issue
	HowTitle  = "title"  // the issue's title closely matches the page item's
)

// titleJaccard is the token Jaccard similarity at or above which an issue
// title matches a page item title.
const titleJaccard = 0.6

// stopwords are left out of title comparisons.
var stopwords = map[string]bool{
	"a": true, "an": true, "and": true, "the": true, "of": true, "for": true, "to": true, "in": true,
	"on": true, "with": true, "by": true, "or": true, "at": true, "from": true, "into": true, "as": true,
	"is": true, "be": true, "it": true, "its": true, "we": true, "our": true, "this": true, "that": true,
	"roadmap": true, "rfc": true, "enh": true, "meta": true, "tracking": true, "issue": true,
	"item": true,
}

// significant returns the distinct significant words of a title, sorted.
func significant(title string) []string {
	toks := tokenize(nil, title)
	out := toks[:0]
	for _, t := range toks {
		if !stopwords[t] && (len(t) > 1 || isDigits(t)) {
			out = append(out, t)
		}
	}
	sort.Strings(out)
	n := 0
	for i, t := range out {
		if i == 0 || t != out[n-1] {
			out[n] = t
			n++
		}
	}
	return out[:n]
}

// titleMatch reports whether two significant-word sets match: Jaccard ≥ 0.6,
// or one contains the other and the contained one has at least 2 words. It
// returns the Jaccard similarity for tie-breaking.
func titleMatch(a, b []string) (float64, bool) {
	if len(a) == 0 || len(b) == 0 {
		return 0, false
	}
	common := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			common++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	jac := float64(common) / float64(len(a)+len(b)-common)
	if jac >= titleJaccard {
		return jac, true
	}
	small := min(len(a), len(b))
	return jac, small >= 2 && common == small
}

// MergeEvidence folds GitHub issues into the page items they back. An issue
// (Source github) becomes Evidence on a page item of the same project when
// the page item links to it — its URL, or /issues/N or /pull/N of the same
// repository — or it links to the page item's own address with its anchor
// (How "linked"), or else when its title closely matches the
// page item's title: token Jaccard of significant words ≥ 0.6, or one set
// contains the other with at least 2 significant words (How "title"). A
// linked match beats a title match; among several candidates the higher
// Jaccard, then the earlier Position, then the smaller ID wins. Merged issues
// are removed; everything else keeps its input order. Evidence on an item is
// sorted by ItemID; evidence already present is kept and not duplicated.
// The input slice and its items' Evidence slices are not modified.
func MergeEvidence(items []roadmap.Item) []roadmap.Item {
	return mergeEvidence(items, true)
}

// mergeEvidence is MergeEvidence; unless fresh, it returns items itself
// when no issue merges, saving a copy.
func mergeEvidence(items []roadmap.Item, fresh bool) []roadmap.Item {
	type pageInfo struct {
		idx int
		sig []string
	}
	type project struct {
		pages   []pageInfo
		links   map[string][]int // "owner/repo#N" or normalised URL → indices into pages
		anchors map[string]int   // a page item's URL with its anchor → index into pages
	}
	same := func() []roadmap.Item {
		if fresh {
			return append([]roadmap.Item(nil), items...)
		}
		return items
	}
	issues := map[string]bool{} // projects with GitHub items
	for i := range items {
		if roadmap.SourceOf(items[i].Source).Tracker {
			issues[items[i].Project] = true
		}
	}
	if len(issues) == 0 {
		return same()
	}
	projects := map[string]*project{}
	for i := range items {
		it := &items[i]
		if roadmap.SourceOf(it.Source).Tracker || !issues[it.Project] {
			continue
		}
		pr := projects[it.Project]
		if pr == nil {
			pr = &project{links: map[string][]int{}, anchors: map[string]int{}}
			projects[it.Project] = pr
		}
		k := len(pr.pages)
		if a := anchorURL(it.URL); a != "" {
			if _, dup := pr.anchors[a]; !dup {
				pr.anchors[a] = k
			}
		}
		pr.pages = append(pr.pages, pageInfo{idx: i, sig: significant(it.Title)})
		addLink := func(key string) {
			l := pr.links[key]
			if len(l) == 0 || l[len(l)-1] != k {
				pr.links[key] = append(l, k)
			}
		}
		for _, l := range it.Links {
			addLink(normURL(l))
			if repo, n, ok := githubIssue(l); ok {
				addLink(repo + "#" + itoa(n))
			}
		}
	}
	merged := map[int][]roadmap.Evidence{} // page index → new evidence
	drop := map[int]bool{}
	var linked []bool // per page of the project: links the issue
	for i := range items {
		is := &items[i]
		pr := projects[is.Project]
		if !roadmap.SourceOf(is.Source).Tracker || pr == nil {
			continue
		}
		if cap(linked) < len(pr.pages) {
			linked = make([]bool, len(pr.pages))
		}
		linked = linked[:len(pr.pages)]
		clear(linked)
		for _, k := range pr.links[normURL(is.URL)] {
			linked[k] = true
		}
		if repo, n, ok := githubIssue(is.URL); ok {
			for _, k := range pr.links[repo+"#"+itoa(n)] {
				linked[k] = true
			}
		}
		// The issue links to the section itself (its URL with the anchor).
		for _, l := range is.Links {
			if k, ok := pr.anchors[anchorURL(l)]; ok {
				linked[k] = true
			}
		}
		sig := significant(is.Title)
		best, bestHow, bestJac := -1, "", -1.0
		better := func(idx int, how string, jac float64) bool {
			if best < 0 {
				return true
			}
			if how != bestHow {
				return how == HowLinked
			}
			if jac != bestJac {
				return jac > bestJac
			}
			a, b := &items[idx], &items[best]
			if a.Position != b.Position {
				return a.Position < b.Position
			}
			return a.ID < b.ID
		}
		for k, p := range pr.pages {
			jac, tm := titleMatch(sig, p.sig)
			how := ""
			if linked[k] {
				how = HowLinked
			} else if tm {
				how = HowTitle
			}
			if how != "" && better(p.idx, how, jac) {
				best, bestHow, bestJac = p.idx, how, jac
			}
		}
		if best < 0 {
			continue
		}
		ev := roadmap.Evidence{ItemID: is.ID, Title: is.Title, URL: is.URL, How: bestHow}
		if is.Issue != nil {
			ev.Reactions, ev.Comments = is.Issue.Reactions, is.Issue.Comments
		}
		ev.Reactions += evidenceSum(is.Evidence, true)
		ev.Comments += evidenceSum(is.Evidence, false)
		merged[best] = append(merged[best], ev)
		drop[i] = true
	}
	if len(drop) == 0 {
		return same()
	}
	out := make([]roadmap.Item, 0, len(items)-len(drop))
	for i, it := range items {
		if drop[i] {
			continue
		}
		if evs := merged[i]; len(evs) > 0 {
			all := make([]roadmap.Evidence, 0, len(it.Evidence)+len(evs))
			all = append(all, it.Evidence...)
			for _, e := range evs {
				dup := false
				for _, old := range it.Evidence {
					dup = dup || old.ItemID == e.ItemID
				}
				if !dup {
					all = append(all, e)
				}
			}
			sort.SliceStable(all, func(a, b int) bool { return all[a].ItemID < all[b].ItemID })
			it.Evidence = all
		}
		out = append(out, it)
	}
	return out
}

// evidenceSum adds up the reactions (or comments) of evidence an issue
// itself carried, so nothing is lost when it is folded further.
func evidenceSum(evs []roadmap.Evidence, reactions bool) int {
	n := 0
	for _, e := range evs {
		if reactions {
			n += e.Reactions
		} else {
			n += e.Comments
		}
	}
	return n
}

// anchorURL is normURL with the URL's fragment kept ("" when it has none):
// the address of one section of a page.
func anchorURL(u string) string {
	i := strings.IndexByte(u, '#')
	if i < 0 || i == len(u)-1 {
		return ""
	}
	return normURL(u[:i]) + "#" + u[i+1:]
}

// normURL lowercases scheme and host, drops "www.", the fragment, the query
// and a trailing slash, and treats http as https.
func normURL(u string) string {
	s := strings.TrimSpace(u)
	if i := strings.IndexAny(s, "?#"); i >= 0 {
		s = s[:i]
	}
	low := strings.ToLower(s)
	for _, p := range []string{"https://", "http://"} {
		if strings.HasPrefix(low, p) {
			rest := s[len(p):]
			host, path, _ := strings.Cut(rest, "/")
			host = strings.TrimPrefix(strings.ToLower(host), "www.")
			s = host + "/" + path
			break
		}
	}
	return strings.TrimRight(s, "/")
}

func itoa(n int) string {
	return strconv.Itoa(n)
}
