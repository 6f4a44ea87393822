package store

import (
	"context"
	"fmt"
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
