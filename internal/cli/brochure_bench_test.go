package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"testing"
	"time"
)

// The 25-project brochure of issue 16: every project of the corpus with
// three items, as a whole process and in process. Both crawl the real
// corpus from a local server first (a few seconds, not timed) and skip
// without it. For a CPU profile of the command's path:
//
//	go test ./internal/cli -run '^$' -bench BrochureCorpus25InProcess -benchtime 20x -cpuprofile cpu.out
//
// For the whole process, start-up to exit (wall, and the CPU the process
// used; the first run after the crawl separately, as it resamples and keeps
// the logos that share a width):
//
//	go test ./internal/cli -run '^$' -bench BrochureCorpus25Process -benchtime 30x
//
// (Peak memory is not reported: a child started from the test process
// inherits its resident size in the kernel's accounting. Use
// /usr/bin/time -f %M on the binary instead.)

// everyProjectProfile is a client that lists no projects: every project
// with current items gets a block.
const everyProjectProfile = "name = \"Every Project Inc.\"\nitems_per_project = 3\nlayout = \"pairs\"\npage_size = \"Letter\"\n"

// brochure25Args returns the brochure command line of the benchmarks,
// writing the profile into e's directory.
func brochure25Args(b *testing.B, e *env, pdf string) []string {
	profile := filepath.Join(e.dir, "every.toml")
	if err := os.WriteFile(profile, []byte(everyProjectProfile), 0o644); err != nil {
		b.Fatal(err)
	}
	return []string{"brochure", "--client", profile, "-o", pdf, "--include-stale", "--offline"}
}

func BenchmarkBrochureCorpus25InProcess(b *testing.B) {
	e := corpusEnv(b)
	args := brochure25Args(b, e, filepath.Join(e.dir, "every.pdf"))
	b.ResetTimer()
	for b.Loop() {
		if code, _, errOut := e.run(args...); code != 0 {
			b.Fatalf("brochure exit %d: %s", code, errOut)
		}
	}
}

func BenchmarkBrochureCorpus25Process(b *testing.B) {
	e := corpusEnv(b)
	bin := filepath.Join(b.TempDir(), "roadmapper")
	build := exec.Command("go", "build", "-o", bin, "../../cmd/roadmapper")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		b.Fatalf("go build: %v", err)
	}
	args := append([]string{"--config", e.config, "--db", e.db}, brochure25Args(b, e, filepath.Join(e.dir, "every.pdf"))...)
	var walls, cpus []time.Duration
	run := func() time.Duration {
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=1795000000", "HOME="+e.dir)
		start := time.Now()
		out, err := cmd.CombinedOutput()
		wall := time.Since(start)
		if err != nil {
			b.Fatalf("brochure: %v\n%s", err, out)
		}
		cpus = append(cpus, cmd.ProcessState.UserTime()+cmd.ProcessState.SystemTime())
		return wall
	}
	// The first brochure after a crawl resamples the logos that share a
	// width and keeps them; the next ones find them in the database.
	first := run()
	cpus = cpus[:0]
	b.ResetTimer()
	for b.Loop() {
		walls = append(walls, run())
	}
	b.ReportMetric(float64(first.Microseconds())/1000, "first-wall-ms")
	b.ReportMetric(float64(median(walls).Microseconds())/1000, "median-wall-ms")
	b.ReportMetric(float64(median(cpus).Microseconds())/1000, "median-cpu-ms")
}

// median is the middle of ds (the mean of the two middle ones for an even count).
func median(ds []time.Duration) time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	if n := len(s); n%2 == 1 {
		return s[n/2]
	} else if n > 0 {
		return (s[n/2-1] + s[n/2]) / 2
	}
	return 0
}
