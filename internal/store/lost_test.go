package store

import (
	"context"
	"slices"
	"testing"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// TestNotModifiedNeverEmptiesAProject: a 304 for a URL the project keeps
// no items of (another project's page, or its own page swapped away and
// back) would leave it with nothing. The project is saved as failed, "lost
// all items from URL", keeps its items, and the next crawl is unconditional.
func TestNotModifiedNeverEmptiesAProject(t *testing.T) {
	ctx := context.Background()
	s, clk := newStore(t)
	save(t, s, clk, withSources(fetched(u1, doc(u1, 1, "Alpha", "Beta"), "body one", at(1))))
	before := currentIDs(t, s, "p")

	c, changes := save(t, s, clk, withSources(notModified(u2, at(2))))
	if changes[0].LostFrom != u2 || changes[0].Removed != 0 {
		t.Errorf("changes = %+v, want lost from %s and nothing removed", changes[0], u2)
	}
	if got := currentIDs(t, s, "p"); !slices.Equal(got, before) {
		t.Errorf("items after the empty 304 = %v, want %v", got, before)
	}
	sn, err := s.Snapshots(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	if got := sn["p"]; got.Status != roadmap.StatusFailed || got.Err != "lost all items from "+u2 || got.Items != 2 {
		t.Errorf("snapshot = %s %q %d items, want failed, lost all items from %s, 2 items", got.Status, got.Err, got.Items, u2)
	}

	// A 304 for the URL it keeps items of is fine.
	_, changes = save(t, s, clk, withSources(notModified(u1, at(3))))
	if changes[0].LostFrom != "" {
		t.Errorf("a 304 with items to keep was reported lost: %+v", changes[0])
	}
	// A document without items for a URL that had items is a loss too.
	_, changes = save(t, s, clk, withSources(fetched(u1, doc(u1, 1), "empty page", at(4))))
	if changes[0].LostFrom != u1 || len(currentIDs(t, s, "p")) != 2 {
		t.Errorf("empty document: changes %+v, items %v", changes[0], currentIDs(t, s, "p"))
	}
}
