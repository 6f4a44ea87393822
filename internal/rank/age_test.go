package rank

import (
	"strings"
	"testing"
	"time"
)

// TestFreshnessOfYearZero: a date in year 0000 is about 2,027 years ago,
// not "292.3 years ago" (time.Duration saturating).
func TestFreshnessOfYearZero(t *testing.T) {
	now := time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)
	got := freshnessLabel(time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC), "roadmap", now)
	if !strings.Contains(got, "2026.9 years ago") {
		t.Errorf("label = %q", got)
	}
}
