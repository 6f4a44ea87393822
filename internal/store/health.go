package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"

	"modernc.org/sqlite"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// ErrNewerSchema: the database was written by a newer roadmapper, whose
// migrations this one does not know; it is left untouched.
var ErrNewerSchema = errors.New("written by a newer roadmapper")

// SQLite primary result codes of a damaged file.
const (
	sqliteCorrupt = 11 // SQLITE_CORRUPT: "database disk image is malformed"
	sqliteNotADB  = 26 // SQLITE_NOTADB: "file is not a database"
)

// isCorrupt reports whether err is SQLite saying the file is damaged.
func isCorrupt(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqliteCorrupt, sqliteNotADB:
			return true
		}
	}
	return err != nil && (strings.Contains(err.Error(), "database disk image is malformed") || strings.Contains(err.Error(), "file is not a database"))
}

// corrupt turns a SQLite corruption error into the one clear error the
// user sees (wrapping roadmap.ErrStoreCorrupt, so a crawl stops); other
// errors come back as they are.
func corrupt(path string, err error) error {
	if !isCorrupt(err) || errors.Is(err, roadmap.ErrStoreCorrupt) {
		return err
	}
	return &corruptError{path: path, err: err}
}

// ExplainCorrupt returns err as the one clear "the database is corrupt"
// error when SQLite reported damage anywhere in its chain (and it does not
// say so already), else err unchanged.
func ExplainCorrupt(path string, err error) error { return corrupt(path, err) }

// corruptError says what to do about a damaged database, once.
type corruptError struct {
	path string
	err  error
}

func (e *corruptError) Error() string {
	return fmt.Sprintf("the database %s is corrupt (%v); restore it from a backup; check it with: sqlite3 %s 'PRAGMA integrity_check'", e.path, e.err, e.path)
}

func (e *corruptError) Unwrap() []error { return []error{roadmap.ErrStoreCorrupt, e.err} }

// migrationVersions lists the embedded migrations ("0001_init", …) in order.
func migrationVersions() ([]string, error) {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return nil, fmt.Errorf("list migrations: %w", err)
	}
	sort.Strings(names)
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = strings.TrimSuffix(strings.TrimPrefix(n, "migrations/"), ".sql")
	}
	return out, nil
}

// schemaNumber is the number a migration version starts with (0 if none).
func schemaNumber(version string) int {
	n, _ := strconv.Atoi(strings.SplitN(version, "_", 2)[0])
	return n
}

// checkSchema refuses a database that a newer roadmapper wrote: its
// user_version or a recorded migration is beyond what this binary knows.
// It returns the versions recorded, for the caller to compare.
func (s *Store) checkSchema(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}) (map[string]bool, error) {
	known, err := migrationVersions()
	if err != nil {
		return nil, err
	}
	ours := schemaNumber(known[len(known)-1])
	isKnown := map[string]bool{}
	for _, v := range known {
		isKnown[v] = true
	}
	var userVersion int
	if err := q.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&userVersion); err != nil {
		return nil, fmt.Errorf("read schema version: %w", err)
	}
	theirs := userVersion
	applied := map[string]bool{}
	rows, err := q.QueryContext(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		if strings.Contains(err.Error(), "no such table") {
			return applied, nil
		}
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	defer rows.Close()
	unknown := ""
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, fmt.Errorf("read migrations: %w", err)
		}
		applied[v] = true
		if !isKnown[v] {
			theirs = max(theirs, schemaNumber(v))
			if unknown == "" {
				unknown = v
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	if theirs > ours || unknown != "" {
		what := fmt.Sprintf("schema %d > %d", theirs, ours)
		if theirs <= ours {
			what = fmt.Sprintf("unknown migration %s", unknown)
		}
		return nil, fmt.Errorf("%w (%s); use that roadmapper, or a copy of the database made before it", ErrNewerSchema, what)
	}
	return applied, nil
}

// OpenReadOnly opens an existing database for commands that only read it.
// When the file and its directory can be written it is Open; otherwise
// (a read-only file, directory or file system) it is opened read-only,
// without migrations: a database that needs them is refused with a message
// saying so, one from a newer roadmapper too.
func OpenReadOnly(ctx context.Context, path string) (*Store, error) {
	if writable(path) && writable(filepath.Dir(path)) {
		return Open(ctx, path)
	}
	s, err := openReadOnly(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("open store %s read-only: %w", path, err)
	}
	return s, nil
}

func writable(path string) bool { return syscall.Access(path, 2 /* W_OK */) == nil }

func openReadOnly(ctx context.Context, path string) (*Store, error) {
	if err := checkRegular(path); err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	base := "file:" + (&urlPath{abs}).String() + fmt.Sprintf("?mode=ro&_pragma=busy_timeout(%d)&_pragma=query_only(1)", busyTimeoutMS)
	var lastErr error
	// A WAL database in a read-only directory cannot get its -shm file:
	// then it is read as immutable (no other writer can be running there).
	for _, dsn := range []string{base, base + "&immutable=1"} {
		db, err := sql.Open("sqlite", dsn)
		if err != nil {
			return nil, err
		}
		db.SetMaxOpenConns(4)
		s := &Store{db: db, path: path}
		s.Now = nowUTC
		applied, err := s.checkSchema(ctx, db)
		if err != nil {
			db.Close()
			if errors.Is(err, ErrNewerSchema) || isCorrupt(err) {
				return nil, corrupt(path, err)
			}
			lastErr = err
			continue
		}
		versions, err := migrationVersions()
		if err != nil {
			db.Close()
			return nil, err
		}
		for _, v := range versions {
			if !applied[v] {
				db.Close()
				return nil, fmt.Errorf("the database is read-only and needs migration %s of this roadmapper; run a command that writes (such as crawl) once with write access", v)
			}
		}
		return s, nil
	}
	return nil, lastErr
}

// urlPath escapes a file path for a file: URI.
type urlPath struct{ p string }

func (u *urlPath) String() string {
	r := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")
	return r.Replace(u.p)
}

// checkRegular refuses an existing path that is not a regular file (such
// as /dev/null, where SQLite would create /dev/null-journal).
func checkRegular(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil
		}
		return err
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("%s is not a regular file; give a database file or a new path", path)
	}
	return nil
}
