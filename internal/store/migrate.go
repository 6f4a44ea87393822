package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migrate applies, in file-name order, each embedded migration not yet
// recorded in schema_migrations, each in its own transaction. A database
// that is up to date is only read: no transaction, no write (every
// command opens the store, most of them only to read).
func (s *Store) migrate(ctx context.Context) error {
	applied, err := s.checkSchema(ctx, s.db)
	if err != nil {
		return err
	}
	if len(applied) == 0 {
		if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    TEXT PRIMARY KEY,
		applied_at TEXT NOT NULL
	)`); err != nil {
			return fmt.Errorf("create schema_migrations: %w", err)
		}
	}
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return fmt.Errorf("list migrations: %w", err)
	}
	sort.Strings(names)
	last := ""
	for _, name := range names {
		version := strings.TrimSuffix(strings.TrimPrefix(name, "migrations/"), ".sql")
		last = version
		if applied[version] {
			continue
		}
		if err := s.applyMigration(ctx, name, version); err != nil {
			return fmt.Errorf("migration %s: %w", version, err)
		}
	}
	// user_version tells an older roadmapper that this schema is newer.
	var have int
	if err := s.db.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&have); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if want := schemaNumber(last); have != want {
		if _, err := s.db.ExecContext(ctx, fmt.Sprintf(`PRAGMA user_version = %d`, want)); err != nil {
			return fmt.Errorf("record schema version: %w", err)
		}
	}
	return nil
}

func (s *Store) applyMigration(ctx context.Context, name, version string) error {
	body, err := migrationFiles.ReadFile(name)
	if err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = ?`, version).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`,
		version, formatTime(s.now())); err != nil {
		return err
	}
	return tx.Commit()
}
