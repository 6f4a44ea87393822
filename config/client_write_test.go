package config

import (
	"errors"
	"reflect"
	"testing"
)

func TestMarshalClientRoundTrip(t *testing.T) {
	min := 0.0
	f := ClientFile{
		Name:           `Acme "Compute" Cloud`,
		Contact:        []string{"Jane Doe, jane@lab.example", "tab\there"},
		Projects:       []string{"numpy"},
		Interests:      []string{"GPU", `back\slash`},
		PreferProjects: []string{"numpy"},
		ExcludeThemes:  []string{"community"},
		MinScore:       &min,
		Layout:         "flow",
		PageSize:       "A4",
		Themes:         map[string]float64{"gpu": 3, "performance": 1.5},
	}
	data := MarshalClient(f)
	back, err := ReadClientFile(data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, f) {
		t.Fatalf("round trip:\n%s\ngot  %+v\nwant %+v", data, back, f)
	}
	c, err := ParseClient(data, "form", []string{"numpy"}, []string{"gpu", "performance", "community"})
	if err != nil {
		t.Fatalf("%s\n%v", data, err)
	}
	// An explicit min_score of 0 stays 0 even with interests.
	if c.MinScore != 0 || c.ItemsPerProject != DefaultItemsPerProject || c.Themes["performance"] != 1.5 {
		t.Errorf("parsed %+v", c)
	}
}

func TestClientKeyAtPlacesErrors(t *testing.T) {
	f := ClientFile{Name: "Acme", ItemsPerProject: 12, Themes: map[string]float64{"gpu": 4}}
	data := MarshalClient(f)
	_, err := ParseClient(data, "form", nil, []string{"gpu"})
	var ce *Error
	if !errors.As(err, &ce) {
		t.Fatalf("want *Error, got %v", err)
	}
	if k := ClientKeyAt(data, ce.Line); k != "themes.gpu" {
		t.Errorf("key of %v = %q", err, k)
	}
	f.Themes = nil
	data = MarshalClient(f)
	_, err = ParseClient(data, "form", nil, []string{"gpu"})
	if !errors.As(err, &ce) || ClientKeyAt(data, ce.Line) != "items_per_project" {
		t.Errorf("items_per_project error %v at key %q", err, ClientKeyAt(data, ce.Line))
	}
}
