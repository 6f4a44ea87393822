package crawler

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/roadmapper/roadmapper/crawler/extract"
	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// crawlProject fetches and parses p's pages in order, asks GitHub, fetches
// the logo, and returns the result for the sink and its outcome.
func (r *run) crawlProject(ctx context.Context, p roadmap.Project) (roadmap.ProjectResult, Outcome) {
	start := time.Now()
	res := roadmap.ProjectResult{Project: p.Slug, Repo: p.Repo}
	out := Outcome{Project: p.Slug}

	pageOK := false
	for _, u := range p.Roadmap {
		sr := r.page(ctx, p.Slug, u)
		res.Sources = append(res.Sources, sr)
		res.Fetches = append(res.Fetches, sr.Fetch)
		if sr.Document != nil || sr.NotModified {
			pageOK = true
		}
	}

	if r.c.gh != nil && p.Repo != "" {
		gr := r.c.gh.Project(ctx, p, !pageOK)
		res.GitHub = gr
		if gr != nil {
			out.Warnings = append(out.Warnings, gr.Warnings...)
			if gr.Skipped != "" {
				out.Warnings = append(out.Warnings, "github skipped: "+gr.Skipped)
			}
			if gr.Err != "" {
				out.Warnings = append(out.Warnings, "github "+p.Repo+": "+gr.Err)
			}
			if gr.FileContent != nil {
				sr := r.githubFile(p, gr)
				res.Sources = append(res.Sources, sr)
				res.Fetches = append(res.Fetches, sr.Fetch)
				if sr.Document != nil && !pageOK && len(p.Roadmap) > 0 {
					out.Warnings = append(out.Warnings, "roadmap pages failed; used "+p.RoadmapFile+" from GitHub instead")
				}
			}
		}
	}

	r.projectLogo(ctx, p, &res, &out)

	out.Status, res.Err = roadmap.CrawlStatus(res)
	out.Err = res.Err
	for _, sr := range res.Sources {
		if sr.Document != nil {
			out.Items += len(sr.Document.Items)
			if sr.Document.Note != "" {
				out.Warnings = append(out.Warnings, sr.URL+": "+sr.Document.Note)
			}
			if sr.Document.Capped {
				out.Warnings = append(out.Warnings, fmt.Sprintf("%s: more than %d sections; only the first %d were kept", sr.URL, extract.MaxItems, extract.MaxItems))
			}
		}
		if msg := sr.URL + ": " + sr.Err; sr.Err != "" && msg != out.Err {
			out.Warnings = append(out.Warnings, msg) // errors beyond the one that failed the project
		}
	}
	for _, f := range res.Fetches {
		out.Bytes += f.Bytes
	}
	out.Duration = time.Since(start)
	return res, out
}

// page fetches (conditionally) and parses one roadmap page.
func (r *run) page(ctx context.Context, project, pageURL string) roadmap.SourceResult {
	sr := roadmap.SourceResult{URL: pageURL, Kind: roadmap.FetchPage}
	etag, lm := r.validators(ctx, project, pageURL)
	rq := request{url: pageURL, kind: roadmap.FetchPage, max: r.c.opts.MaxPageBytes, etag: etag, lastModified: lm}
	if raw := githubRawURL(pageURL); raw != "" {
		// GitHub draws file pages with scripts; the raw file is the
		// document. It is recorded (and archived) under the page URL, so
		// items keep linking to the page and replays parse it the same way.
		rq.url, rq.record = raw, pageURL
	}
	f, err := r.fetch(ctx, project, rq)
	switch {
	case errors.Is(err, ErrNotModified):
		sr.NotModified = true
	case err != nil:
		sr.Err = err.Error()
	default:
		doc, binary, err := readDocument(pageURL, pageURL, f.ContentType, f.Body)
		if err != nil {
			sr.Err = err.Error()
		}
		if binary {
			f.Body = nil // not worth archiving
		}
		sr.Document = doc
	}
	sr.Fetch = f
	return sr
}

