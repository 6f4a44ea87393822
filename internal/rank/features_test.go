package rank

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// withHashes gives items the content hash the store would (any value that
// differs per item will do here).
func withHashes(items []roadmap.Item) []roadmap.Item {
	for i := range items {
		items[i].Hash = fmt.Sprintf("h%d-%s", i, items[i].ID)
	}
	return items
}

// storedFeatures computes the features of items and round-trips them
// through their encoding, as the store keeps them.
func storedFeatures(t *testing.T, items []roadmap.Item, themes []Theme) map[string]*Features {
	t.Helper()
	out := map[string]*Features{}
	for i, f := range ComputeFeatures(items, themes) {
		back, err := UnmarshalFeatures(f.Marshal(), f.MarshalWords(), themes)
		if err != nil {
			t.Fatalf("%s: %v", items[i].ID, err)
		}
		out[items[i].ID] = back
	}
	return out
}

// forRanking is what the read side gives Rank: the features that stand
// for an item's scan (their word filter dropped), and the items, without
// the text of those, or lean when they can be.
func forRanking(items []roadmap.Item, feats map[string]*Features, interests []string, lean bool) (out []roadmap.Item, usable map[string]*Features) {
	q := NewInterests(interests)
	usable = map[string]*Features{}
	out = append([]roadmap.Item(nil), items...)
	// Evidence merging and flood grouping read the page items of projects
	// with GitHub issues: those are read in full.
	issues := map[string]bool{}
	for _, it := range items {
		issues[it.Project] = issues[it.Project] || !roadmap.SourceOf(it.Source).Document
	}
	for i := range out {
		f := feats[out[i].ID]
		if !q.Usable(&out[i], f) {
			continue
		}
		g := *f
		g.DropWords()
		usable[out[i].ID] = &g
		out[i].Text = ""
		if l, ok := g.Lean(out[i].ID); ok && lean && !issues[out[i].Project] {
			out[i] = l
		}
	}
	return out, usable
}

// fullItems puts the full items back into a ranking of lean ones, as the
// read side does for the items it shows.
func fullItems(scored []Scored, items []roadmap.Item) []Scored {
	byID := map[string]*roadmap.Item{}
	for i := range items {
		byID[items[i].ID] = &items[i]
	}
	for i := range scored {
		if it, ok := byID[scored[i].Item.ID]; ok && scored[i].Item.Title == "" {
			scored[i].Item = it
		}
	}
	return scored
}

// sameRanking compares two rankings, item texts aside.
func sameRanking(t *testing.T, name string, want, got []Scored) {
	t.Helper()
	if len(want) != len(got) {
		t.Fatalf("%s: %d items ranked with stored features, %d without", name, len(got), len(want))
	}
	for i := range want {
		w, g := want[i], got[i]
		wi, gi := *w.Item, *g.Item // compared without their texts
		wi.Text, gi.Text = "", ""
		w.Item, g.Item = &wi, &gi
		if !reflect.DeepEqual(w, g) {
			t.Fatalf("%s: item %d differs with stored features:\nwant %+v\ngot  %+v", name, i, w, g)
		}
	}
}

// TestFeaturesStandForScan ranks the fixture items, and the real corpus
// when present, for every test profile with features stored and the text
// of the items they stand for left out, and wants the same ranking as
// from the full items.
func TestFeaturesStandForScan(t *testing.T) {
	themes := loadThemes(t)
	clients := profiles()
	clients["intrinsic"] = nil
	clients["interests only"] = &roadmap.Client{Name: "x", Interests: []string{"GPUs", "data frame", "plot", "nothing-matches-this"}}
	sets := map[string]func(t *testing.T) []roadmap.Item{
		"fixture": func(t *testing.T) []roadmap.Item { return loadItems(t) },
		"corpus":  func(t *testing.T) []roadmap.Item { items, _ := corpusItems(t); return items },
	}
	for set, load := range sets {
		t.Run(set, func(t *testing.T) { checkFeaturesStandForScan(t, set, withHashes(load(t)), themes, clients) })
	}
}

