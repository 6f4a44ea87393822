package audit

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/roadmapper/roadmapper/internal/plaintext"
	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// maxEvidenceText caps crawled text quoted in evidence.
const maxEvidenceText = 80

// Classify judges every configured project from its recent snapshots
// (history[slug], newest first; may be empty when never crawled).
//
//   - none: no roadmap configured or found and no roadmap-labelled issues;
//   - unreachable: configured but the latest crawl(s) could not fetch it;
//   - stale: RoadmapDate older than StaleAfter (exactly StaleAfter is good;
//     a date the text gives as a month or year counts from its last day);
//   - thin: fewer than MinItems items or fewer than MinWords words;
//   - good otherwise.
//
// A project with no page or roadmap_file but roadmap-labelled issues is
// judged on the issue count alone. Zero settings take the defaults. Projects
// keep the configured order.
func Classify(projects []roadmap.Project, history map[string][]roadmap.ProjectSnapshot, s Settings, now time.Time) []Finding {
	s = s.withDefaults()
	out := make([]Finding, 0, len(projects))
	for _, p := range projects {
		out = append(out, classify(p, history[p.Slug], s, now))
	}
	return out
}

func classify(p roadmap.Project, hist []roadmap.ProjectSnapshot, s Settings, now time.Time) Finding {
	f := Finding{Project: p.Slug, Name: p.Name}
	if f.Name == "" {
		f.Name = p.Slug
	}
	configured := len(p.Roadmap) > 0 || p.RoadmapFile != ""
	if len(hist) == 0 {
		if configured {
			f.Status = StatusUnreachable
			f.RoadmapURL = strPtr(configuredURL(p))
			f.Reason = "not crawled yet"
			return f
		}
		f.Status = StatusNone
		f.Reason = "no roadmap configured; not crawled yet"
		return f
	}
	latest := hist[0]
	lost := latest.Status == roadmap.StatusFailed && strings.HasPrefix(latest.Err, roadmap.LostItemsReason)
	if latest.Status == roadmap.StatusFailed && (configured || p.Repo != "") && !lost {
		return unreachable(f, p, hist, s, now)
	}
	if lost {
		// The document was fetched but gave none of the items it had (a
		// page that became a format not understood): the crawl kept them,
		// so judge what was kept and say why, never "unreachable".
		kept := latest
		kept.Status = roadmap.StatusNotModified
		judgeSnapshot(&f, p, kept, s, now)
		f.Reason += "; the latest crawl " + clip(plaintext.OneLine(latest.Err), 200) + ", so these are the items kept from before"
		return f
	}
	judgeSnapshot(&f, p, latest, s, now)
	if g := latest.GitHub; g != nil && g.Repo != nil && g.Repo.Archived {
		// A read-only repository will not see its roadmap move: worth
		// knowing before anyone talks to its maintainers.
		f.Evidence = append(f.Evidence, "repository "+g.Repo.FullName+" is archived on GitHub")
	}
	return f
}

