package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// SaveProject saves what one crawl learnt about one project, in a single
// transaction: a failure leaves the store exactly as it was before. It
// records every fetch (archiving bodies, gzip-compressed and de-duplicated
// by SHA-256), merges the new items into the project's current items
// (recording added, changed and removed events), updates the roadmap
// documents, the logo and the project's snapshot for crawlID, and returns
// what changed. A project with res.Err set keeps its items as they were.
//
// Items of a source that failed keep their state; items of a 304 source are
// kept with LastSeen bumped; with no sources at all the page items are left
// untouched, and unless res.GitHub.IssuesOK the GitHub items are.
// Errors are wrapped with "save project <slug>".
func (s *Store) SaveProject(ctx context.Context, crawlID int64, res roadmap.ProjectResult) (roadmap.ProjectChanges, error) {
	ch, err := s.saveProject(ctx, crawlID, res)
	return ch, corrupt(s.path, err)
}

func (s *Store) saveProject(ctx context.Context, crawlID int64, res roadmap.ProjectResult) (roadmap.ProjectChanges, error) {
	if res.Project == "" {
		return roadmap.ProjectChanges{}, errors.New("save project: empty project slug")
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return roadmap.ProjectChanges{}, fmt.Errorf("save project %s: %w", res.Project, err)
	}
	defer tx.Rollback()
	sv := &saver{s: s, ctx: ctx, tx: tx, crawlID: crawlID, res: res, now: s.now(), archived: map[string]int64{}}
	changes, err := sv.run()
	if err != nil {
		return roadmap.ProjectChanges{}, fmt.Errorf("save project %s: %w", res.Project, err)
	}
	if err := tx.Commit(); err != nil {
		return roadmap.ProjectChanges{}, fmt.Errorf("save project %s: commit: %w", res.Project, err)
	}
	// Keep the statements for the next projects: preparing them was a
	// quarter of an unchanged crawl's CPU. Outside the transaction, so a
	// single-connection store does not wait for itself. A failure only
	// means the next save prepares the statement again.
	for _, q := range sv.unprepared {
		_, _ = s.prepared(ctx, q)
	}
	return changes, nil
}

// saver holds the state of one SaveProject transaction.
type saver struct {
	s        *Store
	ctx      context.Context
	tx       *sql.Tx
	crawlID  int64
	res      roadmap.ProjectResult
	now      time.Time
	archived map[string]int64 // sha256 → archive id
	stmts    map[string]*sql.Stmt

	// unprepared are the queries the store had not prepared yet.
	unprepared []string
}

// stmt returns query as a statement of the transaction, prepared once per
// transaction. A query the store has prepared before (see saveProject) is
// only bound to the transaction, not parsed again.
func (sv *saver) stmt(query string) (*sql.Stmt, error) {
	if st, ok := sv.stmts[query]; ok {
		return st, nil
	}
	var st *sql.Stmt
	if ps := sv.s.cachedStmt(query); ps != nil {
		st = sv.tx.StmtContext(sv.ctx, ps)
	} else {
		var err error
		if st, err = sv.tx.PrepareContext(sv.ctx, query); err != nil {
			return nil, err
		}
		sv.unprepared = append(sv.unprepared, query)
	}
	if sv.stmts == nil {
		sv.stmts = map[string]*sql.Stmt{}
	}
	sv.stmts[query] = st
	return st, nil
}

// queryRow runs a one-row query of the transaction, prepared once.
func (sv *saver) queryRow(query string, args ...any) rowScanner {
	st, err := sv.stmt(query)
	if err != nil {
		return errRow{err}
	}
	return st.QueryRowContext(sv.ctx, args...)
}

