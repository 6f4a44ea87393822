package roadmap

import (
	"reflect"
	"testing"
)

func page(title string) Item { return Item{Title: title, Source: SourcePage} }

func issue(n int, title string) Item {
	return Item{Title: title, Source: SourceGitHub, Issue: &IssueFacts{Number: n}}
}

func TestAssignProjectIDs(t *testing.T) {
	tests := []struct {
		name  string
		items []Item
		keep  []bool
		want  []string
	}{
		{name: "repeats and a title that looks like a repeat",
			items: []Item{page("Foo"), page("Foo"), page("Foo 2")},
			want:  []string{"p/foo", "p/foo-3", "p/foo-2"}},
		{name: "three repeats",
			items: []Item{page("Docs"), page("docs"), page("DOCS"), page("Speed")},
			want:  []string{"p/docs", "p/docs-2", "p/docs-3", "p/speed"}},
		{name: "page section named like a GitHub issue",
			items: []Item{page("Issue 5: Metadata issue"), issue(5, "Metadata issue")},
			want:  []string{"p/issue-5-metadata-issue", "p/issue-5-metadata-issue-2"}},
		{name: "suffix chain around other bases",
			items: []Item{page("A"), page("A"), page("A 2"), page("A 3"), page("A")},
			want:  []string{"p/a", "p/a-4", "p/a-2", "p/a-3", "p/a-5"}},
		{name: "kept IDs of an unchanged source stay and are avoided",
			items: []Item{{ID: "p/foo", Title: "Foo", Source: SourcePage}, page("Foo"), page("Bar")},
			keep:  []bool{true, false, false},
			want:  []string{"p/foo", "p/foo-2", "p/bar"}},
		{name: "a kept ID equal to a new base",
			items: []Item{{ID: "p/foo-2", Title: "Foo", Source: SourcePage}, page("Foo 2"), page("Foo")},
			keep:  []bool{true, false, false},
			want:  []string{"p/foo-2", "p/foo-2-2", "p/foo"}},
		{name: "issues",
			items: []Item{issue(42, "Fix"), issue(43, "Fix"), page("Fix")},
			want:  []string{"p/issue-42-fix", "p/issue-43-fix", "p/fix"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items := append([]Item(nil), tt.items...)
			AssignProjectIDs("p", items, tt.keep)
			var got []string
			seen := map[string]bool{}
			for _, it := range items {
				got = append(got, it.ID)
				if seen[it.ID] {
					t.Errorf("ID %s given twice", it.ID)
				}
				seen[it.ID] = true
				if it.Project != "p" {
					t.Errorf("project %q", it.Project)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("IDs %v, want %v", got, tt.want)
			}
			// Stable: the same input gives the same IDs.
			again := append([]Item(nil), tt.items...)
			AssignProjectIDs("p", again, tt.keep)
			for i := range again {
				if again[i].ID != items[i].ID {
					t.Errorf("unstable: %s then %s", items[i].ID, again[i].ID)
				}
			}
		})
	}
}