// judgeDocument sets f from a roadmap document (page or repo file).
func judgeDocument(f *Finding, p roadmap.Project, snap roadmap.ProjectSnapshot, s Settings, now time.Time) {
	f.RoadmapURL = strPtr(firstNonEmpty(snap.RoadmapURL, configuredURL(p), fileURL(snap)))
	f.Items, f.Words, f.Issues = snap.Items, snap.Words, snap.Issues
	dated := framedTooLong(roadmapDate(snap), snap.Dates, s.StaleAfter, now)
	date, prec, basis := dated.date, dated.prec, dated.basis
	f.Evidence = dateEvidence(p, snap, basis)
	if dated.note != "" {
		f.Evidence = append(f.Evidence, dated.note)
	}
	if snap.Issues > 0 {
		f.Evidence = append(f.Evidence, fmt.Sprintf("%d open roadmap-labelled issues", snap.Issues))
	}
	parts := []string{plural(f.Items, "item"), plural(f.Words, "word")}
	if snap.Note != "" {
		// Fetched but not read as a roadmap ("format not understood (PDF)"):
		// judged on its date and words like any other, never unreachable.
		parts = append([]string{clip(plaintext.OneLine(snap.Note), maxEvidenceText)}, parts...)
	}
	var thin []string
	if f.Items < s.MinItems {
		thin = append(thin, fmt.Sprintf("fewer than %d items", s.MinItems))
	}
	if f.Words < s.MinWords {
		thin = append(thin, fmt.Sprintf("fewer than %d words", s.MinWords))
	}
	stale := false
	if basis == "" {
		parts = append(parts, "date unknown")
	} else {
		day := date.UTC().Truncate(24 * time.Hour)
		f.LastUpdated = strPtr(day.Format("2006-01-02"))
		f.LastUpdatedBasis = strPtr(basis)
		// A month or a year is judged by its last day: "as of 11/2024" is
		// not known to be older than the threshold until December 2026.
		days := ageDays(lastDay(day, prec), now)
		stale = time.Duration(days)*24*time.Hour > s.StaleAfter
		switch {
		case dated.self.Kind == roadmap.DateFramed:
			// The plan's own framing decides: quote it, so a maintainer
			// sees why a recently touched file is still called stale.
			parts = append(parts, fmt.Sprintf("plan framed in %s ('%s')", day.Format("2006"),
				clip(plaintext.OneLine(dated.self.Text), maxEvidenceText)))
		case prec == roadmap.PrecisionMonth:
			parts = append(parts, "updated in "+day.Format("January 2006"))
		case prec == roadmap.PrecisionYear:
			parts = append(parts, "updated in "+day.Format("2006"))
		default:
			parts = append(parts, "updated "+age(days))
		}
	}
	switch {
	case stale:
		f.Status = StatusStale
		parts = append(parts, "older than "+durationText(s.StaleAfter))
	case len(thin) > 0:
		f.Status = StatusThin
		parts = append(parts, strings.Join(thin, " and "))
	default:
		f.Status = StatusGood
	}
	f.Reason = strings.Join(parts, ", ")
}

// judgeIssues sets f for a project whose roadmap is kept as labelled issues.
func judgeIssues(f *Finding, p roadmap.Project, snap roadmap.ProjectSnapshot, s Settings) {
	f.Issues = snap.Issues
	f.Items = snap.Issues
	f.RoadmapURL = strPtr(issuesURL(p))
	f.Reason = "roadmap kept as " + plural(snap.Issues, "labelled issue")
	if snap.Issues < s.MinItems {
		f.Status = StatusThin
		f.Reason += fmt.Sprintf(", fewer than %d items", s.MinItems)
	} else {
		f.Status = StatusGood
	}
	if newest := newestIssueUpdate(snap); !newest.IsZero() {
		f.Evidence = append(f.Evidence, "newest roadmap issue activity "+newest.UTC().Format("2006-01-02"))
	}
}

