package rank

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/config"
	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// labelledPicks are, per kind of client, roadmap items of the corpus a
// salesperson would put in front of that client (yes) and ones they would
// not (no), labelled by hand by reading each item as that client.
var labelledPicks = map[string]struct{ yes, no []string }{
	"gpu-vendor": {
		yes: []string{"zarr/device-agnostic-io", "scipy/support-for-distributed-arrays-and-gpu-arrays", "numpy/interoperability",
			"astropy/hardware-and-performance", "bokeh/use-webgl-consistently", "numpy/performance", "scipy/performance-improvements",
			"pandas/numba-accelerated-operations", "zarr/foundation-swappable-backends", "sympy/code-generation"},
		no: []string{"numpy/documentation-and-website", "astropy/community-building-and-sustainability", "networkx/installation",
			"numpy/type-annotations", "bokeh/improve-accessibility", "astropy/fund-raising", "pandas/documentation-improvements",
			"networkx/sustainability", "numpy/binary-size-reduction", "pandas/string-data-type", "geopandas/static-plotting-improvements",
			"astropy/governance-management-and-personnel", "networkx/benchmarks"},
	},
	"acme": { // cloud provider
		yes: []string{"numpy/interoperability", "scipy/support-for-distributed-arrays-and-gpu-arrays", "zarr/device-agnostic-io",
			"astropy/hardware-and-performance", "zarr/foundation-swappable-backends", "scikit-learn/a-way-forward-for-more-out-of-core",
			"zarr/lazy-indexing", "zarr/coordinated-and-distributed-writes", "numpy/support-for-free-threaded-cpython",
			"scipy/performance-improvements", "numpy/performance", "xarray/flexible-arrays"},
		no: []string{"numpy/documentation-and-website", "numpy/type-annotations", "numpy/security", "pandas/string-data-type",
			"geopandas/prepared-geometries", "networkx/benchmarks", "pandas/performance-monitoring", "numpy/maintenance",
			"xarray/engaging-more-users", "bokeh/improve-handling-of-gridded-data", "napari/strategic-deliverables-user-experience"},
	},
	"northgate-bank": {
		yes: []string{"numpy/security", "scikit-learn/backwards-compatible-de-serialization-of-some-estimators",
			"scikit-learn/documentation-and-tooling-for-model-lifecycle-management", "scikit-learn/improved-handling-of-missing-data",
			"pandas/string-data-type", "numpy/platform-support", "pandas/decoupling-of-indexing-and-internals",
			"numpy/numpy-2-0-stabilization-downstream-usage", "numpy/performance", "pandas/performance-monitoring"},
		no: []string{"napari/strategic-deliverables-user-experience", "networkx/visualization", "sympy/performance",
			"astropy/infrastructure-documentation", "geopandas/prepared-geometries", "bokeh/improve-handling-of-gridded-data",
			"holoviz/ongoing-maintenance-improved-documentation-and-examples", "xarray/flexible-arrays", "networkx/interoperability",
			"scikit-learn/better-interfaces-for-interactive-development", "numpy/create-a-header-only-package-for-numpy"},
	},
	"asclepia-pharma": {
		yes: []string{"napari/strategic-deliverables-user-experience", "scikit-learn/improved-handling-of-missing-data",
			"scikit-learn/improved-tools-for-model-diagnostics-and-basic-inference", "scikit-learn/documentation-and-tooling-for-model-lifecycle-management",
			"holoviz/new-and-improved-workflow-examples-in-biomedical-and-earth-sciences-especially-u",
			"holoviz/integrating-3d-surface-and-volume-rendering-into-holoviz", "holoviz/support-for-managing-annotations",
			"scikit-learn/improved-handling-of-categorical-features", "zarr/data-types"},
		no: []string{"bokeh/timezone-support", "geopandas/static-plotting-improvements", "bokeh/improve-support-of-open-geospatial-data-formats",
			"sympy/sympy-live-and-sympy-gamma", "networkx/benchmarks", "bokeh/smooth-animations-and-transitions", "numpy/platform-support",
			"scipy/support-for-more-hardware-platforms", "numpy/support-use-of-cpython-s-limited-c-api", "geopandas/prepared-geometries",
			"sympy/algorithmic-improvements", "networkx/linear-algebra"},
	},
	"verdant-climate": {
		yes: []string{"zarr/foundation-swappable-backends", "zarr/the-zarr-stack", "xarray/flexible-data-structures", "zarr/lazy-indexing",
			"xarray/flexible-arrays", "zarr/coordinated-and-distributed-writes", "xarray/flexible-indexes", "geopandas/s2-geometry-engine",
			"bokeh/improve-support-of-open-geospatial-data-formats", "bokeh/improve-handling-of-gridded-data", "scikit-learn/a-way-forward-for-more-out-of-core",
			"geopandas/prepared-geometries", "xarray/engaging-more-users"},
		no: []string{"bokeh/timezone-support", "sympy/sympy-live-and-sympy-gamma", "sympy/algorithmic-improvements",
			"scikit-learn/improved-handling-of-categorical-features", "holoviz/new-and-improved-workflow-examples-in-biomedical-and-earth-sciences-especially-u",
			"numpy/support-use-of-cpython-s-limited-c-api", "numpy/maintenance", "networkx/visualization", "networkx/benchmarks",
			"scikit-learn/make-it-easier-for-external-users-to-write-scikit-learn-compatible-components", "pandas/decoupling-of-indexing-and-internals"},
	},
}

