package store

import "testing"

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
