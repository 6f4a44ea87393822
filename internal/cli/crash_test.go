package cli

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/internal/store"
	"github.com/roadmapper/roadmapper/internal/testutil"
)

// TestMain lets a test re-run this binary as the roadmapper command, so a
// crawl can be killed with SIGKILL part-way through.
func TestMain(m *testing.M) {
	if os.Getenv("ROADMAPPER_TEST_CHILD") == "1" {
		args := strings.Split(os.Getenv("ROADMAPPER_TEST_ARGS"), "\x1f")
		os.Exit((&App{}).Run(context.Background(), args))
	}
	os.Exit(m.Run())
}

// TestKillMidCrawl kills a crawl with SIGKILL while one project's page
// hangs: the projects saved before stay saved, the hanging project keeps its
// previous items, and the next crawl uses the store normally.
func TestKillMidCrawl(t *testing.T) {
	var hang atomic.Bool
	hit := make(chan struct{}, 1)
	release := make(chan struct{})
	defer close(release)
	page := func(title string, sections ...string) string {
		var s [][2]string
		for _, sec := range sections {
			s = append(s, [2]string{sec, "Work on " + strings.ToLower(sec) + " so that users benefit in measurable ways."})
		}
		return testutil.SphinxPage(title, s)
	}
	var version atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		name := strings.Trim(r.URL.Path, "/")
		if name == "p4" && hang.Load() {
			select {
			case hit <- struct{}{}:
			default:
			}
			select {
			case <-release:
			case <-r.Context().Done():
			}
			return
		}
		sections := []string{"Speed", "Docs"}
		if version.Load() > 0 {
			sections = append(sections, "Packaging")
		}
		fmt.Fprint(w, page(name+" roadmap", sections...))
	}))
	defer srv.Close()

	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "crash.toml")
	db := filepath.Join(dir, "crash.db")
	var cfg strings.Builder
	cfg.WriteString("[crawl]\nuser_agent = \"crash-test\"\nretries = 0\ntimeout = \"60s\"\n" + testutil.AllowLoopback)
	for i := 1; i <= 4; i++ {
		fmt.Fprintf(&cfg, "[[project]]\nslug = \"p%d\"\nname = \"P%d\"\nroadmap = [\"%s/p%d\"]\n", i, i, srv.URL, i)
	}
	if err := os.WriteFile(cfgPath, []byte(cfg.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, dir: dir, config: cfgPath, db: db, now: time.Now().UTC()}
	if code, out, errOut := e.run("crawl"); code != 0 {
		t.Fatalf("first crawl exit %d\n%s%s", code, out, errOut)
	}

	// Second crawl in a child process: p1..p3 change, p4 hangs; kill it
	// once the other three are saved.
	version.Store(1)
	hang.Store(true)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "ROADMAPPER_TEST_CHILD=1",
		"ROADMAPPER_TEST_ARGS="+strings.Join([]string{"--config", cfgPath, "--db", db, "crawl"}, "\x1f"))
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-hit:
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatal("child crawl never requested p4")
	}
	waitForSnapshots(t, db, 2, 3)
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()

	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatalf("store after kill -9: %v", err)
	}
	c2, err := st.Crawl(ctx, 2)
	if err != nil || !c2.FinishedAt.IsZero() {
		t.Errorf("killed crawl: %+v %v; want an unfinished crawl 2", c2, err)
	}
	items, err := st.Items(ctx, store.ItemQuery{})
	if err != nil {
		t.Fatal(err)
	}
	per := map[string]int{}
	for _, it := range items {
		per[it.Project]++
	}
	if per["p1"] != 3 || per["p2"] != 3 || per["p3"] != 3 || per["p4"] != 2 {
		t.Errorf("items per project after the kill: %v; want p1-p3 saved with 3, p4 kept at 2", per)
	}
	st.Close()

	// The next crawl runs normally and finishes.
	hang.Store(false)
	code, out, errOut := e.run("crawl")
	if code != 0 {
		t.Fatalf("crawl after kill exit %d\n%s%s", code, out, errOut)
	}
	if !strings.Contains(out, "crawl 3:") {
		t.Errorf("crawl after the kill is not crawl 3:\n%s", out)
	}
	if code, out, _ := e.run("items", "--project", "p4", "--format", "csv"); code != 0 || !strings.Contains(out, "p4/packaging") {
		t.Errorf("p4 not updated by the crawl after the kill:\n%s", out)
	}
}

// waitForSnapshots polls the database until crawl id has n project snapshots.
func waitForSnapshots(t *testing.T, db string, id int64, n int) {
	t.Helper()
	ctx := context.Background()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		st, err := store.Open(ctx, db)
		if err == nil {
			snaps, err := st.Snapshots(ctx, id)
			st.Close()
			if err == nil && len(snaps) >= n {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("crawl %d never saved %d projects", id, n)
}
