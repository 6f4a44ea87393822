package store

import (
	"context"
	"fmt"
)

// DataVersion is a short text that changes whenever a crawl starts or
// finishes or a project is saved (every save writes a snapshot), including
// by another process, so a long-running reader can cache what it derived
// from the crawled data and know when to read again. Client profiles and
// curation are not part of it.
func (s *Store) DataVersion(ctx context.Context) (string, error) {
	var snap, crawl, finished int64
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT COALESCE(MAX(rowid), 0) FROM snapshots),
		(SELECT COALESCE(MAX(id), 0) FROM crawls),
		(SELECT COUNT(*) FROM crawls WHERE finished_at IS NOT NULL)`).Scan(&snap, &crawl, &finished)
	if err != nil {
		return "", fmt.Errorf("data version: %w", err)
	}
	return fmt.Sprintf("%d.%d.%d", snap, crawl, finished), nil
}
