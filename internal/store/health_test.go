package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

func TestNewerSchemaRefused(t *testing.T) {
	ctx := context.Background()
	for name, tamper := range map[string]string{
		"user_version":      `PRAGMA user_version = 9999`,
		"unknown migration": `INSERT INTO schema_migrations (version, applied_at) VALUES ('9999_future', '2030-01-01T00:00:00Z')`,
	} {
		t.Run(name, func(t *testing.T) {
			s, _, path := newFileStore(t)
			if _, err := s.db.ExecContext(ctx, tamper); err != nil {
				t.Fatal(err)
			}
			s.Close()
			for _, open := range []func(context.Context, string) (*Store, error){Open, OpenReadOnly, func(ctx context.Context, p string) (*Store, error) { return openReadOnly(ctx, p) }} {
				_, err := open(ctx, path)
				if !errors.Is(err, ErrNewerSchema) || !strings.Contains(err.Error(), "schema 9999 > ") {
					t.Errorf("err = %v, want a refusal naming schema 9999", err)
				}
			}
		})
	}
}

func TestOpenRefusesDevices(t *testing.T) {
	_, err := Open(context.Background(), "/dev/null")
	if err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("Open(/dev/null) = %v", err)
	}
	if _, err := os.Stat("/dev/null-journal"); err == nil {
		t.Error("/dev/null-journal exists")
	}
}

// TestReadOnlyOpen: a database opened read-only (as for a read-only file
// or directory) answers reads, refuses writes, and is refused when it
// needs migrations.
func TestReadOnlyOpen(t *testing.T) {
	ctx := context.Background()
	s, clk, path := newFileStore(t)
	save(t, s, clk, page(1, "Alpha", "Beta"))
	s.Close()
	ro, err := openReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	items, err := ro.Items(ctx, ItemQuery{})
	if err != nil || len(items) != 2 {
		t.Errorf("Items = %d, %v", len(items), err)
	}
	if _, err := ro.BeginCrawl(ctx, false); err == nil {
		t.Error("a read-only store accepted a write")
	}
	ro.Close()

	s2, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	s2.db.ExecContext(ctx, `DELETE FROM schema_migrations WHERE version = (SELECT MAX(version) FROM schema_migrations)`)
	s2.Close()
	if _, err := openReadOnly(ctx, path); err == nil || !strings.Contains(err.Error(), "needs migration") {
		t.Errorf("read-only open of a database needing a migration: %v", err)
	}
}

func TestCorruptDatabase(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	junk := filepath.Join(dir, "junk.db")
	os.WriteFile(junk, []byte(strings.Repeat("this is not SQLite ", 300)), 0o644)
	_, err := Open(ctx, junk)
	if !errors.Is(err, roadmap.ErrStoreCorrupt) || !strings.Contains(err.Error(), "restore it from a backup") ||
		!strings.Contains(err.Error(), "sqlite3 "+junk+" 'PRAGMA integrity_check'") {
		t.Errorf("Open(junk) = %v", err)
	}

	// Damaged pages after the first: found when a save touches them.
	s, clk, path := newFileStore(t)
	save(t, s, clk, page(1, "Alpha", "Beta", "Gamma"))
	if _, err := s.db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	b, _ := os.ReadFile(path)
	for i := 4096; i < len(b); i++ {
		b[i] = 0xA5
	}
	os.WriteFile(path, b, 0o644)
	s, err = Open(ctx, path)
	if err == nil {
		defer s.Close()
		c, err2 := s.BeginCrawl(ctx, false)
		if err2 == nil {
			_, err = s.SaveProject(ctx, c.ID, page(2, "Delta"))
		} else {
			err = corrupt(path, err2)
		}
	}
	if !errors.Is(err, roadmap.ErrStoreCorrupt) || !strings.Contains(err.Error(), "restore it from a backup") {
		t.Errorf("damaged pages: %v", err)
	}
}
