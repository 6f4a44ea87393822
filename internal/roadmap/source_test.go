package roadmap

import "testing"

func TestSourceKinds(t *testing.T) {
	page, gh, other := SourceOf(SourcePage), SourceOf(SourceGitHub), SourceOf("tasks")
	if !page.Document || page.Tracker || !gh.Tracker || gh.Document || gh.Label != "GitHub issue" {
		t.Errorf("page %+v, github %+v", page, gh)
	}
	if !(page.Order < gh.Order && gh.Order < other.Order) || other.Document || other.Tracker {
		t.Errorf("orders %d %d %d; unknown %+v", page.Order, gh.Order, other.Order, other)
	}
	if got, want := SourceOrderSQL("source"), "CASE source WHEN 'page' THEN 0 WHEN 'github' THEN 1 ELSE 2 END"; got != want {
		t.Errorf("SourceOrderSQL = %s, want %s", got, want)
	}
	if got, want := DocumentSourceSQL("i.source"), "i.source IN ('page')"; got != want {
		t.Errorf("DocumentSourceSQL = %s, want %s", got, want)
	}
	if sqlString("it's") != "'it''s'" {
		t.Error("quoting")
	}
}

// TestANewSourceKindIsData: a third kind added to the table is ordered,
// counted and classified without any other change.
func TestANewSourceKindIsData(t *testing.T) {
	saved := SourceKinds
	defer func() { SourceKinds = saved }()
	SourceKinds = append(append([]SourceKind(nil), saved...), SourceKind{Name: "tasks", Order: 1, Document: true})
	if k := SourceOf("tasks"); !k.Document || k.Order != 1 {
		t.Errorf("tasks kind %+v", k)
	}
	if got := DocumentSourceSQL("source"); got != "source IN ('page', 'tasks')" {
		t.Errorf("DocumentSourceSQL = %s", got)
	}
	it := Item{Source: "tasks", Title: "Ship wheels", Issue: &IssueFacts{Number: 3}}
	if got := BaseID("p", it); got != "p/ship-wheels" {
		t.Errorf("a document kind's ID = %s", got)
	}
}
