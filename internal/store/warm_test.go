package store

import (
	"context"
	"testing"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// TestSaveReusesStatements checks that a second save prepares no statement
// the first one prepared: the store keeps them across transactions.
func TestSaveReusesStatements(t *testing.T) {
	s, clk := newStore(t)
	save(t, s, clk, page(1, "Alpha", "Beta"))
	if len(s.stmts) == 0 {
		t.Fatal("the store kept no statement after a save")
	}
	res := withSources(notModified(u1, at(2)))
	save(t, s, clk, res)
	save(t, s, clk, res)
	first := len(s.stmts)
	save(t, s, clk, res)
	if len(s.stmts) != first {
		t.Errorf("a third unchanged save prepared %d new statements", len(s.stmts)-first)
	}
	if got := currentIDs(t, s, "p"); len(got) != 2 {
		t.Errorf("items after 304s = %v", got)
	}
}

// TestEventsCounting: the additions of document sections in the projects
// named are counted instead of returned; everything else comes back as
// Events returns it.
func TestEventsCounting(t *testing.T) {
	s, clk := newStore(t)
	ctx := context.Background()
	p := withGitHub(page(1, "Alpha", "Beta"), ghOK(issue(5, "Issue five", 1)))
	q := page(1, "Gamma")
	q.Project = "q"
	c1, _ := save(t, s, clk, p, q)
	q2 := page(2, "Delta")
	q2.Project = "q"
	c2, _ := save(t, s, clk, q2)

	counts, err := s.EventCounts(ctx, c1)
	if err != nil || counts["p"][roadmap.EventAdded] != 3 || counts["q"][roadmap.EventAdded] != 1 || len(counts) != 2 {
		t.Errorf("EventCounts(crawl 1) = %v, %v", counts, err)
	}
	if counts, _ := s.EventCounts(ctx, c2); counts["q"][roadmap.EventAdded] != 1 || counts["q"][roadmap.EventRemoved] != 1 {
		t.Errorf("EventCounts(crawl 2) = %v", counts)
	}
	all, err := s.Events(ctx, c1)
	if err != nil || len(all) != 4 {
		t.Fatalf("Events = %d events, %v", len(all), err)
	}
	evs, counted, err := s.EventsCounting(ctx, c1, []string{"p", "q"})
	if err != nil || len(evs) != 1 || evs[0].Source != roadmap.SourceGitHub || evs[0] != all[2] {
		t.Errorf("EventsCounting kept %+v, %v; want the issue's addition only", evs, err)
	}
	if counted["p"] != 2 || counted["q"] != 1 {
		t.Errorf("counted %v, want p 2 and q 1", counted)
	}
	if evs, counted, _ := s.EventsCounting(ctx, c1, []string{"q"}); len(evs) != 3 || counted["q"] != 1 || len(counted) != 1 {
		t.Errorf("counting q only: %d events, counted %v", len(evs), counted)
	}
}
