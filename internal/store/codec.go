package store

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"
)

// maxInflated caps what one stored gzip body may inflate to.
const maxInflated = 256 << 20

// formatTime renders t as RFC3339Nano UTC text; the zero time is "".
func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// parseTime reads formatTime's text; "" is the zero time.
func parseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("bad stored time %q: %w", s, err)
	}
	return t.UTC(), nil
}

// parseNullTime reads a nullable time column.
func parseNullTime(s sql.NullString) (time.Time, error) {
	if !s.Valid {
		return time.Time{}, nil
	}
	return parseTime(s.String)
}

// parseHTTPTime reads an HTTP date (Last-Modified); unparseable is zero.
func parseHTTPTime(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := http.ParseTime(s)
	if err != nil {
		return time.Time{}
	}
	return t.UTC()
}

// toJSON encodes v; nil slices and pointers become "null".
func toJSON(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("encode json: %w", err)
	}
	return string(b), nil
}

// fromJSON decodes s into v; "" and "null" leave v alone.
func fromJSON(s string, v any) error {
	if s == "" || s == "null" {
		return nil
	}
	if err := json.Unmarshal([]byte(s), v); err != nil {
		return fmt.Errorf("decode stored json: %w", err)
	}
	return nil
}

// archiveLevel is the gzip level of archived bodies and cached responses:
// the fastest, since the archive is written on every crawl and read rarely
// (HTML still shrinks about four times).
const archiveLevel = gzip.BestSpeed

// gzipWriters reuses gzip writers: each holds about a megabyte of deflate
// state, which one writer per body would allocate anew.
var gzipWriters = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(nil, archiveLevel) // the level is valid
	return zw
}}

// compress gzips b.
func compress(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(len(b)/3 + 64)
	zw := gzipWriters.Get().(*gzip.Writer)
	defer gzipWriters.Put(zw)
	zw.Reset(&buf)
	if _, err := zw.Write(b); err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	return buf.Bytes(), nil
}

// decompress gunzips b (nil stays nil), refusing more than maxInflated bytes.
func decompress(b []byte) ([]byte, error) {
	if b == nil {
		return nil, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("gunzip: %w", err)
	}
	defer zr.Close()
	out, err := io.ReadAll(io.LimitReader(zr, maxInflated+1))
	if err != nil {
		return nil, fmt.Errorf("gunzip: %w", err)
	}
	if len(out) > maxInflated {
		return nil, fmt.Errorf("gunzip: body larger than %d bytes", maxInflated)
	}
	return out, nil
}

// sha256Hex is the hex SHA-256 of b.
func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// archivedHeaders are the only response headers the archive keeps.
var archivedHeaders = []string{"Content-Type", "Etag", "Last-Modified", "Content-Length", "Date", "Server", "Location"}

// filterHeader keeps the headers of interest of h, with canonical names.
func filterHeader(h map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range h {
		ck := http.CanonicalHeaderKey(k)
		for _, keep := range archivedHeaders {
			if ck == keep {
				out[ck] = v
			}
		}
	}
	return out
}

// sensitiveHeader reports whether a header may carry a credential; the
// HTTP cache never stores those.
func sensitiveHeader(name string) bool {
	n := strings.ToLower(name)
	switch n {
	case "authorization", "proxy-authorization", "cookie", "set-cookie", "www-authenticate", "proxy-authenticate":
		return true
	}
	return strings.Contains(n, "token") || strings.Contains(n, "secret") ||
		strings.Contains(n, "password") || strings.Contains(n, "auth") || strings.Contains(n, "api-key")
}

// cleanCacheHeader drops credential-bearing headers from a cached response.
func cleanCacheHeader(h map[string][]string) map[string][]string {
	out := map[string][]string{}
	for k, v := range h {
		if sensitiveHeader(k) {
			continue
		}
		out[http.CanonicalHeaderKey(k)] = append([]string(nil), v...)
	}
	return out
}