func checkFeaturesStandForScan(t *testing.T, set string, items []roadmap.Item, themes []Theme, clients map[string]*roadmap.Client) {
	{
		feats := storedFeatures(t, items, themes)
		for name, c := range clients {
			in := Input{Items: items, Themes: themes, Client: c, Weights: DefaultWeights(), Updated: fixtureUpdated, Now: testNow}
			want := Rank(in)
			var interests []string
			if c != nil {
				interests = c.Interests
			}
			for _, lean := range []bool{false, true} {
				in.Items, in.Features = forRanking(items, feats, interests, lean)
				if len(in.Features) == 0 {
					t.Fatalf("%s/%s: no item's text could be left out", set, name)
				}
				got := Rank(in)
				if lean {
					got = fullItems(got, items)
				}
				sameRanking(t, fmt.Sprintf("%s/%s (lean %v)", set, name, lean), want, got)

				// The same items handed over as Scanned, read into the
				// ranking's arrays, and the rest as items to scan.
				// Only projects without issues: evidence merging and flood
				// grouping never see Scanned items.
				tracked := map[string]bool{}
				for _, it := range in.Items {
					tracked[it.Project] = tracked[it.Project] || roadmap.SourceOf(it.Source).Tracker
				}
				sc := NewScanned(themes, len(in.Items))
				var rows []roadmap.Item
				for _, it := range in.Items {
					if f := in.Features[it.ID]; f != nil && !tracked[it.Project] {
						sc.Add(it, f)
					} else {
						rows = append(rows, it)
					}
				}
				if sc.Len() == 0 {
					t.Fatalf("%s/%s: nothing scanned", set, name)
				}
				in2 := in
				in2.Items, in2.Scanned = rows, sc
				got = Rank(in2)
				if lean {
					got = fullItems(got, items)
				}
				sameRanking(t, fmt.Sprintf("%s/%s (lean %v, scanned)", set, name, lean), want, got)
			}
		}
	}
}

// TestFeaturesOfChangedItemUnused: features computed from another content
// (another hash) never stand for an item.
func TestFeaturesOfChangedItemUnused(t *testing.T) {
	themes := loadThemes(t)
	items := withHashes(loadItems(t))
	feats := storedFeatures(t, items, themes)
	q := NewInterests(nil)
	it := items[0]
	if !q.Usable(&it, feats[it.ID]) {
		t.Fatal("features of the item's own content are not usable")
	}
	it.Hash = "changed"
	if q.Usable(&it, feats[it.ID]) {
		t.Error("features of an older content stand for the item")
	}
	it.Hash = ""
	if q.Usable(&it, feats[it.ID]) {
		t.Error("features stand for an item without a hash (built, not stored)")
	}
	withWords := NewInterests([]string{"gpu"})
	f := *feats[items[0].ID]
	f.words = nil
	if withWords.Usable(&items[0], &f) {
		t.Error("features without their word filter stand for an item a client's interests may match")
	}
}

// TestWordFilterNoFalseAbsence: every word of an item, and every interest
// its text matches, is found by the filter; most others are not.
func TestWordFilterNoFalseAbsence(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	word := func() string {
		var b strings.Builder
		for range 2 + rng.IntN(3) {
			b.WriteString([]string{"ka", "lo", "ven", "tar", "mi", "sel", "dru", "pon", "Ris", "fé"}[rng.IntN(10)])
		}
		return b.String()
	}
	var tz tokenizer
	falsePos, probes := 0, 0
	for n := range 200 {
		var words []string
		for range 1 + rng.IntN(50*(n%7+1)) {
			words = append(words, word())
		}
		it := roadmap.Item{Title: "Plan", Text: strings.Join(words, " ") + " GPUs, dataframes."}
		f := wordFilter(&tz, &it)
		for _, w := range append(tokenize(nil, it.Text), "gpu", "gpus", "dataframe", "dataframes", "plan") {
			if !f.has(wordHash(w)) {
				t.Fatalf("item %d: %q is in the item but not in its filter", n, w)
			}
		}
		for range 20 {
			probes++
			if f.has(wordHash(word() + "zzq")) {
				falsePos++
			}
		}
	}
	if rate := float64(falsePos) / float64(probes); rate > 0.1 {
		t.Errorf("filter says %.0f%% of absent words are present", 100*rate)
	}
}

