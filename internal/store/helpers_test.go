package store

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// clock is a test clock that only moves when told.
type clock struct{ t time.Time }

func (c *clock) Now() time.Time          { return c.t }
func (c *clock) Advance(d time.Duration) { c.t = c.t.Add(d) }

var t0 = time.Date(2026, 11, 20, 2, 0, 0, 0, time.UTC)

// newStore opens an in-memory store with a test clock.
func newStore(t testing.TB) (*Store, *clock) {
	t.Helper()
	return openAt(t, ":memory:")
}

// newFileStore opens a store in a file under t.TempDir().
func newFileStore(t testing.TB) (*Store, *clock, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "sub", "roadmapper.db")
	s, clk := openAt(t, path)
	return s, clk, path
}

func openAt(t testing.TB, path string) (*Store, *clock) {
	t.Helper()
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	clk := &clock{t: t0}
	s.Now = clk.Now
	return s, clk
}

// item is a page item with a title and a summary derived from it.
func item(title string) roadmap.Item {
	return roadmap.Item{Title: title, Summary: "About " + strings.ToLower(title) + ".", Text: title + " in full."}
}

// doc builds a parsed document at url with items of the given titles.
func doc(url string, words int, titles ...string) *roadmap.Document {
	d := &roadmap.Document{URL: url, Format: "html", Title: "Roadmap of " + url, Words: words,
		Dates: []roadmap.StatedDate{{Date: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC),
			Precision: roadmap.PrecisionMonth, Kind: roadmap.DateStated, Text: "March 2025"}}}
	for i, title := range titles {
		it := item(title)
		it.Position = i
		it.URL = url + "#" + roadmap.Slug(title)
		d.Items = append(d.Items, it)
	}
	return d
}

// fetched is a 200 source with the given document and body.
func fetched(url string, d *roadmap.Document, body string, at time.Time) roadmap.SourceResult {
	return roadmap.SourceResult{URL: url, Kind: roadmap.FetchPage, Document: d, Fetch: roadmap.Fetch{
		URL: url, Kind: roadmap.FetchPage, Status: 200, ETag: `"e-` + body[:min(8, len(body))] + `"`,
		LastModified: "Sat, 01 Mar 2025 10:00:00 GMT", ContentType: "text/html",
		Bytes: int64(len(body)), Body: []byte(body), FetchedAt: at,
		Header: map[string]string{"Content-Type": "text/html", "Last-Modified": "Sat, 01 Mar 2025 10:00:00 GMT"}}}
}

// notModified is a 304 source.
func notModified(url string, at time.Time) roadmap.SourceResult {
	return roadmap.SourceResult{URL: url, Kind: roadmap.FetchPage, NotModified: true, Fetch: roadmap.Fetch{
		URL: url, Kind: roadmap.FetchPage, Status: 304, NotModified: true, FetchedAt: at}}
}

// failed is a source that could not be fetched.
func failed(url string, at time.Time) roadmap.SourceResult {
	return roadmap.SourceResult{URL: url, Kind: roadmap.FetchPage, Err: "connection refused", Fetch: roadmap.Fetch{
		URL: url, Kind: roadmap.FetchPage, Err: "connection refused", FetchedAt: at}}
}

// issue is a GitHub roadmap issue.
func issue(n int, title string, reactions int) roadmap.Item {
	return roadmap.Item{Title: title, Summary: "Issue about " + title, URL: "https://github.com/o/r/issues/" + strconv.Itoa(n),
		Issue: &roadmap.IssueFacts{Number: n, Labels: []string{"roadmap"}, Reactions: reactions, Comments: 1,
			Created: t0.Add(-1000 * time.Hour), Updated: t0.Add(-10 * time.Hour)}}
}

// save runs one crawl that saves the given results and finishes.
func save(t testing.TB, s *Store, clk *clock, results ...roadmap.ProjectResult) (int64, []roadmap.ProjectChanges) {
	t.Helper()
	ctx := context.Background()
	clk.Advance(24 * time.Hour)
	c, err := s.BeginCrawl(ctx, false)
	if err != nil {
		t.Fatalf("BeginCrawl: %v", err)
	}
	var all []roadmap.ProjectChanges
	for _, res := range results {
		ch, err := s.SaveProject(ctx, c.ID, res)
		if err != nil {
			t.Fatalf("SaveProject(%s): %v", res.Project, err)
		}
		all = append(all, ch)
		c.ItemsAdded += ch.Added
		c.ItemsRemoved += ch.Removed
		c.ItemsChanged += ch.Changed
	}
	c.Projects = len(results)
	if err := s.FinishCrawl(ctx, c); err != nil {
		t.Fatalf("FinishCrawl: %v", err)
	}
	return c.ID, all
}

// ids lists the IDs of items.
func ids(items []roadmap.Item) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.ID)
	}
	return out
}

// currentIDs lists the project's current item IDs in Items order.
func currentIDs(t testing.TB, s *Store, project string) []string {
	t.Helper()
	items, err := s.Items(context.Background(), ItemQuery{Projects: []string{project}})
	if err != nil {
		t.Fatalf("Items: %v", err)
	}
	return ids(items)
}

// eventStrings renders a crawl's events as "kind id".
func eventStrings(t testing.TB, s *Store, crawlID int64) []string {
	t.Helper()
	evs, err := s.Events(context.Background(), crawlID)
	if err != nil {
		t.Fatalf("Events: %v", err)
	}
	var out []string
	for _, e := range evs {
		out = append(out, e.Kind+" "+e.ItemID)
	}
	return out
}
