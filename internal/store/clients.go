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

// StoredClient is a client profile kept in the database. Profile is the
// TOML text the CLI reads (config.ParseClient validates both); Version
// counts saves of the profile and CurationVersion changes of its curation.
type StoredClient struct {
	ID              int64
	Slug, Name      string
	Profile         string
	Version         int64
	CurationVersion int64
	CreatedAt       time.Time
	CreatedBy       string
	UpdatedAt       time.Time
	UpdatedBy       string
}

// ClientVersion is one saved version of a client profile.
type ClientVersion struct {
	Version       int64
	Name, Profile string
	SavedAt       time.Time
	SavedBy       string
}

// ErrConflict is wrapped by every *ConflictError; test with errors.Is.
var ErrConflict = errors.New("changed by someone else")

// ConflictError refuses a save that started from an old version, or a new
// client whose name is taken. It says who saved last and when.
type ConflictError struct {
	What    string // "client Acme", "curation of Acme"
	Version int64  // the version now stored
	By      string // who saved it ("" when unknown)
	At      time.Time
	Exists  bool // a new client's name is already taken
}

func (e *ConflictError) Error() string {
	if e.Exists {
		return fmt.Sprintf("%s already exists; choose another name or edit that one", e.What)
	}
	by := ""
	if e.By != "" {
		by = " by " + e.By
	}
	return fmt.Sprintf("%s was changed%s at %s (now version %d) after you opened it; your save was refused so as not to overwrite it: reload, check their change, then save again",
		e.What, by, e.At.UTC().Format("2006-01-02 15:04:05 UTC"), e.Version)
}

func (e *ConflictError) Unwrap() error { return ErrConflict }

const clientColumns = `id, slug, name, profile, version, curation_version, created_at, created_by, updated_at, updated_by`

func scanClient(r rowScanner) (StoredClient, error) {
	var c StoredClient
	var created, updated string
	if err := r.Scan(&c.ID, &c.Slug, &c.Name, &c.Profile, &c.Version, &c.CurationVersion, &created, &c.CreatedBy, &updated, &c.UpdatedBy); err != nil {
		return c, err
	}
	var err error
	if c.CreatedAt, err = parseTime(created); err != nil {
		return c, err
	}
	c.UpdatedAt, err = parseTime(updated)
	return c, err
}

// Clients lists the stored client profiles by name.
func (s *Store) Clients(ctx context.Context) ([]StoredClient, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+clientColumns+` FROM clients ORDER BY name COLLATE NOCASE, id`)
	if err != nil {
		return nil, fmt.Errorf("list clients: %w", err)
	}
	defer rows.Close()
	var out []StoredClient
	for rows.Next() {
		c, err := scanClient(rows)
		if err != nil {
			return nil, fmt.Errorf("list clients: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list clients: %w", err)
	}
	return out, nil
}

// FindClient finds a stored client by its slug or, ignoring case and
// surrounding space, its name. A missing one wraps ErrNotFound.
func (s *Store) FindClient(ctx context.Context, nameOrSlug string) (StoredClient, error) {
	return findClient(ctx, s.db, nameOrSlug)
}

// rowQueryer is a *sql.DB or a *sql.Tx.
type rowQueryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func findClient(ctx context.Context, db rowQueryer, nameOrSlug string) (StoredClient, error) {
	key := strings.TrimSpace(nameOrSlug)
	row := db.QueryRowContext(ctx, `SELECT `+clientColumns+` FROM clients
		WHERE slug = ? OR name = ? COLLATE NOCASE OR slug = ? ORDER BY slug = ? DESC LIMIT 1`,
		key, key, roadmap.Slug(key), key)
	c, err := scanClient(row)
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("client %q: %w", key, ErrNotFound)
	}
	if err != nil {
		return c, fmt.Errorf("find client %q: %w", key, err)
	}
	return c, nil
}

// CreateClient stores a new client profile as version 1. A name whose slug
// is taken is a *ConflictError with Exists set.
func (s *Store) CreateClient(ctx context.Context, name, profile, who string) (StoredClient, error) {
	var out StoredClient
	err := s.inTx(ctx, "create client "+name, func(tx *sql.Tx) error {
		slug := roadmap.Slug(name)
		if slug == "" {
			return fmt.Errorf("client name %q has no letters or digits", name)
		}
		if prev, err := findClient(ctx, tx, slug); err == nil {
			return &ConflictError{What: "a client named " + prev.Name, Exists: true}
		} else if !errors.Is(err, ErrNotFound) {
			return err
		}
		now := formatTime(s.now())
		res, err := tx.ExecContext(ctx, `INSERT INTO clients (slug, name, profile, version, created_at, created_by, updated_at, updated_by)
			VALUES (?, ?, ?, 1, ?, ?, ?, ?)`, slug, name, profile, now, who, now, who)
		if err != nil {
			return err
		}
		id, err := res.LastInsertId()
		if err != nil {
			return err
		}
		if err := addClientHistory(ctx, tx, id, 1, name, profile, now, who); err != nil {
			return err
		}
		out, err = findClient(ctx, tx, slug)
		return err
	})
	return out, err
}

