package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"

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

// LogosOf returns the stored logos of projects by project slug, with
// their variants: a brochure reads the few it draws, not every project's. Errors are
// wrapped with "list logos".
func (s *Store) LogosOf(ctx context.Context, projects []string) (map[string]roadmap.Logo, error) {
	cond, arg, err := inList("project", projects)
	if err != nil {
		return nil, fmt.Errorf("list logos: %w", err)
	}
	logos, err := s.logos(ctx, `SELECT `+logoColumns+` FROM logos WHERE `+cond, arg)
	if err != nil {
		return nil, err
	}
	if err := s.logoVariants(ctx, logos); err != nil {
		return nil, fmt.Errorf("list logo variants: %w", err)
	}
	return logos, nil
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

// logoVariants adds to logos the variants stored for them (see
// roadmap.LogoVariant).
func (s *Store) logoVariants(ctx context.Context, logos map[string]roadmap.Logo) error {
	if len(logos) == 0 {
		return nil
	}
	projects := make([]string, 0, len(logos))
	for p := range logos {
		projects = append(projects, p)
	}
	cond, arg, err := inList("project", projects)
	if err != nil {
		return err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT project, logo, version, type, width, height, data
		FROM logo_variants WHERE `+cond+` ORDER BY project, width`, arg)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			project string
			of      []byte
			v       roadmap.LogoVariant
		)
		if err := rows.Scan(&project, &of, &v.Version, &v.Type, &v.Width, &v.Height, &v.Data); err != nil {
			return err
		}
		if len(of) != len(v.Of) {
			continue
		}
		copy(v.Of[:], of)
		l := logos[project]
		l.Variants = append(l.Variants, v)
		logos[project] = l
	}
	return rows.Err()
}

// SaveLogoVariants keeps renditions of projects' logos at other widths
// (a brochure made them; by project slug), in one transaction: each
// replaces one of the same logo, preparation and width, and a project's
// variants of any other logo or preparation are dropped. Errors are
// wrapped with "save logo variants".
func (s *Store) SaveLogoVariants(ctx context.Context, variants map[string][]roadmap.LogoVariant) error {
	if len(variants) == 0 {
		return nil
	}
	projects := make([]string, 0, len(variants))
	for p := range variants {
		projects = append(projects, p)
	}
	sort.Strings(projects)
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("save logo variants: %w", err)
	}
	defer tx.Rollback()
	for _, project := range projects {
		vs := variants[project]
		if len(vs) == 0 {
			continue
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM logo_variants WHERE project = ? AND (logo <> ? OR version <> ?)`,
			project, vs[0].Of[:], vs[0].Version); err != nil {
			return fmt.Errorf("save logo variants of %s: %w", project, err)
		}
		for _, v := range vs {
			if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO logo_variants (project, logo, version, type, width, height, data)
				VALUES (?, ?, ?, ?, ?, ?, ?)`, project, v.Of[:], v.Version, v.Type, v.Width, v.Height, v.Data); err != nil {
				return fmt.Errorf("save logo variants of %s: %w", project, err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("save logo variants: %w", err)
	}
	return nil
}
