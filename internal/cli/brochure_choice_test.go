package cli

import (
	"os"
	"os/exec"
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

// TestBrochureNeverDropsSilently: a preferred project left out is named in
// a warning with what keeps it, --strict makes that an error, --page-size
// sets the paper and --include-stale puts a caveat on the kept block.
func TestBrochureNeverDropsSilently(t *testing.T) {
	e := newEnv(t)
	if code, _, errOut := e.run("crawl"); code != ExitOK && code != ExitPartial {
		t.Fatalf("crawl exit %d: %s", code, errOut)
	}
	client := filepath.Join(e.dir, "gpu.toml")
	if err := os.WriteFile(client, []byte("name = \"GPU Ltd\"\ninterests = [\"CUDA\", \"GPU\"]\nprefer_projects = [\"nebula\"]\n[themes]\ngpu = 3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	pdf := filepath.Join(e.dir, "gpu.pdf")
	code, out, errOut := e.run("brochure", "--client", client, "-o", pdf, "--offline", "--page-size", "a4")
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	if !strings.Contains(errOut, "warning: "+pdf+": preferred project nebula left out: no item scores") || !strings.Contains(errOut, "projects = [...]") {
		t.Errorf("no warning naming the preferred project and what keeps it:\n%s", errOut)
	}
	if info, err := exec.Command("pdfinfo", pdf).Output(); err == nil && !strings.Contains(string(info), "595.") {
		t.Errorf("--page-size a4 not applied:\n%s", info)
	}
	code, _, errOut = e.run("brochure", "--client", client, "-o", pdf, "--offline", "--strict")
	if code != ExitUsage || !strings.Contains(errOut, "--strict") {
		t.Errorf("--strict: exit %d, want %d\n%s", code, ExitUsage, errOut)
	}
	if code, _, errOut = e.run("brochure", "--client", client, "-o", pdf, "--offline", "--page-size", "A3"); code != ExitUsage || !strings.Contains(errOut, "--page-size") {
		t.Errorf("--page-size A3: exit %d\n%s", code, errOut)
	}
}
