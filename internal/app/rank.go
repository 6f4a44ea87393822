package app

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/roadmapper/roadmapper/config"
	"github.com/roadmapper/roadmapper/internal/audit"
	"github.com/roadmapper/roadmapper/internal/curation"
	"github.com/roadmapper/roadmapper/internal/plaintext"
	"github.com/roadmapper/roadmapper/internal/rank"
	"github.com/roadmapper/roadmapper/internal/roadmap"
	"github.com/roadmapper/roadmapper/internal/store"
	"github.com/roadmapper/roadmapper/internal/tomlsafe"
)

// Ranked is the read side shared by item listings and brochures: current
// items scored for a client (or intrinsically), curated, with each
// project's roadmap date.
type Ranked struct {
	Scored   []rank.Scored
	Snaps    map[string]roadmap.ProjectSnapshot
	Updated  map[string]time.Time // project → roadmap date
	Basis    map[string]string    // project → basis of that date
	Prec     map[string]string    // project → precision of that date
	Problems []curation.Problem   // curation entries whose items are gone
}

// readLean says whether a ranking read item it without its row, from
// its stored features (rank.Features.Lean): a lean item has no content
// hash, which every row has. fillScored reads its row before it is shown.
func readLean(it *roadmap.Item) bool { return it.Hash == "" }

// RankSetup is what listing or choosing items needs besides the items:
// the projects asked for, the themes and the curation.
type RankSetup struct {
	Projects []string
	Themes   []rank.Theme
	Curation *curation.Curation
}

// LoadRankSetup checks the project slugs (an unknown one is KindInvalid)
// and loads the themes and the curation (curationPath, else [rank].curation).
func LoadRankSetup(cfg *config.Config, projects []string, curationPath string) (RankSetup, error) {
	rs := RankSetup{Projects: projects}
	if _, err := SelectProjects(cfg, projects); err != nil {
		return rs, err
	}
	var err error
	if rs.Themes, err = LoadThemes(cfg); err != nil {
		return rs, err
	}
	if rs.Curation, err = LoadCuration(cfg, curationPath); err != nil {
		return rs, err
	}
	return rs, nil
}

// LoadThemes reads the themes taxonomy: the configured file (errors are
// KindInvalid) or the embedded default.
func LoadThemes(cfg *config.Config) ([]rank.Theme, error) {
	if cfg.Rank.Themes != "" {
		data, err := tomlsafe.ReadFile(cfg.Rank.Themes)
		if err != nil {
			return nil, roadmap.Errorf(roadmap.KindInvalid, "read themes: %w", err)
		}
		if e := tomlsafe.Check(data); e != nil {
			return nil, roadmap.Errorf(roadmap.KindInvalid, "%s:%d: %s", cfg.Rank.Themes, e.Line, e.Msg)
		}
		th, err := rank.ParseThemes(data, cfg.Rank.Themes)
		if err != nil {
			return nil, roadmap.WithKind(roadmap.KindInvalid, err)
		}
		return th, nil
	}
	th, err := rank.ParseThemes(config.Themes, "(built-in themes)")
	if err != nil {
		return nil, fmt.Errorf("built-in themes: %w", err)
	}
	return th, nil
}

// ThemeSlugs lists the slugs of themes, for validating client profiles.
func ThemeSlugs(th []rank.Theme) []string {
	out := make([]string, len(th))
	for i, t := range th {
		out[i] = t.Slug
	}
	return out
}

// LoadCuration reads curation from path or the configured file; nil when
// neither is set. A bad file is KindInvalid.
func LoadCuration(cfg *config.Config, path string) (*curation.Curation, error) {
	if path == "" {
		path = cfg.Rank.Curation
	}
	if path == "" {
		return nil, nil
	}
	c, err := curation.Load(path)
	if err != nil {
		return nil, roadmap.WithKind(roadmap.KindInvalid, err)
	}
	return c, nil
}

// LoadClient reads a client profile, checking its projects and themes
// against the configuration; errors are KindInvalid.
func LoadClient(cfg *config.Config, path string, themes []rank.Theme) (roadmap.Client, error) {
	c, err := config.LoadClient(path, cfg.Slugs(), ThemeSlugs(themes))
	return c, roadmap.WithKind(roadmap.KindInvalid, err)
}

// Rank loads the current items of setup.Projects (all when empty) and
// ranks them for client (intrinsically when nil), then applies curation.
func (a *App) Rank(ctx context.Context, setup RankSetup, client *roadmap.Client) (*Ranked, error) {
	return a.rank(ctx, setup.Projects, client, setup.Themes, setup.Curation, 0)
}

