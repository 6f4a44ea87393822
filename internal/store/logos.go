package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

const logoColumns = `project, source, format, method, note, width, height, data,
	ready_version, ready_type, ready_width, ready_height, ready_data`

func scanLogo(r rowScanner) (roadmap.Logo, error) {
	var (
		l  roadmap.Logo
		rd roadmap.LogoRendition
	)
	err := r.Scan(&l.Project, &l.Source, &l.Format, &l.Method, &l.Note, &l.Width, &l.Height, &l.Data,
		&rd.Version, &rd.Type, &rd.Width, &rd.Height, &rd.Data)
	if err == nil && rd.Version != "" && len(rd.Data) > 0 {
		l.Ready = &rd
	}
	return l, err
}

// Logo returns the stored logo of a project; ErrNotFound (wrapped) when
// there is none.
func (s *Store) Logo(ctx context.Context, project string) (roadmap.Logo, error) {
	l, err := scanLogo(s.db.QueryRowContext(ctx, `SELECT `+logoColumns+` FROM logos WHERE project = ?`, project))
	if errors.Is(err, sql.ErrNoRows) {
		return roadmap.Logo{}, fmt.Errorf("logo of %s: %w", project, ErrNotFound)
	}
	if err != nil {
		return roadmap.Logo{}, fmt.Errorf("logo of %s: %w", project, err)
	}
	return l, nil
}

// Logos returns every stored logo by project slug. Errors are wrapped with
// "list logos".
func (s *Store) Logos(ctx context.Context) (map[string]roadmap.Logo, error) {
	return s.logos(ctx, `SELECT `+logoColumns+` FROM logos`)
}

// LogosOf returns the stored logos of projects by project slug: a
// brochure reads the few it draws, not every project's. Errors are
// wrapped with "list logos".
func (s *Store) LogosOf(ctx context.Context, projects []string) (map[string]roadmap.Logo, error) {
	cond, arg, err := inList("project", projects)
	if err != nil {
		return nil, fmt.Errorf("list logos: %w", err)
	}
	return s.logos(ctx, `SELECT `+logoColumns+` FROM logos WHERE `+cond, arg)
}

func (s *Store) logos(ctx context.Context, query string, args ...any) (map[string]roadmap.Logo, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list logos: %w", err)
	}
	defer rows.Close()
	out := map[string]roadmap.Logo{}
	for rows.Next() {
		l, err := scanLogo(rows)
		if err != nil {
			return nil, fmt.Errorf("list logos: %w", err)
		}
		out[l.Project] = l
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list logos: %w", err)
	}
	return out, nil
}