// UpdateClient saves a new version of the client with slug, which must
// still be at version expect: otherwise nothing is written and the error is
// a *ConflictError naming who saved last. The slug stays as created.
func (s *Store) UpdateClient(ctx context.Context, slug string, expect int64, name, profile, who string) (StoredClient, error) {
	var out StoredClient
	err := s.inTx(ctx, "update client "+slug, func(tx *sql.Tx) error {
		cur, err := findClient(ctx, tx, slug)
		if err != nil {
			return err
		}
		if cur.Version != expect {
			return &ConflictError{What: "client " + cur.Name, Version: cur.Version, By: cur.UpdatedBy, At: cur.UpdatedAt}
		}
		if other, err := findClient(ctx, tx, roadmap.Slug(name)); err == nil && other.ID != cur.ID {
			return &ConflictError{What: "a client named " + other.Name, Exists: true}
		}
		return s.writeClient(ctx, tx, cur, name, profile, who, &out)
	})
	return out, err
}

// PutClient creates the client or saves a new version of it whatever its
// current version (for imports, which are deliberate overwrites).
func (s *Store) PutClient(ctx context.Context, name, profile, who string) (StoredClient, error) {
	var out StoredClient
	err := s.inTx(ctx, "import client "+name, func(tx *sql.Tx) error {
		cur, err := findClient(ctx, tx, roadmap.Slug(name))
		if errors.Is(err, ErrNotFound) {
			return errCreate
		}
		if err != nil {
			return err
		}
		if cur.Name == name && cur.Profile == profile {
			out = cur
			return nil
		}
		return s.writeClient(ctx, tx, cur, name, profile, who, &out)
	})
	if errors.Is(err, errCreate) {
		return s.CreateClient(ctx, name, profile, who)
	}
	return out, err
}

var errCreate = errors.New("create instead")

func (s *Store) writeClient(ctx context.Context, tx *sql.Tx, cur StoredClient, name, profile, who string, out *StoredClient) error {
	now := formatTime(s.now())
	next := cur.Version + 1
	if _, err := tx.ExecContext(ctx, `UPDATE clients SET name = ?, profile = ?, version = ?, updated_at = ?, updated_by = ? WHERE id = ?`,
		name, profile, next, now, who, cur.ID); err != nil {
		return err
	}
	if err := addClientHistory(ctx, tx, cur.ID, next, name, profile, now, who); err != nil {
		return err
	}
	c, err := findClient(ctx, tx, cur.Slug)
	*out = c
	return err
}

func addClientHistory(ctx context.Context, tx *sql.Tx, id, version int64, name, profile, at, who string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO client_history (client_id, version, name, profile, saved_at, saved_by) VALUES (?, ?, ?, ?, ?, ?)`,
		id, version, name, profile, at, who)
	return err
}

// ClientHistory lists the saved versions of a client, newest first.
func (s *Store) ClientHistory(ctx context.Context, slug string) ([]ClientVersion, error) {
	c, err := s.FindClient(ctx, slug)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT version, name, profile, saved_at, saved_by FROM client_history WHERE client_id = ? ORDER BY id DESC`, c.ID)
	if err != nil {
		return nil, fmt.Errorf("history of client %s: %w", slug, err)
	}
	defer rows.Close()
	var out []ClientVersion
	for rows.Next() {
		var v ClientVersion
		var at string
		if err := rows.Scan(&v.Version, &v.Name, &v.Profile, &at, &v.SavedBy); err != nil {
			return nil, fmt.Errorf("history of client %s: %w", slug, err)
		}
		if v.SavedAt, err = parseTime(at); err != nil {
			return nil, fmt.Errorf("history of client %s: %w", slug, err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// inTx runs fn in one write transaction, wrapping its error with what.
// A *ConflictError comes back as it is, so callers can show its message.
func (s *Store) inTx(ctx context.Context, what string, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		var ce *ConflictError
		if errors.As(err, &ce) || errors.Is(err, errCreate) || errors.Is(err, ErrNotFound) {
			return err
		}
		return fmt.Errorf("%s: %w", what, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}
