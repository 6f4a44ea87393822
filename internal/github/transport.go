package github

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// maxBody caps any response body the client reads (a 10 MiB file is about
// 13.4 MiB as base64 JSON).
const maxBody = 16 << 20

// maxResends bounds how often one request is resent after secondary limits.
const maxResends = 5

// errTooManyResends is returned when GitHub keeps answering one request with
// secondary rate limits.
var errTooManyResends = errors.New("GitHub kept answering with secondary rate limits")

// meter counts the client's GitHub spending. It is safe for concurrent use.
type meter struct {
	mu        sync.Mutex
	q         roadmap.Quota
	last      *http.Request // request of the previous network send
	lastAt    time.Time     // when its answer arrived
	lastSends int
}

func (m *meter) snapshot() roadmap.Quota {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.q
}

func (m *meter) addWait(d time.Duration) {
	m.mu.Lock()
	m.q.Waited += d
	m.mu.Unlock()
}

// countTransport is the innermost RoundTripper: it sees every request that
// reaches the network, including the rate limiter's resends, which it
// recognises as the same *http.Request sent again.
type countTransport struct {
	base http.RoundTripper
	m    *meter
}

func (t *countTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	m := t.m
	m.mu.Lock()
	if req == m.last {
		m.lastSends++
		if m.lastSends > maxResends {
			m.mu.Unlock()
			return nil, fmt.Errorf("%s %s: %w", req.Method, req.URL.Path, errTooManyResends)
		}
		m.q.Retries++
		if !m.lastAt.IsZero() {
			m.q.Waited += time.Since(m.lastAt)
		}
	} else {
		m.last, m.lastSends = req, 0
	}
	m.q.Requests++
	m.mu.Unlock()

	resp, err := t.base.RoundTrip(req)

	m.mu.Lock()
	defer m.mu.Unlock()
	m.lastAt = time.Now()
	if err != nil {
		return resp, err
	}
	if resp.StatusCode == http.StatusNotModified {
		m.q.NotModified++
		if req.Header.Get("Authorization") == "" {
			m.q.Counted++ // only authenticated conditional requests are free
		}
	} else {
		m.q.Counted++
	}
	return resp, nil
}

// Cache persists conditional-request state (ETag cache) between crawls.
// internal/store implements it.
type Cache interface {
	CacheGet(ctx context.Context, key string) (roadmap.CachedResponse, bool, error)
	CachePut(ctx context.Context, key string, r roadmap.CachedResponse) error
}

// memoryCache is the Cache used when Options.Cache is nil.
type memoryCache struct {
	mu sync.Mutex
	m  map[string]roadmap.CachedResponse
}

func (c *memoryCache) CacheGet(_ context.Context, key string) (roadmap.CachedResponse, bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	r, ok := c.m[key]
	return r, ok, nil
}

func (c *memoryCache) CachePut(_ context.Context, key string, r roadmap.CachedResponse) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]roadmap.CachedResponse{}
	}
	c.m[key] = r
	return nil
}

// cacheTransport sends conditional requests for GETs it has a stored
// answer for, turns a 304 into the stored 200 marked X-From-Cache: 1, and
// stores 200 answers that carry an ETag or Last-Modified.
type cacheTransport struct {
	base      http.RoundTripper
	cache     Cache
	tokenHash string // sha256(token)[:12] in hex; "" without a token
	now       func() time.Time
	log       *slog.Logger
}

// tokenHash returns the first 12 hex digits of sha256(token), or "" for no token.
func tokenHash(token string) string {
	if token == "" {
		return ""
	}
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])[:12]
}

// cacheKey identifies a request in the cache: method, URL, Accept and a
// hash of the token (never the token itself).
func (t *cacheTransport) cacheKey(req *http.Request) string {
	return req.Method + " " + req.URL.String() + " accept=" + req.Header.Get("Accept") + " token=" + t.tokenHash
}

// storedHeaders are the only response headers kept in the cache.
func keepHeader(name string) bool {
	switch http.CanonicalHeaderKey(name) {
	case "Etag", "Last-Modified", "Content-Type", "Link":
		return true
	}
	return strings.HasPrefix(http.CanonicalHeaderKey(name), "X-Ratelimit-")
}

