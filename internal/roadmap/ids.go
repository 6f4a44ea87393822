package roadmap

// BaseID is the ID an item asks for before collisions are resolved:
// "<project>/<slug of title>", or "<project>/issue-N-<slug of title>" for a
// tracker issue (a GitHub issue).
func BaseID(project string, it Item) string {
	if SourceOf(it.Source).Tracker && it.Issue != nil {
		return ItemID(project, "issue "+itoa(it.Issue.Number)+" "+it.Title)
	}
	return ItemID(project, it.Title)
}

// AssignIDs sets Project and ID on items (all new) so that IDs are unique
// within the slice; see AssignProjectIDs.
func AssignIDs(project string, items []Item) {
	AssignProjectIDs(project, items, nil)
}

// AssignProjectIDs sets Project and ID on every item of one project, all
// its sources together, so that no two items share an ID. items are in
// priority order (pages in source order, then GitHub issues); an item with
// keep[i] true keeps the ID it has (it was stored earlier and not
// re-parsed). Every other item gets its BaseID when free, else the first
// of BaseID-2, BaseID-3, … that is neither taken nor the BaseID of another
// item still waiting, so "Foo", "Foo", "Foo 2" get foo, foo-3, foo-2 and
// no item is lost. The result depends only on the items' titles, sources,
// order and kept IDs, so it is stable from one crawl to the next.
func AssignProjectIDs(project string, items []Item, keep []bool) {
	kept := func(i int) bool { return i < len(keep) && keep[i] && items[i].ID != "" }
	taken := make(map[string]bool, len(items))
	waiting := make(map[string]int, len(items)) // base → items not yet assigned
	bases := make([]string, len(items))
	for i := range items {
		items[i].Project = project
		if kept(i) {
			taken[items[i].ID] = true
			continue
		}
		bases[i] = BaseID(project, items[i])
		waiting[bases[i]]++
	}
	for i := range items {
		if kept(i) {
			continue
		}
		b := bases[i]
		waiting[b]--
		id := b
		for n := 2; taken[id]; n++ {
			id = b + "-" + itoa(n)
			for waiting[id] > 0 {
				n++
				id = b + "-" + itoa(n)
			}
		}
		taken[id] = true
		items[i].ID = id
	}
}
