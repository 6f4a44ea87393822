package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// FeatureRow is one item's rank features as stored: bytes the store keeps
// and never reads (see rank.Features).
type FeatureRow struct {
	ItemID  string
	Project string
	Data    []byte
	Words   []byte
}

// ItemsWithoutFeatures returns up to limit current items with IDs after
// after, in ID order and with their text, that have no features stored
// under key: pass the last ID returned to get the next ones.
func (s *Store) ItemsWithoutFeatures(ctx context.Context, key, after string, limit int) ([]roadmap.Item, error) {
	return queryItems(ctx, s.db, "list items without rank features", `SELECT `+itemColumns+` FROM items
		WHERE id > ? AND removed_at IS NULL AND NOT EXISTS (SELECT 1 FROM item_features f WHERE f.item_id = items.id AND f.key = ?)
		ORDER BY id LIMIT ?`, after, key, limit)
}

// SaveFeatures stores rows under key, replacing what the items had.
func (s *Store) SaveFeatures(ctx context.Context, key string, rows []FeatureRow) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("save rank features: %w", err)
	}
	defer tx.Rollback()
	st, err := tx.PrepareContext(ctx, `INSERT OR REPLACE INTO item_features (item_id, project, key, data, words) VALUES (?, ?, ?, ?, ?)`)
	if err != nil {
		return fmt.Errorf("save rank features: %w", err)
	}
	defer st.Close()
	for _, r := range rows {
		if _, err := st.ExecContext(ctx, r.ItemID, r.Project, key, r.Data, r.Words); err != nil {
			return fmt.Errorf("save rank features of %s: %w", r.ItemID, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("save rank features: %w", err)
	}
	return nil
}

// EachItemWithFeatures calls fn with every item q selects, in the order of
// Items, and its features stored under key (nil when none); the word
// filter is read only when withWords. The item and the bytes are fn's to
// keep. An error of fn stops the walk and is returned as it is.
func (s *Store) EachItemWithFeatures(ctx context.Context, q ItemQuery, key string, withWords bool, fn func(it roadmap.Item, data, words []byte) error) error {
	words := "NULL"
	if withWords {
		words = "f.words"
	}
	query, args, err := itemsQuery(q, ", f.data, "+words, ` LEFT JOIN (SELECT item_id, data, words FROM item_features WHERE key = ?) f ON f.item_id = items.id`, key)
	if err != nil {
		return err
	}
	return s.eachRow(ctx, "list items", query, args, func(rows *sql.Rows) error {
		var data, w []byte
		it, err := scanItem(rowWith{rows, []any{&data, &w}})
		if err != nil {
			return scanError("list items", err)
		}
		return fn(it, data, w)
	})
}

// FeaturesCover says whether every current item of projects (all when
// empty) has features stored under key, and how many items there are.
// Rows are only kept for current items (see migration 0012), so comparing
// counts is enough.
func (s *Store) FeaturesCover(ctx context.Context, key string, projects []string) (int, bool, error) {
	itemsWhere, featWhere := "removed_at IS NULL", "key = ?"
	var itemArgs []any
	featArgs := []any{key}
	if len(projects) > 0 {
		cond, arg, err := inList("project", projects)
		if err != nil {
			return 0, false, fmt.Errorf("count rank features: %w", err)
		}
		itemsWhere += " AND " + cond
		featWhere += " AND " + cond
		itemArgs = append(itemArgs, arg)
		featArgs = append(featArgs, arg)
	}
	var items, feats int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM items WHERE `+itemsWhere, itemArgs...).Scan(&items); err != nil {
		return 0, false, fmt.Errorf("count current items: %w", err)
	}
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM item_features WHERE `+featWhere, featArgs...).Scan(&feats); err != nil {
		return 0, false, fmt.Errorf("count rank features: %w", err)
	}
	return items, items == feats, nil
}