// wordFilter is the reference of the filter the scan builds: the words of
// it's title and text (or summary, as the scan reads it), each word and
// each word without a final "s" or "es", as the matcher finds a phrase
// word in its plurals.
func wordFilter(tz *tokenizer, it *roadmap.Item) bloom {
	body := it.Text
	if body == "" {
		body = it.Summary
	}
	var hs []uint64
	for _, s := range []string{it.Title, body} {
		for _, w := range tz.words(s) {
			hs = append(hs, wordHash(w))
			if n := len(w); n > 1 && w[n-1] == 's' {
				hs = append(hs, wordHash(w[:n-1]))
				if n > 2 && w[n-2] == 'e' {
					hs = append(hs, wordHash(w[:n-2]))
				}
			}
		}
	}
	return newBloom(hs)
}

// TestScanBuildsWordFilter: the filter the scan builds while it tokenizes
// is the reference filter, bit for bit, on the fixture and the corpus.
func TestScanBuildsWordFilter(t *testing.T) {
	themes := loadThemes(t)
	for set, load := range map[string]func(t *testing.T) []roadmap.Item{
		"fixture": func(t *testing.T) []roadmap.Item { return loadItems(t) },
		"corpus":  func(t *testing.T) []roadmap.Item { items, _ := corpusItems(t); return items },
	} {
		t.Run(set, func(t *testing.T) {
			items := withHashes(load(t))
			items = append(items, roadmap.Item{ID: "x/caps", Project: "x", Source: "page", Hash: "h",
				Title: "ÉCOLE Numérique: GPUs", Text: "UPPER lower Mixed-Case naïve CAFÉS uses classes… x86_64 a"})
			var tz tokenizer
			for i, f := range ComputeFeatures(items, themes) {
				if want := wordFilter(&tz, &items[i]); !slices.Equal(f.words, want) {
					t.Fatalf("%s: the scan's word filter differs from the reference", items[i].ID)
				}
			}
		})
	}
}

