package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestClientsImportExportAndBrochureByName(t *testing.T) {
	e := newEnv(t)
	if code, out, errOut := e.run("crawl", "--no-github"); code == ExitUsage || code == ExitFailure {
		t.Fatalf("crawl: %d\n%s%s", code, out, errOut)
	}
	in := filepath.Join(e.dir, "in")
	os.MkdirAll(filepath.Join(in, "curation"), 0o755)
	profile := "# the sales team's notes\nname = \"Orbit Labs\"\ninterests = [\"GPU\", \"scheduling\"]\nitems_per_project = 2\n\n[themes]\ngpu = 3\n"
	writeTestFile(t, filepath.Join(in, "orbit.toml"), profile)
	writeTestFile(t, filepath.Join(in, "curation", "orbit.toml"), "[[hide]]\nid = \"quasar/gpu-acceleration\"\nreason = \"they build their own\"\n")

	// A bad profile imports nothing and names its file and line.
	writeTestFile(t, filepath.Join(in, "zbad.toml"), "name = \"Bad\"\nlayout = \"diagonal\"\n")
	code, _, errOut := e.run("clients", "import", in)
	if code != ExitUsage || !strings.Contains(errOut, "zbad.toml:2") {
		t.Fatalf("bad import: %d %s", code, errOut)
	}
	os.Remove(filepath.Join(in, "zbad.toml"))
	code, out, errOut := e.run("clients", "import", in)
	if code != 0 || !strings.Contains(out, "Orbit Labs, version 1, curation entries: 1") {
		t.Fatalf("import: %d\n%s%s", code, out, errOut)
	}
	// Importing the same again adds no version.
	if _, out, _ = e.run("clients", "import", filepath.Join(in, "orbit.toml")); !strings.Contains(out, "version 1") {
		t.Errorf("re-import: %s", out)
	}

	// Export writes the profile exactly as imported, and its curation.
	outDir := filepath.Join(e.dir, "out")
	os.Mkdir(outDir, 0o755)
	if code, out, errOut = e.run("clients", "export", outDir); code != 0 {
		t.Fatalf("export: %d %s", code, errOut)
	}
	got, _ := os.ReadFile(filepath.Join(outDir, "orbit-labs.toml"))
	if string(got) != profile {
		t.Errorf("exported profile:\n%s\nwant:\n%s", got, profile)
	}
	cur, _ := os.ReadFile(filepath.Join(outDir, "curation", "orbit-labs.toml"))
	if !strings.Contains(string(cur), "[[hide]]\nid = \"quasar/gpu-acceleration\"\nreason = \"they build their own\"") {
		t.Errorf("exported curation:\n%s", cur)
	}
	if code, _, errOut = e.run("clients", "export", filepath.Join(e.dir, "missing")); code != ExitUsage {
		t.Errorf("export to a missing directory: %d %s", code, errOut)
	}

	// brochure --client NAME uses the stored client and its curation.
	pdf := filepath.Join(e.dir, "orbit.pdf")
	code, out, errOut = e.run("brochure", "--client", "Orbit Labs", "--offline", "-o", pdf)
	if code != 0 || !strings.Contains(out, "for Orbit Labs") {
		t.Fatalf("brochure by name: %d\n%s%s", code, out, errOut)
	}
	if text := pdfToText(t, pdf); strings.Contains(text, "GPU acceleration") {
		t.Errorf("stored curation not applied:\n%s", text)
	}
	// The exported file, without the curation, shows the hidden item.
	plain := filepath.Join(e.dir, "plain.pdf")
	if code, _, errOut = e.run("brochure", "--client", filepath.Join(outDir, "orbit-labs.toml"), "--offline", "-o", plain); code != 0 {
		t.Fatalf("brochure from the export: %d %s", code, errOut)
	}
	if text := pdfToText(t, plain); !strings.Contains(text, "GPU acceleration") {
		t.Errorf("without curation the item should be in:\n%s", text)
	}
	if code, _, errOut = e.run("brochure", "--client", "Nobody", "--offline"); code != ExitUsage || !strings.Contains(errOut, `no stored client named "Nobody"`) {
		t.Errorf("unknown name: %d %s", code, errOut)
	}
}

func writeTestFile(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func pdfToText(t *testing.T, pdf string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (Debian: poppler-utils)")
	}
	out, err := exec.Command("pdftotext", "-raw", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}
