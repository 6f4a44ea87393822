package github

import (
	"fmt"
	"net/url"
	"sort"
	"strings"
	"unicode"

	gh "github.com/google/go-github/v62/github"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// Issue listing bounds.
const (
	perPage  = 100
	maxPages = 20
	maxTitle = 300 // runes
)

// issues lists the open issues carrying any roadmap label, one listing per
// label, and sets res.Issues and res.IssuesOK.
func (w *work) issues() {
	labels := w.c.labels(w.p)
	complete := true
	seen := map[int]bool{}
	var items []roadmap.Item
	for _, label := range labels {
		list, ok := w.listLabel(label)
		if w.stop {
			return
		}
		complete = complete && ok
		sort.SliceStable(list, func(i, j int) bool { return list[i].GetNumber() < list[j].GetNumber() })
		for _, is := range list {
			if is.IsPullRequest() || seen[is.GetNumber()] {
				continue
			}
			seen[is.GetNumber()] = true
			items = append(items, issueItem(is))
		}
	}
	for i := range items {
		items[i].Position = i
	}
	roadmap.AssignIDs(w.p.Slug, items)
	w.res.Issues = items
	w.res.IssuesOK = complete
}

// listLabel lists one label's open issues, following the raw Link
// rel="next" header (page or cursor form) for at most 20 pages. ok is false
// when the listing did not complete.
func (w *work) listLabel(label string) (all []*gh.Issue, ok bool) {
	c := w.c
	var resp *gh.Response
	err := w.call(func() (err error) {
		var page []*gh.Issue
		page, resp, err = c.gh.Issues.ListByRepo(w.ctx, w.owner, w.name, &gh.IssueListByRepoOptions{
			Labels: []string{label}, State: "open", ListOptions: gh.ListOptions{PerPage: perPage}})
		all = page
		return err
	})
	if err != nil {
		if !w.stop {
			w.warnf("list issues labelled %s: %v", label, err)
		}
		return nil, false
	}
	for pages := 1; ; pages++ {
		next := nextLink(resp)
		if next == "" {
			return all, true
		}
		if pages >= maxPages {
			w.warnf("more than %d issues labelled %s; listed the first %d", maxPages*perPage, label, maxPages*perPage)
			return all, false
		}
		u, err := url.Parse(next)
		if err != nil || !c.sameOrigin(u) {
			w.warnf("list issues labelled %s: next page link %q is not on the API host; stopped", label, truncate(next, 120, false))
			return all, false
		}
		err = w.call(func() error {
			req, err := c.gh.NewRequest("GET", u.String(), nil)
			if err != nil {
				return err
			}
			var page []*gh.Issue
			resp, err = c.gh.Do(w.ctx, req, &page)
			all = append(all, page...)
			return err
		})
		if err != nil {
			if !w.stop {
				w.warnf("list issues labelled %s (page %d): %v", label, pages+1, err)
			}
			return all, false
		}
	}
}

// nextLink returns the URL of the Link rel="next" of resp, or "".
func nextLink(resp *gh.Response) string {
	if resp == nil || resp.Response == nil {
		return ""
	}
	for _, h := range resp.Header.Values("Link") {
		for _, part := range strings.Split(h, ",") {
			segs := strings.Split(part, ";")
			if len(segs) < 2 {
				continue
			}
			target := strings.TrimSpace(segs[0])
			if !strings.HasPrefix(target, "<") || !strings.HasSuffix(target, ">") {
				continue
			}
			for _, p := range segs[1:] {
				p = strings.ReplaceAll(strings.TrimSpace(p), " ", "")
				if p == `rel="next"` || p == "rel=next" {
					return target[1 : len(target)-1]
				}
			}
		}
	}
	return ""
}

// issueItem turns an issue into a roadmap item (without ID).
func issueItem(is *gh.Issue) roadmap.Item {
	body := is.GetBody()
	facts := &roadmap.IssueFacts{
		Number:    is.GetNumber(),
		Milestone: is.GetMilestone().GetTitle(),
		Created:   is.GetCreatedAt().Time,
		Updated:   is.GetUpdatedAt().Time,
		Reactions: is.GetReactions().GetTotalCount(),
		PlusOne:   is.GetReactions().GetPlusOne(),
		Comments:  is.GetComments(),
	}
	for _, l := range is.Labels {
		if n := l.GetName(); n != "" {
			facts.Labels = append(facts.Labels, n)
		}
	}
	title := plainLine(is.GetTitle())
	if title == "" {
		title = fmt.Sprintf("Issue %d", is.GetNumber())
	}
	return roadmap.Item{
		Title:   truncate(title, maxTitle, false),
		Summary: Summarise(body),
		Text:    StripMarkdown(body),
		URL:     httpURL(is.GetHTMLURL()),
		Source:  roadmap.SourceGitHub,
		Links:   extractLinks(body),
		Issue:   facts,
	}
}

// plainLine collapses whitespace and control characters of a one-line text
// (issue titles are plain text, not Markdown).
func plainLine(s string) string {
	s = strings.ToValidUTF8(s, "")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}
