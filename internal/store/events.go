package store

import (
	"context"
	"fmt"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// Events returns the item events a crawl recorded, in the order they were
// saved. Errors are wrapped with "events of crawl".
func (s *Store) Events(ctx context.Context, crawlID int64) ([]roadmap.ItemEvent, error) {
	what := fmt.Sprintf("events of crawl %d", crawlID)
	rows, err := s.db.QueryContext(ctx, `SELECT crawl_id, project, item_id, kind, source, title, old_hash, new_hash, old_title, old_text
		FROM item_events WHERE crawl_id = ? ORDER BY id`, crawlID)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	var out []roadmap.ItemEvent
	for rows.Next() {
		var e roadmap.ItemEvent
		if err := rows.Scan(&e.CrawlID, &e.Project, &e.ItemID, &e.Kind, &e.Source, &e.Title, &e.OldHash, &e.NewHash, &e.OldTitle, &e.OldText); err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return out, nil
}
