package audit

import (
	"fmt"
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// selfDateSlack is how much earlier than its last commit (or Last-Modified)
// a document may date itself before the self-stated date decides.
const selfDateSlack = 365 * 24 * time.Hour

// RoadmapDate picks the date a roadmap was last updated from one snapshot: in
// order the newest commit of roadmap_file (github-commit), the page's HTTP
// Last-Modified (http-last-modified), dates the document states about itself
// (page-text: kind "stated" first, newest; else the newest "mentioned" year).
// When the document dates itself more than a year before its last commit or
// Last-Modified, the self-stated date decides and note says so. A zero date
// and empty basis mean nothing dates the roadmap.
func RoadmapDate(s roadmap.ProjectSnapshot) (date time.Time, basis string, note string) {
	date, _, basis, note = roadmapDate(s)
	return date, basis, note
}

// RoadmapPrecision is the precision (roadmap.PrecisionDay, Month or Year)
// of the date RoadmapDate picks, so a year the text states is not shown as
// "January 2024".
func RoadmapPrecision(s roadmap.ProjectSnapshot) string {
	_, prec, _, _ := roadmapDate(s)
	return prec
}

// roadmapDate is RoadmapDate with the precision of the date: day for a
// commit or Last-Modified, else that of the stated date, year for a
// mentioned year.
func roadmapDate(s roadmap.ProjectSnapshot) (date time.Time, prec, basis, note string) {
	stated, hasStated := newestDate(s.Dates, roadmap.DateStated)
	var ref time.Time
	switch {
	case s.GitHub != nil && s.GitHub.RoadmapCommit != nil && !s.GitHub.RoadmapCommit.Date.IsZero():
		ref, basis = s.GitHub.RoadmapCommit.Date.UTC(), BasisCommit
	case !s.LastModified.IsZero():
		ref, basis = s.LastModified.UTC(), BasisLastModified
	}
	if basis != "" {
		if hasStated && ref.Sub(periodEnd(stated)) > selfDateSlack {
			what := "commit is probably an edit"
			if basis == BasisLastModified {
				what = "Last-Modified is probably a site rebuild"
			}
			note = fmt.Sprintf("the text dates itself %s; the %d %s, not a new plan",
				formatStated(stated), ref.Year(), what)
			return stated.Date.UTC(), precisionOf(stated), BasisPageText, note
		}
		return ref, roadmap.PrecisionDay, basis, ""
	}
	if hasStated {
		return stated.Date.UTC(), precisionOf(stated), BasisPageText, ""
	}
	if m, ok := newestDate(s.Dates, roadmap.DateMentioned); ok {
		return time.Date(m.Date.Year(), 1, 1, 0, 0, 0, 0, time.UTC), roadmap.PrecisionYear, BasisPageText, ""
	}
	return time.Time{}, "", "", ""
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

// newestDate returns the newest date of the given kind.
func newestDate(dates []roadmap.StatedDate, kind string) (roadmap.StatedDate, bool) {
	var best roadmap.StatedDate
	found := false
	for _, d := range dates {
		if d.Kind != kind || d.Date.IsZero() {
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
