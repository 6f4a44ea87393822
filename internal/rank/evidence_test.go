package rank

import (
	"reflect"
	"testing"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

func page(project, title string, pos int, links ...string) roadmap.Item {
	return roadmap.Item{ID: roadmap.ItemID(project, title), Project: project, Title: title,
		Source: roadmap.SourcePage, Position: pos, Links: links}
}

func issue(project, repo, title string, n, reactions, comments int) roadmap.Item {
	url := "https://github.com/" + repo + "/issues/" + itoa(n)
	return roadmap.Item{ID: roadmap.ItemID(project, "issue "+itoa(n)+" "+title), Project: project, Title: title,
		Source: roadmap.SourceGitHub, URL: url,
		Issue: &roadmap.IssueFacts{Number: n, Reactions: reactions, Comments: comments}}
}

func TestMergeEvidence(t *testing.T) {
	tests := []struct {
		name  string
		items []roadmap.Item
		want  map[string][]string // page ID → evidence "ItemID how"
		left  int                 // items left
	}{
		{
			name: "linked by URL",
			items: []roadmap.Item{
				page("np", "Faster sorting", 0, "https://github.com/np/np/issues/12#issuecomment-1"),
				issue("np", "np/np", "Use radix sort for small ints", 12, 5, 2),
			},
			want: map[string][]string{"np/faster-sorting": {"np/issue-12-use-radix-sort-for-small-ints linked"}},
			left: 1,
		},
		{
			name: "linked by pull number of the same repo",
			items: []roadmap.Item{
				page("np", "Faster sorting", 0, "http://www.GitHub.com/np/np/pull/12/files"),
				issue("np", "np/np", "Use radix sort for small ints", 12, 5, 2),
			},
			want: map[string][]string{"np/faster-sorting": {"np/issue-12-use-radix-sort-for-small-ints linked"}},
			left: 1,
		},
		{
			name: "same number in another repo does not link",
			items: []roadmap.Item{
				page("np", "Faster sorting", 0, "https://github.com/other/np/issues/12"),
				issue("np", "np/np", "Use radix sort for small ints", 12, 5, 2),
			},
			want: map[string][]string{},
			left: 2,
		},
		{
			name: "title jaccard",
			items: []roadmap.Item{
				page("np", "Support for free-threaded Python", 0),
				issue("np", "np/np", "Free-threaded Python support", 7, 1, 1),
			},
			want: map[string][]string{"np/support-for-free-threaded-python": {"np/issue-7-free-threaded-python-support title"}},
			left: 1,
		},
		{
			name: "title containment needs two significant words",
			items: []roadmap.Item{
				page("np", "Sparse arrays", 0),
				page("np", "Documentation", 1),
				issue("np", "np/np", "Add sparse arrays to the linalg module", 8, 1, 1),
				issue("np", "np/np", "Documentation typo in the install page", 9, 1, 1),
			},
			want: map[string][]string{"np/sparse-arrays": {"np/issue-8-add-sparse-arrays-to-the-linalg-module title"}},
			left: 3,
		},
		{
			name: "link beats title",
			items: []roadmap.Item{
				page("np", "GPU support", 0),
				page("np", "Device arrays", 1, "https://github.com/np/np/issues/3"),
				issue("np", "np/np", "GPU support", 3, 1, 1),
			},
			want: map[string][]string{"np/device-arrays": {"np/issue-3-gpu-support linked"}},
			left: 2,
		},
		{
			name: "different projects never merge",
			items: []roadmap.Item{
				page("geo", "Spherical geometry engine", 0, "https://github.com/tab/tab/issues/5"),
				issue("tab", "tab/tab", "Spherical geometry engine", 5, 1, 1),
			},
			want: map[string][]string{},
			left: 2,
		},
		{
			name: "unrelated titles stay apart",
			items: []roadmap.Item{
				page("np", "Typing", 0),
				issue("np", "np/np", "Segfault in einsum", 4, 1, 1),
			},
			want: map[string][]string{},
			left: 2,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := make([]roadmap.Item, len(tc.items))
			copy(before, tc.items)
			out := MergeEvidence(tc.items)
			if len(out) != tc.left {
				t.Errorf("%d items left, want %d", len(out), tc.left)
			}
			got := map[string][]string{}
			for _, it := range out {
				for _, e := range it.Evidence {
					got[it.ID] = append(got[it.ID], e.ItemID+" "+e.How)
				}
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("evidence %v, want %v", got, tc.want)
			}
			if !reflect.DeepEqual(before, tc.items) {
				t.Error("input modified")
			}
		})
	}
}

