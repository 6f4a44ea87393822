package brochure

import (
	"bytes"
	"image/color"
	"testing"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// emptyLogoCaches forgets every prepared logo, as a new process would.
func emptyLogoCaches() {
	logoCache.Lock()
	logoCache.m = nil
	logoCache.Unlock()
	resizedCache.Lock()
	resizedCache.m = nil
	resizedCache.Unlock()
}

// renderFresh renders in with empty logo caches.
func renderFresh(t *testing.T, in Input) []byte {
	t.Helper()
	emptyLogoCaches()
	var buf bytes.Buffer
	if _, err := Render(&buf, in); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// withReady gives every logo of in the rendition f makes of it.
func withReady(t *testing.T, in Input, f func(data []byte) roadmap.LogoRendition) Input {
	t.Helper()
	out := in
	out.Projects = make([]Project, len(in.Projects))
	for i, p := range in.Projects {
		if p.Logo != nil {
			l := *p.Logo
			rd := f(l.Data)
			l.Ready = &rd
			p.Logo = &l
		}
		out.Projects[i] = p
	}
	return out
}

// TestStoredLogoRenditions: a brochure drawn from the renditions made at
// crawl time is byte-identical to one that prepares every logo itself; a
// rendition of another version is ignored; a current one is really used.
func TestStoredLogoRenditions(t *testing.T) {
	in := benchInputLogos(t, func(i int) (int, int) { return 180 + 9*i, 100 + 3*(i%5) })
	want := renderFresh(t, in)

	ready := withReady(t, in, func(data []byte) roadmap.LogoRendition {
		rd, err := ReadyLogo(data)
		if err != nil {
			t.Fatal(err)
		}
		return rd
	})
	if got := renderFresh(t, ready); !bytes.Equal(got, want) {
		t.Error("brochure from stored renditions differs from one preparing its logos")
	}

	other := testLogo(t, 150, 90, color.NRGBA{200, 30, 30, 255})
	bogus, err := ReadyLogo(other.Data)
	if err != nil {
		t.Fatal(err)
	}
	oldVersion := withReady(t, in, func([]byte) roadmap.LogoRendition {
		rd := bogus
		rd.Version = "an older preparation"
		return rd
	})
	if got := renderFresh(t, oldVersion); !bytes.Equal(got, want) {
		t.Error("a rendition of another version was used")
	}
	current := withReady(t, in, func([]byte) roadmap.LogoRendition { return bogus })
	if got := renderFresh(t, current); bytes.Equal(got, want) {
		t.Error("a current rendition was not used: the brochure prepared the logos itself")
	}
	emptyLogoCaches()
}

// TestLogoVariants: logos of one width are drawn at distinct widths; the
// render reports the resampled ones, a render given them back draws the
// same bytes without reporting (or making) them again, and a variant of
// another logo is ignored while one of this logo is really used.
func TestLogoVariants(t *testing.T) {
	in := benchInputLogos(t, func(i int) (int, int) { return 200, 60 + i }) // wide: trimmed to one width
	in.Projects = in.Projects[:4]
	emptyLogoCaches()
	var buf bytes.Buffer
	res, err := Render(&buf, in)
	if err != nil {
		t.Fatal(err)
	}
	want := buf.Bytes()
	if len(res.Resampled) != 3 {
		t.Fatalf("%d logos reported resampled, want 3 (4 logos of one width)", len(res.Resampled))
	}
	widths := map[int]bool{}
	for _, r := range res.Resampled {
		widths[r.Variant.Width] = true
		if r.Variant.Version != LogoVersion || r.Variant.Type != "PNG" || r.Project == "" || len(r.Variant.Data) == 0 {
			t.Errorf("variant of %q: version %q, type %q, %d bytes", r.Project, r.Variant.Version, r.Variant.Type, len(r.Variant.Data))
		}
	}
	if len(widths) != 3 {
		t.Errorf("variant widths %v, want three", widths)
	}

	with := func(f func(v roadmap.LogoVariant) roadmap.LogoVariant) Input {
		out := in
		out.Projects = append([]Project(nil), in.Projects...)
		for _, r := range res.Resampled {
			for i, p := range out.Projects {
				if p.Project.Slug == r.Project {
					l := *p.Logo
					l.Variants = append(l.Variants, f(r.Variant))
					out.Projects[i].Logo = &l
				}
			}
		}
		return out
	}
	emptyLogoCaches()
	buf.Reset()
	again, err := Render(&buf, with(func(v roadmap.LogoVariant) roadmap.LogoVariant { return v }))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Error("a render from stored variants differs from one resampling its logos")
	}
	if len(again.Resampled) != 0 {
		t.Errorf("stored variants reported as new: %d", len(again.Resampled))
	}

	other := testLogo(t, 150, 60, color.NRGBA{200, 30, 30, 255})
	bogus, err := ReadyLogo(other.Data)
	if err != nil {
		t.Fatal(err)
	}
	replace := func(v roadmap.LogoVariant) roadmap.LogoVariant {
		w := v.Width
		v.LogoRendition = bogus
		v.Width = w // the width looked up; the image is another one
		return v
	}
	foreign := func(v roadmap.LogoVariant) roadmap.LogoVariant {
		v = replace(v)
		v.Of[0] ^= 1
		return v
	}
	for _, tc := range []struct {
		name string
		f    func(v roadmap.LogoVariant) roadmap.LogoVariant
		same bool
	}{{"variant of another logo", foreign, true}, {"variant of this logo", replace, false}} {
		emptyLogoCaches()
		buf.Reset()
		if _, err := Render(&buf, with(tc.f)); err != nil {
			t.Fatal(err)
		}
		if got := bytes.Equal(buf.Bytes(), want); got != tc.same {
			t.Errorf("%s: output the same as without it = %v, want %v", tc.name, got, tc.same)
		}
	}
	emptyLogoCaches()
}
