package web

import (
	"bufio"
	"context"
	"fmt"
	"html/template"
	"image/color"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/config"
	"github.com/roadmapper/roadmapper/internal/app"
	"github.com/roadmapper/roadmapper/internal/testutil"
)

// The benchmarks run the web app over a generated database of 1,000
// projects (crawled once from a fake site, shared by the benchmarks of one
// run) and report, besides wall time, the CPU time each request costs
// (cpu-ms/op), which a loaded machine does not inflate.
//
//	go test ./internal/web -run '^$' -bench . -benchtime 20x

const benchProjects = 1000

var (
	bigOnce sync.Once
	bigDir  string
	bigErr  error
)

// words the generated roadmaps are written with, theme terms among them.
var benchWords = strings.Fields(`the a of to and in for with on by GPU CUDA accelerator array API distributed
scheduler cluster memory performance faster speed typing annotations documentation tutorials packaging
wheels Meson security supply chain accessibility screen reader interoperability protocol plotting
data frames parser indexing sparse matrix solver integration testing CI release maintainers community
governance funding streaming parallel threads free-threaded Python WebAssembly ARM Windows benchmark`)

// bigDatabase crawls benchProjects generated projects once per run.
func bigDatabase(tb testing.TB) (string, *config.Config) {
	tb.Helper()
	bigOnce.Do(func() {
		bigDir, bigErr = os.MkdirTemp("", "roadmapper-webbench-")
		if bigErr != nil {
			return
		}
		site := testutil.NewFakeSite(tb)
		rng := rand.New(rand.NewPCG(1, 2))
		var cfg strings.Builder
		cfg.WriteString(crawlExtra + "[crawl]\n" + testutil.AllowLoopback + "concurrency = 16\nper_host = 16\nretries = 0\ntimeout = \"30s\"\n\n")
		logo := testutil.PNGLogo(color.RGBA{0x30, 0x70, 0xb0, 0xff}, 64)
		for i := range benchProjects {
			slug := fmt.Sprintf("proj%04d", i)
			var doc strings.Builder
			fmt.Fprintf(&doc, "# Project %d roadmap\n\nLast updated: %s 2026.\n\n", i, time.Month(1+rng.IntN(10)))
			for s := range 4 + rng.IntN(8) {
				fmt.Fprintf(&doc, "## %s %s %d\n\n", strings.ToUpper(benchWords[rng.IntN(len(benchWords))][:1])+benchWords[rng.IntN(len(benchWords))][1:], benchWords[rng.IntN(len(benchWords))], s)
				for range 40 + rng.IntN(80) {
					doc.WriteString(benchWords[rng.IntN(len(benchWords))] + " ")
				}
				doc.WriteString(".\n\n")
			}
			site.Set("/"+slug+"/roadmap.md", md(doc.String()))
			fmt.Fprintf(&cfg, "[[project]]\nslug = %q\nname = \"Project %d\"\ntagline = \"Generated project number %d.\"\nroadmap = [\"%s/%s/roadmap.md\"]\n", slug, i, i, site.URL(), slug)
			if i%10 == 0 {
				site.Set("/"+slug+"/logo.png", testutil.FakePage{ContentType: "image/png", Body: logo})
				fmt.Fprintf(&cfg, "logo = \"%s/%s/logo.png\"\n", site.URL(), slug)
			}
			cfg.WriteString("\n")
		}
		path := filepath.Join(bigDir, "roadmapper.toml")
		if bigErr = os.WriteFile(path, []byte(cfg.String()), 0o644); bigErr != nil {
			return
		}
		c, err := config.Load(path)
		if err != nil {
			bigErr = err
			return
		}
		a := newApp(tb, bigDir, c)
		start := time.Now()
		res, err := a.Crawl(context.Background(), app.CrawlRequest{Projects: c.Projects, NoGitHub: true})
		tb.Logf("generated and crawled %d projects in %v", benchProjects, time.Since(start).Round(time.Millisecond))
		switch {
		case err != nil:
			bigErr = err
		case res.Summary.Fetched != benchProjects:
			// Measuring an empty database would say nothing.
			bigErr = fmt.Errorf("the benchmark crawl fetched %d of %d projects", res.Summary.Fetched, benchProjects)
		}
	})
	if bigErr != nil {
		tb.Fatal(bigErr)
	}
	cfg, err := config.Load(filepath.Join(bigDir, "roadmapper.toml"))
	if err != nil {
		tb.Fatal(err)
	}
	return bigDir, cfg
}

