package roadmap

// StoredItem is a project's item as stored, with the roadmap source URL it
// was parsed from ("" for tracker issues).
type StoredItem struct {
	Item
	SrcURL string
}

// NewItem is one item of a project's new item set.
type NewItem struct {
	Item
	SrcURL string
	Kept   bool // carried over as stored, not re-parsed
	Seen   bool // kept and confirmed by a 304: its LastSeen moves on
}

// ItemSet is a project's item set after a crawl: what the store keeps,
// adds or rewrites, and which kinds of item it speaks for.
type ItemSet struct {
	Items []NewItem
	// Documents and Trackers say whether this crawl speaks for the
	// project's document sections and its tracker issues: when it does,
	// a current item of that kind missing from Items is removed; when it
	// does not (no roadmap source configured, GitHub not asked), those
	// items stay as they are.
	Documents, Trackers bool
}

// MergeItems is the one rule for a project's item identity, merge and
// carry-over after a crawl, as pure code: the store stores what it
// returns. current are the project's current (not removed) stored items.
//
//   - Each roadmap source parsed again replaces its sections; a source
//     that answered 304 keeps its sections as stored (Seen); a source that
//     failed keeps them too, without confirming them. Document sections
//     are listed source by source, in configured order.
//   - Tracker issues are replaced when the tracker was read (res.GitHub
//     with IssuesOK); otherwise the stored ones are kept.
//   - IDs are assigned over every source at once (AssignProjectIDs): kept
//     items keep theirs, and no two items share one.
//
// Items without a kind are given one: document sections SourcePage,
// issues SourceGitHub.
func MergeItems(res ProjectResult, current []StoredItem) ItemSet {
	var set ItemSet
	docsBySrc := map[string][]StoredItem{}
	for _, si := range current {
		if SourceOf(si.Source).Document {
			docsBySrc[si.SrcURL] = append(docsBySrc[si.SrcURL], si)
		}
	}
	keep := func(items []StoredItem, seen bool) {
		for _, si := range items {
			set.Items = append(set.Items, NewItem{Item: si.Item, SrcURL: si.SrcURL, Kept: true, Seen: seen})
		}
	}

	set.Documents = len(res.Sources) > 0
	if set.Documents {
		for _, src := range res.Sources {
			switch {
			case src.Document != nil:
				for _, it := range src.Document.Items {
					if it.Source == "" {
						it.Source = SourcePage
					}
					if it.DocURL == "" {
						it.DocURL = src.URL
					}
					set.Items = append(set.Items, NewItem{Item: it, SrcURL: src.URL})
				}
			case src.NotModified:
				keep(docsBySrc[src.URL], true)
			default: // failed: keep what we had
				keep(docsBySrc[src.URL], false)
			}
		}
	} else {
		for _, si := range current {
			if SourceOf(si.Source).Document {
				keep([]StoredItem{si}, false)
			}
		}
	}

	gh := res.GitHub
	set.Trackers = gh != nil && gh.IssuesOK
	if set.Trackers {
		for _, it := range gh.Issues {
			if it.Source == "" {
				it.Source = SourceGitHub
			}
			set.Items = append(set.Items, NewItem{Item: it})
		}
	} else {
		for _, si := range current {
			if !SourceOf(si.Source).Document {
				keep([]StoredItem{si}, false)
			}
		}
	}

	items := make([]Item, len(set.Items))
	keepID := make([]bool, len(set.Items))
	for i, e := range set.Items {
		items[i], keepID[i] = e.Item, e.Kept
	}
	AssignProjectIDs(res.Project, items, keepID)
	for i := range set.Items {
		set.Items[i].ID, set.Items[i].Project = items[i].ID, items[i].Project
	}
	// A safety net: AssignProjectIDs leaves no two equal IDs.
	seenID := map[string]bool{}
	out := set.Items[:0]
	for _, e := range set.Items {
		if !seenID[e.ID] {
			seenID[e.ID] = true
			out = append(out, e)
		}
	}
	set.Items = out
	return set
}

// Removed lists the current items the set removes: missing from it, of a
// kind this crawl speaks for.
func (s ItemSet) Removed(current []StoredItem) []StoredItem {
	in := make(map[string]bool, len(s.Items))
	for _, e := range s.Items {
		in[e.ID] = true
	}
	var out []StoredItem
	for _, si := range current {
		if in[si.ID] {
			continue
		}
		managed := s.Trackers
		if SourceOf(si.Source).Document {
			managed = s.Documents
		}
		if managed {
			out = append(out, si)
		}
	}
	return out
}
