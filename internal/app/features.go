package app

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/roadmapper/roadmapper/internal/rank"
	"github.com/roadmapper/roadmapper/internal/roadmap"
	"github.com/roadmapper/roadmapper/internal/store"
)

// featureBatch is how many items a feature refresh reads, with their
// text, at a time: memory stays bounded whatever the registry's size.
const featureBatch = 500

// RefreshFeatures computes and stores the rank features (rank.Features)
// of every current item that has none for the configured themes: after a
// crawl, the items it added or changed; after a change of themes or of
// the ranking's code, all of them. It returns how many it computed.
func (a *App) RefreshFeatures(ctx context.Context) (int, error) {
	themes, err := LoadThemes(a.Config)
	if err != nil {
		return 0, err
	}
	key := rank.FeatureKey(themes)
	if _, covered, err := a.Store.FeaturesCover(ctx, key, nil); err != nil || covered {
		return 0, err
	}
	// One goroutine reads the next batch while this one computes and
	// saves the last: the reading is SQLite's work, the computing ours.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type batch struct {
		items []roadmap.Item
		err   error
	}
	batches := make(chan batch, 1)
	go func() {
		defer close(batches)
		after := ""
		for {
			items, err := a.Store.ItemsWithoutFeatures(ctx, key, after, featureBatch)
			select {
			case batches <- batch{items, err}:
			case <-ctx.Done():
				return
			}
			if err != nil || len(items) == 0 {
				return
			}
			after = items[len(items)-1].ID
		}
	}()
	n := 0
	for b := range batches {
		if b.err != nil || len(b.items) == 0 {
			return n, b.err
		}
		rows := make([]store.FeatureRow, len(b.items))
		for i, f := range rank.ComputeFeatures(b.items, themes) {
			rows[i] = store.FeatureRow{ItemID: b.items[i].ID, Project: b.items[i].Project, Data: f.Marshal(), Words: f.MarshalWords()}
		}
		if err := a.Store.SaveFeatures(ctx, key, rows); err != nil {
			return n, err
		}
		n += len(b.items)
	}
	return n, ctx.Err()
}

// errDamagedFeatures stops a walk over stored features that cannot be
// decoded.
var errDamagedFeatures = errors.New("damaged rank features")

// forRanking is what a ranking reads: the items, the stored features
// that stand for their scan, and the items read lean (see readLean) with
// their features read into the ranking's arrays.
type forRanking struct {
	items   []roadmap.Item
	feats   map[string]*rank.Features
	scanned *rank.Scanned
}

// itemsForRanking reads the current items of projects (all when empty)
// for a ranking with themes and interests, reading as little as it can.
// When every item has stored features it reads those, and an item's row
// only where the ranking needs it: all items of projects with GitHub
// issues (evidence merging reads their titles and links), and the items
// the interests may match, with their text. Otherwise it reads every row
// without text, and the text of the items the ranking must scan.
func (a *App) itemsForRanking(ctx context.Context, projects []string, themes []rank.Theme, interests []string) (forRanking, error) {
	key := rank.FeatureKey(themes)
	q := rank.NewInterests(interests)
	n, covered, err := a.Store.FeaturesCover(ctx, key, projects)
	if err != nil {
		return forRanking{}, err
	}
	if !covered {
		out := forRanking{items: make([]roadmap.Item, 0, n), feats: make(map[string]*rank.Features, n)}
		return out, a.readRows(ctx, &out, projects, themes, q)
	}
	out := forRanking{feats: map[string]*rank.Features{}}
	out.scanned = rank.NewScanned(themes, n)
	full := map[string]bool{} // projects read row by row
	var scan []string         // items read in full, with their text
	err = a.eachProjectFeatures(ctx, key, projects, themes, q, func(project string, items []leanEntry, rows bool) {
		if rows {
			full[project] = true
			return
		}
		scan = out.addLean(items, scan)
	})
	if errors.Is(err, errDamagedFeatures) {
		// The features are a cache: read the rows instead.
		out = forRanking{items: make([]roadmap.Item, 0, n), feats: make(map[string]*rank.Features, n)}
		return out, a.readRows(ctx, &out, projects, themes, q)
	}
	if err != nil {
		return out, err
	}
	if len(full) > 0 {
		if err := a.readRows(ctx, &out, slices.Sorted(maps.Keys(full)), themes, q); err != nil {
			return out, err
		}
	}
	if len(scan) > 0 {
		rows, err := a.Store.Items(ctx, store.ItemQuery{IDs: scan})
		if err != nil {
			return out, err
		}
		out.items = append(out.items, rows...)
	}
	// The items are in no particular order: Rank's order is total, and
	// only evidence merging and flood grouping, which read the projects
	// with issues (in store order, above), depend on the input's order.
	return out, nil
}

