package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBrochureProjectListedTwice: a project named twice, in the profile or
// in --projects, is shown once (issue 14 §19).
func TestBrochureProjectListedTwice(t *testing.T) {
	e := newEnv(t)
	if code, _, errOut := e.run("crawl"); code != ExitOK && code != ExitPartial {
		t.Fatalf("crawl exit %d: %s", code, errOut)
	}
	client := filepath.Join(e.dir, "twice.toml")
	if err := os.WriteFile(client, []byte("name = \"Twice Ltd\"\nprojects = [\"quasar\", \"nebula\", \"quasar\"]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, extra := range [][]string{nil, {"--projects", "quasar,quasar"}} {
		pdf := filepath.Join(e.dir, "twice.pdf")
		args := append([]string{"brochure", "--client", client, "-o", pdf, "--offline"}, extra...)
		code, out, errOut := e.run(args...)
		if code != 0 {
			t.Fatalf("%v: exit %d\n%s%s", extra, code, out, errOut)
		}
		if strings.Count(out, "quasar") != 1 {
			t.Errorf("%v: quasar shown more than once: %s", extra, out)
		}
	}
}

// TestBrochureNeverChoosesExcluded: an item carrying an excluded theme
// never reaches the brochure, even from a project the profile names.
func TestBrochureNeverChoosesExcluded(t *testing.T) {
	e := newEnv(t)
	if code, _, errOut := e.run("crawl"); code != ExitOK && code != ExitPartial {
		t.Fatalf("crawl exit %d: %s", code, errOut)
	}
	client := filepath.Join(e.dir, "nogpu.toml")
	if err := os.WriteFile(client, []byte("name = \"No GPU Ltd\"\nprojects = [\"quasar\"]\nexclude_themes = [\"gpu\"]\nitems_per_project = 10\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := e.run("items", "--client", client, "--format", "csv")
	if code != 0 || !strings.Contains(out, "quasar/gpu-acceleration") {
		t.Fatalf("items: exit %d\n%s%s", code, out, errOut)
	}
	pdf := filepath.Join(e.dir, "nogpu.pdf")
	if code, out, errOut = e.run("brochure", "--client", client, "-o", pdf, "--offline"); code != 0 {
		t.Fatalf("brochure exit %d\n%s%s", code, out, errOut)
	}
	txt := pdfToText(t, pdf)
	if strings.Contains(txt, "GPU acceleration") || strings.Contains(txt, "DLPack") {
		t.Errorf("an item with the excluded theme gpu reached the brochure:\n%s", txt)
	}
	if !strings.Contains(txt, "Documentation overhaul") {
		t.Errorf("the other items are missing:\n%s", txt)
	}
}
