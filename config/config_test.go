package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/internal/testutil"
)

func TestDefaultRegistry(t *testing.T) {
	cfg, err := Default()
	if err != nil {
		t.Fatalf("Default: %v", err)
	}
	if len(cfg.Projects) != 25 {
		t.Fatalf("registry has %d projects, want 25", len(cfg.Projects))
	}
	withRoadmap := 0
	for _, p := range cfg.Projects {
		if p.Name == "" || p.Tagline == "" || p.Homepage == "" || p.Logo == "" {
			t.Errorf("project %s lacks name, tagline, homepage or logo", p.Slug)
		}
		if len(p.Roadmap) > 0 {
			withRoadmap++
		}
	}
	if withRoadmap != 16 {
		t.Errorf("%d projects have a roadmap URL, want 16 (as in the corpus index)", withRoadmap)
	}
	if cfg.Crawl.Timeout.Duration != 30*time.Second || !cfg.Crawl.RespectRobots || cfg.Audit.StaleAfter.Duration != 730*24*time.Hour {
		t.Errorf("unexpected defaults: %+v %+v", cfg.Crawl, cfg.Audit)
	}
}

// TestRegistryMatchesCorpus checks the built-in registry against the
// corpus index: every project listed there is registered with its URL.
func TestRegistryMatchesCorpus(t *testing.T) {
	dir := testutil.CorpusDir(t)
	index, err := os.ReadFile(filepath.Join(dir, "INDEX.md"))
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(index), "\n") {
		cells := strings.Split(line, "|")
		if len(cells) < 8 || strings.TrimSpace(cells[1]) == "slug" || strings.HasPrefix(strings.TrimSpace(cells[1]), "---") {
			continue
		}
		slug, url, repo := strings.TrimSpace(cells[1]), strings.TrimSpace(cells[3]), strings.TrimSpace(cells[4])
		p, ok := cfg.Project(slug)
		if !ok {
			t.Errorf("corpus project %s missing from registry", slug)
			continue
		}
		if url != "—" && slug != "conda-forge" && (len(p.Roadmap) == 0 || p.Roadmap[0] != url) {
			t.Errorf("%s: roadmap %v, corpus says %s", slug, p.Roadmap, url)
		}
		if repo != "—" && p.Repo != repo {
			t.Errorf("%s: repo %q, corpus says %q", slug, p.Repo, repo)
		}
	}
}

func TestParseErrorsNameFileAndLine(t *testing.T) {
	const base = "[crawl]\ntimeout = \"30s\"\n\n[[project]]\nslug = \"a\"\nname = \"A\"\n"
	cases := []struct {
		name, src string
		line      int
		want      string
	}{
		{"unknown top key", "colour = 1\n", 1, `unknown key "colour"`},
		{"unknown crawl key", "[crawl]\nconcurency = 3\n", 2, `unknown key "crawl.concurency"`},
		{"unknown project key", base + "hompage = \"https://x.org\"\n", 7, `unknown key "project.hompage"`},
		{"bad duration", "[crawl]\ntimeout = \"30 seconds\"\n", 2, "bad duration"},
		{"negative duration", "[audit]\nstale_after = \"-3d\"\n", 2, "negative duration"},
		{"relative roadmap", base + "roadmap = [\"/roadmap.html\"]\n", 7, "is relative"},
		{"ftp roadmap", base + "roadmap = [\"ftp://x.org/r.md\"]\n", 7, "only http and https"},
		{"duplicate slug", base + "\n[[project]]\nslug = \"a\"\nname = \"Again\"\n", 9, `duplicate project slug "a"`},
		{"bad slug", "[[project]]\nslug = \"Not OK\"\nname = \"x\"\n", 2, "lowercase"},
		{"bad repo", base + "repo = \"numpy\"\n", 7, "owner/name"},
		{"file without repo", base + "roadmap_file = \"ROADMAP.md\"\n", 7, "needs repo"},
		{"escaping file", base + "repo = \"a/b\"\nroadmap_file = \"../x.md\"\n", 8, "inside the repository"},
		{"syntax", "[crawl\n", 2, ""},
		{"bad api url", "[github]\napi_url = \"api.github.com\"\n", 2, "relative"},
		{"negative weight", "[rank]\ndemand = -1\n", 2, "between 0 and 10"},
		{"wrong type", "[crawl]\nconcurrency = \"eight\"\n", 2, "crawl.concurrency: incompatible types"},
		{"script logo", base + "logo = \"javascript:alert(1)\"\n", 7, "only http and https"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.src), "test.toml")
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("error %v (%T), want *config.Error", err, err)
			}
			if ce.File != "test.toml" || ce.Line != tc.line {
				t.Errorf("error at %s:%d, want test.toml:%d (%v)", ce.File, ce.Line, tc.line, err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not contain %q", err, tc.want)
			}
		})
	}
}