// leanEntry is an item read from its stored features alone.
type leanEntry struct {
	it     roadmap.Item   // lean (rank.Features.Lean), without its hash: its row is read before it is shown
	f      *rank.Features // without its word filter; valid only until fn returns (Clone keeps it)
	usable bool           // the features stand for its scan: no interest can match it
}

// addLean takes the items whose features stand for their scan into
// out.scanned (read lean), and appends the IDs of the others, which the
// ranking must scan, to scan.
func (out *forRanking) addLean(items []leanEntry, scan []string) []string {
	for _, e := range items {
		if !e.usable {
			scan = append(scan, e.it.ID)
			continue
		}
		out.scanned.Add(e.it, e.f)
	}
	return scan
}

// eachProjectFeatures walks the stored features (under key) of the
// current items of projects (all when empty) a project at a time, in
// item ID order, which keeps each project's items together: fn gets the
// project's items, or rows true (and no items) when some of them need
// their rows (rank.Features.Lean), so the whole project is read from its
// rows. fn must not keep items or their features (the walk reuses their
// room). Features that cannot be decoded, or that do not come grouped by
// project, are errDamagedFeatures.
func (a *App) eachProjectFeatures(ctx context.Context, key string, projects []string, themes []rank.Theme, q rank.Interests, fn func(project string, items []leanEntry, rows bool)) error {
	var (
		pending []leanEntry
		slots   []*rank.Features // decoded into, project after project
		project string
		rows    bool
		seen    = map[string]bool{}
	)
	flush := func() {
		if project != "" {
			fn(project, pending, rows)
		}
		pending = pending[:0]
	}
	fr := rank.FeatureReader{Themes: themes}
	err := a.Store.EachFeatures(ctx, key, projects, q.Any(), func(id string, data, words []byte) error {
		if len(pending) == len(slots) {
			slots = append(slots, new(rank.Features))
		}
		f := slots[len(pending)]
		if err := fr.ReadInto(f, data, words); err != nil {
			return errDamagedFeatures // never written so by this key: a damaged cache
		}
		if p := f.Project(); p != project {
			flush()
			if seen[p] {
				return errDamagedFeatures // not grouped by project
			}
			seen[p], project, rows = true, p, false
			if len(slots) > 0 && f != slots[0] {
				*slots[0], *f = *f, *slots[0] // the project's first item takes the first slot
				f = slots[0]
			}
		}
		it, ok := f.Lean(id)
		if !ok {
			rows = true
			pending = pending[:0]
		}
		if rows {
			return nil
		}
		usable := !q.CanMatch(f)
		f.DropWords()
		pending = append(pending, leanEntry{it, f, usable})
		return nil
	})
	if err != nil {
		return err
	}
	flush()
	return nil
}

// readRows reads the rows (without text) of the current items of
// projects with their features under key, and the text of those the
// ranking must scan.
func (a *App) readRows(ctx context.Context, out *forRanking, projects []string, themes []rank.Theme, q rank.Interests) error {
	key := rank.FeatureKey(themes)
	var scan, missing []string // items to scan; items without stored features
	start := len(out.items)
	fr := rank.FeatureReader{Themes: themes}
	err := a.Store.EachItemWithFeatures(ctx, store.ItemQuery{Projects: projects, NoText: true}, key, q.Any(),
		func(it roadmap.Item, data, words []byte) error {
			var f *rank.Features
			if data != nil {
				var err error
				if f, err = fr.Read(data, words); err != nil {
					f = nil // computed by another build: scan the item instead
				}
			}
			switch {
			case q.Usable(&it, f):
				f.DropWords()
				out.feats[it.ID] = f
			case f == nil:
				missing = append(missing, it.ID)
			default:
				scan = append(scan, it.ID)
			}
			out.items = append(out.items, it)
			return nil
		})
	if err != nil {
		return err
	}
	// Items without features (a database crawled by an older build, or
	// other themes): their features are computed here, a batch of texts at
	// a time, and only the texts the interests may need are kept.
	for len(missing) > 0 {
		batch := missing[:min(featureBatch, len(missing))]
		missing = missing[len(batch):]
		items, err := a.Store.Items(ctx, store.ItemQuery{IDs: batch})
		if err != nil {
			return err
		}
		for i, f := range rank.ComputeFeatures(items, themes) {
			if q.Usable(&items[i], &f) {
				f.DropWords()
				out.feats[items[i].ID] = &f
			} else {
				scan = append(scan, items[i].ID)
			}
		}
	}
	return a.fillTexts(ctx, out.items[start:], scan)
}

// fillTexts reads the text of the items with the given IDs into items.
func (a *App) fillTexts(ctx context.Context, items []roadmap.Item, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	texts, err := a.Store.Texts(ctx, ids)
	if err != nil {
		return fmt.Errorf("load items: %w", err)
	}
	for i := range items {
		if t, ok := texts[items[i].ID]; ok {
			items[i].Text = t
		}
	}
	return nil
}