// unreachable sets f for a project whose latest crawl(s) failed, keeping
// the figures of the last good snapshot.
func unreachable(f Finding, p roadmap.Project, hist []roadmap.ProjectSnapshot, s Settings, now time.Time) Finding {
	f.Status = StatusUnreachable
	failing := 0
	for failing < len(hist) && hist[failing].Status == roadmap.StatusFailed {
		failing++
	}
	since := hist[failing-1].CrawlID
	errText := clip(plaintext.OneLine(hist[0].Err), 200)
	if errText == "" {
		errText = "no error recorded"
	}
	if failing == 1 {
		f.Reason = fmt.Sprintf("could not fetch in crawl %d: %s", since, errText)
	} else {
		f.Reason = fmt.Sprintf("could not fetch since crawl %d (%d crawls): %s", since, failing, errText)
	}
	f.RoadmapURL = strPtr(firstNonEmpty(configuredURL(p), hist[0].RoadmapURL))
	if failing < len(hist) {
		good := hist[failing]
		var last Finding
		judgeSnapshot(&last, p, good, s, now)
		f.Items, f.Words, f.Issues = last.Items, last.Words, last.Issues
		f.LastUpdated, f.LastUpdatedBasis = last.LastUpdated, last.LastUpdatedBasis
		if last.RoadmapURL != nil && f.RoadmapURL == nil {
			f.RoadmapURL = last.RoadmapURL
		}
		f.Evidence = append(f.Evidence, fmt.Sprintf("last fetched in crawl %d: %s (%s)", good.CrawlID, last.Status, last.Reason))
	} else if kept := hist[0]; kept.Items > 0 || kept.Words > 0 || kept.Issues > 0 {
		// The failed snapshot carries the data kept from before.
		var last Finding
		kept.Status = roadmap.StatusNotModified
		judgeSnapshot(&last, p, kept, s, now)
		f.Items, f.Words, f.Issues = last.Items, last.Words, last.Issues
		f.LastUpdated, f.LastUpdatedBasis = last.LastUpdated, last.LastUpdatedBasis
		f.Evidence = append(f.Evidence, "data kept from an earlier crawl: "+last.Reason)
	} else {
		f.Evidence = append(f.Evidence, "never fetched successfully in the crawls kept")
	}
	return f
}

// judgeSnapshot judges a snapshot whose crawl did not fail: a document
// (found, or configured and fetched) decides; else labelled issues; else none.
func judgeSnapshot(f *Finding, p roadmap.Project, snap roadmap.ProjectSnapshot, s Settings, now time.Time) {
	configured := len(p.Roadmap) > 0 || p.RoadmapFile != ""
	switch {
	case snap.RoadmapURL != "" || snap.Items > 0 || snap.Words > 0 ||
		(configured && snap.Status != roadmap.StatusNoSource && snap.Status != roadmap.StatusFailed):
		judgeDocument(f, p, snap, s, now)
	case snap.Issues > 0:
		judgeIssues(f, p, snap, s)
	default:
		f.Status, f.Reason = StatusNone, noneReason(p, snap.GitHub)
	}
}

// dateEvidence says what dates the roadmap has, naming the one used.
func dateEvidence(p roadmap.Project, snap roadmap.ProjectSnapshot, basis string) []string {
	var ev []string
	if snap.GitHub != nil && snap.GitHub.RoadmapCommit != nil && !snap.GitHub.RoadmapCommit.Date.IsZero() {
		c := snap.GitHub.RoadmapCommit
		sha := c.SHA
		if len(sha) > 7 {
			sha = sha[:7]
		}
		e := fmt.Sprintf("last commit to %s on %s", clip(plaintext.OneLine(p.RoadmapFile), maxEvidenceText), c.Date.UTC().Format("2006-01-02"))
		if p.RoadmapFile == "" {
			e = "last commit to the roadmap file on " + c.Date.UTC().Format("2006-01-02")
		}
		if sha != "" {
			e += " (" + clip(plaintext.OneLine(sha), 12) + ")"
		}
		ev = append(ev, e)
	}
	if !snap.LastModified.IsZero() {
		ev = append(ev, "HTTP Last-Modified "+snap.LastModified.UTC().Format("2006-01-02"))
	}
	if d, ok := newestDate(snap.Dates, roadmap.DateFramed); ok {
		ev = append(ev, fmt.Sprintf("a heading frames the plan in %d: '%s'", d.Date.Year(), clip(plaintext.OneLine(d.Text), maxEvidenceText)))
	}
	if d, ok := newestDate(snap.Dates, roadmap.DateStated); ok {
		ev = append(ev, fmt.Sprintf("page states '%s'", clip(plaintext.OneLine(d.Text), maxEvidenceText)))
	} else if d, ok := newestDate(snap.Dates, roadmap.DateMentioned); ok && basis == BasisPageText {
		ev = append(ev, fmt.Sprintf("text mentions %d ('%s')", d.Date.Year(), clip(plaintext.OneLine(d.Text), maxEvidenceText)))
	}
	return ev
}

