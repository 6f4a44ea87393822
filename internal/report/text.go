package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/roadmapper/roadmapper/internal/plaintext"
	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// writeText renders r as plain text for mail: no markup and no escapes,
// crawled text on one line each, links written out after their titles.
func writeText(w io.Writer, r Report) error {
	var b strings.Builder
	one := plaintext.OneLine
	line := func(indent int, format string, args ...any) {
		b.WriteString(strings.Repeat("  ", indent))
		fmt.Fprintf(&b, format, args...)
		b.WriteByte('\n')
	}
	heading := func(title string) { fmt.Fprintf(&b, "\n%s\n", strings.ToUpper(title)) }
	link := func(title, url string) string {
		title = one(title)
		if u := plaintext.SafeURL(url); u != "" {
			return title + " <" + u + ">"
		}
		return title
	}

	line(0, "roadmapper report: crawl %d", r.Crawl.ID)
	for _, warn := range r.Warnings {
		line(0, "Warning: %s", one(warn))
	}
	line(0, "Started: %s", r.Crawl.StartedAt.Format(timeLayout))
	if r.Crawl.FinishedAt != nil {
		line(0, "Finished: %s (%s)", r.Crawl.FinishedAt.Format(timeLayout), r.Crawl.Duration)
	} else {
		line(0, "Finished: no (interrupted)")
	}
	if r.Crawl.Replay {
		line(0, "Replay of archived responses (no network)")
	}
	if r.Previous != nil {
		line(0, "Compared with crawl %d of %s", r.Previous.ID, r.Previous.StartedAt.Format(timeLayout))
	} else {
		line(0, "First crawl: nothing to compare with")
	}

	heading("Needs attention")
	if len(r.Attention) == 0 {
		line(1, "Nothing needs attention.")
	}
	for _, a := range r.Attention {
		if len(a.Projects) == 1 {
			line(1, "* %s: %s", one(a.Projects[0]), one(a.Text))
		} else {
			line(1, "* %s: %s (%s)", one(a.Text), one(strings.Join(a.Projects, ", ")), plural(len(a.Projects), "project"))
		}
	}
	if c := r.Config; len(c.Added)+len(c.Removed) > 0 {
		heading("Configuration")
		if len(c.Added) > 0 {
			line(1, "Added: %s", one(strings.Join(c.Added, ", ")))
		}
		if len(c.Removed) > 0 {
			line(1, "Removed: %s", one(strings.Join(c.Removed, ", ")))
		}
	}

	heading("Projects")
	c := r.Counts
	notCrawled := ""
	if c.NotCrawled > 0 {
		notCrawled = "; " + plural(c.NotCrawled, "configured project") + " not crawled"
	}
	line(1, "%d crawled: %d fetched, %d not modified, %d failed, %d with nothing to fetch%s.",
		c.Crawled, c.Fetched, c.NotModified, c.Failed, c.NoSource, notCrawled)
	for _, l := range []struct{ status, label string }{{roadmap.StatusFetched, "Fetched"}, {roadmap.StatusNotModified, "Not modified"}} {
		var names []string
		for _, o := range r.Projects {
			if o.Status == l.status {
				names = append(names, one(o.Name))
			}
		}
		if len(names) > 0 {
			line(1, "%s: %s.", l.label, strings.Join(names, ", "))
		}
	}
	for _, o := range r.Projects {
		if o.Status != roadmap.StatusFailed && len(o.FetchErrors) == 0 {
			continue
		}
		what := "fetch errors"
		if o.Status == roadmap.StatusFailed {
			what = "failed"
			switch {
			case o.NewlyFailing:
				what += " (new: fetched fine in the previous crawl)"
			case o.FailedSince != 0:
				what += fmt.Sprintf(" (failed in crawl %d too)", o.FailedSince)
			}
			if o.Error != "" {
				what += ": " + one(o.Error)
			}
		}
		line(1, "%s %s", one(o.Name), what)
		for _, p := range o.FetchErrors {
			where := plaintext.SafeURL(p.URL)
			if where == "" {
				where = "(unsafe URL)"
			}
			line(2, "%s %s: %s", p.Kind, where, one(p.Error))
		}
	}

	g := r.GitHub
	heading("GitHub quota")
	line(1, "%d requests: %d counted against the rate limit, %d answered 304 Not Modified (free), %d retries, waited %s.",
		g.Requests, g.Counted, g.NotModified, g.Retries, g.Waited)

	if r.Previous == nil {
		heading("What the first crawl found")
		for _, pc := range r.FirstCrawl {
			line(1, "%s: %s, %s", one(pc.Name), plural(pc.Items, "item"), plural(pc.Issues, "issue"))
		}
	} else {
		t := r.Totals
		heading("Item changes")
		line(1, "%d added, %d removed, %d probably renamed, %d changed.", t.Added, t.Removed, t.Renamed, t.Changed)
		refs := func(label string, rs []ItemRef) {
			if len(rs) == 0 {
				return
			}
			line(2, "%s:", label)
			for _, ref := range rs {
				what := ""
				if ref.Change != nil {
					what = ": " + one(changeSummary(ref.Change))
				}
				line(3, "- %s%s%s", link(ref.Title, ref.URL), sourceNote(ref), what)
			}
		}
		for _, pc := range r.Changes {
			b.WriteByte('\n')
			line(1, "%s", one(pc.Name))
			refs("Added", pc.Added)
			refs("Removed", pc.Removed)
			if len(pc.Renamed) > 0 {
				line(2, "Probably renamed:")
				for _, rn := range pc.Renamed {
					line(3, "- %s -> %s (%s)", link(rn.From.Title, rn.From.URL), link(rn.To.Title, rn.To.URL), renameWhy(rn))
				}
			}
			refs("Changed", pc.Changed)
		}
	}

	heading("Audit status changes")
	switch {
	case r.Previous == nil:
		line(1, "First crawl: no earlier audit to compare with.")
	case len(r.StatusChanges) == 0:
		line(1, "No project changed status.")
	}
	for _, sc := range r.StatusChanges {
		from := sc.From
		if from == "" {
			from = "(new)"
		}
		line(1, "%s: %s -> %s: %s", one(sc.Name), from, sc.To, one(sc.Reason))
	}
	if r.AuditSummary != "" {
		line(1, "%s", one(r.AuditSummary))
	}

	heading("New roadmap issues")
	if len(r.NewIssues) == 0 {
		line(1, "No new roadmap-labelled issues.")
	} else if r.NewIssueCount > len(r.NewIssues) {
		line(1, "Top %d of %d by demand (reactions + comments).", len(r.NewIssues), r.NewIssueCount)
	}
	for _, is := range r.NewIssues {
		title := is.Title
		if is.Number != 0 {
			title = fmt.Sprintf("#%d %s", is.Number, is.Title)
		}
		line(1, "%s: %s (%d reactions, %d comments)", one(is.Name), link(title, is.URL), is.Reactions, is.Comments)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