// EachFeatures calls fn with the ID and features of every item of projects
// (all when empty) that has features stored under key, in item ID order
// (so each project's items come together: an ID starts with its
// project's slug); words are read only when withWords. The bytes are valid only
// until fn returns.
func (s *Store) EachFeatures(ctx context.Context, key string, projects []string, withWords bool, fn func(id string, data, words []byte) error) error {
	cols := "item_id, data, NULL"
	if withWords {
		cols = "item_id, data, words"
	}
	query, args := `SELECT `+cols+` FROM item_features WHERE key = ?`, []any{key}
	if len(projects) > 0 {
		cond, arg, err := inList("project", projects)
		if err != nil {
			return fmt.Errorf("read rank features: %w", err)
		}
		query += " AND " + cond
		args = append(args, arg)
	}
	query += " ORDER BY item_id" // the primary key's order: no sort
	return s.eachRow(ctx, "read rank features", query, args, func(rows *sql.Rows) error {
		var id string
		var data, words sql.RawBytes
		if err := rows.Scan(&id, &data, &words); err != nil {
			return scanError("read rank features", err)
		}
		return fn(id, data, words)
	})
}

// EachItem calls fn with every item q selects, in the order of Items,
// reading one row at a time: a caller that keeps a few of many items never
// holds them all. An error of fn stops the walk and is returned as it is.
func (s *Store) EachItem(ctx context.Context, q ItemQuery, fn func(it roadmap.Item) error) error {
	query, args, err := itemsQuery(q, "", "")
	if err != nil {
		return err
	}
	return s.eachRow(ctx, "list items", query, args, func(rows *sql.Rows) error {
		it, err := scanItem(rows)
		if err != nil {
			return scanError("list items", err)
		}
		return fn(it)
	})
}

// currentTitles reads every current item's ID and title from their index
// (migration 0014), not from the rows.
const currentTitles = `SELECT id, title FROM items WHERE removed_at IS NULL`

// EachTitle calls fn with the ID and title of the current items with
// these IDs (all when empty), in no particular order.
func (s *Store) EachTitle(ctx context.Context, ids []string, fn func(id, title string) error) error {
	query, args := currentTitles, []any(nil)
	if len(ids) > 0 {
		cond, arg, err := inList("id", ids)
		if err != nil {
			return fmt.Errorf("read item titles: %w", err)
		}
		query += " AND " + cond
		args = append(args, arg)
	}
	return s.eachRow(ctx, "read item titles", query, args, func(rows *sql.Rows) error {
		var id, title string
		if err := rows.Scan(&id, &title); err != nil {
			return scanError("read item titles", err)
		}
		return fn(id, title)
	})
}

// Texts returns the text of the items with these IDs (by ID).
func (s *Store) Texts(ctx context.Context, ids []string) (map[string]string, error) {
	out := make(map[string]string, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	cond, arg, err := inList("id", ids)
	if err != nil {
		return nil, fmt.Errorf("read item texts: %w", err)
	}
	err = s.eachRow(ctx, "read item texts", `SELECT id, text FROM items WHERE `+cond, []any{arg}, func(rows *sql.Rows) error {
		var id, text string
		if err := rows.Scan(&id, &text); err != nil {
			return scanError("read item texts", err)
		}
		out[id] = text
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// eachRow runs query and calls row with each result row; errors of the
// query or of the scan are wrapped with what, an error of row is returned
// as it is (it stops the walk).
func (s *Store) eachRow(ctx context.Context, what, query string, args []any, row func(*sql.Rows) error) error {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := row(rows); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// scanError marks an error of a row's scan, which eachRow's callers wrap.
func scanError(what string, err error) error { return fmt.Errorf("%s: %w", what, err) }

// rowWith scans a row's leading columns with scanItem and the rest into
// extra.
type rowWith struct {
	rows  *sql.Rows
	extra []any
}

func (r rowWith) Scan(dest ...any) error { return r.rows.Scan(append(dest, r.extra...)...) }
