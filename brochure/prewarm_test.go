package brochure

import (
	"bytes"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// TestPrewarm: a render takes the document Prewarm made for its page size,
// date and fallback font, and draws the same bytes as without it; a
// document made for another page size or date is not taken.
func TestPrewarm(t *testing.T) {
	in := fixtureInput(t, roadmap.LayoutPairs, "")
	want, _ := render1(t, in)

	Prewarm(in.Client.PageSize, in.Generated, in.FallbackFont)
	var buf bytes.Buffer
	if _, err := Render(&buf, in); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Error("a render with a prewarmed document differs from one without")
	}
	if _, ok, _ := takePrewarmed(in); ok {
		t.Error("a prewarmed document was handed out twice")
	}

	Prewarm(in.Client.PageSize, in.Generated, in.FallbackFont)
	if _, ok, err := takePrewarmed(in); !ok || err != nil {
		t.Errorf("a document prewarmed for this render not taken: %v", err)
	}
	for name, f := range map[string]func(*Input){
		"page size": func(in *Input) { in.Client.PageSize = roadmap.PageA4 },
		"date":      func(in *Input) { in.Generated = in.Generated.Add(time.Hour) },
		"fallback":  func(in *Input) { in.FallbackFont = []byte("other") },
	} {
		Prewarm(in.Client.PageSize, in.Generated, in.FallbackFont)
		other := in
		f(&other)
		if _, ok, _ := takePrewarmed(other); ok {
			t.Errorf("a document prewarmed for another %s was taken", name)
		}
	}
}
