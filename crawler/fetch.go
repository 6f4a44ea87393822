package crawler

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// request is one URL to fetch, with its cap and validators.
type request struct {
	url          string
	record       string // URL to record the exchange under, when not url
	kind         string // roadmap.Fetch* kind
	max          int64  // body cap in bytes
	etag         string // If-None-Match
	lastModified string // If-Modified-Since
}

// attemptResult is how one HTTP attempt went.
type attemptResult struct {
	err        error
	retry      bool          // worth another attempt
	retryAfter time.Duration // server's Retry-After, 0 when absent
}

// headersKept are the response headers recorded in Fetch.Header.
var headersKept = []string{"Content-Type", "ETag", "Last-Modified", "Date", "Server", "Content-Length"}

// fetch GETs rq.url politely: robots.txt, host limits, timeout, retries with
// backoff, capped and decompressed body. It returns the record of the
// exchange and nil, ErrNotModified (a 304), ErrDisallowed, an error wrapping
// ErrTooLarge, the context's error, or a specific failure ("HTTP 404 Not
// Found", "timed out after 30s", "stopped after 10 redirects", …).
// Fetch.Err is set for every error but ErrNotModified.
func (r *run) fetch(ctx context.Context, project string, rq request) (f roadmap.Fetch, err error) {
	start := time.Now()
	f = roadmap.Fetch{Project: project, URL: rq.url, Kind: rq.kind, FetchedAt: r.c.opts.Now()}
	if rq.record != "" {
		f.URL = rq.record
	}
	defer func() {
		f.Duration = time.Since(start)
		if err != nil && !errors.Is(err, ErrNotModified) {
			f.Err = err.Error()
			f.Body = nil
		}
	}()
	u, err := parseHTTPURL(rq.url)
	if err != nil {
		return f, err
	}
	if r.c.opts.RespectRobots && !r.robots.allowed(ctx, u) {
		return f, ErrDisallowed
	}
	var waited time.Duration
	budget := r.c.opts.RetryBudget
	for attempt := 0; ; attempt++ {
		f = roadmap.Fetch{Project: f.Project, URL: f.URL, Kind: f.Kind, FetchedAt: f.FetchedAt} // forget the last attempt
		a := r.attempt(ctx, u, rq, &f)
		if a.err == nil || !a.retry {
			return f, a.err
		}
		if attempt >= r.c.opts.MaxRetries {
			if attempt > 0 {
				return f, fmt.Errorf("%w (after %d attempts)", a.err, attempt+1)
			}
			return f, a.err
		}
		wait := backoff(r.c.opts.BaseBackoff, attempt)
		if a.retryAfter > 0 {
			if waited+a.retryAfter > budget {
				return f, fmt.Errorf("rate limited by server (Retry-After %ds)", int64((a.retryAfter+time.Second-1)/time.Second))
			}
			wait = a.retryAfter
		}
		if waited+wait > budget {
			return f, fmt.Errorf("%w (retry budget of %s spent)", a.err, budget)
		}
		waited += wait
		r.c.log.Debug("retrying", "url", rq.url, "attempt", attempt+2, "wait", wait, "err", a.err)
		if err := sleep(ctx, wait); err != nil {
			return f, err
		}
	}
}

// attempt sends one GET within the host and overall limits and the
// per-request timeout, filling f from the response.
func (r *run) attempt(ctx context.Context, u *url.URL, rq request, f *roadmap.Fetch) attemptResult {
	if he := r.hosts.known(u.Host); he != nil {
		return attemptResult{err: he} // unreachable earlier in this crawl
	}
	release, err := r.limits.acquire(ctx, u.Host)
	if err != nil {
		return attemptResult{err: err}
	}
	defer release()
	actx, cancel := context.WithTimeout(ctx, r.c.opts.Timeout)
	defer cancel()
	actx = context.WithValue(actx, runKey{}, r)

	req, err := http.NewRequestWithContext(actx, http.MethodGet, u.String(), nil)
	if err != nil {
		return attemptResult{err: err}
	}
	req.Header.Set("User-Agent", r.c.opts.UserAgent)
	req.Header.Set("Accept-Encoding", "gzip")
	if rq.kind == roadmap.FetchLogo {
		req.Header.Set("Accept", "image/png,image/jpeg,image/svg+xml;q=0.9,image/*;q=0.8,*/*;q=0.5")
	} else {
		req.Header.Set("Accept", "text/html,application/xhtml+xml,text/markdown,text/x-rst;q=0.9,text/plain;q=0.8,*/*;q=0.5")
	}
	if rq.etag != "" {
		req.Header.Set("If-None-Match", rq.etag)
	}
	if rq.lastModified != "" {
		req.Header.Set("If-Modified-Since", rq.lastModified)
	}

	resp, err := r.c.client.Do(req)
	if err != nil {
		if he := hostError(u.Host, err); he != nil && ctx.Err() == nil {
			r.hosts.fail(he)
			return attemptResult{err: he} // no retry mends a name or a port within a crawl
		}
		return classify(ctx, actx, err, r.c.opts.Timeout)
	}
	defer resp.Body.Close()
	r.hosts.ok(u.Host, resp)
	recordResponse(f, resp)

	switch code := resp.StatusCode; {
	case code == http.StatusNotModified:
		f.NotModified = true
		if f.ETag == "" {
			f.ETag = rq.etag
		}
		if f.LastModified == "" {
			f.LastModified = rq.lastModified
		}
		return attemptResult{err: ErrNotModified}
	case code >= 200 && code < 300:
		body, err := readBody(resp, rq.max)
		if err != nil {
			var fatal *bodyError
			if errors.As(err, &fatal) || errors.Is(err, ErrTooLarge) {
				return attemptResult{err: err}
			}
			res := classify(ctx, actx, err, r.c.opts.Timeout)
			res.err = fmt.Errorf("read body: %w", res.err)
			return res
		}
		f.Body = body
		f.Bytes = int64(len(body))
		return attemptResult{}
	case code == http.StatusTooManyRequests || code >= 500:
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return attemptResult{err: statusError(code), retry: true,
			retryAfter: parseRetryAfter(resp.Header.Get("Retry-After"), r.c.opts.Now())}
	default:
		return attemptResult{err: statusError(code)}
	}
}

