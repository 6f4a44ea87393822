// Package config reads roadmapper's configuration: the crawl, GitHub, audit
// and brochure settings, the registry of projects, and client profiles. It
// embeds the defaults (the registry of PyData projects, the themes and
// example client profiles), so the binary works without any file.
//
// Loading is strict: unknown keys, duplicate slugs, relative or non-http(s)
// URLs and malformed durations are errors of type *Error, which name the
// file and line.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/roadmapper/roadmapper/internal/roadmap"
	"github.com/roadmapper/roadmapper/internal/tomlsafe"
)

// DefaultName is the name under which the embedded registry reports errors.
const DefaultName = "(built-in registry)"

// Error is a configuration problem at a place in a file.
type Error struct {
	File string
	Line int // 0 when unknown
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Crawl holds the [crawl] table.
type Crawl struct {
	UserAgent     string   `toml:"user_agent"`
	Concurrency   int      `toml:"concurrency"`
	PerHost       int      `toml:"per_host"`
	Timeout       Duration `toml:"timeout"`
	MaxPageBytes  int64    `toml:"max_page_bytes"`
	RespectRobots bool     `toml:"respect_robots"`
	Retries       int      `toml:"retries"`
	// AllowPrivate lists CIDR ranges the crawler may reach although they
	// are not public (loopback, private, link-local); AllowPrivateNets is
	// the parsed form.
	AllowPrivate     []string       `toml:"allow_private"`
	AllowPrivateNets []netip.Prefix `toml:"-"`
	StallAfter       Duration       `toml:"stall_after"` // warn with a goroutine dump when no project finishes for this long; 0: never
}

// GitHub holds the [github] table.
type GitHub struct {
	APIURL   string   `toml:"api_url"`
	TokenEnv string   `toml:"token_env"`
	Labels   []string `toml:"labels"`
}

// Audit holds the [audit] table.
type Audit struct {
	StaleAfter Duration `toml:"stale_after"`
	MinItems   int      `toml:"min_items"`
	MinWords   int      `toml:"min_words"`
}

// Brochure holds the [brochure] table.
type Brochure struct {
	Templates    string   `toml:"templates"`     // directory overriding the embedded copy templates
	FallbackFont string   `toml:"fallback_font"` // TTF for glyphs the Go fonts lack (CJK, Arabic, emoji)
	MaxAge       Duration `toml:"max_age"`       // crawl first when the newest crawl is older
}

// Rank holds the [rank] table: where themes and curation come from, and
// the weights of the score (see the README for what each one does).
type Rank struct {
	Themes   string `toml:"themes"`   // themes TOML overriding the embedded taxonomy
	Curation string `toml:"curation"` // curation TOML (pin, hide, retitle, rewrite)

	// Intrinsic signals, relative to each other.
	Demand       float64 `toml:"demand"`       // reactions and comments on linked issues
	Concreteness float64 `toml:"concreteness"` // proposals, issue links, substance of the text
	Freshness    float64 `toml:"freshness"`    // how recently the roadmap was updated
	Position     float64 `toml:"position"`     // earlier in the roadmap ranks a little higher
	// The final mix.
	Intrinsic float64 `toml:"intrinsic"` // share of the intrinsic score
	ThemeFit  float64 `toml:"theme_fit"` // share of the client's theme weights
	Interests float64 `toml:"interests"` // share of the client's free-text interests (BM25)
	Prefer    float64 `toml:"prefer"`    // bonus for the client's preferred projects
}

// Config is a whole configuration.
type Config struct {
	File     string            `toml:"-"` // where it was read from, or DefaultName
	Crawl    Crawl             `toml:"crawl"`
	GitHub   GitHub            `toml:"github"`
	Audit    Audit             `toml:"audit"`
	Brochure Brochure          `toml:"brochure"`
	Rank     Rank              `toml:"rank"`
	Projects []roadmap.Project `toml:"-"`
}

// rawProject mirrors a [[project]] table as written.
type rawProject struct {
	Slug        string   `toml:"slug"`
	Name        string   `toml:"name"`
	Homepage    string   `toml:"homepage"`
	Tagline     string   `toml:"tagline"`
	Repo        string   `toml:"repo"`
	Roadmap     []string `toml:"roadmap"`
	RoadmapFile string   `toml:"roadmap_file"`
	Labels      []string `toml:"labels"`
	Logo        string   `toml:"logo"`
	Colour      string   `toml:"colour"`
	Group       string   `toml:"group"`
}

type rawConfig struct {
	Crawl    Crawl        `toml:"crawl"`
	GitHub   GitHub       `toml:"github"`
	Audit    Audit        `toml:"audit"`
	Brochure Brochure     `toml:"brochure"`
	Rank     Rank         `toml:"rank"`
	Project  []rawProject `toml:"project"`
}

// Defaults returns the settings used for keys a file leaves out.
func defaults() rawConfig {
	return rawConfig{
		Crawl: Crawl{
			UserAgent:     "roadmapper/1 (+https://github.com/roadmapper/roadmapper)",
			Concurrency:   8,
			PerHost:       2,
			Timeout:       Duration{30 * time.Second},
			MaxPageBytes:  10 << 20,
			RespectRobots: true,
			Retries:       3,
			StallAfter:    Duration{5 * time.Minute},
		},
		GitHub: GitHub{
			APIURL:   "https://api.github.com/",
			TokenEnv: "GITHUB_TOKEN",
			Labels:   []string{"roadmap"},
		},
		Audit: Audit{
			StaleAfter: Duration{730 * 24 * time.Hour},
			MinItems:   3,
			MinWords:   300,
		},
		Brochure: Brochure{MaxAge: Duration{24 * time.Hour}},
		Rank: Rank{
			Demand: 0.30, Concreteness: 0.35, Freshness: 0.20, Position: 0.15,
			Intrinsic: 0.30, ThemeFit: 0.40, Interests: 0.20, Prefer: 0.10,
		},
	}
}

// Default returns the embedded default configuration: the built-in
// registry of PyData projects with default settings.
func Default() (*Config, error) {
	return Parse(Registry, DefaultName)
}

// Load reads the configuration file at path.
func Load(path string) (*Config, error) {
	data, err := tomlsafe.ReadFile(path)
	if err != nil {
		return nil, &Error{File: path, Msg: "cannot read the configuration: " + unwrapPath(err)}
	}
	cfg, err := Parse(data, path)
	if err != nil {
		return nil, err
	}
	// Local logo paths are relative to the config file.
	dir := filepath.Dir(path)
	for i := range cfg.Projects {
		l := cfg.Projects[i].Logo
		if l != "" && !isURL(l) && !filepath.IsAbs(l) {
			cfg.Projects[i].Logo = filepath.Join(dir, l)
		}
	}
	resolve := func(p *string) {
		if *p != "" && !filepath.IsAbs(*p) {
			*p = filepath.Join(dir, *p)
		}
	}
	resolve(&cfg.Brochure.Templates)
	resolve(&cfg.Brochure.FallbackFont)
	resolve(&cfg.Rank.Themes)
	resolve(&cfg.Rank.Curation)
	return cfg, nil
}

// Parse reads a configuration from data; file names it in errors.
func Parse(data []byte, file string) (*Config, error) {
	raw := defaults()
	src := string(data)
	if e := tomlsafe.Check(data); e != nil {
		return nil, &Error{File: file, Line: e.Line, Msg: e.Msg}
	}
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&raw)
	if err != nil {
		return nil, decodeError(file, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		k := und[0]
		return nil, &Error{File: file, Line: keyLine(src, k.String(), 1), Msg: "unknown key " + quote(k.String())}
	}
	if !md.IsDefined("crawl", "respect_robots") {
		raw.Crawl.RespectRobots = true
	}
	cfg := &Config{File: file, Crawl: raw.Crawl, GitHub: raw.GitHub, Audit: raw.Audit, Brochure: raw.Brochure, Rank: raw.Rank}
	if err := cfg.validateSettings(src); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	occ := map[string]int{}
	for i, rp := range raw.Project {
		slugLine := func() int {
			occ[rp.Slug]++
			return valueLine(src, "slug", rp.Slug, occ[rp.Slug])
		}
		p, msg, key := checkProject(rp)
		if msg != "" {
			line := 0
			if key != "" {
				line = projectKeyLine(src, i, key)
			}
			name := rp.Slug
			if name == "" {
				name = fmt.Sprintf("#%d", i+1)
			}
			return nil, &Error{File: file, Line: line, Msg: fmt.Sprintf("project %s: %s", name, msg)}
		}
		if seen[p.Slug] {
			occ[p.Slug] = 1
			return nil, &Error{File: file, Line: slugLine(), Msg: fmt.Sprintf("duplicate project slug %q", p.Slug)}
		}
		seen[p.Slug] = true
		cfg.Projects = append(cfg.Projects, p)
	}
	return cfg, nil
}

// unwrapPath drops the path from an *os.PathError's message: Error
// already names the file.
func unwrapPath(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

func decodeError(file string, err error) error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		msg := pe.Message
		if msg == "" {
			msg = err.Error()
		}
		return &Error{File: file, Line: pe.Position.Line, Msg: msg}
	}
	msg := err.Error()
	if m := lineInMsg.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		text := strings.TrimPrefix(m[3], ": ")
		if m[2] != "" {
			text = m[2] + ": " + text
		}
		return &Error{File: file, Line: line, Msg: text}
	}
	return &Error{File: file, Msg: msg}
}

