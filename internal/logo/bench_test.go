package logo

import (
	"context"
	"testing"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// BenchmarkPrepareSVG rasterises a small SVG in pure Go at 300 dpi.
func BenchmarkPrepareSVG(b *testing.B) {
	data := fixture(b, "use_text.svg")
	for b.Loop() {
		if lg := Prepare(context.Background(), testProject, data, "", pureOpts); lg.Method != roadmap.LogoSVGPure {
			b.Fatal(lg.Method, lg.Note)
		}
	}
}

// BenchmarkPreparePNG validates, trims, downscales and re-encodes an
// 800×600 PNG.
func BenchmarkPreparePNG(b *testing.B) {
	data := encodePNG(b, drawing(800, 600, 40))
	for b.Loop() {
		if lg := Prepare(context.Background(), testProject, data, "", pureOpts); lg.Method != roadmap.LogoPNG {
			b.Fatal(lg.Method, lg.Note)
		}
	}
}

// BenchmarkMonogram draws one badge.
func BenchmarkMonogram(b *testing.B) {
	p := roadmap.Project{Slug: "numpy", Name: "NumPy", Colour: "#4D77CF"}
	for b.Loop() {
		Monogram(p, "bench")
	}
}
