package logo

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

var (
	smallPNG = "data:image/png;base64," + base64.StdEncoding.EncodeToString(pngHeaderOnly(4, 4))
	hugePNG  = "data:image/png;base64," + base64.StdEncoding.EncodeToString(pngHeaderOnly(50000, 50000))
)

const svgHead = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">`

// fanOut nests n levels of <g> each using the previous one k times: k^n
// elements once expanded.
func fanOut(n, k int) string {
	var b strings.Builder
	b.WriteString(svgHead + `<defs><rect id="l0" width="1" height="1"/>`)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, `<g id="l%d">`, i)
		for range k {
			fmt.Fprintf(&b, `<use href="#l%d"/>`, i-1)
		}
		b.WriteString(`</g>`)
	}
	fmt.Fprintf(&b, `</defs><use href="#l%d"/><rect width="5" height="5" fill="red"/></svg>`, n)
	return b.String()
}

func TestSanitizeBoundsUse(t *testing.T) {
	tests := []struct {
		name, svg string
		err       string // "" when the document is kept
		dropped   int    // <use> elements removed as cycles
	}{
		{name: "self reference", svg: svgHead + `<defs><g id="a"><rect width="1" height="1"/><use href="#a"/></g></defs><use href="#a"/></svg>`, dropped: 1},
		{name: "use of itself", svg: svgHead + `<use id="u" href="#u"/><rect width="2" height="2"/></svg>`, dropped: 1},
		{name: "two-step cycle", svg: svgHead + `<defs><g id="a"><use xlink:href="#b"/></g><g id="b"><use xlink:href="#a"/></g></defs><use href="#a"/><rect width="2" height="2"/></svg>`, dropped: 2},
		// oksvg's definitions run from one id to the next: here "a" holds
		// the <use> of "b" and "b" the <use> of "a".
		{name: "oksvg definition cycle", svg: svgHead + `<defs><rect id="a" width="1" height="1"/><use href="#b"/><rect id="b" width="1" height="1"/><use href="#a"/></defs><use href="#a"/></svg>`, dropped: 2},
		{name: "exponential fan-out", svg: fanOut(9, 8), err: "expands to over"},
		{name: "deep chain", svg: chain(40), err: "nest over"},
		{name: "modest fan-out", svg: fanOut(5, 2)},
		{name: "plain reuse", svg: svgHead + `<defs><rect id="r" width="1" height="1"/></defs><use href="#r"/><use href="#r" x="3"/><use href="#missing"/></svg>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := sanitizeSVG([]byte(tt.svg))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			out := string(doc.render(doc.userBox(), 10, 10))
			got := strings.Count(tt.svg, "<use") - strings.Count(out, "<use")
			if got != tt.dropped {
				t.Errorf("dropped %d <use>, want %d:\n%s", got, tt.dropped, out)
			}
			if tt.dropped > 0 && !strings.Contains(strings.Join(doc.removed, " "), "cycle") {
				t.Errorf("removed = %v, want a note on the cycle", doc.removed)
			}
			again, err := sanitizeSVG([]byte(out))
			if err != nil || len(again.removed) > 0 {
				t.Errorf("sanitised output not clean: %v %v", err, again.removed)
			}
		})
	}
}

// chain is a linear chain of n references.
func chain(n int) string {
	var b strings.Builder
	b.WriteString(svgHead + `<defs><rect id="c0" width="1" height="1"/>`)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, `<g id="c%d"><use href="#c%d"/></g>`, i, i-1)
	}
	fmt.Fprintf(&b, `</defs><use href="#c%d"/></svg>`, n)
	return b.String()
}

// TestPrepareHostileUse: the documents that crashed a crawl (stack
// overflow or out of memory in the renderer) give a logo or a monogram
// with a note, with and without rsvg-convert, in bounded time.
func TestPrepareHostileUse(t *testing.T) {
	docs := map[string]string{
		"self reference": svgHead + `<defs><g id="a"><rect width="8" height="8" fill="#036"/><circle cx="4" cy="4" r="2" fill="#fc0"/><use href="#a"/></g></defs><use href="#a"/></svg>`,
		"fan-out":        fanOut(12, 4),
	}
	rsvgs := []string{"-"}
	if p, err := exec.LookPath("rsvg-convert"); err == nil && !testing.Short() {
		rsvgs = append(rsvgs, p)
	}
	for name, svg := range docs {
		for _, rsvg := range rsvgs {
			start := time.Now()
			lg := Prepare(context.Background(), testProject, []byte(svg), "image/svg+xml", Options{Rsvg: rsvg, Timeout: 5 * time.Second})
			if len(lg.Data) == 0 {
				t.Errorf("%s (rsvg %s): no image", name, rsvg)
			}
			if name == "self reference" && lg.Method == roadmap.LogoMonogram {
				t.Errorf("%s (rsvg %s): monogram %q, want the drawing without its cycle", name, rsvg, lg.Note)
			}
			if name == "fan-out" && (lg.Method != roadmap.LogoMonogram || !strings.Contains(lg.Note, "too complex")) {
				t.Errorf("%s (rsvg %s): %s %q, want a monogram saying too complex", name, rsvg, lg.Method, lg.Note)
			}
			t.Logf("%s (rsvg %s): %s %q in %v", name, rsvg, lg.Method, lg.Note, time.Since(start))
		}
	}
}

func TestSanitizeDropsHugeEmbeddedRaster(t *testing.T) {
	in := svgHead + `<rect width="10" height="10" fill="#036"/><image width="10" height="10" href="` + hugePNG + `"/>` +
		`<image width="10" height="10" xlink:href="` + smallPNG + `"/></svg>`
	doc, err := sanitizeSVGCapped([]byte(in), DefaultMaxPixels)
	if err != nil {
		t.Fatal(err)
	}
	out := string(doc.render(doc.userBox(), 10, 10))
	if strings.Contains(out, hugePNG) || !strings.Contains(out, smallPNG) {
		t.Errorf("want the 50000x50000 raster dropped and the small one kept:\n%.300s", out)
	}
	if !strings.Contains(strings.Join(doc.removed, " "), "50000x50000") {
		t.Errorf("removed = %v", doc.removed)
	}
}

// TestRsvgMemoryLimit: rsvg-convert runs under an address-space limit; a
// limit too small for it to start makes the render fail (and Prepare fall
// back) instead of being ignored.
func TestRsvgMemoryLimit(t *testing.T) {
	path, err := exec.LookPath("rsvg-convert")
	if err != nil {
		t.Skip("rsvg-convert not installed")
	}
	svg := []byte(svgHead + `<rect width="10" height="10" fill="#036"/></svg>`)
	if _, err := renderRsvg(context.Background(), path, svg, 50, 50, DefaultMaxPixels); err != nil {
		t.Fatalf("with the default limit: %v", err)
	}
	old := rsvgMemoryLimit
	rsvgMemoryLimit = 4 << 20
	defer func() { rsvgMemoryLimit = old }()
	if _, err := renderRsvg(context.Background(), path, svg, 50, 50, DefaultMaxPixels); err == nil {
		t.Error("rendered under a 4 MiB address-space limit: the limit is not applied")
	}
}

// TestOksvgSlotsBound: renders abandoned after a timeout keep their slot,
// so a stuck document cannot pile up goroutines; the next render waits for
// a slot only as long as its own deadline.
func TestOksvgSlotsBound(t *testing.T) {
	for range cap(oksvgSlots) {
		oksvgSlots <- struct{}{}
	}
	defer func() {
		for range cap(oksvgSlots) {
			<-oksvgSlots
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := renderOksvg(ctx, []byte(svgHead+`</svg>`), 10, 10)
	if err == nil || !strings.Contains(err.Error(), "waiting for a renderer") {
		t.Errorf("err = %v", err)
	}
}

// TestOksvgStops: a render told to stop (its deadline passed) ends at its
// next segments instead of running on in the background.
func TestOksvgStops(t *testing.T) {
	svg := []byte(svgHead + `<path d="M0 0L10 10L0 10Z" stroke="#000" stroke-width="0.1" stroke-dasharray="0.001 0.001"/></svg>`)
	stop := new(atomic.Bool)
	if _, err := drawOksvg(svg, 100, 100, stop); err != nil {
		t.Fatalf("unstopped: %v", err)
	}
	stop.Store(true)
	defer func() {
		p := recover()
		if e, ok := p.(error); !ok || !errors.Is(e, errDrawStopped) {
			t.Errorf("stopped render: recovered %v, want errDrawStopped", p)
		}
	}()
	drawOksvg(svg, 100, 100, stop)
}