func TestLoadResolvesRelativePaths(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "roadmapper.toml")
	src := "[brochure]\ntemplates = \"copy\"\n[[project]]\nslug = \"a\"\nname = \"A\"\nlogo = \"logos/a.png\"\n"
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := cfg.Projects[0].Logo; got != filepath.Join(dir, "logos/a.png") {
		t.Errorf("logo path %q not resolved against the config's directory", got)
	}
	if cfg.Brochure.Templates != filepath.Join(dir, "copy") {
		t.Errorf("templates %q not resolved", cfg.Brochure.Templates)
	}
	if !cfg.Crawl.RespectRobots || cfg.Crawl.Concurrency != 8 {
		t.Errorf("defaults not applied to a partial file: %+v", cfg.Crawl)
	}
}

// TestStallAfter: five minutes unless set; "0" turns the warning off.
func TestStallAfter(t *testing.T) {
	for src, want := range map[string]time.Duration{"": 5 * time.Minute, "[crawl]\nstall_after = \"0\"\n": 0, "[crawl]\nstall_after = \"90s\"\n": 90 * time.Second} {
		c, err := Parse([]byte(src), "test.toml")
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		if c.Crawl.StallAfter.Duration != want {
			t.Errorf("%q: stall_after = %v, want %v", src, c.Crawl.StallAfter.Duration, want)
		}
	}
}

func TestParseDuration(t *testing.T) {
	for in, want := range map[string]time.Duration{"30s": 30 * time.Second, "730d": 730 * 24 * time.Hour, "2w": 14 * 24 * time.Hour, "1h30m": 90 * time.Minute} {
		got, err := ParseDuration(in)
		if err != nil || got != want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "d", "3 days", "-1h", "1e9d"} {
		if _, err := ParseDuration(in); err == nil {
			t.Errorf("ParseDuration(%q) accepted", in)
		}
	}
}

func TestDurationString(t *testing.T) {
	for in, want := range map[time.Duration]string{730 * 24 * time.Hour: "730d", 24 * time.Hour: "24h", 90 * time.Second: "1m30s"} {
		if got := (Duration{in}).String(); got != want {
			t.Errorf("Duration(%v).String() = %q, want %q", in, got, want)
		}
	}
	var d Duration
	if err := d.Set("7d"); err != nil || d.Duration != 7*24*time.Hour {
		t.Errorf("Set(7d) = %v, %v", d, err)
	}
}

func TestSelect(t *testing.T) {
	cfg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	ps, err := cfg.Select([]string{"scipy", "numpy"})
	if err != nil || len(ps) != 2 || ps[0].Slug != "numpy" {
		t.Fatalf("Select = %v, %v", ps, err)
	}
	if _, err := cfg.Select([]string{"nope"}); err == nil || !strings.Contains(err.Error(), `unknown project "nope"`) {
		t.Errorf("Select unknown: %v", err)
	}
}

var themeSlugs = []string{"gpu", "performance", "scalability", "interoperability", "documentation", "ux", "domain", "typing", "security", "packaging", "platforms", "testing", "maintenance", "community", "accessibility"}

