package plaintext

import "testing"

// summaryCases are real titles and summaries as the crawler stored them
// from the corpus (scikit-learn, pandas, xarray, napari, holoviz, zarr,
// numpy, astropy, networkx) and from GitHub issues, with what a reader
// should see.
var summaryCases = []struct{ name, in, text, want string }{
	{"bare issue-number lists",
		"Making sure meta-estimators are lenient towards missing data, 15319; Non-trivial imputers 11977, 12852; Learners directly handling missing data 13911; An amputation sample generator to make parts of a dataset go missing 6284",
		"",
		"Making sure meta-estimators are lenient towards missing data; Non-trivial imputers; Learners directly handling missing data; An amputation sample generator to make parts of a dataset go missing."},
	{"named issue and spaced comma",
		"document current handling; column reordering issue 7242; getting DataFrames from dataset loaders 10733 , 13902; Sparse currently not considered 12800",
		"",
		"document current handling; column reordering; getting DataFrames from dataset loaders; Sparse currently not considered."},
	{"glued '.;' and numbers after a full stop",
		"Tree-based models should be able to handle both continuous and categorical features 12866 and 15550 .; In dataset loaders 13902",
		"",
		"Tree-based models should be able to handle both continuous and categorical features. In dataset loaders."},
	{"numbers after the last sentence",
		"Estimator “freezing”. In particular, right now it’s impossible to clone a CalibratedClassifierCV with prefit. 8370. 6451",
		"",
		"Estimator “freezing”. In particular, right now it’s impossible to clone a CalibratedClassifierCV with prefit."},
	{"hash reference",
		"Improve application GUI.; Add and improve tools for 3D annotation (core library and application work). #5955; Add parity support for all API functions in GUI.",
		"",
		"Improve application GUI. Add and improve tools for 3D annotation (core library and application work). Add parity support for all API functions in GUI."},
	{"hash reference after a preposition",
		"The IndexTransform algebra that lazy indexing is built on is in review at #3906.",
		"",
		"The IndexTransform algebra that lazy indexing is built on is in review."},
	{"see-parenthesis and gh- reference",
		"What we want is sparse arrays that act like numpy.ndarray (See discussion at gh-18915). Sparse arrays support all features of sparse matrices as of 1.15.",
		"",
		"What we want is sparse arrays that act like numpy.ndarray. Sparse arrays support all features of sparse matrices as of 1.15."},
	{"numbers that are quantities stay",
		"CPython 3.13 will be the first release to offer a free-threaded build. Since its first commit in 2018, napari has grown; as of May 2024 we’re at >200 million downloads/month from PyPI alone.",
		"",
		"CPython 3.13 will be the first release to offer a free-threaded build. Since its first commit in 2018, napari has grown; as of May 2024 we’re at >200 million downloads/month from PyPI alone."},
	{"raw URL and a dangling pointer",
		"Toward that goal we want a benchmarking system using something like airspeed velocity (https://asv.readthedocs.io/en/stable/). See a fairly extensive version of this in benchmarks/benchmarks.",
		"",
		"Toward that goal we want a benchmarking system using something like airspeed velocity."},
	{"dangling references",
		"Work on flexible grids and indexes is currently underway. See GH Project #1 for more detail. Xarray keeps track of indexes in special objects.",
		"",
		"Work on flexible grids and indexes is currently underway. Xarray keeps track of indexes in special objects."},
	{"see this notebook",
		"Improve automatic generation of tiles for exploring large datasets. See this notebook for incomplete work on tiling.",
		"",
		"Improve automatic generation of tiles for exploring large datasets."},
	{"stray markup spaces",
		"Currently, pandas stores text data in an object -dtype NumPy array. Feature names should ideally be available to fit for, e.g. . 6425 6424",
		"",
		"Currently, pandas stores text data in an object-dtype NumPy array. Feature names should ideally be available to fit for."},
	{"emoji shortcode",
		"Status :green_circle: effort is underway, and the rest :red_square: is not.",
		"",
		"Status effort is underway, and the rest is not."},
	{"introduction ending the summary takes its list",
		"We'd like to improve the content, structure, and presentation of the pandas documentation. Some specific goals include",
		"We'd like to improve the content, structure, and presentation of the pandas documentation. Some specific goals include\n\nOverhaul the HTML theme with a modern, responsive design (15556)\n\nImprove the overall organization of the documentation.\n\nA much longer entry that goes on and on about learning paths for users of different backgrounds, new to programming, familiar with R, or with Python already, and more.",
		"We'd like to improve the content, structure, and presentation of the pandas documentation. Some specific goals include: overhaul the HTML theme with a modern, responsive design and improve the overall organization of the documentation."},
	{"such as runs on into the list",
		"Add more plot types, such as:",
		"Add more plot types, such as:\n\nParallel coordinates and radar charts\n\nTreemaps\n\nDendrograms and cladograms\n\nRadial trees",
		"Add more plot types, such as parallel coordinates and radar charts, treemaps and dendrograms and cladograms."},
	{"introduction with a colon, list of sentences",
		"This section lists high-priority items for documentation and day-to-day sustaining work:",
		"This section lists high-priority items for documentation and day-to-day sustaining work:\n\nCreate an ImageJ/Fiji migration guide for napari. #134\n\nIncrease documentation coverage of all GUI and API features. #180",
		"This section lists high-priority items for documentation and day-to-day sustaining work: create an ImageJ/Fiji migration guide for napari and increase documentation coverage of all GUI and API features."},
	{"introduction without its list is dropped",
		"Different applications need different levels of Zarr support. We think of this as a \"Zarr stack\", from most abstract to most concrete:",
		"",
		"Different applications need different levels of Zarr support."},
	{"an introduction alone leaves nothing",
		"Common risks associated with roadmaps are:",
		"",
		""},
	{"an extractor's cut goes back to a sentence end",
		"numpy.ma is still in poor shape and under-maintained. It needs to be improved, and the ideas are many and varied. Deprecate np.matrix (very slowly) - this is feasible once…",
		"",
		"numpy.ma is still in poor shape and under-maintained. It needs to be improved, and the ideas are many and varied."},
	{"a fragment gets its full stop", "Accept data which complies with __array_function__", "", "Accept data which complies with __array_function__."},
	{"abbreviations are not sentence ends",
		"Accept distributed arrays (e.g., dask.array.Array) and GPU arrays (e.g. cupy.ndarray).",
		"",
		"Accept distributed arrays (e.g., dask.array.Array) and GPU arrays (e.g. cupy.ndarray)."},
}

