package store

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// fetchKey identifies one exchange: URL and time.
type fetchKey struct {
	url string
	at  int64
}

// saveFetches records res.Fetches, then any source fetch not among them,
// archiving their bodies.
func (sv *saver) saveFetches() error {
	seen := map[fetchKey]bool{}
	srcKind := map[string]string{}
	for _, src := range sv.res.Sources {
		if _, ok := srcKind[src.URL]; !ok {
			srcKind[src.URL] = src.Kind
		}
	}
	for _, f := range sv.res.Fetches {
		if f.Kind == "" {
			f.Kind = srcKind[f.URL] // a fetch of a source is of the source's kind
		}
		if err := sv.insertFetch(f); err != nil {
			return err
		}
		seen[fetchKey{f.URL, f.FetchedAt.UnixNano()}] = true
	}
	for _, src := range sv.res.Sources {
		f := src.Fetch
		if f.URL == "" {
			continue
		}
		k := fetchKey{f.URL, f.FetchedAt.UnixNano()}
		if seen[k] {
			continue
		}
		seen[k] = true
		if f.Kind == "" {
			f.Kind = src.Kind
		}
		if err := sv.insertFetch(f); err != nil {
			return err
		}
	}
	return nil
}

func (sv *saver) insertFetch(f roadmap.Fetch) error {
	if f.Project == "" {
		f.Project = sv.res.Project
	}
	header := filterHeader(f.Header)
	hj, err := toJSON(header)
	if err != nil {
		return err
	}
	var archiveID any
	if f.Body != nil {
		id, err := sv.archive(f.Body, f.ContentType, hj)
		if err != nil {
			return fmt.Errorf("archive %s: %w", f.URL, err)
		}
		archiveID = id
	}
	fetchedAt := f.FetchedAt
	if fetchedAt.IsZero() {
		fetchedAt = sv.now
	}
	if _, err := sv.exec(`INSERT INTO fetches
		(crawl_id, project, url, kind, status, etag, last_modified, content_type, bytes, duration_ms,
		 error, not_modified, header_json, fetched_at, archive_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		sv.crawlID, f.Project, f.URL, f.Kind, f.Status, f.ETag, f.LastModified, f.ContentType, f.Bytes,
		f.Duration.Milliseconds(), f.Err, f.NotModified, hj, formatTime(fetchedAt), archiveID); err != nil {
		return fmt.Errorf("record fetch %s: %w", f.URL, err)
	}
	return nil
}

// archive stores body once per SHA-256 (gzip-compressed) and returns its id.
func (sv *saver) archive(body []byte, contentType, headerJSON string) (int64, error) {
	sum := sha256Hex(body)
	if id, ok := sv.archived[sum]; ok {
		return id, nil
	}
	var id int64
	err := sv.queryRow(`SELECT id FROM archive WHERE sha256 = ?`, sum).Scan(&id)
	switch {
	case err == nil:
	case errors.Is(err, sql.ErrNoRows):
		gz, err := compress(body)
		if err != nil {
			return 0, err
		}
		res, err := sv.exec(`INSERT INTO archive (sha256, content_type, header_json, size, body)
			VALUES (?, ?, ?, ?, ?)`, sum, contentType, headerJSON, len(body), gz)
		if err != nil {
			return 0, err
		}
		if id, err = res.LastInsertId(); err != nil {
			return 0, err
		}
	default:
		return 0, err
	}
	sv.archived[sum] = id
	return id, nil
}