// recordResponse copies the status and headers of interest into f.
func recordResponse(f *roadmap.Fetch, resp *http.Response) {
	f.Status = resp.StatusCode
	f.ETag = resp.Header.Get("ETag")
	f.LastModified = resp.Header.Get("Last-Modified")
	f.ContentType = resp.Header.Get("Content-Type")
	f.Header = map[string]string{}
	for _, k := range headersKept {
		if v := resp.Header.Get(k); v != "" {
			f.Header[k] = v
		}
	}
}

// statusError is the failure of an unwanted status: "HTTP 404 Not Found".
func statusError(code int) error {
	if t := http.StatusText(code); t != "" {
		return fmt.Errorf("HTTP %d %s", code, t)
	}
	return fmt.Errorf("HTTP %d", code)
}

// bodyError is a body that cannot be read whatever the retries (bad
// gzip stream, unknown content encoding).
type bodyError struct{ msg string }

func (e *bodyError) Error() string { return e.msg }

// readBody reads resp's body, decompressing gzip, and fails with an error
// wrapping ErrTooLarge when the (decompressed) body exceeds max bytes or a
// Content-Length announces more; a *bodyError for an unreadable encoding.
func readBody(resp *http.Response, max int64) ([]byte, error) {
	if resp.ContentLength > max {
		return nil, tooLarge(max)
	}
	data, err := readPrefix(resp, max+1)
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, tooLarge(max)
	}
	return data, nil
}

// readPrefix reads at most n bytes of resp's body, decompressed.
func readPrefix(resp *http.Response, n int64) ([]byte, error) {
	var rd io.Reader = resp.Body
	switch enc := strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding"))); enc {
	case "", "identity":
	case "gzip", "x-gzip":
		gz, err := gzip.NewReader(resp.Body)
		if err != nil {
			return nil, &bodyError{"bad gzip body: " + err.Error()}
		}
		defer gz.Close()
		rd = gz
	default:
		return nil, &bodyError{fmt.Sprintf("unsupported content encoding %q", enc)}
	}
	data, err := io.ReadAll(io.LimitReader(rd, n))
	if err != nil {
		if errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader) {
			return nil, &bodyError{"bad gzip body: " + err.Error()}
		}
		return nil, err
	}
	return data, nil
}

func tooLarge(max int64) error {
	return fmt.Errorf("%w: more than %d bytes", ErrTooLarge, max)
}

// redirectError is a redirect the crawler refuses to follow.
type redirectError struct {
	msg string
	err error // ErrDisallowed for a target robots.txt forbids
}

func (e *redirectError) Error() string { return e.msg }
func (e *redirectError) Unwrap() error { return e.err }

// runKey carries the *run of a page request to checkRedirect.
type runKey struct{}

// checkRedirect allows at most maxRedirects redirects, to http(s) URLs only,
// and (for page and logo requests of a run that respects robots.txt) only
// to URLs robots.txt allows.
func checkRedirect(req *http.Request, via []*http.Request) error {
	if s := req.URL.Scheme; s != "http" && s != "https" {
		return &redirectError{msg: fmt.Sprintf("redirect to unsupported URL scheme %q", s)}
	}
	if len(via) >= maxRedirects {
		return &redirectError{msg: "stopped after " + strconv.Itoa(maxRedirects) + " redirects"}
	}
	if r, ok := req.Context().Value(runKey{}).(*run); ok && r.c.opts.RespectRobots &&
		!r.robots.allowed(req.Context(), req.URL) {
		return &redirectError{msg: ErrDisallowed.Error() + " (redirected to " + req.URL.String() + ")", err: ErrDisallowed}
	}
	return nil
}

// classify turns a transport error into an attemptResult: the caller's
// cancellation (final), a refused redirect (final), the per-request timeout
// or a connection error (both worth a retry).
func classify(ctx, actx context.Context, err error, timeout time.Duration) attemptResult {
	if ctx.Err() != nil {
		return attemptResult{err: ctx.Err()}
	}
	var re *redirectError
	if errors.As(err, &re) {
		return attemptResult{err: re}
	}
	var ae *addressError
	if errors.As(err, &ae) {
		return attemptResult{err: ae} // final: retrying reaches the same address
	}
	if actx.Err() != nil || errors.Is(err, context.DeadlineExceeded) {
		return attemptResult{err: fmt.Errorf("timed out after %s", timeout), retry: true}
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	if ue != nil && ue.Timeout() {
		return attemptResult{err: fmt.Errorf("timed out after %s", timeout), retry: true}
	}
	return attemptResult{err: err, retry: true}
}

// parseHTTPURL parses raw and accepts only absolute http(s) URLs with a host.
func parseHTTPURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("bad URL: %w", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("unsupported URL scheme %q (only http and https)", u.Scheme)
	}
	if u.Host == "" {
		return nil, errors.New("URL has no host")
	}
	return u, nil
}

// isHTTPURL reports whether s starts with http:// or https://.
func isHTTPURL(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}
