package crawler

import (
	"context"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// Fetcher fetches single URLs outside a crawl with the crawler's manners:
// robots.txt (read once per host for the Fetcher's life), the overall and
// per-host limits, the timeout, retries with backoff and the body caps.
// Discovery uses it to read homepages and check candidate links. It is safe
// for concurrent use.
type Fetcher struct{ r *run }

// Fetcher returns a Fetcher with its own robots.txt cache and limits.
func (c *Crawler) Fetcher() *Fetcher { return &Fetcher{r: c.newRun()} }

// Response is the answer to a Fetcher request.
type Response struct {
	URL          string // the URL asked for
	Status       int    // 0 when no answer arrived
	ContentType  string // as sent; the body is converted to UTF-8 for text
	LastModified string
	Body         []byte
}

// Page fetches a web page (HTML, Markdown, text), converted to UTF-8. The
// error says why it failed ("HTTP 404 Not Found", ErrDisallowed, "too
// large", a timeout); Response.Status is set whenever an answer arrived.
func (f *Fetcher) Page(ctx context.Context, url string) (Response, error) {
	return f.get(ctx, url, roadmap.FetchPage, f.r.c.opts.MaxPageBytes)
}

// Image fetches a logo candidate, capped at the logo size limit.
func (f *Fetcher) Image(ctx context.Context, url string) (Response, error) {
	return f.get(ctx, url, roadmap.FetchLogo, f.r.c.opts.MaxLogoBytes)
}

func (f *Fetcher) get(ctx context.Context, url, kind string, max int64) (Response, error) {
	fe, err := f.r.fetch(ctx, "", request{url: url, kind: kind, max: max})
	resp := Response{URL: url, Status: fe.Status, ContentType: fe.ContentType, LastModified: fe.LastModified}
	if err != nil {
		return resp, err
	}
	resp.Body = fe.Body
	if kind == roadmap.FetchPage {
		resp.Body = toUTF8(fe.Body, fe.ContentType)
	}
	return resp, nil
}
