package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/roadmapper/roadmapper/config"
	"github.com/roadmapper/roadmapper/internal/curation"
	"github.com/roadmapper/roadmapper/internal/fileout"
	"github.com/roadmapper/roadmapper/internal/rank"
	"github.com/roadmapper/roadmapper/internal/roadmap"
	"github.com/roadmapper/roadmapper/internal/store"
)

// ClientEntry is a client profile kept in the database, parsed. A profile
// that no longer validates against the configuration (a project removed
// since) has Err set and a zero Client, so it can be listed and fixed.
type ClientEntry struct {
	store.StoredClient
	Client roadmap.Client
	Err    error
}

// CurationDir is where an export puts each client's curation file, below
// the directory of the profiles (so a directory of profiles given to
// brochure --client holds profiles only).
const CurationDir = "curation"

// parseStored parses a stored profile against the configuration and themes.
func (a *App) parseStored(sc store.StoredClient, themes []rank.Theme) ClientEntry {
	c, err := config.ParseClient([]byte(sc.Profile), "stored client "+sc.Name, a.Config.Slugs(), ThemeSlugs(themes))
	e := ClientEntry{StoredClient: sc, Err: roadmap.WithKind(roadmap.KindInvalid, err)}
	if err == nil {
		e.Client = c
	}
	return e
}

// Clients lists the stored client profiles by name, parsed.
func (a *App) Clients(ctx context.Context, themes []rank.Theme) ([]ClientEntry, error) {
	list, err := a.Store.Clients(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]ClientEntry, len(list))
	for i, sc := range list {
		out[i] = a.parseStored(sc, themes)
	}
	return out, nil
}

// StoredClient finds a stored client by name or slug (KindNotFound when
// there is none), parsed.
func (a *App) StoredClient(ctx context.Context, nameOrSlug string, themes []rank.Theme) (ClientEntry, error) {
	sc, err := a.Store.FindClient(ctx, nameOrSlug)
	if errors.Is(err, store.ErrNotFound) {
		return ClientEntry{}, roadmap.Errorf(roadmap.KindNotFound, "no stored client named %q (list them with 'roadmapper clients export' or in the web app)", strings.TrimSpace(nameOrSlug))
	}
	if err != nil {
		return ClientEntry{}, err
	}
	return a.parseStored(sc, themes), nil
}

// ClientFieldError is a profile that does not validate, with the profile
// key it is about ("themes.gpu", "items_per_project"; "" when unknown).
type ClientFieldError struct {
	Key string
	Err error
}

func (e *ClientFieldError) Error() string { return e.Err.Error() }
func (e *ClientFieldError) Unwrap() error { return e.Err }

// SaveClient validates a profile by the rules of the TOML files and saves
// it: a new client when slug is "", else a new version of that client,
// which must still be at version expect (a *store.ConflictError otherwise).
// A profile that does not validate is KindInvalid wrapping a
// *ClientFieldError naming the key.
func (a *App) SaveClient(ctx context.Context, slug string, expect int64, f config.ClientFile, themes []rank.Theme, who string) (store.StoredClient, error) {
	data := config.MarshalClient(f)
	c, err := config.ParseClient(data, "client profile", a.Config.Slugs(), ThemeSlugs(themes))
	if err != nil {
		fe := &ClientFieldError{Err: err}
		var ce *config.Error
		if errors.As(err, &ce) {
			fe.Key = config.ClientKeyAt(data, ce.Line)
			fe.Err = errors.New(ce.Msg)
		}
		return store.StoredClient{}, roadmap.WithKind(roadmap.KindInvalid, fe)
	}
	if slug == "" {
		return a.Store.CreateClient(ctx, c.Name, string(data), who)
	}
	return a.Store.UpdateClient(ctx, slug, expect, c.Name, string(data), who)
}

// ImportedClient is one profile an import stored.
type ImportedClient struct {
	File     string
	Client   store.StoredClient
	Curation int // curation entries imported with it
}

