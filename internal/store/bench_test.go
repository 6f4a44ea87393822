package store

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// benchResult is a project with 20 items on one page.
func benchResult() roadmap.ProjectResult {
	var titles []string
	for i := range 20 {
		titles = append(titles, fmt.Sprintf("Roadmap item number %d", i))
	}
	res := page(1, titles...)
	for i := range res.Sources[0].Document.Items {
		it := &res.Sources[0].Document.Items[i]
		it.Text = fmt.Sprintf("Section %d explains at some length what the project wants to do and why. ", i)
		it.Points = []string{"First step", "Second step"}
		it.Links = []string{"https://p.example.org/issue/" + fmt.Sprint(i)}
	}
	return res
}

// BenchmarkSaveProject saves, in a new crawl each time, an unchanged
// re-parse of a 20-item project (the nightly common case) to a file store.
func BenchmarkSaveProject(b *testing.B) {
	ctx := context.Background()
	s, _, _ := newFileStore(b)
	res := benchResult()
	c, _ := s.BeginCrawl(ctx, false)
	if ch, err := s.SaveProject(ctx, c.ID, res); err != nil || ch.Added != 20 {
		b.Fatalf("first save = %+v, %v", ch, err)
	}
	b.ReportAllocs()
	for b.Loop() {
		c, err := s.BeginCrawl(ctx, false)
		if err != nil {
			b.Fatal(err)
		}
		ch, err := s.SaveProject(ctx, c.ID, res)
		if err != nil || ch != (roadmap.ProjectChanges{}) {
			b.Fatalf("unchanged save = %+v, %v", ch, err)
		}
	}
}

// BenchmarkSaveProjectNotModified is the same with the page answering 304.
func BenchmarkSaveProjectNotModified(b *testing.B) {
	ctx := context.Background()
	s, _, _ := newFileStore(b)
	c, _ := s.BeginCrawl(ctx, false)
	if _, err := s.SaveProject(ctx, c.ID, benchResult()); err != nil {
		b.Fatal(err)
	}
	res := withSources(notModified(u1, at(2)))
	b.ReportAllocs()
	for b.Loop() {
		c, err := s.BeginCrawl(ctx, false)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.SaveProject(ctx, c.ID, res); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCompressPage archives a 100 KB HTML page, as every fetched
// roadmap page is archived on a cold crawl.
func BenchmarkCompressPage(b *testing.B) {
	var page []byte
	for i := 0; len(page) < 100<<10; i++ {
		page = fmt.Appendf(page, "<section id=\"s%d\"><h2>Section %d</h2><p>We plan to improve the performance of item %d, "+
			"working with downstream libraries on the details as they emerge.</p></section>\n", i, i, i*7)
	}
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := compress(page); err != nil {
			b.Fatal(err)
		}
	}
}

// warmProject is a project as the scale benchmark generates it: one page
// of 23 sections of about 4 KB of text each, and a PNG logo, as fetched
// by a first crawl on day 1.
func warmProject(n int) roadmap.ProjectResult {
	pageURL := fmt.Sprintf("https://p%d.example.org/roadmap.html", n)
	logoURL := fmt.Sprintf("https://p%d.example.org/logo.png", n)
	var titles []string
	for i := range 23 {
		titles = append(titles, fmt.Sprintf("Theme %d of project %d", i, n))
	}
	src := fetched(pageURL, doc(pageURL, 9000, titles...), fmt.Sprintf("<html>project %d</html>", n), at(1))
	for i := range src.Document.Items {
		it := &src.Document.Items[i]
		it.Text = strings.Repeat(fmt.Sprintf("Section %d of project %d explains at length what is planned and why. ", i, n), 55)
	}
	logoFetch := roadmap.Fetch{URL: logoURL, Kind: roadmap.FetchLogo, Status: 200, ETag: `"logo"`,
		ContentType: "image/png", Body: []byte(fmt.Sprintf("png of project %d", n)), FetchedAt: at(1)}
	res := roadmap.ProjectResult{Project: fmt.Sprintf("p%04d", n), Sources: []roadmap.SourceResult{src},
		Fetches: []roadmap.Fetch{src.Fetch, logoFetch},
		Logo:    &roadmap.Logo{Source: logoURL, Format: "png", Method: "decoded", Width: 240, Height: 80, Data: logoFetch.Body}}
	return res
}

// BenchmarkWarmCrawlStore is the store's share of an unchanged nightly
// crawl of 100 such projects: per project, the validators of its page and
// its logo, then the save of a 304 for both. One op is one whole crawl;
// ms/project is the cost the warm crawl pays per project.
func BenchmarkWarmCrawlStore(b *testing.B) {
	const n = 100
	ctx := context.Background()
	s, _, _ := newFileStore(b)
	c, err := s.BeginCrawl(ctx, false)
	if err != nil {
		b.Fatal(err)
	}
	warm := make([]roadmap.ProjectResult, n)
	for i := range n {
		res := warmProject(i)
		if ch, err := s.SaveProject(ctx, c.ID, res); err != nil || ch.Added != 23 {
			b.Fatalf("first save = %+v, %v", ch, err)
		}
		page, logo := res.Sources[0].URL, res.Logo.Source
		warm[i] = roadmap.ProjectResult{Project: res.Project,
			Sources: []roadmap.SourceResult{notModified(page, at(2))},
			Fetches: []roadmap.Fetch{
				{URL: page, Kind: roadmap.FetchPage, Status: 304, NotModified: true, FetchedAt: at(2)},
				{URL: logo, Kind: roadmap.FetchLogo, Status: 304, NotModified: true, FetchedAt: at(2)},
			}}
	}
	if err := s.FinishCrawl(ctx, c); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		c, err := s.BeginCrawl(ctx, false)
		if err != nil {
			b.Fatal(err)
		}
		for _, res := range warm {
			for _, u := range []string{res.Sources[0].URL, res.Fetches[1].URL} {
				if etag, _, err := s.Validators(ctx, res.Project, u); err != nil || etag == "" {
					b.Fatalf("validators of %s = %q, %v", u, etag, err)
				}
			}
			if ch, err := s.SaveProject(ctx, c.ID, res); err != nil || ch != (roadmap.ProjectChanges{}) {
				b.Fatalf("warm save = %+v, %v", ch, err)
			}
		}
		if err := s.FinishCrawl(ctx, c); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N*n), "ms/project")
}
