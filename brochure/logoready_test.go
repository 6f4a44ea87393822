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
