package cli

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/roadmapper/roadmapper/internal/app"
)

// TestSayLeftOut: a reason shared by many projects names the first ten and
// counts the rest; other reasons are always named; --verbose names all.
func TestSayLeftOut(t *testing.T) {
	var left []app.LeftOut
	for i := range 15 {
		left = append(left, app.LeftOut{Project: fmt.Sprintf("p%02d", i), Reason: "no item scores 0.34 or more for this client (min_score)"})
		if i == 3 {
			left = append(left, app.LeftOut{Project: "old", Reason: "stale roadmap (updated 5 years ago); --include-stale keeps it"})
		}
	}
	for _, verbose := range []bool{false, true} {
		var buf bytes.Buffer
		a := &App{Stderr: &buf, verbose: verbose}
		a.sayLeftOut("x.pdf", left)
		lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
		want := 12 // ten named, the stale one, the count
		if verbose {
			want = 16
		}
		if len(lines) != want {
			t.Fatalf("verbose %v: %d lines, want %d:\n%s", verbose, len(lines), want, buf.String())
		}
		if !strings.Contains(buf.String(), "x.pdf: left out old: stale roadmap") {
			t.Errorf("verbose %v: the stale project is not named:\n%s", verbose, buf.String())
		}
		last := lines[len(lines)-1]
		if !verbose && last != "x.pdf: left out 5 more projects: no item scores 0.34 or more for this client (min_score) (--verbose names them)" {
			t.Errorf("count line: %q", last)
		}
		if verbose && !strings.Contains(last, "left out p14:") {
			t.Errorf("verbose: last line %q", last)
		}
	}
}