func TestMergeEvidenceCarriesCounts(t *testing.T) {
	out := MergeEvidence([]roadmap.Item{
		page("np", "Faster sorting", 0, "https://github.com/np/np/issues/12"),
		issue("np", "np/np", "Radix sort", 12, 5, 2),
	})
	want := roadmap.Evidence{ItemID: "np/issue-12-radix-sort", Title: "Radix sort",
		URL: "https://github.com/np/np/issues/12", Reactions: 5, Comments: 2, How: HowLinked}
	if len(out) != 1 || len(out[0].Evidence) != 1 || out[0].Evidence[0] != want {
		t.Fatalf("got %+v", out)
	}
	d, label := demand(&out[0])
	if d <= 0 || label != "demand: 5 reactions, 2 comments on 1 issue" {
		t.Errorf("demand %v %q", d, label)
	}
}

func TestMergeEvidenceIsOrderIndependent(t *testing.T) {
	items := []roadmap.Item{
		page("np", "GPU support", 0),
		page("np", "GPU support for ufuncs", 1),
		issue("np", "np/np", "GPU support", 3, 1, 1),
		issue("np", "np/np", "GPU support in ufuncs", 4, 1, 1),
	}
	want := MergeEvidence(items)
	rev := []roadmap.Item{items[3], items[2], items[1], items[0]}
	got := MergeEvidence(rev)
	m := func(list []roadmap.Item) map[string][]roadmap.Evidence {
		out := map[string][]roadmap.Evidence{}
		for _, it := range list {
			out[it.ID] = it.Evidence
		}
		return out
	}
	if !reflect.DeepEqual(m(got), m(want)) {
		t.Errorf("order changed the merge:\n%v\n%v", m(got), m(want))
	}
}

// TestMergeEvidenceIssueLinksSection: an issue whose body links to a
// roadmap section (the page URL with the section's anchor) is evidence on
// that section even when its title says it differently; a "Roadmap item:"
// label does not stop a title match.
func TestMergeEvidenceIssueLinksSection(t *testing.T) {
	items := []roadmap.Item{
		{ID: "p/sparse", Project: "p", Title: "Sparse arrays", URL: "https://p.example.org/roadmap.html#sparse-arrays", Source: roadmap.SourcePage},
		{ID: "p/gpu", Project: "p", Title: "GPU support", URL: "https://p.example.org/roadmap.html#gpu-support", Source: roadmap.SourcePage, Position: 1},
		{ID: "p/issue-9", Project: "p", Title: "Replace the matrix classes", URL: "https://github.com/p/p/issues/9", Source: roadmap.SourceGitHub,
			Links: []string{"http://www.p.example.org/roadmap.html#sparse-arrays"}, Issue: &roadmap.IssueFacts{Number: 9, Reactions: 5}},
		{ID: "p/issue-10", Project: "p", Title: "Roadmap item: GPU support", URL: "https://github.com/p/p/issues/10", Source: roadmap.SourceGitHub,
			Issue: &roadmap.IssueFacts{Number: 10}},
		{ID: "p/issue-11", Project: "p", Title: "Faster CSV", URL: "https://github.com/p/p/issues/11", Source: roadmap.SourceGitHub,
			Links: []string{"https://p.example.org/roadmap.html"}, Issue: &roadmap.IssueFacts{Number: 11}},
	}
	out := MergeEvidence(items)
	if len(out) != 3 {
		t.Fatalf("%d items, want 3 (two issues merged): %v", len(out), out)
	}
	if ev := out[0].Evidence; len(ev) != 1 || ev[0].ItemID != "p/issue-9" || ev[0].How != HowLinked || ev[0].Reactions != 5 {
		t.Errorf("sparse evidence %+v", ev)
	}
	if ev := out[1].Evidence; len(ev) != 1 || ev[0].ItemID != "p/issue-10" || ev[0].How != HowTitle {
		t.Errorf("gpu evidence %+v", ev)
	}
	if out[2].ID != "p/issue-11" {
		t.Errorf("an issue linking only to the page (no anchor) stays an item: %v", out[2].ID)
	}
}
