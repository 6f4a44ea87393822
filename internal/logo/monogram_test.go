package logo

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

func TestInitials(t *testing.T) {
	tests := []struct{ name, slug, want string }{
		{"NumPy", "numpy", "NP"},
		{"scikit-learn", "scikit-learn", "sk"},
		{"scikit-image", "scikit-image", "sk"},
		{"pandas", "pandas", "pa"},
		{"Project Jupyter", "jupyter", "PJ"},
		{"conda-forge", "conda-forge", "cf"},
		{"Scientific Python", "scientific-python", "SP"},
		{"Dask", "dask", "Da"},
		{"PyMC", "pymc", "PM"},
		{"HoloViz", "holoviz", "HV"},
		{"X", "x", "X"},
		{"", "zarr", "za"},
		{"  ", "", "?"},
		{"日本", "nihon", "?"}, // Go Bold has no CJK glyphs
		{"Ωmega", "omega", "Ωm"},
	}
	for _, tt := range tests {
		if got := Initials(roadmap.Project{Name: tt.name, Slug: tt.slug}); got != tt.want {
			t.Errorf("Initials(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func decodeBadge(t *testing.T, lg roadmap.Logo) image.Image {
	t.Helper()
	if lg.Method != roadmap.LogoMonogram || lg.Format != "png" || lg.Width != badgeSize || lg.Height != badgeSize {
		t.Fatalf("badge %s %s %dx%d", lg.Method, lg.Format, lg.Width, lg.Height)
	}
	img, err := png.Decode(bytes.NewReader(lg.Data))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func TestMonogramBadge(t *testing.T) {
	p := roadmap.Project{Slug: "numpy", Name: "NumPy", Logo: "x.svg", Colour: "#4D77CF"}
	lg := Monogram(p, "why")
	if lg.Note != "why" || lg.Project != "numpy" || lg.Source != "x.svg" {
		t.Errorf("fields: %+v", lg)
	}
	img := decodeBadge(t, lg)
	if IsBlank(img) {
		t.Fatal("badge is blank")
	}
	// Rounded corner: transparent; edge of the square: the project colour.
	if _, _, _, a := img.At(0, 0).RGBA(); a != 0 {
		t.Errorf("corner alpha %d, want transparent", a)
	}
	if got := color.NRGBAModel.Convert(img.At(5, badgeSize/2)).(color.NRGBA); got != (color.NRGBA{0x4D, 0x77, 0xCF, 255}) {
		t.Errorf("edge colour %v, want #4D77CF", got)
	}
	// White initials cover a fair part of the badge.
	white := 0
	for y := range badgeSize {
		for x := range badgeSize {
			if c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA); c.R > 240 && c.G > 240 && c.B > 240 {
				white++
			}
		}
	}
	if white*100 < 5*badgeSize*badgeSize {
		t.Errorf("only %d white pixels: initials missing?", white)
	}
}

func TestMonogramDerivedColour(t *testing.T) {
	a1 := Monogram(roadmap.Project{Slug: "alpha", Name: "Alpha"}, "")
	a2 := Monogram(roadmap.Project{Slug: "alpha", Name: "Alpha"}, "")
	b := Monogram(roadmap.Project{Slug: "beta", Name: "Beta", Colour: "not a colour"}, "")
	if !bytes.Equal(a1.Data, a2.Data) {
		t.Error("same project, different badges")
	}
	ca := decodeBadge(t, a1).At(5, badgeSize/2)
	cb := decodeBadge(t, b).At(5, badgeSize/2)
	if ca == cb {
		t.Errorf("alpha and beta share colour %v", ca)
	}
	if IsBlank(decodeBadge(t, b)) {
		t.Error("badge is blank")
	}
}

func TestMonogramLightColourDarkText(t *testing.T) {
	img := decodeBadge(t, Monogram(roadmap.Project{Slug: "pale", Name: "Pale", Colour: "#fe0"}, ""))
	dark := 0
	for y := range badgeSize {
		for x := range badgeSize {
			if c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA); c.A == 255 && c.R < 60 && c.G < 60 {
				dark++
			}
		}
	}
	if dark == 0 {
		t.Error("no dark initials on a light badge")
	}
}

func TestParseColour(t *testing.T) {
	tests := []struct {
		in   string
		want color.RGBA
		ok   bool
	}{
		{"#4D77CF", color.RGBA{0x4D, 0x77, 0xCF, 255}, true},
		{" #abc ", color.RGBA{0xAA, 0xBB, 0xCC, 255}, true},
		{"4D77CF", color.RGBA{}, false},
		{"#12345", color.RGBA{}, false},
		{"#gggggg", color.RGBA{}, false},
		{"", color.RGBA{}, false},
	}
	for _, tt := range tests {
		got, ok := parseColour(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseColour(%q) = %v, %v", tt.in, got, ok)
		}
	}
}

// TestBadgeColours: one colour rule for every monogram badge.
func TestBadgeColours(t *testing.T) {
	bg, fg := BadgeColours(roadmap.Project{Slug: "x", Colour: "#123456"})
	if bg != (color.RGBA{0x12, 0x34, 0x56, 255}) || fg != (color.RGBA{255, 255, 255, 255}) {
		t.Errorf("dark configured colour: %v on %v", fg, bg)
	}
	bg, fg = BadgeColours(roadmap.Project{Slug: "x", Colour: "#fe0"})
	if bg != (color.RGBA{0xff, 0xee, 0x00, 255}) || fg != (color.RGBA{26, 26, 26, 255}) {
		t.Errorf("light configured colour: %v on %v", fg, bg)
	}
	p := roadmap.Project{Slug: "scikit-learn", Name: "scikit-learn", Colour: "not a colour"}
	a1, _ := BadgeColours(p)
	a2, _ := BadgeColours(p)
	b1, _ := BadgeColours(roadmap.Project{Slug: "numpy", Name: "NumPy"})
	if a1 != a2 || a1 == b1 {
		t.Errorf("derived colours: %v %v %v (stable per project, different across)", a1, a2, b1)
	}
	if got := Initials(p); got != "sk" {
		t.Errorf("Initials(scikit-learn) = %q, want sk", got)
	}
}
