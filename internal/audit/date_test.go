package audit

import (
	"strings"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

func TestRoadmapDate(t *testing.T) {
	stated := func(d time.Time, prec string) roadmap.StatedDate {
		return roadmap.StatedDate{Date: d, Precision: prec, Kind: roadmap.DateStated, Text: "stated"}
	}
	mentioned := func(d time.Time) roadmap.StatedDate {
		return roadmap.StatedDate{Date: d, Precision: roadmap.PrecisionYear, Kind: roadmap.DateMentioned, Text: "in a year"}
	}
	tests := []struct {
		name    string
		snap    roadmap.ProjectSnapshot
		want    time.Time
		basis   string
		noteHas string
	}{
		{name: "nothing", snap: roadmap.ProjectSnapshot{}, basis: ""},
		{name: "commit beats last-modified and text",
			snap: roadmap.ProjectSnapshot{GitHub: commit(day(2025, 3, 2)), LastModified: day(2026, 1, 1),
				Dates: []roadmap.StatedDate{stated(day(2025, 1, 1), roadmap.PrecisionMonth)}},
			want: day(2025, 3, 2).Add(14 * time.Hour), basis: BasisCommit},
		{name: "last-modified when no commit",
			snap: roadmap.ProjectSnapshot{LastModified: day(2026, 1, 1), GitHub: &roadmap.GitHubResult{}},
			want: day(2026, 1, 1), basis: BasisLastModified},
		{name: "newest stated date",
			snap: roadmap.ProjectSnapshot{Dates: []roadmap.StatedDate{
				stated(day(2021, 9, 7), roadmap.PrecisionDay), stated(day(2023, 5, 1), roadmap.PrecisionMonth), mentioned(day(2030, 1, 1))}},
			want: day(2023, 5, 1), basis: BasisPageText},
		{name: "newest mentioned year when nothing stated",
			snap: roadmap.ProjectSnapshot{Dates: []roadmap.StatedDate{mentioned(day(2019, 1, 1)),
				{Date: day(2022, 6, 1), Precision: roadmap.PrecisionMonth, Kind: roadmap.DateMentioned}}},
			want: day(2022, 1, 1), basis: BasisPageText},
		{name: "self-dated much earlier than commit",
			snap: roadmap.ProjectSnapshot{GitHub: commit(day(2025, 3, 2)),
				Dates: []roadmap.StatedDate{stated(day(2018, 1, 1), roadmap.PrecisionYear)}},
			want: day(2018, 1, 1), basis: BasisPageText,
			noteHas: "the text dates itself 2018; the 2025 commit is probably an edit, not a new plan"},
		{name: "self-dated earlier than last-modified",
			snap: roadmap.ProjectSnapshot{LastModified: day(2026, 11, 20),
				Dates: []roadmap.StatedDate{stated(day(2021, 9, 7), roadmap.PrecisionDay)}},
			want: day(2021, 9, 7), basis: BasisPageText, noteHas: "site rebuild"},
		// napari: "Updated: October 27, 2025" under a heading "2026
		// milestones and beyond", served with a Last-Modified of a rebuild
		// 13 months later. The horizon is not when the page was written.
		{name: "a framing horizon does not hide an older stated revision",
			snap: roadmap.ProjectSnapshot{LastModified: day(2026, 12, 3),
				Dates: []roadmap.StatedDate{stated(day(2025, 10, 27), roadmap.PrecisionDay),
					{Date: day(2026, 1, 1), Precision: roadmap.PrecisionYear, Kind: roadmap.DateFramed, Text: "2026 milestones and beyond"}}},
			want: day(2025, 10, 27), basis: BasisPageText, noteHas: "the text dates itself 2025-10-27; the 2026 Last-Modified is probably a site rebuild"},
		{name: "self-dated within a year of commit: commit decides",
			// year 2024 ends 2025-01-01; commit 2025-12-30 is 363 days later.
			snap: roadmap.ProjectSnapshot{GitHub: commit(day(2025, 12, 30)),
				Dates: []roadmap.StatedDate{stated(day(2024, 1, 1), roadmap.PrecisionYear)}},
			want: day(2025, 12, 30).Add(14 * time.Hour), basis: BasisCommit},
		{name: "mentioned years never override a commit",
			snap: roadmap.ProjectSnapshot{GitHub: commit(day(2025, 3, 2)), Dates: []roadmap.StatedDate{mentioned(day(2010, 1, 1))}},
			want: day(2025, 3, 2).Add(14 * time.Hour), basis: BasisCommit},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, basis, note := RoadmapDate(tc.snap)
			if !got.Equal(tc.want) || basis != tc.basis {
				t.Errorf("RoadmapDate = %v, %q; want %v, %q", got, basis, tc.want, tc.basis)
			}
			if tc.noteHas == "" && note != "" {
				t.Errorf("note = %q, want none", note)
			}
			if !strings.Contains(note, tc.noteHas) {
				t.Errorf("note = %q, want it to contain %q", note, tc.noteHas)
			}
		})
	}
}