func (t *cacheTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Method != http.MethodGet {
		resp, err := t.base.RoundTrip(req)
		capBody(resp, req)
		return resp, err
	}
	ctx := req.Context()
	key := t.cacheKey(req)
	cached, ok, err := t.cache.CacheGet(ctx, key)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err() // interrupted: not a cache problem worth a warning
		}
		t.log.Warn("GitHub cache read failed", "url", req.URL.Redacted(), "err", err)
		ok = false
	}
	ok = ok && cached.Status == http.StatusOK && (cached.ETag != "" || cached.LastModified != "")
	out := req
	if ok {
		out = req.Clone(ctx)
		if cached.ETag != "" {
			out.Header.Set("If-None-Match", cached.ETag)
		}
		if cached.LastModified != "" {
			out.Header.Set("If-Modified-Since", cached.LastModified)
		}
	}
	resp, err := t.base.RoundTrip(out)
	if err != nil {
		return resp, err
	}
	switch {
	case resp.StatusCode == http.StatusNotModified && ok:
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
		resp.Body.Close()
		h := http.Header{}
		for k, v := range cached.Header {
			h[http.CanonicalHeaderKey(k)] = append([]string(nil), v...)
		}
		h.Set("X-From-Cache", "1")
		return &http.Response{
			Status: "200 OK", StatusCode: http.StatusOK,
			Proto: resp.Proto, ProtoMajor: resp.ProtoMajor, ProtoMinor: resp.ProtoMinor,
			Header: h, Body: io.NopCloser(bytes.NewReader(cached.Body)),
			ContentLength: int64(len(cached.Body)), Request: req,
		}, nil
	case resp.StatusCode == http.StatusOK && (resp.Header.Get("ETag") != "" || resp.Header.Get("Last-Modified") != ""):
		body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
		resp.Body.Close()
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", req.URL.Redacted(), err)
		}
		if len(body) > maxBody {
			return nil, fmt.Errorf("read %s: answer larger than %d MiB", req.URL.Redacted(), maxBody>>20)
		}
		resp.Body = io.NopCloser(bytes.NewReader(body))
		resp.ContentLength = int64(len(body))
		resp.Header.Del("Content-Length")
		h := map[string][]string{}
		for k, v := range resp.Header {
			if keepHeader(k) {
				h[http.CanonicalHeaderKey(k)] = append([]string(nil), v...)
			}
		}
		cr := roadmap.CachedResponse{
			Status: http.StatusOK, ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified"),
			Header: h, Body: body, StoredAt: t.now(),
		}
		if err := t.cache.CachePut(ctx, key, cr); err != nil && ctx.Err() == nil {
			t.log.Warn("GitHub cache write failed", "url", req.URL.Redacted(), "err", err)
		}
	default:
		capBody(resp, req)
	}
	return resp, nil
}

// capBody makes resp's body fail once it passes maxBody bytes, so an
// answer of any status, with or without cache headers, is never read
// (or JSON-decoded) without bound.
func capBody(resp *http.Response, req *http.Request) {
	if resp == nil || resp.Body == nil {
		return
	}
	resp.Body = &cappedBody{rc: resp.Body, left: maxBody, url: req.URL.Redacted()}
}

// cappedBody reads at most left bytes of rc, then fails naming url.
type cappedBody struct {
	rc   io.ReadCloser
	left int64
	url  string
}

func (c *cappedBody) Read(p []byte) (int, error) {
	if c.left <= 0 {
		// One byte more tells an answer of exactly maxBody from a longer one.
		var one [1]byte
		for {
			n, err := c.rc.Read(one[:])
			if n > 0 {
				return 0, fmt.Errorf("read %s: answer larger than %d MiB", c.url, maxBody>>20)
			}
			if err != nil {
				return 0, err
			}
		}
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.rc.Read(p)
	c.left -= int64(n)
	return n, err
}

func (c *cappedBody) Close() error { return c.rc.Close() }
