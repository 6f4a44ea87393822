package store

import (
	"database/sql"
	"fmt"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// storedItem is a stored item with the source it came from.
type storedItem = roadmap.StoredItem

// mergeItemsQuery reads what merging needs of a project's items.
var mergeItemsQuery = `SELECT id, project, source, title, position, hash, removed_at, src_url
	FROM items WHERE project = ?
	ORDER BY ` + sourceOrder + `, position, id`

// loadItems returns every stored item of the project, removed ones too, in
// the order Items uses, with only what merging needs: ID, project, source,
// title, position, hash, removal time and source URL. The text, points,
// links and evidence are not read: an unchanged re-crawl keeps them as
// stored, and a changed item is written whole from the new parse.
func (sv *saver) loadItems() ([]storedItem, error) {
	rows, err := sv.query(mergeItemsQuery, sv.res.Project)
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
		if err := rows.Scan(&si.ID, &si.Project, &si.Source, &si.Title, &si.Position, &si.Hash, &removed, &si.SrcURL); err != nil {
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
	set := roadmap.MergeItems(sv.res, current)
	now := formatTime(sv.now)

	var seen []string // kept and confirmed: their last_seen moves on
	for _, e := range set.Items {
		if e.Kept {
			if e.Seen {
				seen = append(seen, e.ID)
			}
			continue
		}
		it := e.Item
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
				links, issue, evidence, it.Hash, now, now, e.SrcURL); err != nil {
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
			if err := sv.queryRow(`SELECT title, summary, text FROM items WHERE id = ?`, it.ID).
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
			it.Project, it.Source, it.Title, it.Summary, it.Text, points, it.URL, it.DocURL, e.SrcURL, it.Position,
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

	if len(seen) > 0 {
		// One statement for all: a 304 confirms every item of its source.
		cond, ids, err := inList("id", seen)
		if err != nil {
			return changes, err
		}
		if _, err := sv.exec(`UPDATE items SET last_seen = ? WHERE `+cond, now, ids); err != nil {
			return changes, fmt.Errorf("touch %d items: %w", len(seen), err)
		}
	}

	for _, si := range set.Removed(current) {
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
