package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// CurationEntry is one stored curation decision of a client: Action is
// pin, hide, retitle or rewrite (the actions of package curation); Title
// and Summary are set for retitle and rewrite.
type CurationEntry struct {
	ItemID, Action, Title, Summary, Reason string
	UpdatedAt                              time.Time
	UpdatedBy                              string
}

// Curation change operations.
const (
	CurationSet    = "set"    // add or replace the entry (item, action)
	CurationRemove = "remove" // delete the entry (item, action)
)

// CurationOp is one change to a client's curation.
type CurationOp struct {
	Op    string // CurationSet or CurationRemove
	Entry CurationEntry
}

// CurationChange is one change in a client's curation history.
type CurationChange struct {
	Version int64
	CurationOp
	SavedAt time.Time
	SavedBy string
}

// ClientCuration returns the client's curation entries (by item, then
// action) and its curation version.
func (s *Store) ClientCuration(ctx context.Context, slug string) ([]CurationEntry, int64, error) {
	c, err := s.FindClient(ctx, slug)
	if err != nil {
		return nil, 0, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT item_id, action, title, summary, reason, updated_at, updated_by
		FROM client_curation WHERE client_id = ? ORDER BY item_id, action`, c.ID)
	if err != nil {
		return nil, 0, fmt.Errorf("curation of client %s: %w", slug, err)
	}
	defer rows.Close()
	var out []CurationEntry
	for rows.Next() {
		var e CurationEntry
		var at string
		if err := rows.Scan(&e.ItemID, &e.Action, &e.Title, &e.Summary, &e.Reason, &at, &e.UpdatedBy); err != nil {
			return nil, 0, fmt.Errorf("curation of client %s: %w", slug, err)
		}
		if e.UpdatedAt, err = parseTime(at); err != nil {
			return nil, 0, fmt.Errorf("curation of client %s: %w", slug, err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("curation of client %s: %w", slug, err)
	}
	return out, c.CurationVersion, nil
}

// ChangeCuration applies ops to the client's curation in one transaction,
// with one history row per op, and returns the new curation version. The
// curation must still be at version expect (a negative expect skips the
// check, for imports); otherwise nothing is written and the error is a
// *ConflictError naming who changed it last.
func (s *Store) ChangeCuration(ctx context.Context, slug string, expect int64, ops []CurationOp, who string) (int64, error) {
	var version int64
	err := s.inTx(ctx, "change curation of client "+slug, func(tx *sql.Tx) error {
		c, err := findClient(ctx, tx, slug)
		if err != nil {
			return err
		}
		if expect >= 0 && c.CurationVersion != expect {
			by, at, err := lastCurationChange(ctx, tx, c.ID)
			if err != nil {
				return err
			}
			return &ConflictError{What: "the curation of " + c.Name, Version: c.CurationVersion, By: by, At: at}
		}
		version = c.CurationVersion + 1
		now := formatTime(s.now())
		for _, op := range ops {
			e := op.Entry
			switch op.Op {
			case CurationSet:
				_, err = tx.ExecContext(ctx, `INSERT INTO client_curation (client_id, item_id, action, title, summary, reason, updated_at, updated_by)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?)
					ON CONFLICT (client_id, item_id, action) DO UPDATE SET title = excluded.title, summary = excluded.summary,
					reason = excluded.reason, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
					c.ID, e.ItemID, e.Action, e.Title, e.Summary, e.Reason, now, who)
			case CurationRemove:
				_, err = tx.ExecContext(ctx, `DELETE FROM client_curation WHERE client_id = ? AND item_id = ? AND action = ?`, c.ID, e.ItemID, e.Action)
			default:
				err = fmt.Errorf("unknown curation operation %q", op.Op)
			}
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO client_curation_history (client_id, version, op, item_id, action, title, summary, reason, saved_at, saved_by)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, c.ID, version, op.Op, e.ItemID, e.Action, e.Title, e.Summary, e.Reason, now, who); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `UPDATE clients SET curation_version = ? WHERE id = ?`, version, c.ID)
		return err
	})
	return version, err
}

func lastCurationChange(ctx context.Context, tx *sql.Tx, clientID int64) (string, time.Time, error) {
	var by, at string
	err := tx.QueryRowContext(ctx, `SELECT saved_by, saved_at FROM client_curation_history WHERE client_id = ? ORDER BY id DESC LIMIT 1`, clientID).Scan(&by, &at)
	if err == sql.ErrNoRows {
		return "", time.Time{}, nil
	}
	if err != nil {
		return "", time.Time{}, err
	}
	t, err := parseTime(at)
	return by, t, err
}

// CurationHistory lists the changes to a client's curation, newest first,
// at most limit (0: all).
func (s *Store) CurationHistory(ctx context.Context, slug string, limit int) ([]CurationChange, error) {
	c, err := s.FindClient(ctx, slug)
	if err != nil {
		return nil, err
	}
	if limit <= 0 {
		limit = -1
	}
	rows, err := s.db.QueryContext(ctx, `SELECT version, op, item_id, action, title, summary, reason, saved_at, saved_by
		FROM client_curation_history WHERE client_id = ? ORDER BY id DESC LIMIT ?`, c.ID, limit)
	if err != nil {
		return nil, fmt.Errorf("curation history of client %s: %w", slug, err)
	}
	defer rows.Close()
	var out []CurationChange
	for rows.Next() {
		var ch CurationChange
		var at string
		e := &ch.Entry
		if err := rows.Scan(&ch.Version, &ch.Op, &e.ItemID, &e.Action, &e.Title, &e.Summary, &e.Reason, &at, &ch.SavedBy); err != nil {
			return nil, fmt.Errorf("curation history of client %s: %w", slug, err)
		}
		if ch.SavedAt, err = parseTime(at); err != nil {
			return nil, fmt.Errorf("curation history of client %s: %w", slug, err)
		}
		out = append(out, ch)
	}
	return out, rows.Err()
}
