// Package logo turns a project's logo (PNG, JPEG, GIF or SVG bytes, fetched
// by the crawler) into a small PNG or JPEG that the PDF renderer embeds. It
// never fails: any problem gives a monogram badge whose Note says why.
package logo

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"sync"
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// Defaults of Options.
const (
	DefaultDPI       = 300
	DefaultMaxBytes  = 5 << 20
	DefaultMaxPixels = 40_000_000
	DefaultTimeout   = 10 * time.Second

	boxInches   = 1.2     // the logo box of a brochure page, in inches
	maxSide     = 600     // longest side of a prepared raster, in pixels
	keepJPEGMax = 1 << 20 // a valid JPEG up to this size is kept byte for byte
)

// Options tunes Prepare. The zero value is ready to use.
type Options struct {
	DPI       int           // rasterisation density for SVG (default 300); the 1.2 in box → ~360 px on the long side
	MaxBytes  int64         // input cap (default 5 MiB); also caps a decompressed .svgz
	MaxPixels int           // decoded raster cap, width*height (default 40e6), checked before decoding
	Rsvg      string        // path of rsvg-convert; "" → exec.LookPath once; "-" → never use it
	Timeout   time.Duration // for one SVG rasterisation (default 10s)
}

func (o Options) withDefaults() Options {
	if o.DPI <= 0 {
		o.DPI = DefaultDPI
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.MaxPixels <= 0 {
		o.MaxPixels = DefaultMaxPixels
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	return o
}

// boxPixels is the long side, in pixels, of an SVG rasterised at o.DPI.
func (o Options) boxPixels() int {
	n := int(boxInches*float64(o.DPI) + 0.5)
	return min(max(n, 64), maxSide)
}

var (
	lookRsvgOnce sync.Once
	lookRsvgPath string
)

// rsvgPath resolves Options.Rsvg: "" looks rsvg-convert up on PATH once per
// process, "-" disables it.
func (o Options) rsvgPath() string {
	switch o.Rsvg {
	case "-":
		return ""
	case "":
		lookRsvgOnce.Do(func() {
			if p, err := exec.LookPath("rsvg-convert"); err == nil {
				lookRsvgPath = p
			}
		})
		return lookRsvgPath
	default:
		return o.Rsvg
	}
}

// Prepare turns logo bytes into an embeddable logo. It never fails: on any
// problem it returns a monogram badge (Method roadmap.LogoMonogram) with Note
// saying why ("SVG rasterised blank", "corrupt PNG: …", "missing"). data ==
// nil means the logo could not be fetched. The format is sniffed from the
// bytes; contentType is only quoted in notes. The same input always gives
// the same bytes.
func Prepare(ctx context.Context, p roadmap.Project, data []byte, contentType string, opts Options) (out roadmap.Logo) {
	defer func() {
		if r := recover(); r != nil {
			out = Monogram(p, fmt.Sprintf("internal error: %v", r))
		}
	}()
	opts = opts.withDefaults()
	switch {
	case data == nil:
		return Monogram(p, "missing")
	case len(data) == 0:
		return Monogram(p, "empty file")
	case int64(len(data)) > opts.MaxBytes:
		return Monogram(p, fmt.Sprintf("too large: %d bytes (cap %d)", len(data), opts.MaxBytes))
	}
	res, err := prepare(ctx, data, contentType, opts)
	if err != nil {
		return Monogram(p, err.Error())
	}
	res.Project = p.Slug
	res.Source = p.Logo
	return res
}

// prepare dispatches on the sniffed format.
func prepare(ctx context.Context, data []byte, contentType string, opts Options) (roadmap.Logo, error) {
	f := sniff(data)
	if f == formatGzip {
		plain, err := gunzip(data, opts.MaxBytes)
		if err != nil {
			return roadmap.Logo{}, err
		}
		data, f = plain, sniff(plain)
		if f != formatSVG {
			return roadmap.Logo{}, errors.New("gzip file does not hold an SVG")
		}
	}
	switch f {
	case formatPNG:
		return preparePNG(data, opts)
	case formatJPEG:
		return prepareJPEG(data, opts)
	case formatGIF:
		return prepareGIF(data, opts)
	case formatSVG:
		return prepareSVG(ctx, data, opts)
	case formatWebP:
		return roadmap.Logo{}, errors.New("unsupported format WebP")
	default:
		if contentType != "" {
			return roadmap.Logo{}, fmt.Errorf("not a PNG, JPEG, GIF or SVG image (content type %q)", truncate(contentType, 60))
		}
		return roadmap.Logo{}, errors.New("not a PNG, JPEG, GIF or SVG image")
	}
}

// truncate shortens s to at most n bytes, on a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n] + "…"
}
