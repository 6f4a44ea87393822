package logo

import (
	"context"
	"errors"
	"fmt"
	"image"
	"strings"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// renderer rasterises a sanitised, sized SVG into a w×h image.
type renderer struct {
	method string
	name   string
	render func(ctx context.Context, svg []byte, w, h int) (image.Image, error)
}

// zoomBelow: when the ink of a first raster spans less than this share of
// the long side, the SVG is rendered again around the ink alone so the
// trimmed logo keeps its full resolution.
const zoomBelow = 0.8

// prepareSVG sanitises an SVG and rasterises it with rsvg-convert when
// available, else (or when that fails) with oksvg. A blank raster counts as
// a failure.
func prepareSVG(ctx context.Context, data []byte, opts Options) (roadmap.Logo, error) {
	doc, err := sanitizeSVGCapped(data, opts.MaxPixels)
	if err != nil {
		return roadmap.Logo{}, err
	}
	var rs []renderer
	if path := opts.rsvgPath(); path != "" {
		rs = append(rs, renderer{roadmap.LogoSVGRsvg, "rsvg-convert", func(ctx context.Context, svg []byte, w, h int) (image.Image, error) {
			return renderRsvg(ctx, path, svg, w, h, opts.MaxPixels)
		}})
	}
	rs = append(rs, renderer{roadmap.LogoSVGPure, "oksvg", renderOksvg})

	var fails []string
	for _, r := range rs {
		m, err := rasterise(ctx, doc, r, opts)
		if err != nil {
			fails = append(fails, r.name+": "+err.Error())
			continue
		}
		notes := fails
		if r.method == roadmap.LogoSVGPure {
			if n := doc.oksvgNote(); n != "" {
				notes = append(notes[:len(notes):len(notes)], n)
			}
		}
		lg, err := finishNRGBA(m, r.method, strings.Join(notes, "; "))
		if err != nil {
			fails = append(fails, r.name+": "+err.Error())
			continue
		}
		return lg, nil
	}
	if blank := blankNames(fails); blank != "" {
		return roadmap.Logo{}, fmt.Errorf("SVG rasterised blank (%s)", blank)
	}
	return roadmap.Logo{}, errors.New("SVG not rasterised: " + strings.Join(fails, "; "))
}

// blankNames returns "rsvg-convert, oksvg" when every failure in fails
// ("name: error") was a blank raster, else "".
func blankNames(fails []string) string {
	var names []string
	for _, f := range fails {
		name, ok := strings.CutSuffix(f, ": "+errBlank.Error())
		if !ok {
			return ""
		}
		names = append(names, name)
	}
	return strings.Join(names, ", ")
}

// rasterise renders doc with r into the logo box, zooming in on the ink
// when the drawing leaves wide margins. It returns errBlank for a blank
// raster.
func rasterise(ctx context.Context, doc *svgDoc, r renderer, opts Options) (*image.NRGBA, error) {
	long := opts.boxPixels()
	vb := doc.userBox()
	w, h := pixelBox(vb, long)
	m, err := renderTimed(ctx, r, doc.render(vb, w, h), w, h, opts)
	if err != nil {
		return nil, err
	}
	if isBlankNRGBA(m) {
		return nil, errBlank
	}
	ink, _ := inkBounds(m)
	if float64(max(ink.Dx(), ink.Dy())) >= zoomBelow*float64(long) {
		return m, nil
	}
	// The drawing is centred in the w×h box at scale s user units per pixel.
	s := max(vb.W/float64(w), vb.H/float64(h))
	ox := vb.X - (float64(w)*s-vb.W)/2
	oy := vb.Y - (float64(h)*s-vb.H)/2
	pad := padFor(ink)
	ink = ink.Inset(-pad)
	zvb := box{ox + float64(ink.Min.X)*s, oy + float64(ink.Min.Y)*s, float64(ink.Dx()) * s, float64(ink.Dy()) * s}
	zw, zh := pixelBox(zvb, long)
	z, err := renderTimed(ctx, r, doc.render(zvb, zw, zh), zw, zh, opts)
	if err != nil || isBlankNRGBA(z) {
		return m, nil // keep the first raster
	}
	return z, nil
}

// renderTimed runs one render under opts.Timeout and returns its NRGBA.
func renderTimed(ctx context.Context, r renderer, svg []byte, w, h int, opts Options) (*image.NRGBA, error) {
	ctx, cancel := context.WithTimeout(ctx, opts.Timeout)
	defer cancel()
	img, err := r.render(ctx, svg, w, h)
	if err != nil {
		return nil, err
	}
	return toNRGBA(img), nil
}
