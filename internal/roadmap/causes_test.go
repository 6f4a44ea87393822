package roadmap

import (
	"reflect"
	"testing"
)

func TestGroupCauses(t *testing.T) {
	got := GroupCauses([]Cause{
		{"numpy", "https://numpy.org/neps/roadmap.html: HTTP 404 Not Found"},
		{"scipy", "https://a.example/x: could not resolve host a.example"},
		{"pandas", "github skipped: rate limited until 14:05 (UTC)"},
		{"xarray", "github skipped: rate limited until 14:05 (UTC)"},
		{"dask", "https://b.example/y: HTTP 503 Service Unavailable"},
		{"zarr", "https://c.example/z: HTTP 503 Service Unavailable"},
		{"zarr", "https://c.example/w: HTTP 503 Service Unavailable"},
		{"napari", "github skipped: rate limited until 14:05 (UTC)"},
	})
	want := []CauseGroup{
		{"github skipped: rate limited until 14:05 (UTC)", []string{"pandas", "xarray", "napari"}},
		{"HTTP 503 Service Unavailable", []string{"dask", "zarr"}},
		{"https://numpy.org/neps/roadmap.html: HTTP 404 Not Found", []string{"numpy"}},
		{"https://a.example/x: could not resolve host a.example", []string{"scipy"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("GroupCauses =\n%q\nwant\n%q", got, want)
	}
}
