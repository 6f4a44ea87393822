package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// CacheGet returns the cached response under key (the GitHub ETag cache),
// and false when there is none. Errors are wrapped with "cache get".
func (s *Store) CacheGet(ctx context.Context, key string) (roadmap.CachedResponse, bool, error) {
	var (
		r      roadmap.CachedResponse
		hj, at string
		gz     []byte
	)
	err := s.db.QueryRowContext(ctx, `SELECT status, etag, last_modified, header_json, body, stored_at
		FROM http_cache WHERE key = ?`, key).Scan(&r.Status, &r.ETag, &r.LastModified, &hj, &gz, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return roadmap.CachedResponse{}, false, nil
	}
	if err != nil {
		return roadmap.CachedResponse{}, false, fmt.Errorf("cache get: %w", err)
	}
	if err := fromJSON(hj, &r.Header); err != nil {
		return roadmap.CachedResponse{}, false, fmt.Errorf("cache get: %w", err)
	}
	if len(r.Header) == 0 {
		r.Header = nil
	}
	if r.Body, err = decompress(gz); err != nil {
		return roadmap.CachedResponse{}, false, fmt.Errorf("cache get: %w", err)
	}
	if r.StoredAt, err = parseTime(at); err != nil {
		return roadmap.CachedResponse{}, false, fmt.Errorf("cache get: %w", err)
	}
	return r, true, nil
}

// CachePut stores r under key, replacing what was there. Headers that may
// carry credentials (Authorization, cookies, anything naming a token) are
// dropped; the body is gzip-compressed. A zero StoredAt becomes Now.
// Errors are wrapped with "cache put".
func (s *Store) CachePut(ctx context.Context, key string, r roadmap.CachedResponse) error {
	hj, err := toJSON(cleanCacheHeader(r.Header))
	if err != nil {
		return fmt.Errorf("cache put: %w", err)
	}
	var gz []byte
	if r.Body != nil {
		if gz, err = compress(r.Body); err != nil {
			return fmt.Errorf("cache put: %w", err)
		}
	}
	at := r.StoredAt
	if at.IsZero() {
		at = s.now()
	}
	if _, err := s.db.ExecContext(ctx, `INSERT INTO http_cache (key, status, etag, last_modified, header_json, body, stored_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET status = excluded.status, etag = excluded.etag,
		last_modified = excluded.last_modified, header_json = excluded.header_json, body = excluded.body,
		stored_at = excluded.stored_at`,
		key, r.Status, r.ETag, r.LastModified, hj, gz, formatTime(at)); err != nil {
		return fmt.Errorf("cache put: %w", err)
	}
	return nil
}