// rank is Rank; top > 0 keeps only the first top items (see rank.Input),
// which only a ranking without curation may do: curation moves pins up
// and removes hidden items after the ranking.
func (a *App) rank(ctx context.Context, projects []string, client *roadmap.Client, themes []rank.Theme, cur *curation.Curation, top int) (*Ranked, error) {
	var (
		items   []roadmap.Item
		feats   map[string]*rank.Features
		scanned *rank.Scanned
		snaps   map[string]roadmap.ProjectSnapshot
		err     error
	)
	var interests []string
	if client != nil {
		interests = client.Interests
	}
	var fr forRanking
	if fr, err = a.itemsForRanking(ctx, projects, themes, interests); err == nil {
		items, feats, scanned = fr.items, fr.feats, fr.scanned
		snaps, err = a.latestSnapshots(ctx)
	}
	if err != nil {
		return nil, fmt.Errorf("load items: %w", err)
	}
	r := newRanked(snaps)
	in := a.rankInput(r, client, themes)
	in.Items, in.Features, in.Scanned, in.Top = items, feats, scanned, top
	r.Scored = rank.Rank(in)
	if err := a.curate(ctx, r, cur); err != nil {
		return nil, err
	}
	return r, nil
}

// newRanked starts a ranking's result with each project's roadmap date.
func newRanked(snaps map[string]roadmap.ProjectSnapshot) *Ranked {
	r := &Ranked{Snaps: snaps, Updated: map[string]time.Time{}, Basis: map[string]string{}, Prec: map[string]string{}}
	for slug, s := range snaps {
		if d, basis, _ := audit.RoadmapDate(s); !d.IsZero() {
			r.Updated[slug] = d
			r.Basis[slug] = basis
			r.Prec[slug] = audit.RoadmapPrecision(s)
		}
	}
	return r
}

// rankInput is the ranking's input for client, but for the items.
func (a *App) rankInput(r *Ranked, client *roadmap.Client, themes []rank.Theme) rank.Input {
	return rank.Input{Themes: themes, Client: client, Weights: RankWeights(a.Config), Updated: r.Updated, Now: a.now()}
}

// curate applies the curation cur (nil: none) to the ranking r.
func (a *App) curate(ctx context.Context, r *Ranked, cur *curation.Curation) error {
	if cur == nil {
		return nil
	}
	// Curation edits titles and summaries: the items it names are read
	// in full first.
	var named []rank.Scored
	for i := range r.Scored {
		if readLean(r.Scored[i].Item) && cur.Names(r.Scored[i].Item.ID) {
			named = append(named, r.Scored[i])
		}
	}
	if err := a.fillScored(ctx, named, false); err != nil {
		return err
	}
	// Read in full (with their hash), they are never read again over the
	// curation's edits.
	full := make(map[string]*roadmap.Item, len(named))
	for _, s := range named {
		full[s.Item.ID] = s.Item
	}
	for i := range r.Scored {
		if it, ok := full[r.Scored[i].Item.ID]; ok {
			r.Scored[i].Item = it
		}
	}
	r.Scored, r.Problems = curation.Apply(r.Scored, cur)
	return nil
}

// RankWeights maps the [rank] table to the ranking weights.
func RankWeights(cfg *config.Config) rank.Weights {
	r := cfg.Rank
	return rank.Weights{
		Demand: r.Demand, Concreteness: r.Concreteness, Freshness: r.Freshness, Position: r.Position,
		Intrinsic: r.Intrinsic, Themes: r.ThemeFit, Interests: r.Interests, Prefer: r.Prefer,
	}
}

// ItemsRequest asks for a listing of current items.
type ItemsRequest struct {
	Setup  RankSetup
	Client *roadmap.Client // nil: no scores, roadmap order
	// Limit cuts the listing (0: all). With a client and no curation the
	// ranking then holds only that many items (Listing.Scored is cut too).
	Limit int
	// WithText reads the text of the listed items whose summaries need
	// it (a ranking reads only the texts it scans).
	WithText bool
	// TitlesOnly reads no more of the listed items than their titles
	// (beside what ranking read: ID, project, source, position): enough
	// for a listing of scores, IDs, titles, themes and reasons.
	TitlesOnly bool
}

// Listing is a list of current items and the ranking it was cut from.
type Listing struct {
	*Ranked
	// List is what to show: ranked for the client, else in roadmap order,
	// cut to the limit.
	List []rank.Scored
}

// Items lists current items: ranked for the client, or in the order of the
// roadmaps (projects in config order, page items before GitHub issues,
// then position) without one.
func (a *App) Items(ctx context.Context, req ItemsRequest) (Listing, error) {
	// A client's ranking cut to the limit keeps only that many items as it
	// scores; without a client the listing is in roadmap order, and with
	// curation the order changes after the ranking, so both rank all.
	top := 0
	if req.Client != nil && req.Setup.Curation == nil {
		top = req.Limit
	}
	r, err := a.rank(ctx, req.Setup.Projects, req.Client, req.Setup.Themes, req.Setup.Curation, top)
	if err != nil {
		return Listing{}, err
	}
	if req.Client == nil {
		sortByRoadmapOrder(r.Scored, a.Config)
	}
	list := r.Scored
	if req.Limit > 0 && len(list) > req.Limit {
		list = list[:req.Limit]
	}
	fill := a.fillScored
	if req.TitlesOnly && !req.WithText {
		fill = a.fillTitles
	}
	if err := fill(ctx, list, req.WithText); err != nil {
		return Listing{}, err
	}
	return Listing{Ranked: r, List: list}, nil
}

