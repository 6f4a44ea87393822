package logo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"

	"github.com/srwiley/oksvg"
	"github.com/srwiley/rasterx"
)

// renderOksvg rasterises svg in pure Go with oksvg and rasterx. A panic in
// those libraries becomes an error. They cannot be interrupted, so when ctx
// ends first the render is abandoned to finish in the background.
func renderOksvg(ctx context.Context, svg []byte, w, h int) (image.Image, error) {
	type result struct {
		img image.Image
		err error
	}
	done := make(chan result, 1)
	go func() {
		var r result
		defer func() {
			if p := recover(); p != nil {
				r = result{err: fmt.Errorf("panic: %v", p)}
			}
			done <- r
		}()
		r.img, r.err = drawOksvg(svg, w, h)
	}()
	select {
	case r := <-done:
		return r.img, r.err
	case <-ctx.Done():
		return nil, errors.New("timed out")
	}
}

func drawOksvg(svg []byte, w, h int) (image.Image, error) {
	icon, err := oksvg.ReadIconStream(bytes.NewReader(svg), oksvg.IgnoreErrorMode)
	if err != nil {
		return nil, err
	}
	vb := icon.ViewBox
	if !(vb.W > 0 && vb.H > 0) {
		return nil, errors.New("no usable viewBox")
	}
	// Fit the viewBox into w×h keeping its aspect ratio, centred.
	s := min(float64(w)/vb.W, float64(h)/vb.H)
	dw, dh := vb.W*s, vb.H*s
	// Not icon.SetTarget: it ignores a viewBox origin when scaling.
	icon.Transform = rasterx.Identity.Translate((float64(w)-dw)/2, (float64(h)-dh)/2).Scale(s, s).Translate(-vb.X, -vb.Y)
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	scanner := rasterx.NewScannerGV(w, h, img, img.Bounds())
	icon.Draw(rasterx.NewDasher(w, h, scanner), 1)
	return img, nil
}
