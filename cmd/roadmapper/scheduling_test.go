package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/roadmapper/roadmapper/internal/testutil"
)

// schedulingDoc reads docs/scheduling.md.
func schedulingDoc(t *testing.T) (root, doc string) {
	t.Helper()
	root, err := testutil.RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(root, "docs", "scheduling.md"))
	if err != nil {
		t.Fatal(err)
	}
	return root, string(b)
}

// codeBlocks returns the fenced blocks of lang in doc.
func codeBlocks(doc, lang string) []string {
	re := regexp.MustCompile("(?s)```" + lang + "\n(.*?)```")
	var out []string
	for _, m := range re.FindAllStringSubmatch(doc, -1) {
		out = append(out, m[1])
	}
	return out
}

// TestSchedulingRecipesNameTheirCommand: cron runs jobs with
// PATH=/usr/bin:/bin, so every cron job names its command by absolute path;
// CI recipes run in a repository that holds only a config, so they install
// the module at a version instead of building a checkout.
func TestSchedulingRecipesNameTheirCommand(t *testing.T) {
	_, doc := schedulingDoc(t)
	jobs := 0
	for _, block := range codeBlocks(doc, "cron") {
		for _, line := range strings.Split(block, "\n") {
			f := strings.Fields(line)
			if len(f) < 6 || strings.Contains(f[0], "=") || strings.HasPrefix(f[0], "#") {
				continue
			}
			jobs++
			if !strings.HasPrefix(f[5], "/") {
				t.Errorf("cron job runs %q, which cron's PATH does not find: %s", f[5], line)
			}
		}
	}
	if jobs == 0 {
		t.Error("no cron job found in docs/scheduling.md")
	}
	if strings.Contains(doc, "go install ./") {
		t.Error("a recipe builds ./cmd/roadmapper, which a config-only repository does not have")
	}
	if n := strings.Count(doc, "go install github.com/roadmapper/roadmapper/cmd/roadmapper@"); n < 3 {
		t.Errorf("%d recipes install the module at a version, want cron, GitHub Actions and GitLab", n)
	}
}

// TestCronWrapperRunsUnderCron runs the wrapper script of the cron recipe,
// as written in docs/scheduling.md, under cron's environment (env -i
// PATH=/usr/bin:/bin) with a freshly built binary, against a local site,
// and checks that the text report is mailed.
func TestCronWrapperRunsUnderCron(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	root, doc := schedulingDoc(t)
	var wrapper string
	for _, block := range codeBlocks(doc, "sh") {
		if strings.HasPrefix(block, "#!/bin/sh\n# roadmapper-nightly:") {
			wrapper = block
		}
	}
	if wrapper == "" {
		t.Fatal("docs/scheduling.md has no roadmapper-nightly wrapper")
	}
	for _, tool := range []string{"/usr/bin/env", "/usr/bin/flock", "/bin/sh"} {
		if _, err := os.Stat(tool); err != nil {
			t.Skipf("%s not present: %v", tool, err)
		}
	}

	dir := t.TempDir()
	bin := filepath.Join(dir, "bin", "roadmapper")
	build := exec.Command("go", "build", "-o", bin, "./cmd/roadmapper")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	site := testutil.NewFakeSite(t)
	site.SetHTML("/roadmap.html", testutil.SphinxPage("Comet roadmap", [][2]string{
		{"R&D on GPUs", "Run the #1 kernels on accelerators, with the array API."},
		{"Packaging", "Wheels for every platform, built with Meson."},
		{"Documentation", "Tutorials for new users and a reference for the rest."},
	}))
	state := filepath.Join(dir, "state")
	if err := os.MkdirAll(state, 0o755); err != nil {
		t.Fatal(err)
	}
	config := filepath.Join(dir, "roadmapper.toml")
	writeFile(t, config, `[crawl]
user_agent = "roadmapper-test"
allow_private = ["127.0.0.0/8"] # the local test site

[[project]]
slug = "comet"
name = "Comet & Co_Labs"
roadmap = ["`+site.URL()+`/roadmap.html"]
`)
	script := filepath.Join(dir, "roadmapper-nightly")
	writeFile(t, script, wrapper)
	mailer := filepath.Join(dir, "fake-mail")
	writeFile(t, mailer, "#!/bin/sh\necho \"$@\" >\""+dir+"/mail.args\"\ncat >\""+dir+"/mail.body\"\n")
	if err := os.Chmod(mailer, 0o755); err != nil {
		t.Fatal(err)
	}

	cmd := exec.Command("/usr/bin/env", "-i", "PATH=/usr/bin:/bin",
		"ROADMAPPER="+bin, "ROADMAPPER_DIR="+state, "ROADMAPPER_CONFIG="+config,
		"MAILER="+mailer, "REPORT_TO=roadmaps@example.org", "ENV_FILE="+filepath.Join(dir, "no-env"),
		"/bin/sh", script)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		log, _ := os.ReadFile(filepath.Join(state, "crawl.log"))
		t.Fatalf("wrapper: %v\n%s\ncrawl.log:\n%s", err, out, log)
	}
	args, _ := os.ReadFile(filepath.Join(dir, "mail.args"))
	if got := strings.TrimSpace(string(args)); got != "-s Roadmaps: nightly report roadmaps@example.org" {
		t.Errorf("mail called with %q", got)
	}
	body, _ := os.ReadFile(filepath.Join(dir, "mail.body"))
	for _, want := range []string{"roadmapper report: crawl 1", "NEEDS ATTENTION", "Comet & Co_Labs: 3 items"} {
		if !strings.Contains(string(body), want) {
			t.Errorf("mailed report lacks %q:\n%s", want, body)
		}
	}
	for _, bad := range []string{"&amp;", `\#`, `\_`} {
		if strings.Contains(string(body), bad) {
			t.Errorf("mailed report contains the escape %q", bad)
		}
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
