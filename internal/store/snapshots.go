package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

const snapshotColumns = `crawl_id, project, status, error, roadmap_url, title, words, dates_json,
	last_modified, items, issues, github_json, logo_method, note`

func scanSnapshot(r rowScanner) (roadmap.ProjectSnapshot, error) {
	var (
		sn            roadmap.ProjectSnapshot
		dates, gh, lm string
		err           error
	)
	if err = r.Scan(&sn.CrawlID, &sn.Project, &sn.Status, &sn.Err, &sn.RoadmapURL, &sn.Title, &sn.Words, &dates,
		&lm, &sn.Items, &sn.Issues, &gh, &sn.LogoMethod, &sn.Note); err != nil {
		return sn, err
	}
	if err = fromJSON(dates, &sn.Dates); err != nil {
		return sn, err
	}
	if err = fromJSON(gh, &sn.GitHub); err != nil {
		return sn, err
	}
	if sn.LastModified, err = parseTime(lm); err != nil {
		return sn, err
	}
	return sn, nil
}

func (s *Store) snapshotMap(ctx context.Context, what, query string, args ...any) (map[string]roadmap.ProjectSnapshot, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	out := map[string]roadmap.ProjectSnapshot{}
	for rows.Next() {
		sn, err := scanSnapshot(rows)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		out[sn.Project] = sn
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return out, nil
}

// Snapshots returns the snapshots saved by one crawl, by project slug
// (empty for an unknown crawl). Errors are wrapped with "snapshots of crawl".
func (s *Store) Snapshots(ctx context.Context, crawlID int64) (map[string]roadmap.ProjectSnapshot, error) {
	return s.snapshotMap(ctx, fmt.Sprintf("snapshots of crawl %d", crawlID),
		`SELECT `+snapshotColumns+` FROM snapshots WHERE crawl_id = ?`, crawlID)
}

// LatestSnapshots returns each project's newest snapshot over all crawls,
// finished or not, by project slug. Errors are wrapped with "latest snapshots".
func (s *Store) LatestSnapshots(ctx context.Context) (map[string]roadmap.ProjectSnapshot, error) {
	return s.snapshotMap(ctx, "latest snapshots", `SELECT `+snapshotColumns+` FROM snapshots AS s
		WHERE crawl_id = (SELECT MAX(crawl_id) FROM snapshots WHERE project = s.project)`)
}

// History returns up to limit snapshots of a project (all when limit <= 0),
// newest first. Errors are wrapped with "history of <project>".
func (s *Store) History(ctx context.Context, project string, limit int) ([]roadmap.ProjectSnapshot, error) {
	if limit <= 0 {
		limit = -1
	}
	what := "history of " + project
	rows, err := s.db.QueryContext(ctx, `SELECT `+snapshotColumns+` FROM snapshots WHERE project = ?
		ORDER BY crawl_id DESC LIMIT ?`, project, limit)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	var out []roadmap.ProjectSnapshot
	for rows.Next() {
		sn, err := scanSnapshot(rows)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		out = append(out, sn)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return out, nil
}

// Histories returns, in one query, up to limit snapshots of each of
// projects (every project when nil), newest first, of crawls up to upTo
// (all when upTo <= 0), by project slug. Errors are wrapped with
// "project histories".
func (s *Store) Histories(ctx context.Context, projects []string, upTo int64, limit int) (map[string][]roadmap.ProjectSnapshot, error) {
	const what = "project histories"
	var (
		where []string
		args  []any
	)
	if projects != nil {
		cond, arg, err := inList("project", projects)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		where, args = append(where, cond), append(args, arg)
	}
	if upTo > 0 {
		where, args = append(where, "crawl_id <= ?"), append(args, upTo)
	}
	inner := `SELECT ` + snapshotColumns + `, ROW_NUMBER() OVER (PARTITION BY project ORDER BY crawl_id DESC) AS n FROM snapshots`
	if len(where) > 0 {
		inner += ` WHERE ` + strings.Join(where, " AND ")
	}
	query := `SELECT ` + snapshotColumns + ` FROM (` + inner + `)`
	if limit > 0 {
		query += ` WHERE n <= ?`
		args = append(args, limit)
	}
	query += ` ORDER BY project, crawl_id DESC`
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	out := map[string][]roadmap.ProjectSnapshot{}
	for rows.Next() {
		sn, err := scanSnapshot(rows)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		out[sn.Project] = append(out[sn.Project], sn)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return out, nil
}

// saveSnapshot writes the project's snapshot for this crawl.
func (sv *saver) saveSnapshot() error {
	res := sv.res
	sn := roadmap.ProjectSnapshot{CrawlID: sv.crawlID, Project: res.Project}
	sn.Status, sn.Err = roadmap.CrawlStatus(res)

	prev, hasPrev, err := sv.previousSnapshot()
	if err != nil {
		return err
	}
	carry := func() {
		if hasPrev {
			sn.RoadmapURL, sn.Title, sn.Words, sn.Dates, sn.LastModified, sn.Note =
				prev.RoadmapURL, prev.Title, prev.Words, prev.Dates, prev.LastModified, prev.Note
		}
	}
	var docSrc *roadmap.SourceResult
	for i := range res.Sources {
		if res.Sources[i].Document != nil || res.Sources[i].NotModified {
			docSrc = &res.Sources[i]
			break
		}
	}
	switch {
	case res.Err == "" && docSrc != nil:
		found, err := sv.documentFacts(docSrc.URL, &sn)
		if err != nil {
			return err
		}
		if !found && hasPrev && prev.RoadmapURL == docSrc.URL {
			carry()
		}
		sn.RoadmapURL = docSrc.URL
	case res.Err != "" || len(res.Sources) > 0:
		carry() // every source failed, or the project did
	}

	if err := sv.queryRow(`SELECT
		COALESCE(SUM(`+docSource+`), 0), COALESCE(SUM(NOT `+docSource+`), 0)
		FROM items WHERE project = ? AND removed_at IS NULL`, res.Project).Scan(&sn.Items, &sn.Issues); err != nil {
		return fmt.Errorf("count items: %w", err)
	}

	sn.GitHub = githubFacts(res.GitHub, prev.GitHub)

	if res.Logo != nil {
		sn.LogoMethod = res.Logo.Method
	} else {
		err := sv.queryRow(`SELECT method FROM logos WHERE project = ?`, res.Project).Scan(&sn.LogoMethod)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("read logo method: %w", err)
		}
	}

	dates, err := toJSON(sn.Dates)
	if err != nil {
		return err
	}
	gh, err := toJSON(sn.GitHub)
	if err != nil {
		return err
	}
	if _, err := sv.exec(`INSERT OR REPLACE INTO snapshots (`+snapshotColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		sn.CrawlID, sn.Project, sn.Status, sn.Err, sn.RoadmapURL, sn.Title, sn.Words, dates,
		formatTime(sn.LastModified), sn.Items, sn.Issues, gh, sn.LogoMethod, sn.Note); err != nil {
		return fmt.Errorf("save snapshot: %w", err)
	}
	return nil
}

// githubFacts is what a snapshot keeps of GitHub: the new result when it
// has facts; else the previous facts, with the new Skipped, Err, Warnings
// and IssuesOK when there is a new result that carries Skipped or Err.
// Issues are never kept in a snapshot (they are items).
func githubFacts(cur, prev *roadmap.GitHubResult) *roadmap.GitHubResult {
	strip := func(g *roadmap.GitHubResult) *roadmap.GitHubResult {
		if g == nil {
			return nil
		}
		c := *g
		c.Issues, c.FileContent = nil, nil
		return &c
	}
	switch {
	case cur == nil:
		return strip(prev)
	case cur.Repo != nil || cur.RoadmapCommit != nil:
		return strip(cur)
	case (cur.Skipped != "" || cur.Err != "") && prev != nil:
		c := strip(prev)
		c.Skipped, c.Err, c.Warnings, c.IssuesOK = cur.Skipped, cur.Err, cur.Warnings, cur.IssuesOK
		return c
	default:
		return strip(cur)
	}
}

// previousSnapshot is the project's newest snapshot before this crawl.
func (sv *saver) previousSnapshot() (roadmap.ProjectSnapshot, bool, error) {
	sn, err := scanSnapshot(sv.queryRow(`SELECT `+snapshotColumns+` FROM snapshots
		WHERE project = ? AND crawl_id < ? ORDER BY crawl_id DESC LIMIT 1`, sv.res.Project, sv.crawlID))
	if errors.Is(err, sql.ErrNoRows) {
		return roadmap.ProjectSnapshot{}, false, nil
	}
	if err != nil {
		return roadmap.ProjectSnapshot{}, false, fmt.Errorf("read previous snapshot: %w", err)
	}
	return sn, true, nil
}

// documentFacts fills sn's document facts from the documents table;
// found is false when the document was never parsed.
func (sv *saver) documentFacts(url string, sn *roadmap.ProjectSnapshot) (found bool, err error) {
	var dates, lm string
	err = sv.queryRow(`SELECT title, words, dates_json, last_modified, note FROM documents
		WHERE project = ? AND url = ?`, sv.res.Project, url).Scan(&sn.Title, &sn.Words, &dates, &lm, &sn.Note)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("read document %s: %w", url, err)
	}
	if err := fromJSON(dates, &sn.Dates); err != nil {
		return false, err
	}
	if sn.LastModified, err = parseTime(lm); err != nil {
		return false, err
	}
	return true, nil
}

// ProjectsBefore returns the projects that have a snapshot in a crawl
// before crawlID (the report's "added to the configuration" needs to know
// which projects were ever crawled). Errors are wrapped with "projects
// before crawl".
func (s *Store) ProjectsBefore(ctx context.Context, crawlID int64) (map[string]bool, error) {
	what := fmt.Sprintf("projects before crawl %d", crawlID)
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT project FROM snapshots WHERE crawl_id < ?`, crawlID)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		out[p] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return out, nil
}
