package roadmap

import (
	"testing"
	"time"
)

func TestDaysBetween(t *testing.T) {
	now := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		from time.Time
		want int
	}{
		{now, 0},
		{time.Date(2026, 12, 2, 23, 59, 0, 0, time.UTC), 1},
		{time.Date(2025, 12, 3, 0, 0, 0, 0, time.UTC), 365},
		{time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC), 740318},
		{time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC), -1},
	}
	for _, tt := range tests {
		if got := DaysBetween(tt.from, now); got != tt.want {
			t.Errorf("DaysBetween(%v) = %d, want %d", tt.from, got, tt.want)
		}
	}
}