// labelledClients are the profiles the picks were labelled for: the
// shipped examples plus a GPU vendor.
func labelledClients(t *testing.T) map[string]*roadmap.Client {
	def, err := config.Default()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*roadmap.Client{"gpu-vendor": {Name: "GPU vendor", Themes: map[string]float64{"gpu": 3, "performance": 2},
		Interests: []string{"CUDA", "GPU", "accelerator", "array API", "kernels"}, ItemsPerProject: 3}}
	for name := range labelledPicks {
		if name == "gpu-vendor" {
			continue
		}
		c, err := config.LoadClient(filepath.Join("..", "..", "config", "clients", name+".toml"), def.Slugs(), nil)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = &c
	}
	return out
}

// TestMinScoreOnLabelledPicks ranks the real corpus for five kinds of
// client and measures, for absolute and relative cut-offs, how many of the
// hand-labelled picks survive and how many rejects are dropped. It logs
// the sweep (go test -run LabelledPicks -v) and checks that the defaults
// (config.DefaultMinScore, config.DefaultRelativeMinScore) keep at least 80% of the picks
// and drop at least 60% of the rejects over all five clients.
func TestMinScoreOnLabelledPicks(t *testing.T) {
	all, updated := corpusItems(t)
	clients := labelledClients(t)
	now := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	type row struct {
		score, best float64
		yes         bool
	}
	var rows []row
	names := make([]string, 0, len(labelledPicks))
	for n := range labelledPicks {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, name := range names {
		scored := Rank(Input{Items: all, Themes: loadThemes(t), Client: clients[name], Updated: updated, Now: now})
		byID := map[string]float64{}
		for _, s := range scored {
			byID[s.Item.ID] = s.Score
		}
		best := BestScore(scored)
		for _, list := range []struct {
			ids []string
			yes bool
		}{{labelledPicks[name].yes, true}, {labelledPicks[name].no, false}} {
			for _, id := range list.ids {
				sc, ok := byID[id]
				if !ok {
					t.Fatalf("%s: labelled item %s not in the corpus ranking", name, id)
				}
				rows = append(rows, row{sc, best, list.yes})
			}
		}
	}
	rate := func(keep func(r row) bool) (kept, dropped float64) {
		var yes, no, ky, dn int
		for _, r := range rows {
			if r.yes {
				yes++
				if keep(r) {
					ky++
				}
			} else {
				no++
				if !keep(r) {
					dn++
				}
			}
		}
		return float64(ky) / float64(yes), float64(dn) / float64(no)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d labelled items over %d clients\ncut-off                        picks kept  rejects dropped\n", len(rows), len(names))
	for _, abs := range []float64{0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4} {
		k, d := rate(func(r row) bool { return r.score >= abs })
		fmt.Fprintf(&b, "score ≥ %.2f                   %5.0f%%      %5.0f%%\n", abs, 100*k, 100*d)
	}
	for _, rel := range []float64{0.3, 0.4, 0.5, 0.55, 0.6, 0.7} {
		k, d := rate(func(r row) bool { return r.score >= max(config.DefaultMinScore, rel*r.best) })
		fmt.Fprintf(&b, "score ≥ max(%.2f, %.2f × best)  %5.0f%%      %5.0f%%\n", config.DefaultMinScore, rel, 100*k, 100*d)
	}
	for _, floor := range []float64{0.25, 0.3} {
		for _, rel := range []float64{0.45, 0.5} {
			k, d := rate(func(r row) bool { return r.score >= max(floor, rel*r.best) })
			fmt.Fprintf(&b, "score ≥ max(%.2f, %.2f × best)  %5.0f%%      %5.0f%%\n", floor, rel, 100*k, 100*d)
		}
	}
	t.Log(b.String())
	k, d := rate(func(r row) bool { return r.score >= max(config.DefaultMinScore, config.DefaultRelativeMinScore*r.best) })
	if k < 0.9 || d < 0.7 {
		t.Errorf("defaults keep %.0f%% of the picks and drop %.0f%% of the rejects; want ≥ 90%% and ≥ 70%%", 100*k, 100*d)
	}
}
