package extract

import (
	"strings"
	"testing"
)

// TestGroupSectionsSplit: a section that only introduces its sub-sections
// gives one item per sub-section; a section with real text of its own keeps
// its sub-sections as points.
func TestGroupSectionsSplit(t *testing.T) {
	src := `# Quasar plans

## Points still waiting for a proposal

The points below have no proposal yet.

### Sparse kernels

Write sparse kernels for the solver so that large, mostly empty systems fit in memory and solve quickly on one machine.

### Unit-aware arrays

Carry physical units through every operation, so that a metre never gets added to a second by mistake in a long pipeline.

## Performance

Quasar should be fast on every platform it supports, from laptops to clusters, and the project measures every release for regressions before it ships.

### Benchmarks

Nightly benchmarks.

### Profiling

A profiling guide.
`
	doc, err := Extract("https://quasar.example.org/plans.md", "text/markdown", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if got := itemTitles(doc); got != "Sparse kernels|Unit-aware arrays|Performance" {
		t.Errorf("items %q", got)
	}
	if !strings.HasSuffix(doc.Items[0].URL, "#sparse-kernels") {
		t.Errorf("split item keeps its own anchor: %s", doc.Items[0].URL)
	}
	if p := doc.Items[2].Points; len(p) != 2 {
		t.Errorf("Performance points %v", p)
	}
}

// TestListSectionSplit: a section that is one list of titled, substantial
// entries gives one item per entry; a list of fragments stays one item.
func TestListSectionSplit(t *testing.T) {
	src := `# Quasar plans

## General goals

1. Better handling of missing values. Every estimator should accept missing values and say clearly which ones it drops and why it drops them.
2. Faster start-up. Importing Quasar takes two seconds on a cold cache; lazy loading of the submodules would bring it well under half a second.
3. Plugin registry: third-party kernels should register themselves through entry points and be listed by a single command for users.
4. Stable serialisation. Saved models should load in the next two releases, with a documented format and a version check on load.

## Small things

- logging
- nicer errors
- a logo
`
	doc, err := Extract("https://quasar.example.org/plans.md", "text/markdown", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := "Better handling of missing values|Faster start-up|Plugin registry|Stable serialisation|Small things"
	if got := itemTitles(doc); got != want {
		t.Errorf("items %q, want %q", got, want)
	}
	if !strings.HasSuffix(doc.Items[1].URL, "#general-goals") {
		t.Errorf("list item URL %s should point at its section", doc.Items[1].URL)
	}
}

func TestListTitle(t *testing.T) {
	cases := []struct{ in, title string }{
		{"Passing extra data: sample weights", "Passing extra data: sample weights"},
		{"Faster sorting. It is slow now.", "Faster sorting"},
		{"An entry whose first sentence runs on for far too long to be any kind of sensible title at all. More.", "An entry whose first sentence runs on for far too long to be any kind of…"},
	}
	for _, c := range cases {
		if got, _ := listTitle(c.in); got != c.title {
			t.Errorf("listTitle(%q) = %q, want %q", c.in, got, c.title)
		}
	}
}

// TestSplitTitlesUnique: sub-sections promoted from two groups that share
// their headings, or with a heading that means nothing alone, are titled
// by their group, so a project's items never share a title; the anchor is
// the sub-section's own.
func TestSplitTitlesUnique(t *testing.T) {
	src := `# Quasar plans

## Focus areas

### Core engine

The engine that every other part of Quasar is built on, its speed and its memory use on large inputs.

### Desktop viewer

The viewer people open every day, its menus, its keyboard shortcuts and its plugins for file formats.

## Funded deliverables

### Core engine

Rewrite the scheduler so that long pipelines stream their data instead of holding every step in memory.

### Desktop viewer

Ship a viewer that opens a hundred-gigabyte volume in seconds on an ordinary laptop with a modest GPU.

## Timeline

### 2026

Release the new scheduler and the first version of the streaming reader for the three most used formats.

### Later years

Reach parity between the desktop viewer and the browser viewer, then retire the legacy plugin interface.
`
	doc, err := Extract("https://quasar.example.org/plans.md", "text/markdown", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := "Focus areas: Core engine|Focus areas: Desktop viewer|Funded deliverables: Core engine|Funded deliverables: Desktop viewer|Timeline: 2026|Later years"
	if got := itemTitles(doc); got != want {
		t.Errorf("items\n got %q\nwant %q", got, want)
	}
	if !strings.HasSuffix(doc.Items[2].URL, "#core-engine-1") && !strings.HasSuffix(doc.Items[2].URL, "#core-engine") {
		t.Errorf("qualified item keeps its own anchor: %s", doc.Items[2].URL)
	}
}
