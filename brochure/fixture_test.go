package brochure

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

var (
	fixtureGenerated = time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	fixtureCrawled   = time.Date(2026, 11, 25, 3, 0, 0, 0, time.UTC)
)

// testLogo draws a w×h PNG: a coloured disc (or a wide bar for wordmarks)
// on a transparent background.
func testLogo(t testing.TB, w, h int, c color.NRGBA) *roadmap.Logo {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	cx, cy := float64(w)/2, float64(h)/2
	rad := math.Min(cx, cy) * 0.9
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			dx, dy := float64(x)-cx, float64(y)-cy
			in := dx*dx+dy*dy < rad*rad
			if w > 2*h {
				in = math.Abs(dy) < rad && math.Abs(dx) < cx*0.95
			}
			if in {
				img.SetNRGBA(x, y, c)
			} else if math.Abs(dx) < rad/3 && math.Abs(dy) < rad/3 {
				img.SetNRGBA(x, y, color.NRGBA{255, 255, 255, 255})
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return &roadmap.Logo{Format: "png", Method: roadmap.LogoPNG, Width: w, Height: h, Data: buf.Bytes()}
}

func item(slug, title, summary, url string) roadmap.Item {
	return roadmap.Item{ID: roadmap.ItemID(slug, title), Project: slug, Title: title, Summary: summary, URL: url}
}

// fixtureProjects are five invented projects, their logos and items.
func fixtureProjects(t testing.TB) []Project {
	t.Helper()
	return []Project{
		{
			Project: roadmap.Project{Slug: "orrery", Name: "Orrery", Tagline: "Orbital mechanics and ephemerides for Python"},
			Logo:    testLogo(t, 240, 240, color.NRGBA{30, 90, 160, 255}),
			Updated: time.Date(2026, 1, 14, 0, 0, 0, 0, time.UTC),
			Items: []roadmap.Item{
				item("orrery", "GPU-accelerated propagation of large satellite catalogues",
					"Propagating tens of thousands of orbits is the slowest step for most users. The plan is to move the core integrators onto array-API kernels so the same code runs on CPUs and GPUs. Benchmarks on public catalogues will track the gain. A compatibility layer keeps the current interface working.",
					"https://orrery.example.org/roadmap/#gpu-propagation"),
				item("orrery", "Stable C API for embedding",
					"Flight software teams want to call Orrery from C and C++. A small, versioned C API with an ABI promise would make that possible without Python in the loop.",
					"https://github.com/orrery-dev/orrery/issues/1287"),
				item("orrery", "Documentation for newcomers",
					"Tutorials that start from a real mission, not from equations.",
					"https://orrery.example.org/roadmap/#docs"),
			},
		},
		{
			Project: roadmap.Project{Slug: "quillfeather", Name: "Quillfeather", Tagline: "Columnar file formats for scientific data"},
			Logo:    testLogo(t, 480, 120, color.NRGBA{180, 70, 40, 255}),
			Updated: time.Date(2025, 9, 2, 0, 0, 0, 0, time.UTC),
			Items: []roadmap.Item{
				item("quillfeather", "Zero-copy interchange with Arrow",
					"Reading a Quillfeather file today copies every column twice. Memory-mapping columns straight into Arrow buffers removes both copies and halves peak memory for the largest files our users open.",
					"https://quillfeather.example.org/development/roadmap.html#zero-copy"),
				item("quillfeather", "Cloud object stores as first-class backends",
					"S3, GCS and Azure access currently goes through a generic file layer, so every read is a full download. Range requests and a chunk cache would let analyses touch only the bytes they need, which matters for multi-terabyte archives.",
					"https://quillfeather.example.org/development/roadmap.html#cloud"),
			},
		},
		{
			Project: roadmap.Project{Slug: "tessellate", Name: "Tessellate", Tagline: "Unstructured meshes and finite elements", Colour: "#5b7c3a"},
			Logo:    nil,
			Updated: time.Date(2026, 10, 20, 0, 0, 0, 0, time.UTC),
			Items: []roadmap.Item{
				item("tessellate", "Parallel mesh partitioning",
					"Meshes above a hundred million cells no longer fit one node. Distributed partitioning with halo exchange is the most requested feature in the tracker.",
					"https://github.com/tessellate/tessellate/issues/412"),
				item("tessellate", "Type annotations across the public API",
					"Complete annotations help editors and catch errors early; about a third of the API is done.",
					"https://tessellate.example.org/roadmap#typing"),
				item("tessellate", "Adaptive refinement driven by error estimators",
					"Refine where the error is large and coarsen elsewhere, automatically, with estimators users can plug in.",
					"https://tessellate.example.org/roadmap#adaptivity"),
			},
		},
		{
			Project: roadmap.Project{Slug: "lumen-stats", Name: "Lumen Stats", Tagline: "Bayesian workflows that scale"},
			Logo:    testLogo(t, 200, 260, color.NRGBA{110, 60, 140, 255}),
			Items: []roadmap.Item{
				item("lumen-stats", "Faster sampling for hierarchical models",
					"Non-centred reparameterisation chosen automatically, and better step-size adaptation, would cut sampling time for the hierarchical models that dominate applied work.",
					"https://lumen.example.org/roadmap"),
				item("lumen-stats", "Model comparison reports",
					"One call that produces a readable report comparing models with cross-validation, including warnings when the estimates are unreliable.",
					"https://github.com/lumen-stats/lumen/issues/77"),
			},
		},
		{
			Project: roadmap.Project{Slug: "driftwood", Name: "Driftwood", Tagline: "Ocean and climate model output, analysed lazily"},
			Logo:    testLogo(t, 256, 256, color.NRGBA{20, 120, 120, 255}),
			Updated: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC),
			Items: []roadmap.Item{
				item("driftwood", "Regridding without leaving the array",
					"Conservative and bilinear regridding as array operations, so pipelines stay lazy from the model output to the plot.",
					"https://driftwood.example.org/roadmap/#regridding"),
				item("driftwood", "Units that survive every operation",
					"Physical units are dropped by many reductions today. Carrying them through would prevent a whole class of silent mistakes in published results.",
					"https://driftwood.example.org/roadmap/#units"),
				item("driftwood", "A plugin interface for file formats",
					"Let format authors ship readers as separate packages that register themselves.",
					"https://github.com/driftwood-ocean/driftwood/issues/2051"),
			},
		},
	}
}

// fixtureInput is the brochure the golden and geometry tests render.
func fixtureInput(t testing.TB, layout, size string) Input {
	t.Helper()
	projects := fixtureProjects(t)
	cp, err := LoadCopy("", CopyData{Client: roadmap.Client{Name: "ACME Corp"}, Projects: projects, Date: fixtureGenerated})
	if err != nil {
		t.Fatal(err)
	}
	return Input{
		Client:    roadmap.Client{Name: "ACME Corp", Layout: layout, PageSize: size},
		Projects:  projects,
		Copy:      cp,
		Generated: fixtureGenerated,
		CrawledAt: fixtureCrawled,
	}
}
