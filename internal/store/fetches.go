package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// Fetches returns the fetches recorded by a crawl, in the order they were
// saved, without bodies. Errors are wrapped with "fetches of crawl".
func (s *Store) Fetches(ctx context.Context, crawlID int64) ([]roadmap.Fetch, error) {
	what := fmt.Sprintf("fetches of crawl %d", crawlID)
	rows, err := s.db.QueryContext(ctx, `SELECT project, url, kind, status, etag, last_modified, content_type,
		bytes, duration_ms, error, not_modified, header_json, fetched_at
		FROM fetches WHERE crawl_id = ? ORDER BY id`, crawlID)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	var out []roadmap.Fetch
	for rows.Next() {
		var (
			f      roadmap.Fetch
			durMS  int64
			hj, at string
		)
		if err := rows.Scan(&f.Project, &f.URL, &f.Kind, &f.Status, &f.ETag, &f.LastModified, &f.ContentType,
			&f.Bytes, &durMS, &f.Err, &f.NotModified, &hj, &at); err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		f.Duration = time.Duration(durMS) * time.Millisecond
		if err := fromJSON(hj, &f.Header); err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		if len(f.Header) == 0 {
			f.Header = nil
		}
		if f.FetchedAt, err = parseTime(at); err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return out, nil
}

// Validators returns the ETag and Last-Modified that project keeps for url,
// for a conditional request; "", "", nil when there are none. Validators
// belong to the (project, URL) pair and are only handed out when a 304
// would have something to keep: for a logo, the project's stored logo came
// from url; for a roadmap source, the project has current items from url
// and the document was parsed from that response (or a later one). So a
// URL another project crawls, a URL swapped away and back, or a response
// that failed to parse is fetched unconditionally. Errors are wrapped with
// "validators of <url>".
func (s *Store) Validators(ctx context.Context, project, url string) (etag, lastModified string, err error) {
	st, err := s.prepared(ctx, validatorsQuery)
	if err != nil {
		return "", "", fmt.Errorf("validators of %s: %w", url, err)
	}
	err = st.QueryRowContext(ctx, project, url).Scan(&etag, &lastModified)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", nil
	}
	if err != nil {
		return "", "", fmt.Errorf("validators of %s: %w", url, err)
	}
	return etag, lastModified, nil
}

// validatorsQuery selects the validators of the newest good response of
// (project, url) while the project keeps what came from it.
const validatorsQuery = `SELECT f.etag, f.last_modified FROM fetches AS f
		WHERE f.project = ?1 AND f.url = ?2 AND f.status = 200 AND CASE f.kind
			WHEN 'logo' THEN EXISTS (SELECT 1 FROM logos WHERE project = ?1 AND source = ?2)
			ELSE EXISTS (SELECT 1 FROM documents AS d WHERE d.project = ?1 AND d.url = ?2 AND d.crawl_id >= f.crawl_id)
				AND EXISTS (SELECT 1 FROM items WHERE project = ?1 AND src_url = ?2 AND removed_at IS NULL)
			END
		ORDER BY f.id DESC LIMIT 1`

// Archived returns, for each (project, URL) of kind page or github-file
// that a crawl fetched with status 200 or 304, the newest archived body at
// or before that crawl, so a 304 yields the body an earlier crawl kept.
// FetchedAt and Header are those of the exchange that brought the body.
// Pairs with no archived body are left out. Errors are wrapped with
// "archived responses of crawl".
func (s *Store) Archived(ctx context.Context, crawlID int64) ([]roadmap.ArchivedResponse, error) {
	what := fmt.Sprintf("archived responses of crawl %d", crawlID)
	rows, err := s.db.QueryContext(ctx, `
		WITH wanted AS (
			SELECT project, url, MIN(id) AS first_id
			FROM fetches
			WHERE crawl_id = ?1 AND kind IN ('page', 'github-file') AND status IN (200, 304)
			GROUP BY project, url
		)
		SELECT w.project, w.url, (SELECT kind FROM fetches WHERE id = w.first_id),
			a.content_type, b.header_json, a.body, b.fetched_at
		FROM wanted AS w
		JOIN fetches AS b ON b.id = (
			SELECT x.id FROM fetches AS x
			WHERE x.project = w.project AND x.url = w.url AND x.archive_id IS NOT NULL AND x.crawl_id <= ?1
			ORDER BY x.crawl_id DESC, x.id DESC LIMIT 1)
		JOIN archive AS a ON a.id = b.archive_id
		ORDER BY w.first_id`, crawlID)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	var out []roadmap.ArchivedResponse
	for rows.Next() {
		var (
			ar     roadmap.ArchivedResponse
			hj, at string
			gz     []byte
		)
		if err := rows.Scan(&ar.Project, &ar.URL, &ar.Kind, &ar.ContentType, &hj, &gz, &at); err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		if err := fromJSON(hj, &ar.Header); err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		if len(ar.Header) == 0 {
			ar.Header = nil
		}
		if ar.Body, err = decompress(gz); err != nil {
			return nil, fmt.Errorf("%s: %s: %w", what, ar.URL, err)
		}
		if ar.FetchedAt, err = parseTime(at); err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		out = append(out, ar)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return out, nil
}
