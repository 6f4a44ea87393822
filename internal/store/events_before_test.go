package store

import (
	"context"
	"testing"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// TestChangedEventKeepsTheOldText: the event of a changed item says what
// the item said before, so the report can show what changed.
func TestChangedEventKeepsTheOldText(t *testing.T) {
	s, clk := newStore(t)
	d := doc(u1, 10, "Speed")
	save(t, s, clk, withSources(fetched(u1, d, "body one", at(1))))
	d2 := doc(u1, 12, "Speed")
	d2.Items[0].Text = "Speed in full, now with GPU kernels."
	c, _ := save(t, s, clk, withSources(fetched(u1, d2, "body two", at(2))))
	evs, err := s.Events(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 1 || evs[0].Kind != roadmap.EventChanged {
		t.Fatalf("events %+v, want one change", evs)
	}
	if e := evs[0]; e.OldTitle != "Speed" || e.OldText != "Speed in full." {
		t.Errorf("old title %q, old text %q", e.OldTitle, e.OldText)
	}
}
