package audit

import (
	"encoding/xml"
	"strings"
	"testing"
)

func TestSurveySVG(t *testing.T) {
	f := []Finding{{Status: StatusGood}, {Status: StatusGood}, {Status: StatusStale}, {Status: StatusNone}, {Status: StatusThin}}
	svg := SurveySVG(f)
	if err := xml.Unmarshal([]byte(svg), new(struct{})); err != nil {
		t.Fatalf("not well-formed XML: %v\n%s", err, svg)
	}
	for _, want := range []string{"good 2", "stale 1", "unreachable 0", Summary(f), `width="192.0"`} {
		if !strings.Contains(svg, want) {
			t.Errorf("SVG lacks %q:\n%s", want, svg)
		}
	}
	if SurveySVG(f) != svg {
		t.Error("not deterministic")
	}
	if got := Counts(f); got[0] != (StatusCount{StatusGood, 2}) || len(got) != len(Statuses) {
		t.Errorf("counts %v", got)
	}
	// No findings: an empty bar, no division by zero.
	if svg := SurveySVG(nil); !strings.Contains(svg, "0 projects") {
		t.Errorf("empty: %s", svg)
	}
}
