package audit

import (
	"testing"
	"time"
)

func TestAgeOfYearZero(t *testing.T) {
	now := time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)
	if got := age(ageDays(time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC), now)); got != "2028 years ago" {
		t.Errorf("age = %q", got)
	}
}
