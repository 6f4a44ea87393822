package crawler

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// projectLogo fetches p.Logo (an http(s) URL, conditionally, or a local
// path), both capped at MaxLogoBytes, and hands the bytes to the LogoFunc.
// A 304 or a failed fetch leaves res.Logo nil, so the stored logo is kept
// (a failed night never replaces a good logo with a monogram); the failure
// is noted in out.LogoNote. A project without a configured logo gets a
// monogram. A logo never fails the project.
func (r *run) projectLogo(ctx context.Context, p roadmap.Project, res *roadmap.ProjectResult, out *Outcome) {
	if r.c.logo == nil {
		return
	}
	var (
		data []byte
		ct   string
		note string
	)
	switch {
	case p.Logo == "":
	case isHTTPURL(p.Logo):
		etag, lm := r.validators(ctx, p.Slug, p.Logo)
		f, err := r.fetch(ctx, p.Slug, request{url: p.Logo, kind: roadmap.FetchLogo,
			max: r.c.opts.MaxLogoBytes, etag: etag, lastModified: lm})
		res.Fetches = append(res.Fetches, f)
		switch {
		case errors.Is(err, ErrNotModified):
			out.LogoNote = "logo not modified"
			return
		case err != nil:
			note = "logo " + p.Logo + ": " + err.Error()
		default:
			data, ct = f.Body, f.ContentType
		}
	case strings.Contains(p.Logo, "://"):
		note = fmt.Sprintf("logo %s: unsupported URL scheme (only http, https or a local path)", p.Logo)
	default:
		f := r.readLocalLogo(p.Slug, p.Logo)
		res.Fetches = append(res.Fetches, f)
		if f.Err != "" {
			note = "logo " + p.Logo + ": " + f.Err
		} else {
			data, ct = f.Body, f.ContentType
		}
	}
	if note != "" {
		r.c.log.Info("logo unavailable; keeping the stored one", "project", p.Slug, "err", note)
		out.LogoNote = note + "; the stored logo, if any, is kept"
		return
	}
	lg := r.c.logo(ctx, p, data, ct)
	res.Logo = &lg
	out.LogoMethod = lg.Method
	out.LogoNote = joinNotes(note, lg.Note)
}

// readLocalLogo reads a logo file, capped at MaxLogoBytes, into a Fetch
// record (Err set on failure).
func (r *run) readLocalLogo(project, path string) roadmap.Fetch {
	start := time.Now()
	f := roadmap.Fetch{Project: project, URL: path, Kind: roadmap.FetchLogo, FetchedAt: r.c.opts.Now()}
	defer func() { f.Duration = time.Since(start) }()
	data, err := readCapped(path, r.c.opts.MaxLogoBytes)
	if err != nil {
		f.Err = err.Error()
		return f
	}
	f.Body = data
	f.Bytes = int64(len(data))
	f.ContentType = imageType(path, data)
	return f
}

// readCapped reads a file of at most max bytes; larger files give an
// error wrapping ErrTooLarge.
func readCapped(path string, max int64) ([]byte, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	data, err := io.ReadAll(io.LimitReader(fh, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, tooLarge(max)
	}
	return data, nil
}

// imageType is the media type of a logo file by extension, else sniffed.
func imageType(path string, data []byte) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".png":
		return "image/png"
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".svg":
		return "image/svg+xml"
	}
	return http.DetectContentType(data)
}

func joinNotes(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "; " + b
}
