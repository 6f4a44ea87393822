package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOutputNeverReplacesInputs: -o and --report naming the database (or
// its companions, through a symlink too), the configuration or a client
// profile are refused with exit 2 before any work, and the file is kept.
func TestOutputNeverReplacesInputs(t *testing.T) {
	e := newEnv(t)
	if code, _, errOut := e.run("crawl"); code != ExitPartial {
		t.Fatalf("crawl: exit %d: %s", code, errOut)
	}
	client := filepath.Join(e.dir, "c.toml")
	os.WriteFile(client, []byte("name = \"Acme\"\n"), 0o644)
	os.Symlink(filepath.Dir(e.db), filepath.Join(e.dir, "dblink"))
	requests := e.site.Requests("/quasar/roadmap.html")
	dbBefore, _ := os.ReadFile(e.db)
	cfgBefore, _ := os.ReadFile(e.config)
	for _, args := range [][]string{
		{"brochure", "--client", client, "-o", e.db, "--offline"},
		{"brochure", "--client", client, "-o", e.db + "-wal", "--offline"},
		{"brochure", "--client", client, "-o", filepath.Join(e.dir, "dblink", filepath.Base(e.db)), "--offline"},
		{"brochure", "--client", client, "-o", e.config, "--offline"},
		{"brochure", "--client", client, "-o", client, "--offline"},
		{"crawl", "--report", e.db},
		{"crawl", "--report", e.db + ".lock"},
		{"crawl", "--report", e.config},
	} {
		code, _, errOut := e.run(args...)
		if code != ExitUsage || !strings.Contains(errOut, "refusing to overwrite") {
			t.Errorf("%v: exit %d (%s), want 2 and a refusal", args, code, errOut)
		}
	}
	if n := e.site.Requests("/quasar/roadmap.html"); n != requests {
		t.Errorf("a refused command crawled first")
	}
	dbAfter, _ := os.ReadFile(e.db)
	cfgAfter, _ := os.ReadFile(e.config)
	if !bytes.Equal(dbBefore, dbAfter) || !bytes.Equal(cfgBefore, cfgAfter) {
		t.Error("the database or the configuration was changed")
	}
	if b, _ := os.ReadFile(client); string(b) != "name = \"Acme\"\n" {
		t.Errorf("client profile replaced: %q", b)
	}
}

// TestOutputReadOnlyTargetRefused: a read-only existing report is refused
// before the crawl rather than silently replaced.
func TestOutputReadOnlyTargetRefused(t *testing.T) {
	e := newEnv(t)
	report := filepath.Join(e.dir, "nightly.md")
	os.WriteFile(report, []byte("keep"), 0o444)
	code, _, errOut := e.run("crawl", "--report", report)
	if code != ExitUsage || !strings.Contains(errOut, "read-only") {
		t.Errorf("exit %d (%s), want 2 naming the read-only file", code, errOut)
	}
	if n := e.site.Requests("/quasar/roadmap.html"); n != 0 {
		t.Errorf("crawled before refusing (%d requests)", n)
	}
}

// TestCrawlLockThroughSymlink: a crawl through a symlink to the database
// meets the lock of a crawl through the real path.
func TestCrawlLockThroughSymlink(t *testing.T) {
	e := newEnv(t)
	os.MkdirAll(filepath.Dir(e.db), 0o755)
	if code, _, errOut := e.run("crawl", "--no-github"); code != ExitPartial {
		t.Fatalf("crawl: exit %d: %s", code, errOut)
	}
	defer holdLock(t, e.db+".lock")()
	link := filepath.Join(e.dir, "link.db")
	if err := os.Symlink(e.db, link); err != nil {
		t.Fatal(err)
	}
	e.db = link
	code, _, errOut := e.run("crawl", "--no-github")
	if code != ExitFailure || !strings.Contains(errOut, "another crawl is running") {
		t.Errorf("crawl through a symlink: exit %d, %q", code, errOut)
	}
}
