package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// Events returns the item events a crawl recorded, in the order they were
// saved. Errors are wrapped with "events of crawl".
func (s *Store) Events(ctx context.Context, crawlID int64) ([]roadmap.ItemEvent, error) {
	out, _, err := s.EventsCounting(ctx, crawlID, nil)
	return out, err
}

// eventColumns are the columns scanEvent reads.
const eventColumns = `crawl_id, project, item_id, kind, source, title, old_hash, new_hash, old_title, old_text`

// EventsCounting is Events without the additions of document sections
// (roadmap.SourceKind.Document) in the given projects, which it only
// counts, per project: a first crawl adds every item, and its report only
// counts what a project that merely gained items gained. Errors are wrapped
// with "events of crawl".
func (s *Store) EventsCounting(ctx context.Context, crawlID int64, countOnly []string) ([]roadmap.ItemEvent, map[string]int, error) {
	what := fmt.Sprintf("events of crawl %d", crawlID)
	counted := map[string]int{}
	where := `crawl_id = ?`
	args := []any{crawlID}
	if len(countOnly) > 0 {
		cond, arg, err := inList("project", countOnly)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", what, err)
		}
		skip := `kind = '` + roadmap.EventAdded + `' AND ` + docSource + ` AND ` + cond
		where += ` AND NOT (` + skip + `)`
		args = append(args, arg)
		err = s.eachRow(ctx, what, `SELECT project, COUNT(*) FROM item_events WHERE crawl_id = ? AND `+skip+`
			GROUP BY project`, []any{crawlID, arg}, func(rows *sql.Rows) error {
			var (
				p string
				n int
			)
			if err := rows.Scan(&p, &n); err != nil {
				return scanError(what, err)
			}
			counted[p] = n
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	var out []roadmap.ItemEvent
	err := s.eachRow(ctx, what, `SELECT `+eventColumns+` FROM item_events WHERE `+where+` ORDER BY id`, args, func(rows *sql.Rows) error {
		var e roadmap.ItemEvent
		if err := rows.Scan(&e.CrawlID, &e.Project, &e.ItemID, &e.Kind, &e.Source, &e.Title, &e.OldHash, &e.NewHash, &e.OldTitle, &e.OldText); err != nil {
			return scanError(what, err)
		}
		out = append(out, e)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return out, counted, nil
}

// EventCounts counts the item events of a crawl per project and kind
// (roadmap.EventAdded, EventRemoved, EventChanged). Errors are wrapped with
// "events of crawl".
func (s *Store) EventCounts(ctx context.Context, crawlID int64) (map[string]map[string]int, error) {
	what := fmt.Sprintf("events of crawl %d", crawlID)
	out := map[string]map[string]int{}
	err := s.eachRow(ctx, what, `SELECT project, kind, COUNT(*) FROM item_events WHERE crawl_id = ? GROUP BY project, kind`,
		[]any{crawlID}, func(rows *sql.Rows) error {
			var (
				p, k string
				n    int
			)
			if err := rows.Scan(&p, &k, &n); err != nil {
				return scanError(what, err)
			}
			if out[p] == nil {
				out[p] = map[string]int{}
			}
			out[p][k] = n
			return nil
		})
	if err != nil {
		return nil, err
	}
	return out, nil
}
