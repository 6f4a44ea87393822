// Command scalebench measures roadmapper at a registry of N generated
// projects: it serves N roadmap pages (5–200 KB, 5–40 sections) and N PNG
// logos on 127.0.0.1, writes a registry and two client profiles, and runs
// every command of one or more roadmapper binaries against its own
// database, printing the wall time and peak RSS of each step.
//
// It lives under .ci/ so `go test ./...` never builds it. Usage (see
// .ci/bench-scale, which builds the binaries):
//
//	go run ./.ci/scalebench -n 1000 -bin before=/tmp/rm-main -bin after=/tmp/rm-new
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"hash/fnv"
	"image"
	"image/color"
	"image/png"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

type binFlag []string

func (b *binFlag) String() string     { return strings.Join(*b, ",") }
func (b *binFlag) Set(v string) error { *b = append(*b, v); return nil }

func main() {
	n := flag.Int("n", 1000, "number of projects")
	dir := flag.String("dir", "", "work directory (default: a new temporary one, removed at the end)")
	timeout := flag.Duration("timeout", 30*time.Minute, "limit of each command")
	latency := flag.Duration("latency", 0, "added latency of every response")
	steps := flag.String("steps", "", "comma-separated steps to run (default all)")
	addr := flag.String("addr", "127.0.0.1:0", "address to serve the projects on (a fixed port lets a later run reuse a -dir's databases)")
	var bins binFlag
	flag.Var(&bins, "bin", "NAME=PATH of a roadmapper binary (repeatable)")
	flag.Parse()
	if len(bins) == 0 {
		fmt.Fprintln(os.Stderr, "scalebench: at least one -bin NAME=PATH")
		os.Exit(2)
	}
	if err := run(*n, *dir, *addr, *timeout, *latency, *steps, bins); err != nil {
		fmt.Fprintln(os.Stderr, "scalebench:", err)
		os.Exit(1)
	}
}

// step is one command of the benchmark.
type step struct {
	name string
	args []string
}

// result is how one step went.
type result struct {
	wall  time.Duration
	cpu   time.Duration // user + system: steadier than wall time on a shared machine
	rssKB int64
	exit  int
	note  string
}

