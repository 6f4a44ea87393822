package app

import (
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

func TestStaleCaveat(t *testing.T) {
	sep := time.Date(2021, 9, 7, 0, 0, 0, 0, time.UTC)
	if got := staleCaveat(sep, ""); got != "Roadmap last updated September 2021; ask us about its current state." {
		t.Errorf("month: %q", got)
	}
	if got := staleCaveat(sep, roadmap.PrecisionYear); got != "Roadmap last updated in 2021; ask us about its current state." {
		t.Errorf("year: %q", got)
	}
}
