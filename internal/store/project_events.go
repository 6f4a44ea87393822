package store

import (
	"context"
	"fmt"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// ProjectEvents returns a project's item events, newest crawl first, at
// most limit (all when limit <= 0). Errors are wrapped with "events of <project>".
func (s *Store) ProjectEvents(ctx context.Context, project string, limit int) ([]roadmap.ItemEvent, error) {
	if limit <= 0 {
		limit = -1
	}
	what := "events of " + project
	rows, err := s.db.QueryContext(ctx, `SELECT crawl_id, project, item_id, kind, source, title, old_hash, new_hash
		FROM item_events WHERE project = ? ORDER BY crawl_id DESC, id LIMIT ?`, project, limit)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	var out []roadmap.ItemEvent
	for rows.Next() {
		var e roadmap.ItemEvent
		if err := rows.Scan(&e.CrawlID, &e.Project, &e.ItemID, &e.Kind, &e.Source, &e.Title, &e.OldHash, &e.NewHash); err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return out, nil
}