func run(n int, dir, addr string, timeout, latency time.Duration, only string, bins []string) error {
	if dir == "" {
		d, err := os.MkdirTemp("", "scalebench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(d)
		dir = d
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	site := newSite(n, latency)
	srv := &http.Server{Handler: site, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String()

	cfg := filepath.Join(dir, "registry.toml")
	if err := writeRegistry(cfg, base, n, true); err != nil {
		return err
	}
	// The allow_private key only exists once the SSRF guard has landed;
	// an older binary rejects it as unknown, so it is left out for those.
	cfgOld := filepath.Join(dir, "registry-no-allow.toml")
	if err := writeRegistry(cfgOld, base, n, false); err != nil {
		return err
	}
	listed := filepath.Join(dir, "listed.toml")
	themed := filepath.Join(dir, "themed.toml")
	if err := writeClients(listed, themed, n); err != nil {
		return err
	}

	var all = []step{
		{"cold crawl", []string{"crawl", "--no-github"}},
		{"warm crawl", []string{"crawl", "--no-github"}},
		{"brochure (30 listed)", []string{"brochure", "--offline", "--client", listed, "-o", "@dir/listed.pdf"}},
		{"brochure (themed)", []string{"brochure", "--offline", "--client", themed, "-o", "@dir/themed.pdf"}},
		{"audit", []string{"audit"}},
		{"items --client", []string{"items", "--client", themed}},
		{"items --client --limit 20", []string{"items", "--client", themed, "--limit", "20"}},
		{"report", []string{"report"}},
		{"report --run 1", []string{"report", "--run", "1"}},
	}
	var plan []step
	for _, s := range all {
		if only == "" || containsStep(only, s.name) {
			plan = append(plan, s)
		}
	}

	names := make([]string, len(bins))
	results := make([][]result, len(bins))
	for b, spec := range bins {
		name, path, ok := strings.Cut(spec, "=")
		if !ok {
			return fmt.Errorf("-bin %q: want NAME=PATH", spec)
		}
		names[b] = name
		bdir := filepath.Join(dir, name)
		if err := os.MkdirAll(bdir, 0o755); err != nil {
			return err
		}
		conf := cfg
		if !acceptsConfig(path, cfg, bdir) {
			conf = cfgOld
		}
		fmt.Fprintf(os.Stderr, "== %s (%s), %d projects, config %s\n", name, path, n, filepath.Base(conf))
		for _, s := range plan {
			args := []string{"--config", conf, "--db", filepath.Join(bdir, "roadmapper.db")}
			for _, a := range s.args {
				args = append(args, strings.ReplaceAll(a, "@dir", bdir))
			}
			r := measure(path, args, timeout, bdir)
			fmt.Fprintf(os.Stderr, "%-28s %8s  cpu %8s  %6d MB  exit %d %s\n", s.name, fmtDur(r.wall), fmtDur(r.cpu), r.rssKB/1024, r.exit, r.note)
			results[b] = append(results[b], r)
		}
	}

	fmt.Printf("\n%d projects, %d requests served, %d conditional (304); wall time (user+system CPU), peak RSS\n\n",
		n, site.requests.Load(), site.notModified.Load())
	fmt.Print("| step |")
	for _, nm := range names {
		fmt.Printf(" %s |", nm)
	}
	fmt.Print("\n|---|")
	for range names {
		fmt.Print("---|")
	}
	fmt.Println()
	for i, s := range plan {
		fmt.Printf("| %s |", s.name)
		for b := range names {
			r := results[b][i]
			cell := fmt.Sprintf("%s (cpu %s), %d MB", fmtDur(r.wall), fmtDur(r.cpu), r.rssKB/1024)
			if r.exit != 0 {
				cell += fmt.Sprintf(" (exit %d%s)", r.exit, r.note)
			}
			fmt.Printf(" %s |", cell)
		}
		fmt.Println()
	}
	return nil
}

func containsStep(list, name string) bool {
	for s := range strings.SplitSeq(list, ",") {
		if strings.TrimSpace(s) == name {
			return true
		}
	}
	return false
}

// acceptsConfig says whether the binary loads the registry that carries
// [crawl].allow_private.
func acceptsConfig(bin, cfg, dir string) bool {
	cmd := exec.Command(bin, "--config", cfg, "--db", filepath.Join(dir, "probe.db"), "projects", "--format", "json")
	cmd.Stdout = io.Discard
	cmd.Stderr = io.Discard
	err := cmd.Run()
	os.Remove(filepath.Join(dir, "probe.db"))
	return err == nil
}

// measure runs one command and reads its wall time and peak RSS.
func measure(bin string, args []string, timeout time.Duration, dir string) result {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Stdout = io.Discard
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=1767225600", "ROADMAPPER_CONFIG=", "ROADMAPPER_DB=")
	cmd.Dir = dir
	t0 := time.Now()
	err := cmd.Run()
	r := result{wall: time.Since(t0)}
	if cmd.ProcessState != nil {
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			r.rssKB = ru.Maxrss
			r.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		}
		r.exit = cmd.ProcessState.ExitCode()
	}
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		r.exit, r.note = -1, ": "+err.Error()
	}
	if ctx.Err() != nil {
		r.note = ": timed out"
	}
	if r.exit != 0 {
		lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
		if last := lines[len(lines)-1]; last != "" && r.note == "" {
			r.note = ": " + truncate(last, 120)
		}
	}
	return r
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

func fmtDur(d time.Duration) string {
	switch {
	case d >= time.Minute:
		return fmt.Sprintf("%dm%02ds", int(d.Minutes()), int(d.Seconds())%60)
	case d >= 10*time.Second:
		return fmt.Sprintf("%.1fs", d.Seconds())
	default:
		return fmt.Sprintf("%.2fs", d.Seconds())
	}
}

// gpuProject says whether project i writes about GPUs: about 30 of them,
// spread over the registry, whatever its size.
func gpuProject(i, n int) bool {
	step := max(n/30, 1)
	return i%step == step/2
}

func slug(i int) string { return fmt.Sprintf("proj%05d", i) }

func writeRegistry(path, base string, n int, allowPrivate bool) error {
	var b strings.Builder
	b.WriteString("# Generated by .ci/scalebench.\n[crawl]\nconcurrency = 8\nper_host = 8\ntimeout = \"60s\"\nretries = 1\n")
	if allowPrivate {
		b.WriteString("allow_private = [\"127.0.0.0/8\"]\n")
	}
	b.WriteString("\n[audit]\nstale_after = \"730d\"\n")
	for i := range n {
		fmt.Fprintf(&b, "\n[[project]]\nslug = %q\nname = \"Project %d\"\nhomepage = \"%s/p/%d/\"\n", slug(i), i, base, i)
		fmt.Fprintf(&b, "tagline = \"Generated project number %d.\"\nroadmap = [\"%s/p/%d/roadmap.html\"]\nlogo = \"%s/p/%d/logo.png\"\n", i, base, i, base, i)
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

func writeClients(listed, themed string, n int) error {
	var slugs []string
	for i := 0; len(slugs) < 30 && i < n; i++ {
		slugs = append(slugs, strconv.Quote(slug(i*max(n/30, 1))))
	}
	l := "name = \"Listed Thirty\"\nprojects = [" + strings.Join(slugs, ", ") + "]\ninterests = [\"sharding\"]\n\n[themes]\nperformance = 2\n"
	t := "name = \"Accelerated Cloud\"\ninterests = [\"CUDA\", \"device memory\"]\n\n[themes]\ngpu = 3\n"
	if err := os.WriteFile(listed, []byte(l), 0o644); err != nil {
		return err
	}
	return os.WriteFile(themed, []byte(t), 0o644)
}

// site serves the generated pages and logos. Everything is derived from
// the project number, so the same request always gets the same bytes.
type site struct {
	n           int
	latency     time.Duration
	lastMod     string
	logos       sync.Map // int → []byte
	requests    counter
	notModified counter
}

type counter struct {
	mu sync.Mutex
	n  int64
}

func (c *counter) Add(d int64) { c.mu.Lock(); c.n += d; c.mu.Unlock() }
func (c *counter) Load() int64 { c.mu.Lock(); defer c.mu.Unlock(); return c.n }

func newSite(n int, latency time.Duration) *site {
	return &site{n: n, latency: latency, lastMod: time.Now().Add(-30 * 24 * time.Hour).UTC().Format(http.TimeFormat)}
}

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.requests.Add(1)
	if s.latency > 0 {
		time.Sleep(s.latency)
	}
	if r.URL.Path == "/robots.txt" {
		w.Header().Set("Content-Type", "text/plain")
		io.WriteString(w, "User-agent: *\nAllow: /\n")
		return
	}
	var i int
	var file string
	rest, ok := strings.CutPrefix(r.URL.Path, "/p/")
	if ok {
		num, f, _ := strings.Cut(rest, "/")
		v, err := strconv.Atoi(num)
		i, file, ok = v, f, err == nil && v >= 0 && v < s.n
	}
	if !ok {
		http.NotFound(w, r)
		return
	}
	etag := fmt.Sprintf(`"g1-%d-%s"`, i, file)
	w.Header().Set("ETag", etag)
	w.Header().Set("Last-Modified", s.lastMod)
	if r.Header.Get("If-None-Match") == etag {
		s.notModified.Add(1)
		w.WriteHeader(http.StatusNotModified)
		return
	}
	switch file {
	case "roadmap.html":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page(i, s.n))
	case "logo.png":
		w.Header().Set("Content-Type", "image/png")
		w.Write(s.logo(i))
	default:
		http.NotFound(w, r)
	}
}

var syllables = []string{"ka", "lo", "ven", "tar", "mi", "sel", "dru", "pon", "ris", "fe", "quo", "ban", "tel", "zor", "ni", "gra", "vel", "sto", "mur", "dax"}

var common = []string{"the", "and", "of", "to", "we", "will", "with", "for", "in", "a", "our", "users", "plan", "work", "library", "release", "support", "new", "improve", "module"}

// page builds the roadmap of project i: 5–40 sections, 5–200 KB.
func page(i, n int) []byte {
	rng := rand.New(rand.NewPCG(uint64(i), 0x5ca1e))
	sections := 5 + rng.IntN(36)
	size := 5<<10 + rng.IntN(195<<10)
	perSection := size / sections
	gpu := gpuProject(i, n)
	var b bytes.Buffer
	b.Grow(size + 4096)
	fmt.Fprintf(&b, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Project %d roadmap</title></head><body>\n", i)
	fmt.Fprintf(&b, "<section id=\"roadmap\"><h1>Project %d roadmap</h1>\n<p>Where project %d is going in the next releases.</p>\n", i, i)
	for s := range sections {
		start := b.Len()
		title := word(rng) + " " + word(rng) + " " + word(rng)
		if gpu && s%3 == 0 {
			title = "CUDA kernels for " + title
		}
		fmt.Fprintf(&b, "<section id=\"s%d\"><h2>%s</h2>\n", s, strings.ToUpper(title[:1])+title[1:])
		for b.Len()-start < perSection {
			b.WriteString("<p>")
			for w := 0; w < 60; w++ {
				if w > 0 {
					b.WriteByte(' ')
				}
				if rng.IntN(3) == 0 {
					b.WriteString(common[rng.IntN(len(common))])
				} else {
					b.WriteString(word(rng))
				}
			}
			if gpu && s%3 == 0 {
				b.WriteString(" GPU support through CUDA and device memory pools, with a GPU-accelerated path")
			}
			b.WriteString(".</p>\n")
		}
		b.WriteString("</section>\n")
	}
	b.WriteString("</section></body></html>\n")
	return b.Bytes()
}

func word(rng *rand.Rand) string {
	k := 1 + rng.IntN(3)
	var w string
	for range k {
		w += syllables[rng.IntN(len(syllables))]
	}
	return w
}

// logo returns project i's PNG: a 240×80 banner with a coloured mark on
// white margins, like the real ones (so trimming has work to do).
func (s *site) logo(i int) []byte {
	if v, ok := s.logos.Load(i); ok {
		return v.([]byte)
	}
	h := fnv.New32a()
	fmt.Fprint(h, i)
	sum := h.Sum32()
	img := image.NewNRGBA(image.Rect(0, 0, 240, 80))
	c := color.NRGBA{uint8(sum), uint8(sum >> 8), uint8(sum >> 16), 255}
	for y := range 80 {
		for x := range 240 {
			switch {
			case x > 12 && x < 70 && y > 10 && y < 70 && (x-41)*(x-41)+(y-40)*(y-40) < 28*28:
				img.SetNRGBA(x, y, c)
			case x > 85 && x < 228 && y > 30 && y < 50 && (x/7)%2 == 0:
				img.SetNRGBA(x, y, color.NRGBA{40, 40, 40, 255})
			default:
				img.SetNRGBA(x, y, color.NRGBA{255, 255, 255, 0})
			}
		}
	}
	var buf bytes.Buffer
	png.Encode(&buf, img)
	v, _ := s.logos.LoadOrStore(i, buf.Bytes())
	return v.([]byte)
}
