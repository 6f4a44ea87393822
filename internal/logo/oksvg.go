package logo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"sync/atomic"

	"github.com/srwiley/oksvg"
	"github.com/srwiley/rasterx"
	"golang.org/x/image/math/fixed"
)

// oksvgSlots bounds the pure-Go renders alive at once, including those
// abandoned after a timeout: a document that oksvg cannot finish in time
// can tie up at most this many goroutines, never an unbounded number.
var oksvgSlots = make(chan struct{}, 2)

// renderOksvg rasterises svg in pure Go with oksvg and rasterx. A panic in
// those libraries becomes an error. They cannot be interrupted, so when ctx
// ends first the render is abandoned to finish in the background, still
// holding its slot of oksvgSlots; when no slot frees up before ctx ends the
// render fails without starting. The sanitiser's caps (elements, depth,
// <use> expansion) bound the work of every render that does start.
func renderOksvg(ctx context.Context, svg []byte, w, h int) (image.Image, error) {
	type result struct {
		img image.Image
		err error
	}
	select {
	case oksvgSlots <- struct{}{}:
	case <-ctx.Done():
		return nil, errors.New("timed out waiting for a renderer (an earlier render is still running)")
	}
	done := make(chan result, 1)
	stop := new(atomic.Bool)
	go func() {
		var r result
		defer func() { <-oksvgSlots }()
		defer func() {
			if p := recover(); p != nil {
				if e, ok := p.(error); ok && errors.Is(e, errDrawStopped) {
					r = result{err: e}
				} else {
					r = result{err: fmt.Errorf("panic: %v", p)}
				}
			}
			done <- r
		}()
		r.img, r.err = drawOksvg(svg, w, h, stop)
	}()
	select {
	case r := <-done:
		return r.img, r.err
	case <-ctx.Done():
		stop.Store(true) // the drawing ends at its next segment
		return nil, errors.New("timed out")
	}
}

// maxOksvgSegments bounds the line segments one pure-Go render may draw
// (after dashing and curve flattening): a few seconds of work at most.
const maxOksvgSegments = 20_000_000

// errDrawStopped ends a render that timed out or drew too much.
var errDrawStopped = errors.New("drawing stopped")

// guardedScanner counts the segments it is given and stops the render
// (by a panic that renderOksvg recovers) when the budget is spent or stop
// is set, so an abandoned render does not run on in the background.
type guardedScanner struct {
	rasterx.Scanner
	stop *atomic.Bool
	left int
}

func (g *guardedScanner) tick() {
	g.left--
	if g.left < 0 {
		panic(fmt.Errorf("%w: over %d segments", errDrawStopped, maxOksvgSegments))
	}
	if g.stop.Load() {
		panic(fmt.Errorf("%w: timed out", errDrawStopped))
	}
}

func (g *guardedScanner) Start(a fixed.Point26_6) { g.tick(); g.Scanner.Start(a) }
func (g *guardedScanner) Line(b fixed.Point26_6)  { g.tick(); g.Scanner.Line(b) }

func drawOksvg(svg []byte, w, h int, stop *atomic.Bool) (image.Image, error) {
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
	scanner := &guardedScanner{Scanner: rasterx.NewScannerGV(w, h, img, img.Bounds()), stop: stop, left: maxOksvgSegments}
	icon.Draw(rasterx.NewDasher(w, h, scanner), 1)
	return img, nil
}