// query runs a query of the transaction, prepared once.
func (sv *saver) query(query string, args ...any) (*sql.Rows, error) {
	st, err := sv.stmt(query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(sv.ctx, args...)
}

// errRow is a row whose query could not be prepared.
type errRow struct{ err error }

func (r errRow) Scan(...any) error { return r.err }

// exec runs a statement of the transaction, prepared once.
func (sv *saver) exec(query string, args ...any) (sql.Result, error) {
	st, err := sv.stmt(query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(sv.ctx, args...)
}

func (sv *saver) run() (roadmap.ProjectChanges, error) {
	var changes roadmap.ProjectChanges
	if err := sv.saveFetches(); err != nil {
		return changes, err
	}
	if sv.res.Err == "" {
		lost, err := sv.lostSources()
		if err != nil {
			return changes, err
		}
		if len(lost) > 0 {
			// Never empty a project on an answer that carries nothing:
			// the project fails, keeping its items.
			_, sv.res.Err = roadmap.CrawlStatus(sv.res)
			changes.LostFrom = lost[0]
		}
	}
	if err := sv.s.step("fetches"); err != nil {
		return changes, err
	}
	if sv.res.Err == "" {
		var err error
		if changes, err = sv.saveItems(); err != nil {
			return changes, err
		}
		if err := sv.s.step("items"); err != nil {
			return changes, err
		}
		if err := sv.saveDocuments(); err != nil {
			return changes, err
		}
	}
	if err := sv.saveLogo(); err != nil {
		return changes, err
	}
	if err := sv.saveSnapshot(); err != nil {
		return changes, err
	}
	if err := sv.s.step("snapshot"); err != nil {
		return changes, err
	}
	return changes, nil
}

// keepsItemsQuery says whether a project has current items from a URL
// (the "a 304 never empties a project" check).
const keepsItemsQuery = `SELECT EXISTS (SELECT 1 FROM items
	WHERE project = ? AND src_url = ? AND removed_at IS NULL)`

// lostSources marks the sources that answered but would leave the project
// with none of its items from them (a 304 for a URL the project keeps no
// items of, or a document without items for a URL it had items of) and
// returns their URLs.
func (sv *saver) lostSources() ([]string, error) {
	var lost []string
	for i := range sv.res.Sources {
		src := &sv.res.Sources[i]
		if !src.NotModified && (src.Document == nil || len(src.Document.Items) > 0) {
			continue
		}
		var has bool
		if err := sv.queryRow(keepsItemsQuery, sv.res.Project, src.URL).Scan(&has); err != nil {
			return nil, fmt.Errorf("check items of %s: %w", src.URL, err)
		}
		if src.NotModified == has {
			continue // 304 with items to keep, or an empty document for a URL with no items
		}
		src.Lost = true
		lost = append(lost, src.URL)
	}
	return lost, nil
}

// saveDocuments upserts the current facts of each freshly parsed document.
func (sv *saver) saveDocuments() error {
	for _, src := range sv.res.Sources {
		doc := src.Document
		if doc == nil {
			continue
		}
		dates, err := toJSON(doc.Dates)
		if err != nil {
			return err
		}
		lm := formatTime(parseHTTPTime(sv.lastModified(src)))
		if _, err := sv.exec(`INSERT INTO documents
			(project, url, title, words, dates_json, last_modified, format, note, crawl_id)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (project, url) DO UPDATE SET title = excluded.title, words = excluded.words,
			dates_json = excluded.dates_json, last_modified = excluded.last_modified,
			format = excluded.format, note = excluded.note, crawl_id = excluded.crawl_id`,
			sv.res.Project, src.URL, doc.Title, doc.Words, dates, lm, doc.Format, doc.Note, sv.crawlID); err != nil {
			return fmt.Errorf("save document %s: %w", src.URL, err)
		}
	}
	return nil
}

// lastModified is the Last-Modified header of a source's fetch, looked up
// among res.Fetches when the source's own Fetch lacks it.
func (sv *saver) lastModified(src roadmap.SourceResult) string {
	if lm := headerValue(src.Fetch, "Last-Modified"); lm != "" {
		return lm
	}
	for i := len(sv.res.Fetches) - 1; i >= 0; i-- {
		f := sv.res.Fetches[i]
		if f.URL == src.URL && f.Status == 200 {
			return headerValue(f, "Last-Modified")
		}
	}
	return ""
}

func headerValue(f roadmap.Fetch, name string) string {
	if name == "Last-Modified" && f.LastModified != "" {
		return f.LastModified
	}
	for k, v := range f.Header {
		if strings.EqualFold(k, name) {
			return v
		}
	}
	return ""
}

// saveLogo upserts res.Logo, if any, with its brochure-ready rendition.
func (sv *saver) saveLogo() error {
	l := sv.res.Logo
	if l == nil {
		return nil
	}
	var rd roadmap.LogoRendition
	if l.Ready != nil {
		rd = *l.Ready
	}
	if _, err := sv.exec(`INSERT INTO logos
		(project, source, format, method, note, width, height, data, updated_at,
		 ready_version, ready_type, ready_width, ready_height, ready_data)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (project) DO UPDATE SET source = excluded.source, format = excluded.format,
		method = excluded.method, note = excluded.note, width = excluded.width, height = excluded.height,
		data = excluded.data, updated_at = excluded.updated_at, ready_version = excluded.ready_version,
		ready_type = excluded.ready_type, ready_width = excluded.ready_width,
		ready_height = excluded.ready_height, ready_data = excluded.ready_data`,
		sv.res.Project, l.Source, l.Format, l.Method, l.Note, l.Width, l.Height, l.Data, formatTime(sv.now),
		rd.Version, rd.Type, rd.Width, rd.Height, rd.Data); err != nil {
		return fmt.Errorf("save logo: %w", err)
	}
	return nil
}
