package roadmap

import (
	"reflect"
	"testing"
)

func doc(titles ...string) *Document {
	d := &Document{}
	for i, t := range titles {
		d.Items = append(d.Items, Item{Title: t, Position: i})
	}
	return d
}

func stored(project, srcURL, source, title string) StoredItem {
	return StoredItem{Item: Item{ID: ItemID(project, title), Project: project, Source: source, Title: title}, SrcURL: srcURL}
}

func ids(items []NewItem) []string {
	var out []string
	for _, e := range items {
		out = append(out, e.ID)
	}
	return out
}

func TestMergeFirstCrawl(t *testing.T) {
	res := ProjectResult{Project: "p",
		Sources: []SourceResult{{URL: "https://p.org/a", Document: doc("Speed", "Docs")}, {URL: "https://p.org/b", Document: doc("Docs")}},
		GitHub:  &GitHubResult{IssuesOK: true, Issues: []Item{{Title: "Docs", Issue: &IssueFacts{Number: 4}}}},
	}
	set := MergeItems(res, nil)
	if !set.Documents || !set.Trackers {
		t.Errorf("a crawl that read both speaks for both: %+v", set)
	}
	want := []string{"p/speed", "p/docs", "p/docs-2", "p/issue-4-docs"}
	if got := ids(set.Items); !reflect.DeepEqual(got, want) {
		t.Errorf("IDs %v, want %v (unique across sources)", got, want)
	}
	for _, e := range set.Items[:3] {
		if e.Source != SourcePage || e.Project != "p" || e.DocURL != e.SrcURL || e.Kept {
			t.Errorf("section %+v", e)
		}
	}
	if is := set.Items[3]; is.Source != SourceGitHub || is.SrcURL != "" {
		t.Errorf("issue %+v", is)
	}
	if len(set.Removed(nil)) != 0 {
		t.Error("nothing to remove on a first crawl")
	}
}

func TestMergeCarriesOver(t *testing.T) {
	current := []StoredItem{
		stored("p", "https://p.org/a", SourcePage, "Speed"),
		stored("p", "https://p.org/b", SourcePage, "Typing"),
		stored("p", "https://p.org/c", SourcePage, "Old plan"),
		stored("p", "", SourceGitHub, "An issue"),
	}
	res := ProjectResult{Project: "p", Sources: []SourceResult{
		{URL: "https://p.org/a", NotModified: true},      // 304: kept and confirmed
		{URL: "https://p.org/b", Err: "HTTP 503"},        // failed: kept as it was
		{URL: "https://p.org/c", Document: doc("Speed")}, // re-parsed: replaced
	}} // GitHub not asked: issues stay
	set := MergeItems(res, current)
	if set.Trackers || !set.Documents {
		t.Errorf("speaks for documents only: %+v", set)
	}
	got := map[string]NewItem{}
	for _, e := range set.Items {
		got[e.ID] = e
	}
	if e := got["p/speed"]; !e.Kept || !e.Seen {
		t.Errorf("304 item %+v: want kept and seen", e)
	}
	if e := got["p/typing"]; !e.Kept || e.Seen {
		t.Errorf("failed source's item %+v: want kept, not seen", e)
	}
	if e := got["p/an-issue"]; !e.Kept {
		t.Errorf("issue not kept when GitHub was not read: %+v", e)
	}
	// The re-parsed "Speed" of c may not take a's ID.
	if e := got["p/speed-2"]; e.Kept || e.SrcURL != "https://p.org/c" {
		t.Errorf("re-parsed item %+v", e)
	}
	removed := set.Removed(current)
	if len(removed) != 1 || removed[0].ID != "p/old-plan" {
		t.Errorf("removed %v, want only p/old-plan", removed)
	}
}

func TestMergeSpeaksOnlyForWhatWasRead(t *testing.T) {
	current := []StoredItem{stored("p", "https://p.org/a", SourcePage, "Speed"), stored("p", "", SourceGitHub, "Gone issue")}
	// No roadmap source at all, the tracker read and empty.
	set := MergeItems(ProjectResult{Project: "p", GitHub: &GitHubResult{IssuesOK: true}}, current)
	if set.Documents || !set.Trackers {
		t.Errorf("%+v", set)
	}
	removed := set.Removed(current)
	if len(removed) != 1 || removed[0].ID != "p/gone-issue" || len(set.Items) != 1 || set.Items[0].ID != "p/speed" {
		t.Errorf("items %v, removed %v", ids(set.Items), removed)
	}
}

func TestMergeKeepsAGivenKind(t *testing.T) {
	d := doc("Ship wheels")
	d.Items[0].Source = "tasks"
	set := MergeItems(ProjectResult{Project: "p", Sources: []SourceResult{{URL: "https://p.org/tasks.yaml", Document: d}}}, nil)
	if set.Items[0].Source != "tasks" {
		t.Errorf("kind %q, want the one given", set.Items[0].Source)
	}
}
