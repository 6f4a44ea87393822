package roadmap

import (
	"testing"
	"time"
)

func TestItemUpdated(t *testing.T) {
	roadmapDate := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	issueDate := time.Date(2026, 10, 2, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		it   Item
		day  time.Time
		when time.Time
		what string
	}{
		{"page item", Item{Source: SourcePage}, roadmapDate, roadmapDate, "roadmap"},
		{"issue", Item{Source: SourceGitHub, Issue: &IssueFacts{Updated: issueDate}}, roadmapDate, issueDate, "issue"},
		{"issue without a date", Item{Source: SourceGitHub, Issue: &IssueFacts{}}, roadmapDate, roadmapDate, "roadmap"},
		{"a new source kind with issue facts", Item{Source: "tasks", Issue: &IssueFacts{Updated: issueDate}}, time.Time{}, issueDate, "issue"},
		{"nothing known", Item{Source: SourcePage}, time.Time{}, time.Time{}, "roadmap"},
	}
	for _, tt := range tests {
		when, what := ItemUpdated(&tt.it, tt.day)
		if !when.Equal(tt.when) || what != tt.what {
			t.Errorf("%s: %v %q, want %v %q", tt.name, when, what, tt.when, tt.what)
		}
	}
}
