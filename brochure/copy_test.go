package brochure

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

func copyData() CopyData {
	return CopyData{
		Client:   roadmap.Client{Name: "ACME Corp"},
		Projects: []Project{{Project: roadmap.Project{Name: "Orrery"}}, {Project: roadmap.Project{Name: "Driftwood"}}},
		Date:     time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC),
	}
}

func TestLoadCopyDefaults(t *testing.T) {
	c, err := LoadCopy("", copyData())
	if err != nil {
		t.Fatal(err)
	}
	if c.Organisation != "Open Source Lab" {
		t.Errorf("organisation %q", c.Organisation)
	}
	if len(c.Contact) != 3 || c.Contact[0] != "workorders@example.org" {
		t.Errorf("contact %q", c.Contact)
	}
	if !strings.Contains(c.Intro, "ACME Corp funds") || !strings.Contains(c.Intro, "We chose 2 projects") {
		t.Errorf("intro %q", c.Intro)
	}
	if !strings.Contains(c.Intro, "\n\n") {
		t.Errorf("intro lost its paragraph break: %q", c.Intro)
	}
	if c.Closing == "" {
		t.Error("empty closing")
	}
}

func TestLoadCopyOverride(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "organisation.tmpl"), []byte("  Lab & Co \n"), 0o644)
	os.WriteFile(filepath.Join(dir, "intro.tmpl"), []byte(`For {{.Client.Name}} on {{date .Date}}: {{list (names .Projects)}}.`), 0o644)
	c, err := LoadCopy(dir, copyData())
	if err != nil {
		t.Fatal(err)
	}
	if c.Organisation != "Lab & Co" {
		t.Errorf("organisation %q", c.Organisation)
	}
	if c.Intro != "For ACME Corp on 26 November 2026: Orrery and Driftwood." {
		t.Errorf("intro %q", c.Intro)
	}
	if len(c.Contact) != 3 {
		t.Errorf("contact should come from the defaults: %q", c.Contact)
	}
}

// TestOrganisationNamedOnce: renaming the organisation in
// organisation.tmpl renames it in the introduction too, and the copy
// still taken from the built-in defaults is listed as placeholders.
func TestOrganisationNamedOnce(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "organisation.tmpl"), []byte("Quillfeather Consulting\n"), 0o644)
	c, err := LoadCopy(dir, copyData())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(c.Intro, "Quillfeather Consulting turns that work") || strings.Contains(c.Intro+c.Closing, "Open Source Lab") {
		t.Errorf("intro does not take the organisation's name from organisation.tmpl: %q", c.Intro)
	}
	if strings.Join(c.Placeholders, ",") != "contact.tmpl,intro.tmpl,closing.tmpl" {
		t.Errorf("placeholders %q", c.Placeholders)
	}
	def, _ := LoadCopy("", copyData())
	if len(def.Placeholders) != 4 {
		t.Errorf("defaults: placeholders %q, want all four", def.Placeholders)
	}
}

func TestLoadCopyErrors(t *testing.T) {
	tests := []struct {
		name, file, text, want string
	}{
		{"parse error names file and line", "intro.tmpl", "line one\n{{if}}\n", "intro.tmpl:2"},
		{"execution error names file and line", "closing.tmpl", "ok\n\n{{.Client.Nope}}", "closing.tmpl:3"},
		{"too large", "contact.tmpl", strings.Repeat("x", maxTemplateBytes+10), "larger than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			os.WriteFile(filepath.Join(dir, tt.file), []byte(tt.text), 0o644)
			_, err := LoadCopy(dir, copyData())
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), tt.file) {
				t.Fatalf("err = %v, want one naming %s and containing %q", err, tt.file, tt.want)
			}
		})
	}
	if _, err := LoadCopy(filepath.Join(t.TempDir(), "missing"), copyData()); err == nil {
		t.Error("a missing directory should be an error")
	}
}
