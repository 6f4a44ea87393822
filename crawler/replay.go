package crawler

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// Replay re-extracts archived responses (the store's Archived of the latest
// crawl) without the network and saves, through the sink, one ProjectResult
// per project that has archives: its Sources carry Documents (or Err), its
// Fetches, GitHub and Logo stay empty (keep what is stored). Archives of
// pages no longer configured are ignored; the newest archive of a URL wins.
// Projects without archives get no outcome. Errors as for Run.
func (c *Crawler) Replay(ctx context.Context, crawlID int64, projects []roadmap.Project, archived []roadmap.ArchivedResponse, progress func(Outcome)) (Summary, error) {
	if err := ctx.Err(); err != nil {
		return Summary{}, fmt.Errorf("replay: %w", err)
	}
	start := time.Now()
	byProject := map[string][]roadmap.ArchivedResponse{}
	for _, a := range archived {
		byProject[a.Project] = append(byProject[a.Project], a)
	}
	results := make(chan done)
	go func() {
		defer close(results)
		for i, p := range projects {
			if ctx.Err() != nil {
				return
			}
			arcs := replaySources(p, byProject[p.Slug])
			if len(arcs) == 0 {
				continue
			}
			res, out := replayProject(p, arcs)
			results <- done{idx: i, res: res, out: out}
		}
	}()
	sum, err := c.collect(ctx, c.newRun(), crawlID, len(projects), results, progress)
	sum.Duration = time.Since(start)
	return sum, err
}

// replaySources picks p's archives to replay: its configured pages in
// order, then its GitHub roadmap file, the newest archive of each URL.
func replaySources(p roadmap.Project, arcs []roadmap.ArchivedResponse) []roadmap.ArchivedResponse {
	newest := func(keep func(roadmap.ArchivedResponse) bool) (roadmap.ArchivedResponse, bool) {
		var best roadmap.ArchivedResponse
		found := false
		for _, a := range arcs {
			if keep(a) && (!found || a.FetchedAt.After(best.FetchedAt)) {
				best, found = a, true
			}
		}
		return best, found
	}
	var out []roadmap.ArchivedResponse
	for i, u := range p.Roadmap {
		if slices.Contains(p.Roadmap[:i], u) {
			continue
		}
		if a, ok := newest(func(a roadmap.ArchivedResponse) bool {
			return a.URL == u && (a.Kind == roadmap.FetchPage || a.Kind == "")
		}); ok {
			out = append(out, a)
		}
	}
	if p.Repo != "" {
		if a, ok := newest(func(a roadmap.ArchivedResponse) bool { return a.Kind == roadmap.FetchGitHubFile }); ok {
			out = append(out, a)
		}
	}
	return out
}

// replayProject re-parses p's archives.
func replayProject(p roadmap.Project, arcs []roadmap.ArchivedResponse) (roadmap.ProjectResult, Outcome) {
	start := time.Now()
	res := roadmap.ProjectResult{Project: p.Slug, Repo: p.Repo}
	out := Outcome{Project: p.Slug}
	for _, a := range arcs {
		kind := a.Kind
		if kind == "" {
			kind = roadmap.FetchPage
		}
		sr := roadmap.SourceResult{URL: a.URL, Kind: kind, Fetch: roadmap.Fetch{
			Project: p.Slug, URL: a.URL, Kind: kind, Status: 200, ContentType: a.ContentType,
			ETag: a.Header["ETag"], LastModified: a.Header["Last-Modified"],
			Bytes: int64(len(a.Body)), Header: a.Header, FetchedAt: a.FetchedAt,
		}}
		name := a.URL
		if kind == roadmap.FetchGitHubFile && p.RoadmapFile != "" {
			name = p.RoadmapFile
		}
		doc, _, err := readDocument(a.URL, name, a.ContentType, a.Body)
		if err != nil {
			sr.Err = err.Error()
		} else {
			sr.Document = doc
			out.Items += len(doc.Items)
			if doc.Note != "" {
				out.Warnings = append(out.Warnings, sr.URL+": "+doc.Note)
			}
		}
		res.Sources = append(res.Sources, sr)
	}
	out.Status, res.Err = roadmap.CrawlStatus(res)
	out.Err = res.Err
	for _, sr := range res.Sources {
		if msg := sr.URL + ": " + sr.Err; sr.Err != "" && msg != out.Err {
			out.Warnings = append(out.Warnings, msg) // errors beyond the one that failed the project
		}
	}
	out.Duration = time.Since(start)
	return res, out
}
