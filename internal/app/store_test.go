package app

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/roadmapper/roadmapper/internal/roadmap"
	"github.com/roadmapper/roadmapper/internal/store"
)

var errDisk = errors.New("disk I/O error")

// brokenStore is the SQLite store with some reads failing: the use cases
// see a Store, so a stand-in needs no database tricks.
type brokenStore struct {
	Store
	fail string
}

func (b brokenStore) Snapshots(ctx context.Context, id int64) (map[string]roadmap.ProjectSnapshot, error) {
	if b.fail == "snapshots" {
		return nil, errDisk
	}
	return b.Store.Snapshots(ctx, id)
}

func (b brokenStore) Items(ctx context.Context, q store.ItemQuery) ([]roadmap.Item, error) {
	if b.fail == "items" {
		return nil, errDisk
	}
	return b.Store.Items(ctx, q)
}

func (b brokenStore) EachItemWithFeatures(ctx context.Context, q store.ItemQuery, key string, withWords bool, fn func(roadmap.Item, []byte, []byte) error) error {
	if b.fail == "items" {
		return errDisk
	}
	return b.Store.EachItemWithFeatures(ctx, q, key, withWords, fn)
}

func (b brokenStore) Texts(ctx context.Context, ids []string) (map[string]string, error) {
	if b.fail == "texts" {
		return nil, errDisk
	}
	return b.Store.Texts(ctx, ids)
}

func (b brokenStore) Crawls(ctx context.Context, limit int) ([]roadmap.Crawl, error) {
	if b.fail == "crawls" {
		return nil, errDisk
	}
	return b.Store.Crawls(ctx, limit)
}

// TestStoreErrorsSayWhatWasBeingDone: a failing read reaches the caller
// wrapped with what the use case was doing, and is no kind of user error.
func TestStoreErrorsSayWhatWasBeingDone(t *testing.T) {
	f := newFixture(t)
	f.crawl()
	ctx := context.Background()
	real := f.app.Store
	for _, tt := range []struct {
		fail, want string
		run        func() error
	}{
		{"snapshots", "load snapshots of crawl 1", func() error { _, err := f.app.Report(ctx, 1); return err }},
		{"items", "load items", func() error { _, err := f.app.Items(ctx, ItemsRequest{}); return err }},
		{"texts", "load items", func() error {
			// The interest may match an item: its text is read.
			_, err := f.app.Items(ctx, ItemsRequest{Client: &roadmap.Client{Name: "c", Interests: []string{"CUDA"}}})
			return err
		}},
		{"crawls", "list crawls", func() error {
			_, err := f.app.Crawl(ctx, CrawlRequest{Projects: f.app.Config.Projects, Replay: true})
			return err
		}},
	} {
		f.app.Store = brokenStore{Store: real, fail: tt.fail}
		err := tt.run()
		if !errors.Is(err, errDisk) || !strings.Contains(err.Error(), tt.want) || roadmap.KindOf(err) != roadmap.KindFailure {
			t.Errorf("%s failing: %v (%v), want it wrapped as %q", tt.fail, err, roadmap.KindOf(err), tt.want)
		}
	}
}