// ImportClients stores the profiles in paths (files, or directories of
// *.toml files) as new clients or new versions of existing ones, with the
// curation file of each client found in CurationDir beside them. Every
// file is validated before anything is stored, so a bad file (KindInvalid,
// naming file and line) imports nothing.
func (a *App) ImportClients(ctx context.Context, paths []string, themes []rank.Theme, who string) ([]ImportedClient, error) {
	files, err := config.ClientFiles(paths)
	if err != nil {
		return nil, roadmap.WithKind(roadmap.KindInvalid, err)
	}
	type parsed struct {
		file    string
		data    []byte
		client  roadmap.Client
		entries []curation.Entry
	}
	var all []parsed
	seen := map[string]string{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, roadmap.Errorf(roadmap.KindInvalid, "read client profile: %w", err)
		}
		c, err := config.ParseClient(data, f, a.Config.Slugs(), ThemeSlugs(themes))
		if err != nil {
			return nil, roadmap.WithKind(roadmap.KindInvalid, err)
		}
		slug := roadmap.Slug(c.Name)
		if prev, dup := seen[slug]; dup {
			return nil, roadmap.Errorf(roadmap.KindInvalid, "%s: client %q is also in %s", f, c.Name, prev)
		}
		seen[slug] = f
		p := parsed{file: f, data: data, client: c}
		cpath := filepath.Join(filepath.Dir(f), CurationDir, filepath.Base(f))
		if _, err := os.Stat(cpath); err == nil {
			cur, err := curation.Load(cpath)
			if err != nil {
				return nil, roadmap.WithKind(roadmap.KindInvalid, err)
			}
			p.entries = cur.Entries
		}
		all = append(all, p)
	}
	var out []ImportedClient
	for _, p := range all {
		sc, err := a.Store.PutClient(ctx, p.client.Name, string(p.data), who)
		if err != nil {
			return out, fmt.Errorf("import %s: %w", p.file, err)
		}
		ic := ImportedClient{File: p.file, Client: sc, Curation: len(p.entries)}
		if len(p.entries) > 0 {
			if err := a.replaceCuration(ctx, sc.Slug, p.entries, who); err != nil {
				return out, fmt.Errorf("import curation of %s: %w", p.file, err)
			}
		}
		out = append(out, ic)
	}
	return out, nil
}

// replaceCuration makes the client's stored curation exactly entries.
func (a *App) replaceCuration(ctx context.Context, slug string, entries []curation.Entry, who string) error {
	old, _, err := a.Store.ClientCuration(ctx, slug)
	if err != nil {
		return err
	}
	want := map[string]bool{}
	var ops []store.CurationOp
	for _, e := range entries {
		want[e.ID+" "+e.Action] = true
		ops = append(ops, store.CurationOp{Op: store.CurationSet, Entry: store.CurationEntry{
			ItemID: e.ID, Action: e.Action, Title: e.Title, Summary: e.Summary, Reason: e.Reason}})
	}
	for _, e := range old {
		if !want[e.ItemID+" "+e.Action] {
			ops = append(ops, store.CurationOp{Op: store.CurationRemove, Entry: e})
		}
	}
	_, err = a.Store.ChangeCuration(ctx, slug, -1, ops, who)
	return err
}

// ExportClients writes every stored client to dir as <slug>.toml (the
// profile as saved) and its curation, when it has any, to
// dir/curation/<slug>.toml, each file written atomically. It returns the
// files written.
func (a *App) ExportClients(ctx context.Context, dir string) ([]string, error) {
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return nil, roadmap.Errorf(roadmap.KindInvalid, "export clients: %s is not an existing directory", dir)
	}
	list, err := a.Store.Clients(ctx)
	if err != nil {
		return nil, err
	}
	var written []string
	write := func(path string, data []byte) error {
		if _, err := fileout.Check(path); err != nil {
			return roadmap.WithKind(roadmap.KindInvalid, err)
		}
		if err := fileout.Write(path, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
			return fmt.Errorf("export %s: %w", path, err)
		}
		written = append(written, path)
		return nil
	}
	for _, sc := range list {
		if err := write(filepath.Join(dir, sc.Slug+".toml"), []byte(sc.Profile)); err != nil {
			return written, err
		}
		entries, _, err := a.Store.ClientCuration(ctx, sc.Slug)
		if err != nil {
			return written, err
		}
		if len(entries) == 0 {
			continue
		}
		if err := os.MkdirAll(filepath.Join(dir, CurationDir), 0o755); err != nil {
			return written, fmt.Errorf("export clients: %w", err)
		}
		if err := write(filepath.Join(dir, CurationDir, sc.Slug+".toml"), curation.Marshal(toCuration(entries, ""))); err != nil {
			return written, err
		}
	}
	return written, nil
}

// toCuration turns stored entries into a Curation; file names them in
// the messages about entries whose item is gone.
func toCuration(entries []store.CurationEntry, file string) *curation.Curation {
	c := &curation.Curation{}
	for _, e := range entries {
		c.Entries = append(c.Entries, curation.Entry{ID: e.ItemID, Action: e.Action, Title: e.Title, Summary: e.Summary, Reason: e.Reason, File: file})
	}
	sort.SliceStable(c.Entries, func(i, j int) bool { return c.Entries[i].ID < c.Entries[j].ID })
	return c
}