// benchServer serves the big database with two stored clients: one over
// every project (bench-all) and one naming 20 (bench-client), whose
// brochure is a usual size.
func benchServer(b *testing.B) *Server {
	b.Helper()
	dir, cfg := bigDatabase(b)
	a := newApp(b, dir, cfg)
	s, err := New(a, Options{Now: func() time.Time { return fixtureNow }})
	if err != nil {
		b.Fatal(err)
	}
	themes, _ := app.LoadThemes(cfg)
	min := 0.3
	var twenty []string
	for i := range 20 {
		twenty = append(twenty, fmt.Sprintf("proj%04d", i*50))
	}
	for _, f := range []config.ClientFile{
		{Name: "Bench All", Interests: []string{"GPU", "distributed scheduler"}, MinScore: &min, Themes: map[string]float64{"gpu": 3, "performance": 2}, ItemsPerProject: 2},
		{Name: "Bench Client", Interests: []string{"GPU", "distributed scheduler"}, Projects: twenty, Themes: map[string]float64{"gpu": 3, "performance": 2}, ItemsPerProject: 2},
	} {
		if _, err := a.StoredClient(context.Background(), f.Name, themes); err == nil {
			continue
		}
		if _, err := a.SaveClient(context.Background(), "", 0, f, themes, "bench"); err != nil {
			b.Fatal(err)
		}
	}
	return s
}

// cpuTime is the process's user+system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// benchGet measures GET path. Cold requests start with empty caches, as
// the first request after a crawl does; warm ones find the crawled data
// (and what was derived from it) cached.
func benchGet(b *testing.B, s *Server, path string, cold bool) {
	b.Helper()
	get := func() int {
		if cold {
			s.app.Cache = &app.ReadCache{}
			s.tables, s.pages = newMemo[template.HTML](100), newMemo[workspacePage](100)
		}
		req := httptest.NewRequest("GET", path, nil)
		w := httptest.NewRecorder()
		s.ServeHTTP(w, req)
		if w.Code != 200 {
			b.Fatalf("%s: %d %.300s", path, w.Code, w.Body.String())
		}
		return w.Body.Len()
	}
	size := get() // warm
	cpu := cpuTime()
	b.ResetTimer()
	for b.Loop() {
		get()
	}
	b.StopTimer()
	b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/1000/float64(b.N), "cpu-ms/op")
	b.ReportMetric(float64(size)/1024, "KB")
}

func BenchmarkOverview1000(b *testing.B) {
	s := benchServer(b)
	b.Run("warm", func(b *testing.B) { benchGet(b, s, "/", false) })
	b.Run("cold", func(b *testing.B) { benchGet(b, s, "/", true) })
}

func BenchmarkWorkspace1000(b *testing.B) {
	s := benchServer(b)
	for _, c := range []string{"bench-client", "bench-all"} {
		b.Run(c+"/warm", func(b *testing.B) { benchGet(b, s, "/clients/"+c, false) })
		b.Run(c+"/cold", func(b *testing.B) { benchGet(b, s, "/clients/"+c, true) })
	}
}

func BenchmarkBrochureDownload1000(b *testing.B) {
	s := benchServer(b)
	benchGet(b, s, "/clients/bench-client/brochure.pdf", false)
}

func BenchmarkProject1000(b *testing.B) {
	s := benchServer(b)
	benchGet(b, s, "/projects/proj0500", false)
}

// BenchmarkServeMemory starts 'roadmapper serve' on the big database,
// requests the overview, a workspace and a brochure, waits, and reports
// the resident memory of the server at rest (rss-MB).
func BenchmarkServeMemory(b *testing.B) {
	dir, _ := bigDatabase(b)
	benchServer(b) // stores the clients
	bin := filepath.Join(b.TempDir(), "roadmapper")
	root, err := testutil.RepoRoot()
	if err != nil {
		b.Fatal(err)
	}
	if out, err := exec.Command("go", "build", "-o", bin, filepath.Join(root, "cmd", "roadmapper")).CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	for b.Loop() {
		cmd := exec.Command(bin, "--config", filepath.Join(dir, "roadmapper.toml"), "--db", filepath.Join(dir, "roadmapper.db"), "serve", "--addr", "127.0.0.1:0")
		cmd.Env = append(os.Environ(), os.Getenv("BENCH_SERVE_ENV"))
		stderr, _ := cmd.StderrPipe()
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		sc := bufio.NewScanner(stderr)
		var base string
		for sc.Scan() {
			if m := regexp.MustCompile(`serving on (http://\S+)`).FindStringSubmatch(sc.Text()); m != nil {
				base = m[1]
				break
			}
		}
		if base == "" {
			cmd.Process.Kill()
			b.Fatal("serve did not start")
		}
		for _, p := range []string{"/", "/clients/bench-client", "/clients/bench-all", "/clients/bench-client/brochure.pdf", "/projects/proj0001"} {
			resp, err := http.Get(base + p)
			if err != nil || resp.StatusCode != 200 {
				b.Fatalf("%s: %v %v", p, err, resp)
			}
			resp.Body.Close()
		}
		time.Sleep(2 * time.Second)
		status, _ := os.ReadFile(fmt.Sprintf("/proc/%d/status", cmd.Process.Pid))
		rss := 0.0
		for _, l := range strings.Split(string(status), "\n") {
			if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmRSS:" {
				kb, _ := strconv.Atoi(f[1])
				rss = float64(kb) / 1024
			}
		}
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
		b.ReportMetric(rss, "rss-MB")
	}
}

// TestMain removes the benchmarks' shared database.
func TestMain(m *testing.M) {
	code := m.Run()
	if bigDir != "" {
		os.RemoveAll(bigDir)
	}
	os.Exit(code)
}