// lineInMsg picks the line out of decoder errors that are not ParseErrors.
var lineInMsg = regexp.MustCompile(`^toml: line (\d+)(?: \(last key "([^"]*)"\))?(.*)$`)

func (c *Config) validateSettings(src string) error {
	bad := func(key, msg string) error {
		return &Error{File: c.File, Line: keyLine(src, key, 1), Msg: msg}
	}
	switch {
	case strings.TrimSpace(c.Crawl.UserAgent) == "":
		return bad("crawl.user_agent", "crawl.user_agent must not be empty")
	case strings.ContainsFunc(c.Crawl.UserAgent, func(r rune) bool { return r < 0x20 || r == 0x7f }):
		return bad("crawl.user_agent", "crawl.user_agent must be one line without control characters (it is sent as an HTTP header)")
	case c.Crawl.Concurrency < 1 || c.Crawl.Concurrency > 256:
		return bad("crawl.concurrency", "crawl.concurrency must be between 1 and 256")
	case c.Crawl.PerHost < 1 || c.Crawl.PerHost > 64:
		return bad("crawl.per_host", "crawl.per_host must be between 1 and 64")
	case c.Crawl.Timeout.Duration <= 0:
		return bad("crawl.timeout", "crawl.timeout must be positive")
	case c.Crawl.MaxPageBytes < 1024 || c.Crawl.MaxPageBytes > MaxPageBytesLimit:
		return bad("crawl.max_page_bytes", fmt.Sprintf("crawl.max_page_bytes must be between 1024 and %d (1 GiB)", MaxPageBytesLimit))
	case c.Crawl.Retries < 0 || c.Crawl.Retries > 10:
		return bad("crawl.retries", "crawl.retries must be between 0 and 10")
	case c.Audit.MinItems < 0:
		return bad("audit.min_items", "audit.min_items must not be negative")
	case c.Audit.MinWords < 0:
		return bad("audit.min_words", "audit.min_words must not be negative")
	case c.Audit.StaleAfter.Duration <= 0:
		return bad("audit.stale_after", "audit.stale_after must be positive")
	}
	for _, w := range []struct {
		key string
		v   float64
	}{{"demand", c.Rank.Demand}, {"concreteness", c.Rank.Concreteness}, {"freshness", c.Rank.Freshness},
		{"position", c.Rank.Position}, {"intrinsic", c.Rank.Intrinsic}, {"theme_fit", c.Rank.ThemeFit},
		{"interests", c.Rank.Interests}, {"prefer", c.Rank.Prefer}} {
		if math.IsNaN(w.v) || w.v < 0 || w.v > 10 {
			return bad("rank."+w.key, fmt.Sprintf("rank.%s = %g must be between 0 and 10", w.key, w.v))
		}
	}
	if c.Rank.Demand+c.Rank.Concreteness+c.Rank.Freshness+c.Rank.Position == 0 {
		return bad("rank.demand", "rank: at least one of demand, concreteness, freshness, position must be positive")
	}
	if err := checkHTTPURL(c.GitHub.APIURL); err != "" {
		return bad("github.api_url", "github.api_url: "+err)
	}
	c.Crawl.AllowPrivateNets = nil
	for _, cidr := range c.Crawl.AllowPrivate {
		p, err := netip.ParsePrefix(strings.TrimSpace(cidr))
		if err != nil {
			return &Error{File: c.File, Line: valueLineInList(src, "crawl.allow_private", cidr),
				Msg: fmt.Sprintf("crawl.allow_private: %s is not a CIDR range such as \"10.1.2.0/24\"", quote(cidr))}
		}
		c.Crawl.AllowPrivateNets = append(c.Crawl.AllowPrivateNets, p.Masked())
	}
	if !regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`).MatchString(c.GitHub.TokenEnv) {
		return bad("github.token_env", "github.token_env must be an environment variable name")
	}
	for _, l := range c.GitHub.Labels {
		if strings.TrimSpace(l) == "" {
			return bad("github.labels", "github.labels must not contain empty labels")
		}
	}
	return nil
}

// projectKeyLine finds the line of key inside the i-th [[project]] table.
func projectKeyLine(src string, i int, key string) int {
	header := keyLine(src, "project", i+1)
	if header == 0 {
		return 0
	}
	lines := strings.Split(src, "\n")
	re := regexp.MustCompile(`^\s*` + regexp.QuoteMeta(key) + `\s*=`)
	for n := header; n < len(lines); n++ {
		t := strings.TrimSpace(lines[n])
		if strings.HasPrefix(t, "[") {
			break
		}
		if re.MatchString(lines[n]) {
			return n + 1
		}
	}
	return header
}

var (
	slugRe   = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)
	repoRe   = regexp.MustCompile(`^[A-Za-z0-9-]+/[A-Za-z0-9._-]+$`)
	colourRe = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)
	groupRe  = regexp.MustCompile(`^[a-z0-9][a-z0-9 -]{0,39}$`)
)

// checkProject validates one project; on failure it returns a message and
// the offending key.
func checkProject(rp rawProject) (roadmap.Project, string, string) {
	p := roadmap.Project{
		Slug: strings.TrimSpace(rp.Slug), Name: strings.TrimSpace(rp.Name),
		Homepage: rp.Homepage, Tagline: strings.TrimSpace(rp.Tagline), Repo: rp.Repo,
		Roadmap: rp.Roadmap, RoadmapFile: rp.RoadmapFile, Labels: rp.Labels, Logo: rp.Logo,
		Colour: rp.Colour, Group: strings.TrimSpace(rp.Group),
	}
	if p.Roadmap == nil {
		p.Roadmap = []string{}
	}
	if !slugRe.MatchString(p.Slug) {
		return p, fmt.Sprintf("slug %q must be lowercase letters, digits and hyphens", rp.Slug), "slug"
	}
	if p.Name == "" {
		return p, "name is required", "slug"
	}
	if p.Homepage != "" {
		if e := checkHTTPURL(p.Homepage); e != "" {
			return p, "homepage: " + e, "homepage"
		}
	}
	for _, u := range p.Roadmap {
		if e := checkHTTPURL(u); e != "" {
			return p, "roadmap: " + e, "roadmap"
		}
	}
	if p.Repo != "" && !repoRe.MatchString(p.Repo) {
		return p, fmt.Sprintf("repo %q must be owner/name", p.Repo), "repo"
	}
	if p.RoadmapFile != "" {
		if p.Repo == "" {
			return p, "roadmap_file needs repo", "roadmap_file"
		}
		clean := filepath.ToSlash(filepath.Clean(p.RoadmapFile))
		if strings.HasPrefix(clean, "/") || strings.HasPrefix(clean, "..") {
			return p, fmt.Sprintf("roadmap_file %q must be a path inside the repository", p.RoadmapFile), "roadmap_file"
		}
	}
	for _, l := range p.Labels {
		if strings.TrimSpace(l) == "" {
			return p, "labels must not contain empty labels", "labels"
		}
	}
	if p.Logo != "" && hasScheme(p.Logo) {
		if e := checkHTTPURL(p.Logo); e != "" {
			return p, "logo: " + e, "logo"
		}
	}
	if p.Group != "" && !groupRe.MatchString(p.Group) {
		return p, fmt.Sprintf("group %q must be a short lowercase word (letters, digits, spaces, hyphens)", rp.Group), "group"
	}
	if p.Colour != "" && !colourRe.MatchString(p.Colour) {
		return p, fmt.Sprintf("colour %q must be #rrggbb", p.Colour), "colour"
	}
	return p, "", ""
}

// checkHTTPURL returns "" for an absolute http(s) URL with a host, else why not.
func checkHTTPURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Sprintf("%s is not a URL", quote(s))
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		if u.Scheme == "" {
			return fmt.Sprintf("%s is relative; give an absolute http(s) URL", quote(s))
		}
		return fmt.Sprintf("%s: only http and https URLs are accepted", quote(s))
	}
	if u.Host == "" {
		return fmt.Sprintf("%s has no host", quote(s))
	}
	if u.User != nil {
		return fmt.Sprintf("%s holds a user name or password; credentials never go in a configured URL", quote(u.Redacted()))
	}
	return ""
}

// MaxPageBytesLimit is the largest [crawl].max_page_bytes accepted.
const MaxPageBytesLimit = 1 << 30

// quote quotes s for an error message, cut to about 100 characters so a
// huge key or value cannot flood the terminal.
func quote(s string) string {
	const max = 100
	if len(s) > max {
		cut := max
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		return strconv.Quote(s[:cut]) + fmt.Sprintf("… (%d bytes)", len(s))
	}
	return strconv.Quote(s)
}

// hasScheme reports whether s starts like a URL ("x:" with a scheme of two
// or more letters), as opposed to a local path (Windows drive letters are
// one letter).
func hasScheme(s string) bool {
	u, err := url.Parse(s)
	return err != nil || len(u.Scheme) > 1
}

func isURL(s string) bool { return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") }

// Project returns the project with the given slug.
func (c *Config) Project(slug string) (roadmap.Project, bool) {
	for _, p := range c.Projects {
		if p.Slug == slug {
			return p, true
		}
	}
	return roadmap.Project{}, false
}

// Select returns the projects named by slugs, in config order; all when
// slugs is empty. An unknown slug is an error listing the known ones.
func (c *Config) Select(slugs []string) ([]roadmap.Project, error) {
	if len(slugs) == 0 {
		return c.Projects, nil
	}
	want := map[string]bool{}
	for _, s := range slugs {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if _, ok := c.Project(s); !ok {
			return nil, fmt.Errorf("unknown project %s (known: %s)", quote(s), strings.Join(c.Slugs(), ", "))
		}
		want[s] = true
	}
	var out []roadmap.Project
	for _, p := range c.Projects {
		if want[p.Slug] {
			out = append(out, p)
		}
	}
	return out, nil
}

// Slugs lists the configured project slugs in order.
func (c *Config) Slugs() []string {
	out := make([]string, len(c.Projects))
	for i, p := range c.Projects {
		out[i] = p.Slug
	}
	return out
}

// LabelsFor returns the roadmap labels of p: its own, else the defaults.
func (c *Config) LabelsFor(p roadmap.Project) []string {
	if len(p.Labels) > 0 {
		return p.Labels
	}
	return c.GitHub.Labels
}
