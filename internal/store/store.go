// Package store keeps every crawl's history in an embedded SQLite database
// (modernc.org/sqlite, no cgo): crawls, fetches and their archived bodies,
// roadmap items and their change events, per-project snapshots, the current
// facts of each roadmap document, logos and the GitHub ETag cache.
//
// Every error that comes back is wrapped with the operation that failed;
// lookups of a single thing that does not exist wrap ErrNotFound.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// ErrNotFound is wrapped by lookups of a crawl, logo or snapshot that does
// not exist; test for it with errors.Is.
var ErrNotFound = errors.New("not found")

// busyTimeoutMS is how long a connection waits for another writer.
const busyTimeoutMS = 10000

// Store is the SQLite store. It is safe for concurrent use.
type Store struct {
	// Now is the store's clock; it defaults to time.Now().UTC(). Tests
	// replace it to control the times written.
	Now func() time.Time

	db   *sql.DB
	path string

	// stmts holds the statements the crawl runs for every project,
	// prepared once (database/sql then prepares each once per connection)
	// instead of once per project: preparing was a quarter of an
	// unchanged crawl's CPU.
	stmtMu sync.Mutex
	stmts  map[string]*sql.Stmt

	// failHook, when set (by tests), is called between the steps of
	// SaveProject; an error it returns aborts the save.
	failHook func(step string) error
}

// Open opens (creating if needed, with its parent directory) the database
// at path and applies any pending migrations. The path ":memory:" opens a
// private in-memory database on a single connection, for tests. Errors come
// back wrapped with "open store <path>".
func Open(ctx context.Context, path string) (*Store, error) {
	s, err := open(ctx, path)
	if err != nil {
		if errors.Is(err, roadmap.ErrStoreCorrupt) {
			return nil, err
		}
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	return s, nil
}

func nowUTC() time.Time { return time.Now().UTC() }

func open(ctx context.Context, path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("empty path")
	}
	memory := path == ":memory:"
	if !memory {
		if strings.ContainsAny(path, "?#") || strings.HasPrefix(path, "file:") {
			return nil, errors.New("path must be a plain file name (no '?', '#' or file: URI)")
		}
		if err := checkRegular(path); err != nil {
			return nil, err
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, fmt.Errorf("create directory: %w", err)
		}
	}
	dsn := path + fmt.Sprintf("?_pragma=busy_timeout(%d)&_pragma=foreign_keys(1)&_txlock=immediate", busyTimeoutMS)
	if !memory {
		dsn += "&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)"
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	if memory {
		// Every connection to ":memory:" is a different database: keep one.
		db.SetMaxOpenConns(1)
		db.SetMaxIdleConns(1)
		db.SetConnMaxLifetime(0)
		db.SetConnMaxIdleTime(0)
	} else {
		db.SetMaxOpenConns(4)
		db.SetMaxIdleConns(4)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, corrupt(path, err)
	}
	s := &Store{Now: nowUTC, db: db, path: path}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, corrupt(path, err)
	}
	return s, nil
}

// Close closes the database. Errors come back wrapped with "close store".
func (s *Store) Close() error {
	s.stmtMu.Lock()
	for _, st := range s.stmts {
		st.Close()
	}
	s.stmts = nil
	s.stmtMu.Unlock()
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close store %s: %w", s.path, err)
	}
	return nil
}

// prepared returns query prepared on the store's database, preparing it on
// first use. Not for use inside a transaction of a single-connection
// (":memory:") store: the preparation would wait for the transaction's
// connection.
func (s *Store) prepared(ctx context.Context, query string) (*sql.Stmt, error) {
	if st := s.cachedStmt(query); st != nil {
		return st, nil
	}
	st, err := s.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	s.stmtMu.Lock()
	defer s.stmtMu.Unlock()
	if old, ok := s.stmts[query]; ok {
		st.Close() // prepared meanwhile by another goroutine
		return old, nil
	}
	if s.stmts == nil {
		s.stmts = map[string]*sql.Stmt{}
	}
	s.stmts[query] = st
	return st, nil
}

// cachedStmt is query's statement if prepared is done with it, else nil.
func (s *Store) cachedStmt(query string) *sql.Stmt {
	s.stmtMu.Lock()
	defer s.stmtMu.Unlock()
	return s.stmts[query]
}

// now is the store's clock in UTC.
func (s *Store) now() time.Time {
	if s.Now == nil {
		return time.Now().UTC()
	}
	return s.Now().UTC()
}

// step runs the test hook of SaveProject, if any.
func (s *Store) step(name string) error {
	if s.failHook == nil {
		return nil
	}
	return s.failHook(name)
}
