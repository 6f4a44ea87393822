package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// BeginCrawl records the start of a crawl (StartedAt = Now) and returns it
// with its new ID. Errors come back wrapped with "begin crawl".
func (s *Store) BeginCrawl(ctx context.Context, replay bool) (roadmap.Crawl, error) {
	c := roadmap.Crawl{StartedAt: s.now(), Replay: replay}
	res, err := s.db.ExecContext(ctx, `INSERT INTO crawls (started_at, replay) VALUES (?, ?)`,
		formatTime(c.StartedAt), replay)
	if err != nil {
		return roadmap.Crawl{}, fmt.Errorf("begin crawl: %w", err)
	}
	if c.ID, err = res.LastInsertId(); err != nil {
		return roadmap.Crawl{}, fmt.Errorf("begin crawl: %w", err)
	}
	return c, nil
}

// FinishCrawl writes the counts and GitHub quota of c to its row, with
// FinishedAt = c.FinishedAt, or Now when that is zero. An unknown c.ID
// wraps ErrNotFound; other errors are wrapped with "finish crawl <id>".
func (s *Store) FinishCrawl(ctx context.Context, c roadmap.Crawl) error {
	fin := c.FinishedAt
	if fin.IsZero() {
		fin = s.now()
	}
	res, err := s.db.ExecContext(ctx, `UPDATE crawls SET finished_at = ?, projects = ?, fetched = ?,
		not_modified = ?, failed = ?, items_added = ?, items_removed = ?, items_changed = ?, bytes = ?,
		gh_requests = ?, gh_counted = ?, gh_not_modified = ?, gh_retries = ?, gh_waited_ms = ?
		WHERE id = ?`,
		formatTime(fin), c.Projects, c.Fetched, c.NotModified, c.Failed, c.ItemsAdded, c.ItemsRemoved,
		c.ItemsChanged, c.Bytes, c.GitHub.Requests, c.GitHub.Counted, c.GitHub.NotModified, c.GitHub.Retries,
		c.GitHub.Waited.Milliseconds(), c.ID)
	if err != nil {
		return fmt.Errorf("finish crawl %d: %w", c.ID, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("finish crawl %d: %w", c.ID, err)
	} else if n == 0 {
		return fmt.Errorf("finish crawl %d: %w", c.ID, ErrNotFound)
	}
	return nil
}

const crawlColumns = `id, started_at, finished_at, replay, projects, fetched, not_modified, failed,
	items_added, items_removed, items_changed, bytes,
	gh_requests, gh_counted, gh_not_modified, gh_retries, gh_waited_ms`

type rowScanner interface{ Scan(dest ...any) error }

func scanCrawl(r rowScanner) (roadmap.Crawl, error) {
	var (
		c        roadmap.Crawl
		started  string
		finished sql.NullString
		waitedMS int64
		err      error
	)
	if err = r.Scan(&c.ID, &started, &finished, &c.Replay, &c.Projects, &c.Fetched, &c.NotModified, &c.Failed,
		&c.ItemsAdded, &c.ItemsRemoved, &c.ItemsChanged, &c.Bytes,
		&c.GitHub.Requests, &c.GitHub.Counted, &c.GitHub.NotModified, &c.GitHub.Retries, &waitedMS); err != nil {
		return c, err
	}
	c.GitHub.Waited = time.Duration(waitedMS) * time.Millisecond
	if c.StartedAt, err = parseTime(started); err != nil {
		return c, err
	}
	if c.FinishedAt, err = parseNullTime(finished); err != nil {
		return c, err
	}
	return c, nil
}

// Crawls lists up to limit crawls (all when limit <= 0), newest first,
// including unfinished ones (FinishedAt zero). Errors are wrapped with
// "list crawls".
func (s *Store) Crawls(ctx context.Context, limit int) ([]roadmap.Crawl, error) {
	if limit <= 0 {
		limit = -1
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+crawlColumns+` FROM crawls ORDER BY id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("list crawls: %w", err)
	}
	defer rows.Close()
	var out []roadmap.Crawl
	for rows.Next() {
		c, err := scanCrawl(rows)
		if err != nil {
			return nil, fmt.Errorf("list crawls: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list crawls: %w", err)
	}
	return out, nil
}

// Crawl returns the crawl with the given ID, finished or not; an unknown ID
// wraps ErrNotFound.
func (s *Store) Crawl(ctx context.Context, id int64) (roadmap.Crawl, error) {
	return s.oneCrawl(ctx, fmt.Sprintf("crawl %d", id), `SELECT `+crawlColumns+` FROM crawls WHERE id = ?`, id)
}

// LatestCrawl returns the newest finished crawl; ErrNotFound (wrapped) when
// no crawl has finished.
func (s *Store) LatestCrawl(ctx context.Context) (roadmap.Crawl, error) {
	return s.oneCrawl(ctx, "latest crawl",
		`SELECT `+crawlColumns+` FROM crawls WHERE finished_at IS NOT NULL ORDER BY id DESC LIMIT 1`)
}

// PreviousCrawl returns the newest finished crawl with an ID below id;
// ErrNotFound (wrapped) when there is none.
func (s *Store) PreviousCrawl(ctx context.Context, id int64) (roadmap.Crawl, error) {
	return s.oneCrawl(ctx, fmt.Sprintf("crawl before %d", id),
		`SELECT `+crawlColumns+` FROM crawls WHERE finished_at IS NOT NULL AND id < ? ORDER BY id DESC LIMIT 1`, id)
}

func (s *Store) oneCrawl(ctx context.Context, what, query string, args ...any) (roadmap.Crawl, error) {
	c, err := scanCrawl(s.db.QueryRowContext(ctx, query, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return roadmap.Crawl{}, fmt.Errorf("%s: %w", what, ErrNotFound)
	}
	if err != nil {
		return roadmap.Crawl{}, fmt.Errorf("%s: %w", what, err)
	}
	return c, nil
}
