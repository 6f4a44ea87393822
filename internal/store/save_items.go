package store

import (
	"database/sql"
	"fmt"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// entry is one item of a project's new item set.
type entry struct {
	it     roadmap.Item
	srcURL string // roadmap source the item came from ("" for GitHub)
	kept   bool   // carried over as stored, not re-parsed
	seen   bool   // kept and confirmed by a 304: bump LastSeen
}

// storedItem is a stored item with the source it came from.
type storedItem struct {
	roadmap.Item
	srcURL string
}

// loadItems returns every stored item of the project, removed ones too, in
// the order Items uses, with only what merging needs: ID, project, source,
// title, position, hash, removal time and source URL. The text, points,
// links and evidence are not read: an unchanged re-crawl keeps them as
// stored, and a changed item is written whole from the new parse.
func (sv *saver) loadItems() ([]storedItem, error) {
	rows, err := sv.tx.QueryContext(sv.ctx, `SELECT id, project, source, title, position, hash, removed_at, src_url
		FROM items WHERE project = ?
		ORDER BY `+sourceOrder+`, position, id`, sv.res.Project)
	if err != nil {
		return nil, fmt.Errorf("load items: %w", err)
	}
	defer rows.Close()
	var out []storedItem
	for rows.Next() {
		var (
			si      storedItem
			removed sql.NullString
		)
		if err := rows.Scan(&si.ID, &si.Project, &si.Source, &si.Title, &si.Position, &si.Hash, &removed, &si.srcURL); err != nil {
			return nil, fmt.Errorf("load items: %w", err)
		}
		if si.RemovedAt, err = parseNullTime(removed); err != nil {
			return nil, fmt.Errorf("load items: %w", err)
		}
		out = append(out, si)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load items: %w", err)
	}
	return out, nil
}

// newItemSet builds the project's new item set from res, page items first,
// each with an ID unique across the project (roadmap.AssignProjectIDs). pageManaged and ghManaged say
// whether current items of that kind missing from the set are removed.
func (sv *saver) newItemSet(current []storedItem) (entries []entry, pageManaged, ghManaged bool) {
	project := sv.res.Project
	pageBySrc := map[string][]storedItem{}
	for _, si := range current {
		if roadmap.SourceOf(si.Source).Document {
			pageBySrc[si.srcURL] = append(pageBySrc[si.srcURL], si)
		}
	}
	keep := func(items []storedItem, seen bool) {
		for _, si := range items {
			entries = append(entries, entry{it: si.Item, srcURL: si.srcURL, kept: true, seen: seen})
		}
	}

	pageManaged = len(sv.res.Sources) > 0
	if pageManaged {
		// parts of the page set, in source order; parsed items get their
		// IDs over the concatenation of everything parsed.
		type part struct {
			from, to int // range of parsed
			kept     []storedItem
			seen     bool
		}
		var (
			parsed  []roadmap.Item
			srcURLs []string
			parts   []part
		)
		for _, src := range sv.res.Sources {
			switch {
			case src.Document != nil:
				from := len(parsed)
				for _, it := range src.Document.Items {
					if it.Source == "" { // the store keeps a kind it is given
						it.Source = roadmap.SourcePage
					}
					if it.DocURL == "" {
						it.DocURL = src.URL
					}
					parsed = append(parsed, it)
					srcURLs = append(srcURLs, src.URL)
				}
				parts = append(parts, part{from: from, to: len(parsed)})
			case src.NotModified:
				parts = append(parts, part{kept: pageBySrc[src.URL], seen: true})
			default: // failed: keep what we had
				parts = append(parts, part{kept: pageBySrc[src.URL]})
			}
		}
		for _, p := range parts {
			for i := p.from; i < p.to; i++ {
				entries = append(entries, entry{it: parsed[i], srcURL: srcURLs[i]})
			}
			keep(p.kept, p.seen)
		}
	} else {
		for _, si := range current {
			if roadmap.SourceOf(si.Source).Document {
				keep([]storedItem{si}, false)
			}
		}
	}

	gh := sv.res.GitHub
	ghManaged = gh != nil && gh.IssuesOK
	if ghManaged {
		issues := make([]roadmap.Item, len(gh.Issues))
		copy(issues, gh.Issues)
		for i := range issues {
			if issues[i].Source == "" {
				issues[i].Source = roadmap.SourceGitHub
			}
		}
		for _, it := range issues {
			entries = append(entries, entry{it: it})
		}
	} else {
		for _, si := range current {
			if !roadmap.SourceOf(si.Source).Document {
				keep([]storedItem{si}, false)
			}
		}
	}

	// IDs are assigned over every source of the project at once (kept
	// items keep theirs), so no two items share one.
	items := make([]roadmap.Item, len(entries))
	keepID := make([]bool, len(entries))
	for i, e := range entries {
		items[i], keepID[i] = e.it, e.kept
	}
	roadmap.AssignProjectIDs(project, items, keepID)
	for i := range entries {
		entries[i].it.ID, entries[i].it.Project = items[i].ID, items[i].Project
	}
	// A safety net: AssignProjectIDs leaves no two equal IDs.
	seenID := map[string]bool{}
	out := entries[:0]
	for _, e := range entries {
		if seenID[e.it.ID] {
			continue
		}
		seenID[e.it.ID] = true
		out = append(out, e)
	}
	return out, pageManaged, ghManaged
}

// saveItems merges the new item set into the stored items and records the
// events.
func (sv *saver) saveItems() (roadmap.ProjectChanges, error) {
	var changes roadmap.ProjectChanges
	stored, err := sv.loadItems()
	if err != nil {
		return changes, err
	}
	byID := make(map[string]storedItem, len(stored))
	var current []storedItem
	for _, si := range stored {
		byID[si.ID] = si
		if si.RemovedAt.IsZero() {
			current = append(current, si)
		}
	}
	entries, pageManaged, ghManaged := sv.newItemSet(current)
	now := formatTime(sv.now)

	inSet := make(map[string]bool, len(entries))
	for _, e := range entries {
		inSet[e.it.ID] = true
		if e.kept {
			if e.seen {
				if _, err := sv.exec(`UPDATE items SET last_seen = ? WHERE id = ?`, now, e.it.ID); err != nil {
					return changes, fmt.Errorf("touch item %s: %w", e.it.ID, err)
				}
			}
			continue
		}
		it := e.it
		it.Hash = contentHash(it)
		points, links, issue, evidence, err := itemJSON(it)
		if err != nil {
			return changes, err
		}
		old, exists := byID[it.ID]
		if !exists {
			if _, err := sv.exec(`INSERT INTO items (`+itemColumns+`, src_url)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)`,
				it.ID, it.Project, it.Source, it.Title, it.Summary, it.Text, points, it.URL, it.DocURL, it.Position,
				links, issue, evidence, it.Hash, now, now, e.srcURL); err != nil {
				return changes, fmt.Errorf("add item %s: %w", it.ID, err)
			}
			changes.Added++
			if err := sv.event(it, roadmap.EventAdded, "", it.Hash); err != nil {
				return changes, err
			}
			continue
		}
		var before roadmap.ItemEvent // what a changed item said, for the report
		if old.RemovedAt.IsZero() && old.Hash != it.Hash {
			var summary string
			if err := sv.tx.QueryRowContext(sv.ctx, `SELECT title, summary, text FROM items WHERE id = ?`, it.ID).
				Scan(&before.OldTitle, &summary, &before.OldText); err != nil {
				return changes, fmt.Errorf("read item %s before its change: %w", it.ID, err)
			}
			if before.OldText == "" {
				before.OldText = summary
			}
		}
		if _, err := sv.exec(`UPDATE items SET project = ?, source = ?, title = ?, summary = ?,
			text = ?, points_json = ?, url = ?, doc_url = ?, src_url = ?, position = ?, links_json = ?,
			issue_json = ?, evidence_json = ?, hash = ?, last_seen = ?, removed_at = NULL WHERE id = ?`,
			it.Project, it.Source, it.Title, it.Summary, it.Text, points, it.URL, it.DocURL, e.srcURL, it.Position,
			links, issue, evidence, it.Hash, now, it.ID); err != nil {
			return changes, fmt.Errorf("update item %s: %w", it.ID, err)
		}
		switch {
		case !old.RemovedAt.IsZero():
			changes.Added++
			if err := sv.event(it, roadmap.EventAdded, "", it.Hash); err != nil {
				return changes, err
			}
		case old.Hash != it.Hash:
			changes.Changed++
			if err := sv.eventFrom(it, roadmap.EventChanged, old.Hash, it.Hash, before); err != nil {
				return changes, err
			}
		}
	}

	for _, si := range current {
		if inSet[si.ID] {
			continue
		}
		managed := ghManaged
		if roadmap.SourceOf(si.Source).Document {
			managed = pageManaged
		}
		if !managed {
			continue
		}
		if _, err := sv.exec(`UPDATE items SET removed_at = ? WHERE id = ?`, now, si.ID); err != nil {
			return changes, fmt.Errorf("remove item %s: %w", si.ID, err)
		}
		changes.Removed++
		if err := sv.event(si.Item, roadmap.EventRemoved, si.Hash, ""); err != nil {
			return changes, err
		}
	}
	return changes, nil
}

// event records one item event of this crawl.
func (sv *saver) event(it roadmap.Item, kind, oldHash, newHash string) error {
	return sv.eventFrom(it, kind, oldHash, newHash, roadmap.ItemEvent{})
}

// eventFrom records one item event with what the item said before
// (before.OldTitle and before.OldText).
func (sv *saver) eventFrom(it roadmap.Item, kind, oldHash, newHash string, before roadmap.ItemEvent) error {
	if _, err := sv.exec(`INSERT INTO item_events
		(crawl_id, project, item_id, kind, source, title, old_hash, new_hash, old_title, old_text)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		sv.crawlID, sv.res.Project, it.ID, kind, it.Source, it.Title, oldHash, newHash, before.OldTitle, before.OldText); err != nil {
		return fmt.Errorf("record %s event of %s: %w", kind, it.ID, err)
	}
	return nil
}