func TestExampleClients(t *testing.T) {
	cfg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	entries, err := Clients.ReadDir("clients")
	if err != nil || len(entries) != 6 {
		t.Fatalf("want 6 example clients, got %d (%v)", len(entries), err)
	}
	for _, e := range entries {
		data, _ := Clients.ReadFile("clients/" + e.Name())
		c, err := ParseClient(data, e.Name(), cfg.Slugs(), themeSlugs)
		if err != nil {
			t.Errorf("%s: %v", e.Name(), err)
			continue
		}
		if c.Name == "" || c.ItemsPerProject < 1 || c.Layout == "" || c.PageSize == "" {
			t.Errorf("%s: incomplete profile %+v", e.Name(), c)
		}
	}
}

func TestClientErrors(t *testing.T) {
	projects := []string{"numpy", "scipy"}
	cases := []struct {
		name, src string
		line      int
		want      string
	}{
		{"missing name", "layout = \"flow\"\n", 0, "name is required"},
		{"unknown key", "name = \"X\"\ncolor = \"red\"\n", 2, `unknown key "color"`},
		{"unknown project", "name = \"X\"\nprojects = [\n  \"numpy\",\n  \"pandas\",\n]\n", 4, `unknown project "pandas"`},
		{"unknown theme", "name = \"X\"\n[themes]\ngpu = 2\nquantum = 1\n", 4, `unknown theme "quantum"`},
		{"bad layout", "name = \"X\"\nlayout = \"grid\"\n", 2, "layout"},
		{"bad page", "name = \"X\"\npage_size = \"A3\"\n", 2, "page_size"},
		{"too many items", "name = \"X\"\nitems_per_project = 40\n", 2, "between 1 and 10"},
		{"zero items", "name = \"X\"\nlayout = \"flow\"\nitems_per_project = 0\n", 3, "items_per_project must be between 1 and 10"},
		{"negative items", "name = \"X\"\nitems_per_project = -2\n", 2, "between 1 and 10"},
		{"theme weight", "name = \"X\"\n[themes]\ngpu = 7\n", 3, "between 0 (neutral) and 3"},
		{"wrong type", "name = \"X\"\ninterests = \"gpu\"\n", 2, "interests: incompatible types"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseClient([]byte(tc.src), "acme.toml", projects, themeSlugs)
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("error %v, want *config.Error", err)
			}
			if ce.Line != tc.line || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %q (line %d), want line %d containing %q", err, ce.Line, tc.line, tc.want)
			}
		})
	}
	c, err := ParseClient([]byte("name = 'Quotes \"&\" Co.'\n"), "q.toml", projects, nil)
	if err != nil || c.Layout != "pairs" || c.PageSize != "Letter" || c.ItemsPerProject != 3 || c.MinScore != 0 {
		t.Errorf("defaults: %+v %v", c, err)
	}
	c, err = ParseClient([]byte("name = 'X'\ninterests = ['GPU']\n"), "q.toml", projects, nil)
	if err != nil || c.MinScore != DefaultMinScore {
		t.Errorf("a profile with interests gets min_score %v (%v), want %v", c.MinScore, err, DefaultMinScore)
	}
}

// TestClientListsDeduplicated: a project listed twice is shown once (issue
// 14 §19), and so on for every list of a profile.
func TestClientListsDeduplicated(t *testing.T) {
	src := "name = 'X'\nprojects = ['numpy', 'scipy', 'numpy']\nprefer_projects = ['scipy', 'scipy']\ninterests = ['GPU', 'GPU', 'CUDA']\n"
	c, err := ParseClient([]byte(src), "x.toml", []string{"numpy", "scipy"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(c.Projects, ",") != "numpy,scipy" || strings.Join(c.PreferProjects, ",") != "scipy" || strings.Join(c.Interests, ",") != "GPU,CUDA" {
		t.Errorf("lists not deduplicated: %q %q %q", c.Projects, c.PreferProjects, c.Interests)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("[crawl]\ntimeout = \"30s\"\n[[project]]\nslug = \"a\"\nname = \"A\"\n"))
	f.Add(Registry)
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := Parse(data, "fuzz.toml")
		if err == nil && cfg == nil {
			t.Fatal("nil config without error")
		}
	})
}
