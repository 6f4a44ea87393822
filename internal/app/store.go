package app

import (
	"context"

	"github.com/roadmapper/roadmapper/crawler"
	"github.com/roadmapper/roadmapper/internal/github"
	"github.com/roadmapper/roadmapper/internal/roadmap"
	"github.com/roadmapper/roadmapper/internal/store"
)

// Store is what the use cases need of the database. internal/store's
// SQLite store implements it; the interfaces live here, where they are
// used, so a test double or another store can stand in. A use case that
// needs a new query adds it to the interface it belongs to.
type Store interface {
	CrawlStore
	ReadStore
	ClientStore
	LogoVariantStore
}

// LogoVariantStore keeps the logo variants brochures make (see
// keepResampled).
type LogoVariantStore interface {
	SaveLogoVariants(ctx context.Context, variants map[string][]roadmap.LogoVariant) error
}

// CrawlStore saves crawls: the crawler's sink and its validators for
// conditional requests, the GitHub response cache, the crawl records and
// the archive a replay reads.
type CrawlStore interface {
	crawler.Sink
	crawler.Validators
	github.Cache
	BeginCrawl(ctx context.Context, replay bool) (roadmap.Crawl, error)
	FinishCrawl(ctx context.Context, c roadmap.Crawl) error
	Archived(ctx context.Context, crawlID int64) ([]roadmap.ArchivedResponse, error)
	ItemsWithoutFeatures(ctx context.Context, key, after string, limit int) ([]roadmap.Item, error)
	SaveFeatures(ctx context.Context, key string, rows []store.FeatureRow) error
}

// ReadStore reads what crawls saved: crawls, items, per-project snapshots
// and their history, item events, fetches and logos.
type ReadStore interface {
	Crawl(ctx context.Context, id int64) (roadmap.Crawl, error)
	Crawls(ctx context.Context, limit int) ([]roadmap.Crawl, error)
	LatestCrawl(ctx context.Context) (roadmap.Crawl, error)
	PreviousCrawl(ctx context.Context, id int64) (roadmap.Crawl, error)
	Items(ctx context.Context, q store.ItemQuery) ([]roadmap.Item, error)
	EachItemWithFeatures(ctx context.Context, q store.ItemQuery, key string, withWords bool, fn func(it roadmap.Item, data, words []byte) error) error
	Texts(ctx context.Context, ids []string) (map[string]string, error)
	EachItem(ctx context.Context, q store.ItemQuery, fn func(it roadmap.Item) error) error
	EachTitle(ctx context.Context, ids []string, fn func(id, title string) error) error
	FeaturesCover(ctx context.Context, key string, projects []string) (int, bool, error)
	EachFeatures(ctx context.Context, key string, projects []string, withWords bool, fn func(id string, data, words []byte) error) error
	LatestSnapshots(ctx context.Context) (map[string]roadmap.ProjectSnapshot, error)
	Snapshots(ctx context.Context, crawlID int64) (map[string]roadmap.ProjectSnapshot, error)
	History(ctx context.Context, project string, limit int) ([]roadmap.ProjectSnapshot, error)
	Histories(ctx context.Context, projects []string, upTo int64, limit int) (map[string][]roadmap.ProjectSnapshot, error)
	ProjectsBefore(ctx context.Context, crawlID int64) (map[string]bool, error)
	Events(ctx context.Context, crawlID int64) ([]roadmap.ItemEvent, error)
	EventCounts(ctx context.Context, crawlID int64) (map[string]map[string]int, error)
	EventsCounting(ctx context.Context, crawlID int64, countOnly []string) ([]roadmap.ItemEvent, map[string]int, error)
	ProjectEvents(ctx context.Context, project string, limit int) ([]roadmap.ItemEvent, error)
	Fetches(ctx context.Context, crawlID int64) ([]roadmap.Fetch, error)
	Logo(ctx context.Context, project string) (roadmap.Logo, error)
	LogosOf(ctx context.Context, projects []string) (map[string]roadmap.Logo, error)
	// DataVersion changes whenever crawled data is saved (ReadCache keys on it).
	DataVersion(ctx context.Context) (string, error)
}

// ClientStore keeps client profiles and their curation, with history and
// optimistic versions.
type ClientStore interface {
	Clients(ctx context.Context) ([]store.StoredClient, error)
	FindClient(ctx context.Context, nameOrSlug string) (store.StoredClient, error)
	CreateClient(ctx context.Context, name, profile, who string) (store.StoredClient, error)
	PutClient(ctx context.Context, name, profile, who string) (store.StoredClient, error)
	UpdateClient(ctx context.Context, slug string, expect int64, name, profile, who string) (store.StoredClient, error)
	ClientHistory(ctx context.Context, slug string) ([]store.ClientVersion, error)
	ClientCuration(ctx context.Context, slug string) ([]store.CurationEntry, int64, error)
	ChangeCuration(ctx context.Context, slug string, expect int64, ops []store.CurationOp, who string) (int64, error)
	CurationHistory(ctx context.Context, slug string, limit int) ([]store.CurationChange, error)
}

// The SQLite store is the Store.
var _ Store = (*store.Store)(nil)