func newestIssueUpdate(snap roadmap.ProjectSnapshot) time.Time {
	var newest time.Time
	if snap.GitHub == nil {
		return newest
	}
	for _, it := range snap.GitHub.Issues {
		if it.Issue != nil && it.Issue.Updated.After(newest) {
			newest = it.Issue.Updated
		}
	}
	return newest
}

// noneReason says why a project has no roadmap. It claims there are no
// roadmap-labelled issues only when GitHub was searched: a crawl with
// --no-github (or before the first GitHub answer) leaves gh nil, and a
// skipped or failed search leaves IssuesOK false.
func noneReason(p roadmap.Project, gh *roadmap.GitHubResult) string {
	const none = "no roadmap configured or found"
	switch {
	case p.Repo == "":
		return none + ", and no GitHub repository to search for roadmap issues"
	case gh == nil:
		return none + "; roadmap-labelled issues in " + p.Repo + " not checked (GitHub not queried)"
	case !gh.IssuesOK:
		why := firstNonEmpty(gh.Skipped, gh.Err, "search incomplete")
		return none + "; roadmap-labelled issues in " + p.Repo + " not checked (" + clip(plaintext.OneLine(why), 80) + ")"
	}
	return none + ", and no open roadmap-labelled issues in " + p.Repo
}

// configuredURL is the first configured roadmap page, or the GitHub page of
// roadmap_file.
func configuredURL(p roadmap.Project) string {
	if len(p.Roadmap) > 0 {
		return p.Roadmap[0]
	}
	if p.Repo != "" && p.RoadmapFile != "" {
		return "https://github.com/" + p.Repo + "/blob/HEAD/" + strings.TrimPrefix(p.RoadmapFile, "/")
	}
	return ""
}

func fileURL(snap roadmap.ProjectSnapshot) string {
	if snap.GitHub != nil {
		return snap.GitHub.FileURL
	}
	return ""
}

// issuesURL is the GitHub search for the project's roadmap-labelled issues.
func issuesURL(p roadmap.Project) string {
	if p.Repo == "" {
		return ""
	}
	label := "roadmap"
	if len(p.Labels) > 0 && p.Labels[0] != "" {
		label = p.Labels[0]
	}
	q := "is:issue is:open label:" + label
	if strings.ContainsAny(label, " \t") {
		q = `is:issue is:open label:"` + label + `"`
	}
	return "https://github.com/" + p.Repo + "/issues?q=" + url.QueryEscape(q)
}

// ageDays is the number of calendar days (UTC) from day to now; 0 when day
// is in the future.
func ageDays(day, now time.Time) int {
	return max(roadmap.DaysBetween(day, now), 0) // no saturation at 292 years
}

// age says how long ago a number of days is: "today", "12 days ago",
// "10 months ago", "3 years ago".
func age(days int) string {
	switch {
	case days <= 0:
		return "today"
	case days < 45:
		return plural(days, "day") + " ago"
	case days < 730:
		return plural(int(float64(days)/30.4375+0.5), "month") + " ago"
	default:
		return plural(days/365, "year") + " ago"
	}
}

// durationText writes a threshold in days when it is a whole number of days.
func durationText(d time.Duration) string {
	if d%(24*time.Hour) == 0 {
		return plural(int(d/(24*time.Hour)), "day")
	}
	return d.String()
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// clip shortens s to at most n runes, ending with "…" when cut.
func clip(s string, n int) string {
	i := 0
	for pos := range s {
		if i == n {
			return strings.TrimSpace(s[:pos]) + "…"
		}
		i++
	}
	return s
}