// ClientCuration is what a stored client's brochure uses: the curation
// file of the configuration (or base) with the client's own entries on
// top (a client's pin replaces a file's hide of the same item, and so on),
// plus the client's entries and their version, for editing.
func (a *App) ClientCuration(ctx context.Context, slug string, base *curation.Curation) (*curation.Curation, []store.CurationEntry, int64, error) {
	entries, version, err := a.Store.ClientCuration(ctx, slug)
	if err != nil {
		return nil, nil, 0, err
	}
	return MergeCuration(base, toCuration(entries, "curation of client "+slug)), entries, version, nil
}

// MergeCuration puts over's entries on top of base's: an entry of over
// replaces base's entries of the same action for that item, and a pin or
// hide in over also drops base's hide or pin of it.
func MergeCuration(base, over *curation.Curation) *curation.Curation {
	if base == nil {
		return over
	}
	if over == nil || len(over.Entries) == 0 {
		return base
	}
	drop := map[string]bool{}
	for _, e := range over.Entries {
		drop[e.ID+" "+e.Action] = true
		switch e.Action {
		case curation.ActionPin:
			drop[e.ID+" "+curation.ActionHide] = true
		case curation.ActionHide:
			drop[e.ID+" "+curation.ActionPin] = true
		}
	}
	out := &curation.Curation{}
	for _, e := range base.Entries {
		if !drop[e.ID+" "+e.Action] {
			out.Entries = append(out.Entries, e)
		}
	}
	out.Entries = append(out.Entries, over.Entries...)
	return out
}

// CurateRequest is one curation decision made in place: set (or, with
// Remove, withdraw) Action on ItemID, with a reason.
type CurateRequest struct {
	ItemID, Action, Title, Summary, Reason string
	Remove                                 bool
}

// Curate applies one decision to a stored client's curation, which must
// still be at version expect (a *store.ConflictError otherwise), and
// returns the new version. Pinning an item withdraws its hide and hiding
// withdraws its pin. A missing reason, title or summary is KindInvalid.
func (a *App) Curate(ctx context.Context, slug string, expect int64, req CurateRequest, who string) (int64, error) {
	req.ItemID, req.Reason = strings.TrimSpace(req.ItemID), strings.TrimSpace(req.Reason)
	req.Title, req.Summary = strings.TrimSpace(req.Title), strings.TrimSpace(req.Summary)
	if p, s, ok := strings.Cut(req.ItemID, "/"); !ok || p == "" || s == "" {
		return 0, roadmap.Errorf(roadmap.KindInvalid, "item %q: want an ID of the form project/slug", req.ItemID)
	}
	e := store.CurationEntry{ItemID: req.ItemID, Action: req.Action, Title: req.Title, Summary: req.Summary, Reason: req.Reason}
	if req.Remove {
		return a.Store.ChangeCuration(ctx, slug, expect, []store.CurationOp{{Op: store.CurationRemove, Entry: e}}, who)
	}
	switch {
	case req.Reason == "":
		return 0, roadmap.Errorf(roadmap.KindInvalid, "say why (a reason is kept with every curation decision)")
	case req.Action == curation.ActionRetitle && req.Title == "":
		return 0, roadmap.Errorf(roadmap.KindInvalid, "type the new title")
	case req.Action == curation.ActionRewrite && req.Summary == "":
		return 0, roadmap.Errorf(roadmap.KindInvalid, "type the new summary")
	case len(req.Reason) > 500 || len(req.Title) > 200 || len(req.Summary) > 2000:
		return 0, roadmap.Errorf(roadmap.KindInvalid, "too long: a reason holds 500 characters, a title 200, a summary 2000")
	}
	opposite := ""
	switch req.Action {
	case curation.ActionPin:
		opposite = curation.ActionHide
	case curation.ActionHide:
		opposite = curation.ActionPin
	case curation.ActionRetitle, curation.ActionRewrite:
	default:
		return 0, roadmap.Errorf(roadmap.KindInvalid, "unknown curation action %q (want pin, hide, retitle or rewrite)", req.Action)
	}
	ops := []store.CurationOp{{Op: store.CurationSet, Entry: e}}
	if opposite != "" {
		current, _, err := a.Store.ClientCuration(ctx, slug)
		if err != nil {
			return 0, err
		}
		for _, c := range current {
			if c.ItemID == req.ItemID && c.Action == opposite {
				ops = append(ops, store.CurationOp{Op: store.CurationRemove, Entry: c})
			}
		}
	}
	return a.Store.ChangeCuration(ctx, slug, expect, ops, who)
}

// ClientHistory lists the saved versions of a stored client, newest first.
func (a *App) ClientHistory(ctx context.Context, slug string) ([]store.ClientVersion, error) {
	return a.Store.ClientHistory(ctx, slug)
}

// CurationHistory lists the latest changes (at most limit) to a stored
// client's curation, newest first.
func (a *App) CurationHistory(ctx context.Context, slug string, limit int) ([]store.CurationChange, error) {
	return a.Store.CurationHistory(ctx, slug, limit)
}