func TestSummary(t *testing.T) {
	for _, c := range summaryCases {
		if got := Summary(c.in, c.text); got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}

func TestTitle(t *testing.T) {
	cases := map[string]string{
		"Roadmap: Support for free-threaded CPython":         "Support for free-threaded CPython",
		"Roadmap item: faster CSV reader":                    "Faster CSV reader",
		"[Roadmap] GPU support for sparse arrays":            "GPU support for sparse arrays",
		"ROADMAP - rewrite the optimiser":                    "ROADMAP - rewrite the optimiser",
		"Tracking issue: array API support":                  "Array API support",
		"Green 🟢":                                            "Green",
		"Status :green_circle: of the work":                  "Status of the work",
		"Statement of purpose: Scikit-learn in 2018":         "Statement of purpose: Scikit-learn in 2018",
		"Store text in an object -dtype array":               "Store text in an object-dtype array",
		"Add 3D annotation tools #5955":                      "Add 3D annotation tools",
		"NumPy 2.0 stabilization & downstream usage":         "NumPy 2.0 stabilization & downstream usage",
		"Roadmap: Roadmap item: double label":                "Double label",
		"numpy.ma: masked arrays as duck arrays":             "numpy.ma: masked arrays as duck arrays",
		"Improve handling of missing data, 15319":            "Improve handling of missing data",
		"Support for Python 3.14 and NEP 50 promotion rules": "Support for Python 3.14 and NEP 50 promotion rules",
	}
	for in, want := range cases {
		if got := Title(in); got != want {
			t.Errorf("Title(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzSummary(f *testing.F) {
	f.Add("a 12 .; b #3 :smile: (see gh-1) https://x.y", "a\n\nb")
	f.Fuzz(func(t *testing.T, s, text string) {
		out := Summary(s, text)
		if OneLine(out) != out {
			t.Fatalf("Summary(%q) not one clean line: %q", s, out)
		}
		if len(out) > 2*len(s)+len(text)+8 {
			t.Fatalf("Summary(%q) grew to %d bytes", s, len(out))
		}
	})
}

// TestSummaryNeedsText: a summary that does not need the item's text is
// the same without it, and some of the cases do need it.
func TestSummaryNeedsText(t *testing.T) {
	needed := 0
	for _, c := range summaryCases {
		if SummaryNeedsText(c.in) {
			needed++
			continue
		}
		if got, want := Summary(c.in, ""), Summary(c.in, c.text); got != want {
			t.Errorf("%s: said not to need the text, but reads %q without it and %q with it", c.name, got, want)
		}
	}
	if needed == 0 {
		t.Error("no case needs the text")
	}
}
