package roadmap

import "testing"

func TestSlug(t *testing.T) {
	cases := map[string]string{
		"Array API & DLPack support": "array-api-dlpack-support",
		"  Performance  ":            "performance",
		"Écosystème":                 "ecosysteme",
		"¶":                          "item",
		"C++ / Cython":               "c-cython",
		"数组 API":                     "数组-api",
	}
	for in, want := range cases {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAssignIDsUnique(t *testing.T) {
	items := []Item{{Title: "Docs"}, {Title: "docs"}, {Title: "Speed"}, {Title: "Fix", Source: SourceGitHub, Issue: &IssueFacts{Number: 42}}}
	AssignIDs("numpy", items)
	want := []string{"numpy/docs", "numpy/docs-2", "numpy/speed", "numpy/issue-42-fix"}
	for i, w := range want {
		if items[i].ID != w || items[i].Project != "numpy" {
			t.Errorf("item %d: id %q project %q, want %q", i, items[i].ID, items[i].Project, w)
		}
	}
}
