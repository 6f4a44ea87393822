package audit

import (
	"fmt"
	"slices"
	"time"

	"github.com/roadmapper/roadmapper/internal/plaintext"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// selfDateSlack is how much earlier than its last commit (or Last-Modified)
// a document may date itself before the self-stated date decides.
const selfDateSlack = 365 * 24 * time.Hour

// RoadmapDate picks the date a roadmap was last updated from one snapshot: in
// order the newest commit of roadmap_file (github-commit), the page's HTTP
// Last-Modified (http-last-modified), dates the document gives itself
// (page-text: the newest date it states, else the newest year its title or
// headings frame the plan in, else the newest "mentioned" year). When the document dates
// itself more than a year before its last commit or Last-Modified, the
// self-given date decides and note says so: a typo fix does not make a plan
// framed in 2018 current. A commit or Last-Modified date before 1991 (a
// zero year) is ignored. A zero date and empty basis mean nothing dates
// the roadmap.
func RoadmapDate(s roadmap.ProjectSnapshot) (date time.Time, basis string, note string) {
	d := roadmapDate(s)
	return d.date, d.basis, d.note
}

// RoadmapPrecision is the precision (roadmap.PrecisionDay, Month or Year)
// of the date RoadmapDate picks, so a year the text states is not shown as
// "January 2024".
func RoadmapPrecision(s roadmap.ProjectSnapshot) string {
	return roadmapDate(s).prec
}

// datedBy is the date roadmapDate picks, with how it was found.
type datedBy struct {
	date  time.Time
	prec  string // day for a commit or Last-Modified, else that of the text's date
	basis string
	note  string
	self  roadmap.StatedDate // the text's own date when it decides (Kind stated or framed)
}

// roadmapDate is RoadmapDate with the precision of the date and the
// phrase of the text that decided it, if any.
func roadmapDate(s roadmap.ProjectSnapshot) datedBy {
	self, hasSelf := selfDate(s.Dates)
	var ref time.Time
	var d datedBy
	switch {
	case s.GitHub != nil && s.GitHub.RoadmapCommit != nil && plausible(s.GitHub.RoadmapCommit.Date):
		ref, d.basis = s.GitHub.RoadmapCommit.Date.UTC(), BasisCommit
	case plausible(s.LastModified):
		ref, d.basis = s.LastModified.UTC(), BasisLastModified
	}
	if d.basis != "" {
		d.date, d.prec = ref, roadmap.PrecisionDay
		if hasSelf && ref.Sub(periodEnd(self)) > selfDateSlack {
			return d.overruledBy(self)
		}
		return d
	}
	if hasSelf {
		return datedBy{date: self.Date.UTC(), prec: precisionOf(self), basis: BasisPageText, self: self}
	}
	if m, ok := newestDate(s.Dates, roadmap.DateMentioned); ok {
		return datedBy{date: time.Date(m.Date.Year(), 1, 1, 0, 0, 0, 0, time.UTC), prec: roadmap.PrecisionYear, basis: BasisPageText}
	}
	return datedBy{}
}

// earliestPlausibleYear bounds the commit and Last-Modified dates that
// date a roadmap: an earlier one (a zero time, a server that sends year
// 0000) dates nothing, rather than making a roadmap "2028 years" old.
const earliestPlausibleYear = 1991

// plausible says whether a commit or Last-Modified date can date a roadmap.
func plausible(t time.Time) bool {
	return t.UTC().Year() >= earliestPlausibleYear
}

// selfDate is the date the text gives itself: the newest revision date it
// states, else the newest year its title or headings frame the plan in. A
// framing year beside a stated revision is often a horizon ahead ("2026
// milestones and beyond" in a page updated in 2025), so it never stands
// for when the text was written.
func selfDate(dates []roadmap.StatedDate) (roadmap.StatedDate, bool) {
	if st, ok := newestDate(dates, roadmap.DateStated); ok {
		return st, true
	}
	return newestDate(dates, roadmap.DateFramed)
}

// overruledBy is the date the text gives itself taking the place of a
// commit or Last-Modified date d, with a note that says why.
func (d datedBy) overruledBy(self roadmap.StatedDate) datedBy {
	what := "commit is probably an edit"
	if d.basis == BasisLastModified {
		what = "Last-Modified is probably a site rebuild"
	}
	how := "dates itself " + formatStated(self)
	if self.Kind == roadmap.DateFramed {
		how = fmt.Sprintf("frames the plan in %s ('%s')", formatStated(self), clip(plaintext.OneLine(self.Text), maxEvidenceText))
	}
	return datedBy{date: self.Date.UTC(), prec: precisionOf(self), basis: BasisPageText, self: self,
		note: fmt.Sprintf("the text %s; the %d %s, not a new plan", how, d.date.Year(), what)}
}

// framedTooLong applies the framing rule: a plan whose own framing year
// (its newest self-given date being a framing, not a stated revision) ended
// more than staleAfter before now is dated by that year, however recent
// its last commit.
func framedTooLong(d datedBy, dates []roadmap.StatedDate, staleAfter time.Duration, now time.Time) datedBy {
	self, ok := newestDate(dates, roadmap.DateStated, roadmap.DateFramed)
	if !ok || self.Kind != roadmap.DateFramed || d.self.Kind == roadmap.DateFramed || d.basis == "" || d.basis == BasisPageText {
		return d
	}
	end := lastDay(self.Date.UTC(), roadmap.PrecisionYear)
	if time.Duration(ageDays(end, now))*24*time.Hour <= staleAfter {
		return d
	}
	return d.overruledBy(self)
}

// precisionOf is the precision of a stated date, day when unset.
func precisionOf(d roadmap.StatedDate) string {
	switch d.Precision {
	case roadmap.PrecisionYear, roadmap.PrecisionMonth:
		return d.Precision
	}
	return roadmap.PrecisionDay
}

// lastDay is the last day of the day, month or year that starts at t: a
// document "as of November 2024" may have been written on November 30, so
// its age is counted from then (the benefit of the doubt).
func lastDay(t time.Time, prec string) time.Time {
	switch prec {
	case roadmap.PrecisionYear:
		return time.Date(t.Year(), 12, 31, 0, 0, 0, 0, time.UTC)
	case roadmap.PrecisionMonth:
		return time.Date(t.Year(), t.Month()+1, 0, 0, 0, 0, 0, time.UTC)
	}
	return t
}

// newestDate returns the newest date of the given kinds.
func newestDate(dates []roadmap.StatedDate, kinds ...string) (roadmap.StatedDate, bool) {
	var best roadmap.StatedDate
	found := false
	for _, d := range dates {
		if !slices.Contains(kinds, d.Kind) || d.Date.IsZero() {
			continue
		}
		if !found || d.Date.After(best.Date) {
			best, found = d, true
		}
	}
	return best, found
}

// periodEnd is the end of the day, month or year a stated date names.
func periodEnd(d roadmap.StatedDate) time.Time {
	switch d.Precision {
	case roadmap.PrecisionYear:
		return d.Date.AddDate(1, 0, 0)
	case roadmap.PrecisionMonth:
		return d.Date.AddDate(0, 1, 0)
	default:
		return d.Date.AddDate(0, 0, 1)
	}
}

// formatStated writes a stated date at its precision: "2018",
// "September 2021" or "2021-09-07".
func formatStated(d roadmap.StatedDate) string {
	t := d.Date.UTC()
	switch d.Precision {
	case roadmap.PrecisionYear:
		return t.Format("2006")
	case roadmap.PrecisionMonth:
		return t.Format("January 2006")
	default:
		return t.Format("2006-01-02")
	}
}