// TestUnmarshalFeaturesRejects damaged or foreign features.
func TestUnmarshalFeaturesRejects(t *testing.T) {
	themes := loadThemes(t)
	items := withHashes(loadItems(t))
	f := ComputeFeatures(items[:1], themes)[0]
	data, words := f.Marshal(), f.MarshalWords()
	if _, err := UnmarshalFeatures(data, words, themes); err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct {
		data, words []byte
		themes      []Theme
	}{
		"truncated":          {data[:len(data)-1], nil, themes},
		"trailing":           {append(append([]byte(nil), data...), 0), nil, themes},
		"empty":              {nil, nil, themes},
		"other version":      {append([]byte{featuresVersion + 1}, data[1:]...), nil, themes},
		"other themes":       {data, nil, themes[1:]},
		"filter not 2^k":     {data, make([]byte, 24), themes},
		"filter cut":         {data, words[:len(words)-3], themes},
		"filter too short":   {data, []byte{0xff, 0xff}, themes},
		"filter zero length": {data, []byte{}, themes},
	} {
		if _, err := UnmarshalFeatures(c.data, c.words, c.themes); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// featuresFingerprint is the SHA-256 of the encoded features of the
// fixture items with the built-in themes, per featuresVersion.
var featuresFingerprint = map[int]string{
	1: "d764dcc11e00e74c8aded90201f8daf64d4ddcbd1e10c508dc1196b029873751",
}

// TestFeaturesFingerprint fails when what features hold changes without a
// new featuresVersion: stored features of older builds would be trusted.
// After a deliberate change, bump featuresVersion and record the new
// fingerprint.
func TestFeaturesFingerprint(t *testing.T) {
	themes := loadThemes(t)
	h := sha256.New()
	for _, f := range ComputeFeatures(withHashes(loadItems(t)), themes) {
		h.Write(f.Marshal())
		h.Write(f.MarshalWords())
	}
	got := hex.EncodeToString(h.Sum(nil))
	if want := featuresFingerprint[featuresVersion]; got != want {
		t.Errorf("features of the fixture items changed (fingerprint %s, recorded %q): bump featuresVersion and record the new fingerprint", got, want)
	}
}

// TestRankTop: keeping the first Top while scoring is cutting the whole
// ranking, whatever Top, for every profile, on 3,000 synthetic items (so
// the work is split between goroutines) and the fixture.
func TestRankTop(t *testing.T) {
	themes := loadThemes(t)
	clients := profiles()
	clients["intrinsic"] = nil
	for set, items := range map[string][]roadmap.Item{"fixture": loadItems(t), "synthetic": syntheticItems(themes, 3000)} {
		for name, c := range clients {
			in := Input{Items: items, Themes: themes, Client: c, Weights: DefaultWeights(), Updated: fixtureUpdated, Now: testNow}
			all := Rank(in)
			for _, top := range []int{1, 2, 7, len(all) / 2, len(all) - 1, len(all), len(all) + 5} {
				in.Top = top
				got := Rank(in)
				want := all[:min(top, len(all))]
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("%s/%s: Top %d is not the first %d of the ranking", set, name, top, top)
				}
			}
		}
	}
}

// TestRankBrief: a brief ranking has the same order, scores and flags as
// the full one, without themes, matches or reasons.
func TestRankBrief(t *testing.T) {
	themes := loadThemes(t)
	clients := profiles()
	clients["intrinsic"] = nil
	for set, items := range map[string][]roadmap.Item{"fixture": loadItems(t), "synthetic": syntheticItems(themes, 3000)} {
		for name, c := range clients {
			in := Input{Items: items, Themes: themes, Client: c, Weights: DefaultWeights(), Updated: fixtureUpdated, Now: testNow}
			all := Rank(in)
			in.Brief = true
			brief := Rank(in)
			if len(brief) != len(all) {
				t.Fatalf("%s/%s: %d items brief, %d in full", set, name, len(brief), len(all))
			}
			for i := range all {
				w, g := all[i], brief[i]
				if g.Item.ID != w.Item.ID || g.Score != w.Score || g.Aside != w.Aside || g.Excluded != w.Excluded {
					t.Fatalf("%s/%s: item %d brief %s %v %v %q, in full %s %v %v %q", set, name, i,
						g.Item.ID, g.Score, g.Aside, g.Excluded, w.Item.ID, w.Score, w.Aside, w.Excluded)
				}
				if g.Reasons != nil || g.Themes != nil || g.Matched != nil {
					t.Fatalf("%s/%s: a brief item carries its reasons or themes", set, name)
				}
			}
		}
	}
}

// TestRankScannedParallel: a ranking large enough to be split between
// goroutines gives the same result with most items handed over as
// Scanned (the scan skips them in every worker's share).
func TestRankScannedParallel(t *testing.T) {
	themes := loadThemes(t)
	items := withHashes(syntheticItems(themes, 3*parallelMin))
	feats := ComputeFeatures(items, themes)
	clients := profiles()
	clients["intrinsic"] = nil
	for name, c := range clients {
		in := Input{Items: items, Themes: themes, Client: c, Weights: DefaultWeights(), Updated: fixtureUpdated, Now: testNow}
		want := Rank(in)
		var interests []string
		if c != nil {
			interests = c.Interests
		}
		q := NewInterests(interests)
		sc := NewScanned(themes, len(items))
		var rows []roadmap.Item
		for i, it := range items {
			if i%5 != 0 && q.Usable(&it, &feats[i]) { // every fifth is scanned anyway
				sc.Add(it, &feats[i])
			} else {
				rows = append(rows, it)
			}
		}
		if sc.Len() < parallelMin || len(rows) == 0 {
			t.Fatalf("%s: %d items scanned already, %d to scan: not both", name, sc.Len(), len(rows))
		}
		in.Items, in.Scanned = rows, sc
		sameRanking(t, name+" (scanned)", want, Rank(in))
	}
}
