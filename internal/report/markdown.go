package report

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/roadmapper/roadmapper/internal/plaintext"
	"github.com/roadmapper/roadmapper/internal/roadmap"
)

const timeLayout = "2006-01-02 15:04:05 UTC"

// writeMarkdown renders r as Markdown safe to paste into chat or e-mail:
// crawled text escaped, no raw HTML, links only to http(s) URLs.
func writeMarkdown(w io.Writer, r Report) error {
	var b strings.Builder
	esc := plaintext.Markdown
	fmt.Fprintf(&b, "# roadmapper report: crawl %d\n\n", r.Crawl.ID)
	for _, warn := range r.Warnings {
		fmt.Fprintf(&b, "> **Warning:** %s\n\n", esc(warn))
	}
	fmt.Fprintf(&b, "- Started: %s\n", r.Crawl.StartedAt.Format(timeLayout))
	if r.Crawl.FinishedAt != nil {
		fmt.Fprintf(&b, "- Finished: %s (%s)\n", r.Crawl.FinishedAt.Format(timeLayout), r.Crawl.Duration)
	} else {
		b.WriteString("- Finished: **no** (interrupted)\n")
	}
	if r.Crawl.Replay {
		b.WriteString("- Replay of archived responses (no network)\n")
	}
	if r.Previous != nil {
		fmt.Fprintf(&b, "- Compared with crawl %d of %s\n", r.Previous.ID, r.Previous.StartedAt.Format(timeLayout))
	} else {
		b.WriteString("- First crawl: nothing to compare with\n")
	}

	writeMarkdownAttention(&b, r)
	writeMarkdownProjects(&b, r)

	g := r.GitHub
	fmt.Fprintf(&b, "\n## GitHub quota\n\n%d requests: %d counted against the rate limit, %d answered 304 Not Modified (free), %d retries, waited %s.\n",
		g.Requests, g.Counted, g.NotModified, g.Retries, g.Waited)

	if r.Previous == nil {
		writeMarkdownFirstCrawl(&b, r)
	} else {
		writeMarkdownChanges(&b, r)
	}

	b.WriteString("\n## Audit status changes\n\n")
	switch {
	case r.Previous == nil:
		b.WriteString("First crawl: no earlier audit to compare with.\n")
	case len(r.StatusChanges) == 0:
		b.WriteString("No project changed status.\n")
	default:
		b.WriteString("| Project | Was | Now | Reason |\n|---|---|---|---|\n")
		for _, c := range r.StatusChanges {
			from := c.From
			if from == "" {
				from = "(new)"
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", esc(c.Name), esc(from), esc(c.To), esc(c.Reason))
		}
	}
	if r.AuditSummary != "" {
		fmt.Fprintf(&b, "\n%s\n", esc(r.AuditSummary))
	}

	b.WriteString("\n## New roadmap issues\n\n")
	if len(r.NewIssues) == 0 {
		b.WriteString("No new roadmap-labelled issues.\n")
	} else {
		if r.NewIssueCount > len(r.NewIssues) {
			fmt.Fprintf(&b, "Top %d of %d by demand (reactions + comments).\n\n", len(r.NewIssues), r.NewIssueCount)
		}
		b.WriteString("| Project | Issue | Reactions | Comments |\n|---|---|--:|--:|\n")
		for _, is := range r.NewIssues {
			title := is.Title
			if is.Number != 0 {
				title = fmt.Sprintf("#%d %s", is.Number, is.Title)
			}
			fmt.Fprintf(&b, "| %s | %s | %d | %d |\n", esc(is.Name), plaintext.MarkdownLink(title, is.URL), is.Reactions, is.Comments)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeMarkdownProjects(b *strings.Builder, r Report) {
	esc := plaintext.Markdown
	c := r.Counts
	fmt.Fprintf(b, "\n## Projects\n\n%d crawled: %d fetched, %d not modified, %d failed, %d with nothing to fetch",
		c.Crawled, c.Fetched, c.NotModified, c.Failed, c.NoSource)
	if c.NotCrawled > 0 {
		fmt.Fprintf(b, "; %s not crawled", plural(c.NotCrawled, "configured project"))
	}
	b.WriteString(".\n")
	lists := []struct {
		status, label string
	}{{roadmap.StatusFetched, "Fetched"}, {roadmap.StatusNotModified, "Not modified"}}
	for _, l := range lists {
		var names []string
		for _, o := range r.Projects {
			if o.Status == l.status {
				names = append(names, esc(o.Name))
			}
		}
		if len(names) > 0 {
			fmt.Fprintf(b, "\n%s: %s.\n", l.label, strings.Join(names, ", "))
		}
	}
	var failed, other []ProjectOutcome
	for _, o := range r.Projects {
		switch {
		case o.Status == roadmap.StatusFailed:
			failed = append(failed, o)
		case len(o.FetchErrors) > 0:
			other = append(other, o)
		}
	}
	if len(failed) > 0 {
		b.WriteString("\n### Failed\n\n")
		for _, o := range failed {
			since := ""
			switch {
			case o.NewlyFailing:
				since = " (new: fetched fine in the previous crawl)"
			case o.FailedSince != 0:
				since = fmt.Sprintf(" (failed in crawl %d too)", o.FailedSince)
			}
			msg := o.Error
			if msg == "" {
				msg = "no error recorded"
			}
			fmt.Fprintf(b, "- **%s**%s: %s\n", esc(o.Name), since, esc(msg))
			writeMarkdownFetchErrors(b, o.FetchErrors)
		}
	}
	if len(other) > 0 {
		b.WriteString("\n### Other fetch errors\n\n")
		for _, o := range other {
			fmt.Fprintf(b, "- **%s**\n", esc(o.Name))
			writeMarkdownFetchErrors(b, o.FetchErrors)
		}
	}
}

func writeMarkdownFetchErrors(b *strings.Builder, ps []FetchProblem) {
	for _, p := range ps {
		where := p.URL
		if where == "" {
			where = "(unsafe URL)"
		}
		fmt.Fprintf(b, "  - %s %s: %s\n", plaintext.Markdown(p.Kind), plaintext.MarkdownLink(where, p.URL), plaintext.Markdown(p.Error))
	}
}

func writeMarkdownChanges(b *strings.Builder, r Report) {
	t := r.Totals
	fmt.Fprintf(b, "\n## Item changes\n\n%d added, %d removed, %d probably renamed, %d changed.\n",
		t.Added, t.Removed, t.Renamed, t.Changed)
	for _, pc := range r.Changes {
		fmt.Fprintf(b, "\n### %s\n", plaintext.Markdown(pc.Name))
		writeMarkdownRefs(b, "Added", pc.Added)
		writeMarkdownRefs(b, "Removed", pc.Removed)
		if len(pc.Renamed) > 0 {
			b.WriteString("\nProbably renamed:\n\n")
			for _, rn := range pc.Renamed {
				fmt.Fprintf(b, "- %s → %s (%s)\n", plaintext.MarkdownLink(rn.From.Title, rn.From.URL), plaintext.MarkdownLink(rn.To.Title, rn.To.URL), renameWhy(rn))
			}
		}
		writeMarkdownRefs(b, "Changed", pc.Changed)
	}
}

func writeMarkdownRefs(b *strings.Builder, label string, refs []ItemRef) {
	if len(refs) == 0 {
		return
	}
	fmt.Fprintf(b, "\n%s:\n\n", label)
	for _, r := range refs {
		what := ""
		if r.Change != nil {
			what = ": " + plaintext.Markdown(changeSummary(r.Change))
		}
		fmt.Fprintf(b, "- %s%s%s\n", plaintext.MarkdownLink(r.Title, r.URL), sourceNote(r), what)
	}
}

// writeMarkdownAttention writes what needs a person, first, one line per
// cause, and the projects added to or removed from the configuration.
func writeMarkdownAttention(b *strings.Builder, r Report) {
	esc := plaintext.Markdown
	b.WriteString("\n## Needs attention\n\n")
	if len(r.Attention) == 0 {
		b.WriteString("Nothing needs attention.\n")
	}
	for _, a := range r.Attention {
		if len(a.Projects) == 1 {
			fmt.Fprintf(b, "- **%s**: %s\n", esc(a.Projects[0]), esc(a.Text))
			continue
		}
		fmt.Fprintf(b, "- %s: %s (%s)\n", esc(a.Text), esc(strings.Join(a.Projects, ", ")), plural(len(a.Projects), "project"))
	}
	if c := r.Config; len(c.Added)+len(c.Removed) > 0 {
		b.WriteString("\n## Configuration\n\n")
		if len(c.Added) > 0 {
			fmt.Fprintf(b, "Added: %s.\n", esc(strings.Join(c.Added, ", ")))
		}
		if len(c.Removed) > 0 {
			fmt.Fprintf(b, "Removed: %s.\n", esc(strings.Join(c.Removed, ", ")))
		}
	}
}

// writeMarkdownFirstCrawl writes what the first crawl found per project.
func writeMarkdownFirstCrawl(b *strings.Builder, r Report) {
	items, issues, with := 0, 0, 0
	for _, pc := range r.FirstCrawl {
		items += pc.Items
		issues += pc.Issues
		if pc.Items+pc.Issues > 0 {
			with++
		}
	}
	fmt.Fprintf(b, "\n## What the first crawl found\n\n%s and %s from %s.\n",
		plural(items, "roadmap item"), plural(issues, "roadmap issue"), plural(with, "project"))
	if len(r.FirstCrawl) == 0 {
		return
	}
	b.WriteString("\n| Project | Items | Issues |\n|---|--:|--:|\n")
	for _, pc := range r.FirstCrawl {
		fmt.Fprintf(b, "| %s | %d | %d |\n", plaintext.Markdown(pc.Name), pc.Items, pc.Issues)
	}
}

// sourceNote marks items that are not document sections (GitHub issues),
// which the reader may otherwise take for sections of the roadmap document.
func sourceNote(r ItemRef) string {
	k := roadmap.SourceOf(r.Source)
	if k.Label == "" {
		return ""
	}
	if r.Issue != 0 {
		return fmt.Sprintf(" (%s #%d)", k.Label, r.Issue)
	}
	return " (" + k.Label + ")"
}

// renameWhy says why a pair is taken for a rename.
func renameWhy(rn Rename) string {
	switch rn.How {
	case "issue":
		return "same GitHub issue"
	case "anchor":
		return "same page anchor"
	default:
		return fmt.Sprintf("%.0f%% similar text", rn.Similarity*100)
	}
}

// formatTime is shared by the renderers.
func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}
