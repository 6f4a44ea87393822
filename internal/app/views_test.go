package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/roadmapper/roadmapper/internal/audit"
	"github.com/roadmapper/roadmapper/internal/roadmap"
)

func TestProjectViewLogoAndCrawls(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.crawl()
	v, err := f.app.ProjectView(ctx, "quasar", 10)
	if err != nil {
		t.Fatal(err)
	}
	if v.Snapshot == nil || !v.HasLogo || len(v.History) != 1 || len(v.Crawls) != 1 || len(v.Events) == 0 {
		t.Errorf("view: snapshot %v, logo %v, history %d, crawls %d, events %d", v.Snapshot, v.HasLogo, len(v.History), len(v.Crawls), len(v.Events))
	}
	var order []string
	for _, it := range v.Items {
		order = append(order, it.Source)
	}
	if got := strings.Join(order, ","); got != "page,page,page,github" {
		t.Errorf("items in roadmap order: %s", got)
	}
	if v.Finding.Project != "quasar" || v.Finding.Status == "" {
		t.Errorf("finding %+v", v.Finding)
	}
	if _, err := f.app.ProjectView(ctx, "nosuch", 10); !roadmap.IsKind(err, roadmap.KindNotFound) {
		t.Errorf("unknown project: %v", err)
	}
	if l, err := f.app.Logo(ctx, "quasar"); err != nil || len(l.Data) == 0 {
		t.Errorf("logo: %d bytes, %v", len(l.Data), err)
	}
	if cs, err := f.app.Crawls(ctx, 5); err != nil || len(cs) != 1 {
		t.Errorf("crawls: %v, %v", cs, err)
	}
	// Before any crawl the view still answers, with the audit's "none".
	g := newFixture(t)
	v, err = g.app.ProjectView(ctx, "quiet", 10)
	if err != nil || v.Snapshot != nil || v.HasLogo || v.Finding.Status != audit.StatusNone {
		t.Errorf("view before a crawl: %+v, logo %v, %v", v.Finding, v.HasLogo, err)
	}
	if _, err := g.app.Logo(ctx, "quasar"); !roadmap.IsKind(err, roadmap.KindNotFound) {
		t.Errorf("logo before a crawl: %v", err)
	}
}

func TestImportAndExportClients(t *testing.T) {
	a := newClientsApp(t)
	ctx := context.Background()
	themes, err := LoadThemes(a.Config)
	if err != nil {
		t.Fatal(err)
	}
	in := t.TempDir()
	write := func(path, text string) {
		t.Helper()
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(in, "acme.toml"), "name = \"Acme\"\ninterests = [\"GPU\"]\n")
	write(filepath.Join(in, "helix.toml"), "name = \"Helix Bio\"\n[themes]\ngpu = 2\n")
	write(filepath.Join(in, CurationDir, "acme.toml"), "[[pin]]\nid = \"numpy/interoperability\"\nreason = \"asked\"\n\n[[hide]]\nid = \"numpy/old\"\nreason = \"gone\"\n")
	done, err := a.ImportClients(ctx, []string{in}, themes, "ann")
	if err != nil || len(done) != 2 || done[0].Curation != 2 {
		t.Fatalf("import: %+v, %v", done, err)
	}
	list, err := a.Clients(ctx, themes)
	if err != nil || len(list) != 2 {
		t.Fatalf("clients: %d, %v", len(list), err)
	}

	// A second import of a changed profile is a new version, and curation
	// is replaced, not added to.
	write(filepath.Join(in, "acme.toml"), "name = \"Acme\"\ninterests = [\"GPU\", \"CUDA\"]\n")
	write(filepath.Join(in, CurationDir, "acme.toml"), "[[pin]]\nid = \"numpy/interoperability\"\nreason = \"asked\"\n")
	if _, err := a.ImportClients(ctx, []string{filepath.Join(in, "acme.toml")}, themes, "bob"); err != nil {
		t.Fatal(err)
	}
	hist, err := a.ClientHistory(ctx, "acme")
	if err != nil || len(hist) != 2 {
		t.Errorf("history: %d versions, %v", len(hist), err)
	}

	out := t.TempDir()
	files, err := a.ExportClients(ctx, out)
	if err != nil || len(files) != 3 {
		t.Fatalf("export: %v, %v", files, err)
	}
	got, _ := os.ReadFile(filepath.Join(out, "acme.toml"))
	if string(got) != "name = \"Acme\"\ninterests = [\"GPU\", \"CUDA\"]\n" {
		t.Errorf("exported profile %q", got)
	}
	cur, _ := os.ReadFile(filepath.Join(out, CurationDir, "acme.toml"))
	if !strings.Contains(string(cur), "numpy/interoperability") || strings.Contains(string(cur), "numpy/old") {
		t.Errorf("exported curation:\n%s", cur)
	}
	if _, err := os.Stat(filepath.Join(out, CurationDir, "helix-bio.toml")); !os.IsNotExist(err) {
		t.Errorf("a client without curation got a curation file")
	}

	// Bad input imports nothing and names the file.
	bad := t.TempDir()
	write(filepath.Join(bad, "a.toml"), "name = \"Zed\"\n")
	write(filepath.Join(bad, "b.toml"), "name = \"Zed\"\n")
	if _, err := a.ImportClients(ctx, []string{bad}, themes, "ann"); !roadmap.IsKind(err, roadmap.KindInvalid) || !strings.Contains(err.Error(), "also in") {
		t.Errorf("two profiles of one client: %v", err)
	}
	write(filepath.Join(bad, "b.toml"), "name = \"Yan\"\nnope = 1\n")
	if _, err := a.ImportClients(ctx, []string{bad}, themes, "ann"); !roadmap.IsKind(err, roadmap.KindInvalid) {
		t.Errorf("unknown key: %v", err)
	}
	if l, _ := a.Clients(ctx, themes); len(l) != 2 {
		t.Errorf("a failed import stored %d clients", len(l)-2)
	}
	if _, err := a.ExportClients(ctx, filepath.Join(out, "missing")); !roadmap.IsKind(err, roadmap.KindInvalid) {
		t.Errorf("export to a missing directory: %v", err)
	}
}
