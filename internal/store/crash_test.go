package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// A crawl killed after saving one project leaves its row unfinished and
// that project whole; the next crawl works normally.
func TestCrashMidCrawl(t *testing.T) {
	ctx := context.Background()
	s, clk, path := newFileStore(t)
	q := page(1, "Q1")
	q.Project = "q"
	c1, _ := save(t, s, clk, page(1, "Alpha", "Beta"), q)

	crashed, err := s.BeginCrawl(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveProject(ctx, crashed.ID, page(2, "Alpha", "Gamma")); err != nil {
		t.Fatal(err)
	}
	s.Close() // killed: no FinishCrawl, q never saved

	s, clk = openAt(t, path)
	clk.Advance(72 * time.Hour)
	got, err := s.Crawl(ctx, crashed.ID)
	if err != nil || !got.FinishedAt.IsZero() {
		t.Fatalf("crashed crawl = %+v, %v", got, err)
	}
	if l, err := s.LatestCrawl(ctx); err != nil || l.ID != c1 {
		t.Errorf("LatestCrawl before the next crawl = %+v, %v", l, err)
	}
	if ids := currentIDs(t, s, "p"); !slices.Equal(ids, []string{"p/alpha", "p/gamma"}) {
		t.Errorf("items after crash = %q", ids)
	}

	c3, changes := save(t, s, clk, page(3, "Alpha", "Gamma", "Delta"), q)
	if l, err := s.LatestCrawl(ctx); err != nil || l.ID != c3 {
		t.Errorf("LatestCrawl = %+v, %v; want %d", l, err, c3)
	}
	if p, err := s.PreviousCrawl(ctx, c3); err != nil || p.ID != c1 {
		t.Errorf("PreviousCrawl = %+v, %v; want %d", p, err, c1)
	}
	if changes[0] != (roadmap.ProjectChanges{Added: 1}) || changes[1] != (roadmap.ProjectChanges{}) {
		t.Errorf("changes = %+v", changes)
	}
	if ids := currentIDs(t, s, "p"); !slices.Equal(ids, []string{"p/alpha", "p/gamma", "p/delta"}) {
		t.Errorf("items = %q", ids)
	}
	if ids := currentIDs(t, s, "q"); !slices.Equal(ids, []string{"q/q1"}) {
		t.Errorf("items of q = %q", ids)
	}
}

// A SaveProject that fails part-way leaves the previous state intact.
func TestSaveProjectFailsMidway(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		fail func(s *Store, crawlID int64) (context.Context, int64)
	}{
		{"after items", func(s *Store, id int64) (context.Context, int64) {
			s.failHook = failAt("items")
			return ctx, id
		}},
		{"after snapshot", func(s *Store, id int64) (context.Context, int64) {
			s.failHook = failAt("snapshot")
			return ctx, id
		}},
		{"context canceled part-way", func(s *Store, id int64) (context.Context, int64) {
			cctx, cancel := context.WithCancel(ctx)
			s.failHook = func(step string) error {
				if step == "items" {
					cancel()
				}
				return nil
			}
			return cctx, id
		}},
		{"unknown crawl (foreign key)", func(s *Store, id int64) (context.Context, int64) {
			return ctx, id + 1000
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, clk := newStore(t)
			c1, _ := save(t, s, clk, withGitHub(page(1, "Alpha", "Beta"), ghOK(issue(1, "One", 0))))
			before, _ := s.Items(ctx, ItemQuery{IncludeRemoved: true})

			c2, _ := s.BeginCrawl(ctx, false)
			fctx, id := tc.fail(s, c2.ID)
			res := withGitHub(page(2, "Gamma"), ghOK())
			res.Logo = &roadmap.Logo{Method: roadmap.LogoPNG}
			if _, err := s.SaveProject(fctx, id, res); err == nil {
				t.Fatal("SaveProject succeeded")
			} else if !errorsMentionProject(err) {
				t.Errorf("error lacks context: %v", err)
			}
			s.failHook = nil

			after, _ := s.Items(ctx, ItemQuery{IncludeRemoved: true})
			if !slices.EqualFunc(before, after, func(a, b roadmap.Item) bool {
				return a.ID == b.ID && a.Hash == b.Hash && a.LastSeen.Equal(b.LastSeen) && a.RemovedAt.Equal(b.RemovedAt)
			}) {
				t.Errorf("items changed:\n%+v\n%+v", before, after)
			}
			for _, table := range []string{"item_events", "fetches", "snapshots", "documents"} {
				var n int
				s.db.QueryRowContext(ctx, fmt.Sprintf(`SELECT COUNT(*) FROM %s WHERE crawl_id <> ?`, table), c1).Scan(&n)
				if n != 0 {
					t.Errorf("%s has %d rows of the failed save", table, n)
				}
			}
			if _, err := s.Logo(ctx, "p"); !errors.Is(err, ErrNotFound) {
				t.Errorf("logo saved by a failed save: %v", err)
			}
			// The store still works.
			if _, err := s.SaveProject(ctx, c2.ID, res); err != nil {
				t.Errorf("SaveProject after failure: %v", err)
			}
		})
	}
}

func failAt(at string) func(string) error {
	return func(step string) error {
		if step == at {
			return errors.New("injected failure")
		}
		return nil
	}
}

func errorsMentionProject(err error) bool {
	return strings.HasPrefix(err.Error(), "save project p: ")
}

// Crawlers save projects from several goroutines at once.
func TestConcurrentSaves(t *testing.T) {
	ctx := context.Background()
	s, _, _ := newFileStore(t)
	c, err := s.BeginCrawl(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res := page(1, "Alpha", "Beta", "Gamma")
			res.Project = fmt.Sprintf("p%d", i)
			if _, err := s.SaveProject(ctx, c.ID, res); err != nil {
				errs <- err
			}
			if _, err := s.Items(ctx, ItemQuery{}); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if snaps, _ := s.Snapshots(ctx, c.ID); len(snaps) != 8 {
		t.Errorf("%d snapshots, want 8", len(snaps))
	}
}