// Explained is one item's place in a ranking.
type Explained struct {
	Item rank.Scored
	Rank int // 1-based
	Of   int
}

// Explain finds item id in the ranking; a missing ID is KindNotFound.
func (r *Ranked) Explain(id string) (Explained, error) {
	for i, s := range r.Scored {
		if s.Item.ID == id {
			return Explained{Item: s, Rank: i + 1, Of: len(r.Scored)}, nil
		}
	}
	return Explained{}, roadmap.Errorf(roadmap.KindNotFound, "no current item %q (list IDs with 'roadmapper items')", id)
}

// Explain is r.Explain with the item's full text read (its summary may
// need it).
func (a *App) Explain(ctx context.Context, r *Ranked, id string) (Explained, error) {
	ex, err := r.Explain(id)
	if err != nil {
		return ex, err
	}
	one := []rank.Scored{ex.Item}
	if err := a.fillScored(ctx, one, true); err != nil {
		return ex, err
	}
	ex.Item = one[0]
	return ex, nil
}

// sortByRoadmapOrder puts scored items in the order of the roadmaps, for
// listings without a client: projects in config order (as projects and
// audit print them), page items before GitHub issues, then position.
func sortByRoadmapOrder(s []rank.Scored, cfg *config.Config) {
	rankOf := make(map[string]int, len(cfg.Projects))
	for i, p := range cfg.Projects {
		rankOf[p.Slug] = i
	}
	source := func(it *roadmap.Item) int { return roadmap.SourceOf(it.Source).Order }
	sort.SliceStable(s, func(i, j int) bool {
		a, b := s[i].Item, s[j].Item
		switch {
		case rankOf[a.Project] != rankOf[b.Project]:
			return rankOf[a.Project] < rankOf[b.Project]
		case source(a) != source(b):
			return source(a) < source(b)
		case a.Position != b.Position:
			return a.Position < b.Position
		}
		return a.ID < b.ID
	})
}

// fillTitles sets the titles of the items in list read lean.
func (a *App) fillTitles(ctx context.Context, list []rank.Scored, _ bool) error {
	at := map[string]int{}
	var ids []string
	for i := range list {
		if readLean(list[i].Item) {
			at[list[i].Item.ID] = i
			ids = append(ids, list[i].Item.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	if len(ids) > fillByScan {
		ids = nil // all: one pass over the table
	}
	err := a.Store.EachTitle(ctx, ids, func(id, title string) error {
		if i, ok := at[id]; ok {
			list[i].Item.Title = title
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("load items: %w", err)
	}
	return nil
}

// fillByScan is the number of rows from which fillScored reads the whole
// table rather than look each row up (a variable for tests).
var fillByScan = 2000

// fillScored completes the scored items in list for showing them: the
// rows of items read lean, and with withText the text of the items whose
// summary needs it (plaintext.SummaryNeedsText).
func (a *App) fillScored(ctx context.Context, list []rank.Scored, withText bool) error {
	var rows, texts []string
	for _, s := range list {
		if readLean(s.Item) {
			rows = append(rows, s.Item.ID)
		}
	}
	if len(rows) > 0 {
		at := make(map[string]int, len(rows)) // ID → index in list
		for i := range list {
			if readLean(list[i].Item) {
				at[list[i].Item.ID] = i
			}
		}
		// A few rows are looked up by ID; many are read in one pass over
		// the table, which costs less than as many lookups.
		q := store.ItemQuery{IDs: rows, NoText: true}
		if len(rows) > fillByScan {
			q = store.ItemQuery{NoText: true}
		}
		err := a.Store.EachItem(ctx, q, func(it roadmap.Item) error {
			if i, ok := at[it.ID]; ok {
				list[i].Item = &it
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("load items: %w", err)
		}
	}
	if !withText {
		return nil
	}
	for _, s := range list {
		if s.Item.Text == "" && s.Item.Hash != "" && plaintext.SummaryNeedsText(s.Item.Summary) {
			texts = append(texts, s.Item.ID)
		}
	}
	if len(texts) == 0 {
		return nil
	}
	t, err := a.Store.Texts(ctx, texts)
	if err != nil {
		return fmt.Errorf("load items: %w", err)
	}
	for i := range list {
		if text, ok := t[list[i].Item.ID]; ok && list[i].Item.Text == "" {
			list[i].Item.Text = text
		}
	}
	return nil
}
