package app

import (
	"context"
	"errors"
	"testing"

	"github.com/roadmapper/roadmapper/config"
	"github.com/roadmapper/roadmapper/internal/curation"
	"github.com/roadmapper/roadmapper/internal/roadmap"
	"github.com/roadmapper/roadmapper/internal/store"
)

func newClientsApp(t *testing.T) *App {
	t.Helper()
	cfg, err := config.Default()
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return &App{Config: cfg, Store: st}
}

func TestSaveClientNamesTheField(t *testing.T) {
	a := newClientsApp(t)
	ctx := context.Background()
	themes, err := LoadThemes(a.Config)
	if err != nil {
		t.Fatal(err)
	}
	_, err = a.SaveClient(ctx, "", 0, config.ClientFile{Name: "Acme", Themes: map[string]float64{"gpu": 5}}, themes, "ann")
	var fe *ClientFieldError
	if !errors.As(err, &fe) || fe.Key != "themes.gpu" || !roadmap.IsKind(err, roadmap.KindInvalid) {
		t.Fatalf("weight 5: %v (%+v)", err, fe)
	}
	_, err = a.SaveClient(ctx, "", 0, config.ClientFile{Name: "Acme", PreferProjects: []string{"nope"}}, themes, "ann")
	if !errors.As(err, &fe) || fe.Key != "prefer_projects" {
		t.Fatalf("unknown project: %v", err)
	}
	sc, err := a.SaveClient(ctx, "", 0, config.ClientFile{Name: "Acme", Interests: []string{"GPU"}}, themes, "ann")
	if err != nil || sc.Version != 1 {
		t.Fatalf("save: %+v %v", sc, err)
	}
	e, err := a.StoredClient(ctx, "acme", themes)
	if err != nil || e.Err != nil || e.Client.MinScore != config.DefaultMinScore {
		t.Fatalf("stored: %+v %v", e, err)
	}
	if _, err := a.StoredClient(ctx, "zeta", themes); !roadmap.IsKind(err, roadmap.KindNotFound) {
		t.Errorf("missing: %v", err)
	}
}

func TestCurateKeepsPinAndHideApart(t *testing.T) {
	a := newClientsApp(t)
	ctx := context.Background()
	if _, err := a.Store.CreateClient(ctx, "Acme", "name = \"Acme\"\n", ""); err != nil {
		t.Fatal(err)
	}
	v, err := a.Curate(ctx, "acme", 0, CurateRequest{ItemID: "numpy/performance", Action: curation.ActionPin, Reason: "asked"}, "ann")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Curate(ctx, "acme", v, CurateRequest{ItemID: "numpy/performance", Action: curation.ActionHide}, "ann"); !roadmap.IsKind(err, roadmap.KindInvalid) {
		t.Errorf("hide without reason: %v", err)
	}
	if _, err := a.Curate(ctx, "acme", v, CurateRequest{ItemID: "numpy", Action: curation.ActionHide, Reason: "x"}, "ann"); !roadmap.IsKind(err, roadmap.KindInvalid) {
		t.Errorf("bad ID: %v", err)
	}
	if _, err := a.Curate(ctx, "acme", v, CurateRequest{ItemID: "numpy/performance", Action: curation.ActionRetitle, Reason: "x"}, "ann"); !roadmap.IsKind(err, roadmap.KindInvalid) {
		t.Errorf("retitle without title: %v", err)
	}
	if v, err = a.Curate(ctx, "acme", v, CurateRequest{ItemID: "numpy/performance", Action: curation.ActionHide, Reason: "changed our minds"}, "bob"); err != nil {
		t.Fatal(err)
	}
	cur, entries, _, err := a.ClientCuration(ctx, "acme", &curation.Curation{Entries: []curation.Entry{
		{ID: "numpy/performance", Action: curation.ActionPin, Reason: "file pin"},
		{ID: "scipy/x", Action: curation.ActionHide, Reason: "file hide"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Action != curation.ActionHide {
		t.Fatalf("hiding did not withdraw the pin: %+v", entries)
	}
	// The client's hide replaces the file's pin of the same item; the
	// file's other entries stay.
	if len(cur.Entries) != 2 || cur.Entries[0].ID != "scipy/x" || cur.Entries[1].Action != curation.ActionHide {
		t.Errorf("merged: %+v", cur.Entries)
	}
	h, _ := a.CurationHistory(ctx, "acme", 0)
	if len(h) != 3 { // pin; then hide and the pin's withdrawal
		t.Errorf("history: %+v", h)
	}
}

func TestReadCacheFollowsTheData(t *testing.T) {
	a := newClientsApp(t)
	a.Cache = &ReadCache{}
	ctx := context.Background()
	f1, err := a.auditAt(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	f2, _ := a.auditAt(ctx, 0)
	if len(f1) == 0 || &f1[0] != &f2[0] {
		t.Fatal("second audit not served from the cache")
	}
	// A crawl starting changes the data version: the cache is read again.
	if _, err := a.Store.BeginCrawl(ctx, false); err != nil {
		t.Fatal(err)
	}
	if f3, _ := a.auditAt(ctx, 0); &f3[0] == &f1[0] {
		t.Error("cache kept across a change of the data")
	}
}
