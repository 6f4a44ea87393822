package logo

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// fakeRsvg writes an executable shell script standing in for rsvg-convert.
func fakeRsvg(t *testing.T, body string) string {
	t.Helper()
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
	path := filepath.Join(t.TempDir(), "rsvg-convert")
	if err := os.WriteFile(path, []byte("#!/bin/sh\n"+body+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestRsvgFailureFallsBack checks every way rsvg-convert can fail: the SVG
// is then drawn by oksvg and the Note says what happened.
func TestRsvgFailureFallsBack(t *testing.T) {
	tests := []struct {
		name, rsvg, note string
		timeout          time.Duration
	}{
		{"not installed", filepath.Join(t.TempDir(), "nope"), "rsvg-convert: ", 0},
		{"exits non-zero", fakeRsvg(t, "echo 'bad things' >&2; exit 3"), "rsvg-convert: exit status 3: bad things", 0},
		{"writes junk", fakeRsvg(t, "cat >/dev/null; echo junk"), "rsvg-convert: corrupt PNG", 0},
		{"writes blank", fakeRsvg(t, "cat >/dev/null; exit 0"), "rsvg-convert: corrupt PNG", 0},
		{"hangs", fakeRsvg(t, "exec sleep 30"), "rsvg-convert: timed out", 300 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lg := Prepare(context.Background(), testProject, fixture(t, "circle.svg"), "image/svg+xml", Options{Rsvg: tt.rsvg, Timeout: tt.timeout})
			checkLogo(t, lg, testProject)
			if lg.Method != roadmap.LogoSVGPure {
				t.Errorf("method %s, want %s (note %q)", lg.Method, roadmap.LogoSVGPure, lg.Note)
			}
			if !strings.Contains(lg.Note, tt.note) {
				t.Errorf("note %q, want it to contain %q", lg.Note, tt.note)
			}
		})
	}
}

// TestRsvgReal runs the installed rsvg-convert, when there is one.
func TestRsvgReal(t *testing.T) {
	path, err := exec.LookPath("rsvg-convert")
	if err != nil {
		t.Skip("rsvg-convert not installed (apt-get install librsvg2-bin)")
	}
	for _, name := range []string{"circle.svg", "use_text.svg", "external.svg", "huge.svg"} {
		lg := Prepare(context.Background(), testProject, fixture(t, name), "", Options{Rsvg: path})
		checkLogo(t, lg, testProject)
		if lg.Method != roadmap.LogoSVGRsvg {
			t.Errorf("%s: method %s, note %q", name, lg.Method, lg.Note)
		}
	}
	// Blank for both renderers: the note names both.
	lg := Prepare(context.Background(), testProject, fixture(t, "blank.svg"), "", Options{Rsvg: path})
	if lg.Method != roadmap.LogoMonogram || lg.Note != "SVG rasterised blank (rsvg-convert, oksvg)" {
		t.Errorf("blank.svg: %s %q", lg.Method, lg.Note)
	}
	// rsvg-convert draws the text that oksvg drops.
	lg = Prepare(context.Background(), testProject, fixture(t, "flat.svg"), "", Options{Rsvg: path})
	t.Logf("flat.svg with rsvg-convert: %s %dx%d %q", lg.Method, lg.Width, lg.Height, lg.Note)
}

func TestRsvgPathResolution(t *testing.T) {
	if got := (Options{Rsvg: "-"}).rsvgPath(); got != "" {
		t.Errorf(`"-" resolved to %q`, got)
	}
	if got := (Options{Rsvg: "/x/rsvg"}).rsvgPath(); got != "/x/rsvg" {
		t.Errorf("explicit path resolved to %q", got)
	}
	want, _ := exec.LookPath("rsvg-convert")
	if got := (Options{}).rsvgPath(); got != want {
		t.Errorf(`"" resolved to %q, want %q`, got, want)
	}
}