// githubFile parses the roadmap_file content GitHub returned.
func (r *run) githubFile(p roadmap.Project, gr *roadmap.GitHubResult) roadmap.SourceResult {
	fileURL := gr.FileURL
	if fileURL == "" {
		fileURL = "https://github.com/" + p.Repo + "/blob/HEAD/" + strings.TrimPrefix(p.RoadmapFile, "/")
	}
	ct := typeByExt(p.RoadmapFile)
	f := roadmap.Fetch{
		Project: p.Slug, URL: fileURL, Kind: roadmap.FetchGitHubFile, Status: 200,
		ContentType: ct, Bytes: int64(len(gr.FileContent)), Body: gr.FileContent,
		Header: map[string]string{"Content-Type": ct}, FetchedAt: r.c.opts.Now(),
	}
	sr := roadmap.SourceResult{URL: fileURL, Kind: roadmap.FetchGitHubFile}
	// Use the repository path for the format: FileURL may lack the extension.
	doc, _, err := readDocument(fileURL, p.RoadmapFile, ct, gr.FileContent)
	if err != nil {
		sr.Err = err.Error()
	}
	sr.Document = doc
	sr.Fetch = f
	return sr
}

// validators asks the store for the validators project keeps for url; a
// failure is logged and means an unconditional request.
func (r *run) validators(ctx context.Context, project, u string) (etag, lastModified string) {
	if r.c.val == nil {
		return "", ""
	}
	etag, lastModified, err := r.c.val.Validators(ctx, project, u)
	if err != nil {
		if ctx.Err() != nil {
			return "", "" // interrupted: the fetch will stop too
		}
		r.c.log.Warn("validators unavailable; fetching unconditionally", "url", u, "err", err)
		return "", ""
	}
	return etag, lastModified
}

// parseAs turns a fetched body into a Document, the type guessed from the
// extension of name when the Content-Type does not say: it refuses binary
// bodies, converts the charset to UTF-8 and calls the extractor. Errors: a
// *binaryError ("not a text document (application/pdf)") or the
// extractor's error without its "extract URL: " prefix.
func parseAs(docURL, name, contentType string, raw []byte) (*roadmap.Document, error) {
	if err := checkText(raw, contentType); err != nil {
		return nil, err
	}
	text := toUTF8(raw, contentType)
	doc, err := extractDoc(docURL, utf8ContentType(contentType, name), text)
	if err != nil {
		return nil, trimmedError{err, strings.TrimPrefix(err.Error(), "extract "+docURL+": ")}
	}
	return doc, nil
}

// readDocument reads a fetched body as a roadmap document. A body that
// was fetched but is not read as a roadmap (binary, empty, a format the
// extractor does not read, text with nothing below its title) still gives
// a document, with no items and a Note saying why, so the audit judges it
// on its date and words: "unreachable" is for what our side could not
// fetch. binary says the body is not text (not worth archiving). Only a
// body the extractor refuses to parse (too large) is an error.
func readDocument(docURL, name, contentType string, raw []byte) (doc *roadmap.Document, binary bool, err error) {
	doc, err = parseAs(docURL, name, contentType, raw)
	var be *binaryError
	binary = errors.As(err, &be) || errors.Is(err, extract.ErrBinary)
	switch {
	case err == nil:
		if len(doc.Items) == 0 && doc.Note == "" {
			doc.Note = "no roadmap items found"
		}
		return doc, false, nil
	case binary || errors.Is(err, extract.ErrEmpty):
		return &roadmap.Document{URL: docURL, Items: []roadmap.Item{},
			Note: extract.NotUnderstood + " (" + err.Error() + ")"}, binary, nil
	}
	return nil, false, err
}

// trimmedError keeps err for errors.Is but reads msg.
type trimmedError struct {
	err error
	msg string
}

func (e trimmedError) Error() string { return e.msg }
func (e trimmedError) Unwrap() error { return e.err }
