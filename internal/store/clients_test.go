package store

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestClientsVersionedWithHistory(t *testing.T) {
	ctx := context.Background()
	s, clk, path := newFileStore(t)
	c, err := s.CreateClient(ctx, "Acme Compute", "name = \"Acme Compute\"\n", "ann")
	if err != nil {
		t.Fatal(err)
	}
	if c.Slug != "acme-compute" || c.Version != 1 || c.CreatedBy != "ann" {
		t.Fatalf("created %+v", c)
	}
	if _, err := s.CreateClient(ctx, "acme compute", "name = \"acme compute\"\n", "bob"); !errors.Is(err, ErrConflict) || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("duplicate name: %v", err)
	}

	// Two people open version 1; the first save wins, the second is refused.
	clk.Advance(time.Minute)
	c2, err := s.UpdateClient(ctx, "acme-compute", 1, "Acme Compute", "name = \"Acme Compute\"\ninterests = [\"GPU\"]\n", "ann")
	if err != nil || c2.Version != 2 {
		t.Fatalf("first save: %+v %v", c2, err)
	}
	_, err = s.UpdateClient(ctx, "acme-compute", 1, "Acme Compute", "name = \"Acme Compute\"\ninterests = [\"docs\"]\n", "bob")
	var ce *ConflictError
	if !errors.As(err, &ce) || ce.By != "ann" || ce.Version != 2 {
		t.Fatalf("second save: %v", err)
	}
	if !strings.Contains(err.Error(), "changed by ann at 2026-11-20 02:01:00 UTC") {
		t.Errorf("conflict message: %v", err)
	}

	// Nothing is lost across a reopen, and the history says who and when.
	s.Close()
	s, _ = openAt(t, path)
	got, err := s.FindClient(ctx, "ACME compute ")
	if err != nil || !strings.Contains(got.Profile, "GPU") || got.Version != 2 || got.UpdatedBy != "ann" {
		t.Fatalf("after reopen: %+v %v", got, err)
	}
	h, err := s.ClientHistory(ctx, "acme-compute")
	if err != nil || len(h) != 2 || h[0].Version != 2 || h[1].Version != 1 || h[1].SavedBy != "ann" {
		t.Fatalf("history: %+v %v", h, err)
	}
	if _, err := s.FindClient(ctx, "nobody"); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing client: %v", err)
	}
	// An import overwrites whatever the version, and an identical import
	// adds no version.
	p, err := s.PutClient(ctx, "Acme Compute", "name = \"Acme Compute\"\n", "import")
	if err != nil || p.Version != 3 {
		t.Fatalf("put: %+v %v", p, err)
	}
	if p, _ = s.PutClient(ctx, "Acme Compute", "name = \"Acme Compute\"\n", "import"); p.Version != 3 {
		t.Errorf("identical put made version %d", p.Version)
	}
	if p, err = s.PutClient(ctx, "Helix", "name = \"Helix\"\n", "import"); err != nil || p.Version != 1 {
		t.Errorf("put new: %+v %v", p, err)
	}
	list, err := s.Clients(ctx)
	if err != nil || len(list) != 2 || list[0].Name != "Acme Compute" {
		t.Errorf("list: %+v %v", list, err)
	}
}

func TestClientCurationConcurrency(t *testing.T) {
	ctx := context.Background()
	s, clk := newStore(t)
	if _, err := s.CreateClient(ctx, "Acme", "name = \"Acme\"\n", ""); err != nil {
		t.Fatal(err)
	}
	pin := CurationOp{Op: CurationSet, Entry: CurationEntry{ItemID: "numpy/performance", Action: "pin", Reason: "asked for it"}}
	v, err := s.ChangeCuration(ctx, "acme", 0, []CurationOp{pin}, "ann")
	if err != nil || v != 1 {
		t.Fatalf("pin: %d %v", v, err)
	}
	clk.Advance(time.Second)
	hide := CurationOp{Op: CurationSet, Entry: CurationEntry{ItemID: "zarr/intro", Action: "hide", Reason: "not an item"}}
	if _, err := s.ChangeCuration(ctx, "acme", 0, []CurationOp{hide}, "bob"); !errors.Is(err, ErrConflict) || !strings.Contains(err.Error(), "by ann") {
		t.Fatalf("stale change: %v", err)
	}
	unpin := CurationOp{Op: CurationRemove, Entry: CurationEntry{ItemID: "numpy/performance", Action: "pin", Reason: "no longer"}}
	if v, err = s.ChangeCuration(ctx, "acme", 1, []CurationOp{hide, unpin}, "bob"); err != nil || v != 2 {
		t.Fatalf("hide+unpin: %d %v", v, err)
	}
	entries, v, err := s.ClientCuration(ctx, "acme")
	if err != nil || v != 2 || len(entries) != 1 || entries[0].ItemID != "zarr/intro" || entries[0].UpdatedBy != "bob" {
		t.Fatalf("entries: %+v v%d %v", entries, v, err)
	}
	h, err := s.CurationHistory(ctx, "acme", 0)
	if err != nil || len(h) != 3 || h[0].Op != CurationRemove || h[2].SavedBy != "ann" {
		t.Fatalf("history: %+v %v", h, err)
	}
	if _, err := s.ChangeCuration(ctx, "acme", -1, []CurationOp{pin}, "import"); err != nil {
		t.Errorf("unchecked change: %v", err)
	}
}

func TestDataVersionFollowsSaves(t *testing.T) {
	ctx := context.Background()
	s, _ := newStore(t)
	v0, err := s.DataVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.BeginCrawl(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	v1, _ := s.DataVersion(ctx)
	if _, err := s.CreateClient(ctx, "Acme", "name = \"Acme\"\n", ""); err != nil {
		t.Fatal(err)
	}
	if v, _ := s.DataVersion(ctx); v != v1 {
		t.Errorf("a client save changed the data version: %s → %s", v1, v)
	}
	if err := s.FinishCrawl(ctx, c); err != nil {
		t.Fatal(err)
	}
	v2, _ := s.DataVersion(ctx)
	if v0 == v1 || v1 == v2 {
		t.Errorf("versions %s, %s, %s", v0, v1, v2)
	}
}
