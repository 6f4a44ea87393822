package assets

import (
	"strings"
	"testing"
)

// TestReportCSSSelfContained: the report is one file sent by e-mail under a
// Content-Security-Policy that forbids loading anything, so its stylesheet
// must not reference outside resources.
func TestReportCSSSelfContained(t *testing.T) {
	if !strings.Contains(ReportCSS, "body{") {
		t.Fatal("report stylesheet is empty or lost its body rule")
	}
	for _, bad := range []string{"url(", "@import", "</style"} {
		if strings.Contains(ReportCSS, bad) {
			t.Errorf("report stylesheet contains %q", bad)
		}
	}
}
