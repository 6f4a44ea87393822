package audit

import (
	"strings"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// TestYearZeroDatesNothing: a Last-Modified or commit date in year 0000 (a
// misconfigured server, a broken answer) is no date: the roadmap reads as
// of unknown date, or is dated by the next basis, never "2028 years ago".
func TestYearZeroDatesNothing(t *testing.T) {
	p := roadmap.Project{Slug: "p", Roadmap: []string{"https://p.example.org/"}}
	zero := time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC)
	classify := func(snap roadmap.ProjectSnapshot) Finding {
		snap.Status, snap.Items, snap.Words = roadmap.StatusFetched, 5, 500
		return Classify([]roadmap.Project{p}, map[string][]roadmap.ProjectSnapshot{"p": {snap}}, DefaultSettings(), now)[0]
	}
	f := classify(roadmap.ProjectSnapshot{LastModified: zero})
	if !strings.Contains(f.Reason, "date unknown") || strings.Contains(f.Reason, "years") || f.LastUpdated != nil || f.Status == StatusStale {
		t.Errorf("Last-Modified in year 0: %s %q, last updated %v", f.Status, f.Reason, f.LastUpdated)
	}
	f = classify(roadmap.ProjectSnapshot{LastModified: daysAgo(12),
		GitHub: &roadmap.GitHubResult{RoadmapCommit: &roadmap.Commit{SHA: "abc", Date: zero}}})
	if !strings.Contains(f.Reason, "updated 12 days ago") || f.LastUpdatedBasis == nil || *f.LastUpdatedBasis != BasisLastModified {
		t.Errorf("commit in year 0: %q, basis %v; want dated by Last-Modified", f.Reason, f.LastUpdatedBasis)
	}
}
