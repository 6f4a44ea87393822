package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// sourceOrder and docSource are SQL for the source kinds' listing order
// and for "a document kind", built from roadmap.SourceKinds: no query
// names a kind.
var (
	sourceOrder = roadmap.SourceOrderSQL("source")
	docSource   = roadmap.DocumentSourceSQL("source")
)

// ItemQuery selects items. Empty Projects or IDs mean all; removed items
// are left out unless IncludeRemoved.
type ItemQuery struct {
	Projects       []string
	IDs            []string
	IncludeRemoved bool
	// NoText leaves Text empty: listings that show titles, summaries and
	// links do not need every item's full section text in memory.
	NoText bool
}

// contentHash is the SHA-256 over an item's title, summary, text, URL and
// points: what a reader would see as a rewrite. Demand counts (reactions,
// comments, evidence), links and position are left out on purpose.
func contentHash(it roadmap.Item) string {
	h := sha256.New()
	field := func(s string) {
		h.Write([]byte(strconv.Itoa(len(s))))
		h.Write([]byte{':'})
		h.Write([]byte(s))
	}
	field(it.Title)
	field(it.Summary)
	field(it.Text)
	field(it.URL)
	field(strconv.Itoa(len(it.Points)))
	for _, p := range it.Points {
		field(p)
	}
	return hex.EncodeToString(h.Sum(nil))
}

const itemColumns = `id, project, source, title, summary, text, points_json, url, doc_url, position,
	links_json, issue_json, evidence_json, hash, first_seen, last_seen, removed_at`

// itemColumnsNoText reads an empty text in place of the text column.
var itemColumnsNoText = strings.Replace(itemColumns, "summary, text,", "summary, '' AS text,", 1)

func scanItem(r rowScanner) (roadmap.Item, error) {
	var (
		it                             roadmap.Item
		points, links, issue, evidence string
		first, last                    string
		removed                        sql.NullString
		err                            error
	)
	if err = r.Scan(&it.ID, &it.Project, &it.Source, &it.Title, &it.Summary, &it.Text, &points, &it.URL,
		&it.DocURL, &it.Position, &links, &issue, &evidence, &it.Hash, &first, &last, &removed); err != nil {
		return it, err
	}
	if err = fromJSON(points, &it.Points); err != nil {
		return it, err
	}
	if err = fromJSON(links, &it.Links); err != nil {
		return it, err
	}
	if err = fromJSON(issue, &it.Issue); err != nil {
		return it, err
	}
	if err = fromJSON(evidence, &it.Evidence); err != nil {
		return it, err
	}
	if it.FirstSeen, err = parseTime(first); err != nil {
		return it, err
	}
	if it.LastSeen, err = parseTime(last); err != nil {
		return it, err
	}
	if it.RemovedAt, err = parseNullTime(removed); err != nil {
		return it, err
	}
	return it, nil
}

// itemJSON encodes the JSON columns of an item.
func itemJSON(it roadmap.Item) (points, links, issue, evidence string, err error) {
	if points, err = toJSON(it.Points); err != nil {
		return
	}
	if links, err = toJSON(it.Links); err != nil {
		return
	}
	if issue, err = toJSON(it.Issue); err != nil {
		return
	}
	evidence, err = toJSON(it.Evidence)
	return
}

// Items returns the items q selects, ordered by project, source (page
// before github), position and ID. Errors are wrapped with "list items".
func (s *Store) Items(ctx context.Context, q ItemQuery) ([]roadmap.Item, error) {
	query, args, err := itemsQuery(q, "", "")
	if err != nil {
		return nil, err
	}
	return queryItems(ctx, s.db, "list items", query, args...)
}

// itemsQuery is the SELECT of Items, with extra columns after the item's
// from a join (whose arguments come first in joinArgs).
func itemsQuery(q ItemQuery, extra, join string, joinArgs ...any) (string, []any, error) {
	var where []string
	args := joinArgs
	in := func(col string, vals []string) error {
		if len(vals) == 0 {
			return nil
		}
		cond, arg, err := inList(col, vals)
		if err != nil {
			return fmt.Errorf("list items: %w", err)
		}
		where = append(where, cond)
		args = append(args, arg)
		return nil
	}
	if err := in("project", q.Projects); err != nil {
		return "", nil, err
	}
	if err := in("id", q.IDs); err != nil {
		return "", nil, err
	}
	if !q.IncludeRemoved {
		where = append(where, "removed_at IS NULL")
	}
	cols := itemColumns
	if q.NoText {
		cols = itemColumnsNoText
	}
	query := `SELECT ` + cols + extra + ` FROM items` + join
	if len(where) > 0 {
		query += ` WHERE ` + strings.Join(where, " AND ")
	}
	query += ` ORDER BY project, ` + sourceOrder + `, position, id`
	return query, args, nil
}

// inList returns the condition "col is one of vals" with its single
// argument: the values travel as one JSON array that SQLite unpacks with
// json_each, so any number of them fits in one statement (an IN list of
// placeholders fails with "too many SQL variables" past 32,766 values).
func inList(col string, vals []string) (string, any, error) {
	arr, err := json.Marshal(vals)
	if err != nil {
		return "", nil, err
	}
	return col + " IN (SELECT value FROM json_each(?))", string(arr), nil
}

type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func queryItems(ctx context.Context, db queryer, what, query string, args ...any) ([]roadmap.Item, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	var out []roadmap.Item
	for rows.Next() {
		it, err := scanItem(rows)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		out = append(out, it)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return out, nil
}
