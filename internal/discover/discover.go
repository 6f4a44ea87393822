// Package discover finds where a project keeps its roadmap, from its GitHub
// repository name alone, and proposes a registry entry with the evidence
// and a confidence.
//
// It reads the repository through internal/github (facts, the git tree of
// the default branch, the README, the labels: at most five requests, all
// conditional) and the project's homepage and documentation front page
// through the crawler's polite Fetcher, checks every roadmap-looking link
// it finds (a link that answers 404 or leads to an old blog post is not a
// roadmap), and proposes a logo checked by internal/logo. Gathering is
// kept apart from scoring: score is a pure function of what was gathered.
package discover

import (
	"context"
	"log/slog"
	"net/url"
	"strings"
	"time"

	"github.com/roadmapper/roadmapper/crawler"
	"github.com/roadmapper/roadmapper/internal/github"
	"github.com/roadmapper/roadmapper/internal/logo"
	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// Proposal is a proposed registry entry for one repository.
type Proposal struct {
	Repo        string   `json:"repo"`
	Slug        string   `json:"slug"`
	Name        string   `json:"name"`
	Homepage    string   `json:"homepage"`
	Tagline     string   `json:"tagline"`
	Roadmap     []string `json:"roadmap"`
	RoadmapFile *string  `json:"roadmap_file"`
	Labels      []string `json:"labels"`
	Logo        *string  `json:"logo"`
	Confidence  float64  `json:"confidence"` // 0 when no roadmap source is proposed
	Review      []string `json:"review"`     // what a person should check before using it
	Evidence    []string `json:"evidence"`
	Err         string   `json:"error,omitempty"` // the repository could not be read
}

// Found reports whether the proposal names a roadmap document (a page or a
// file of the repository).
func (p Proposal) Found() bool { return len(p.Roadmap) > 0 || p.RoadmapFile != nil }

// GitHub is what discovery needs of the GitHub client.
type GitHub interface {
	Survey(ctx context.Context, repo string) *github.Survey
}

// Web fetches pages and images politely (crawler.Fetcher).
type Web interface {
	Page(ctx context.Context, url string) (crawler.Response, error)
	Image(ctx context.Context, url string) (crawler.Response, error)
}

// DefaultRawBaseURL serves repository files by branch and path.
const DefaultRawBaseURL = "https://raw.githubusercontent.com/"

// RawBaseFor is where repository files are served raw for a GitHub API
// base URL: raw.githubusercontent.com for the public API, else the
// Enterprise form https://HOST/raw/ (which the test fake serves too).
func RawBaseFor(apiURL string) string {
	u, err := url.Parse(apiURL)
	if err != nil || u.Host == "" || strings.EqualFold(u.Host, "api.github.com") {
		return DefaultRawBaseURL
	}
	return u.Scheme + "://" + u.Host + "/raw/"
}

// Options tune a Discoverer. Zero fields take the defaults.
type Options struct {
	RawBaseURL string // raw file base, with trailing slash (default raw.githubusercontent.com)
	MaxChecks  int    // candidate roadmap URLs fetched per repository (default 6)
	MaxLogos   int    // repository logo files tried (default 3)
	// CheckLogo says whether logo bytes make a usable logo; default: internal/logo
	// prepares it and anything but a monogram passes.
	CheckLogo func(ctx context.Context, data []byte, contentType string) (ok bool, note string)
	Now       func() time.Time
	Logger    *slog.Logger
}

// Discoverer proposes registry entries.
type Discoverer struct {
	gh   GitHub
	web  Web
	opts Options
}

// New returns a Discoverer; web may be nil (GitHub only).
func New(gh GitHub, web Web, opts Options) *Discoverer {
	if opts.RawBaseURL == "" {
		opts.RawBaseURL = DefaultRawBaseURL
	}
	if !strings.HasSuffix(opts.RawBaseURL, "/") {
		opts.RawBaseURL += "/"
	}
	if opts.MaxChecks <= 0 {
		opts.MaxChecks = 6
	}
	if opts.MaxLogos <= 0 {
		opts.MaxLogos = 3
	}
	if opts.CheckLogo == nil {
		opts.CheckLogo = checkLogo
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	return &Discoverer{gh: gh, web: web, opts: opts}
}

// checkLogo runs the logo pipeline on data: a logo that falls back to a
// monogram is not usable.
func checkLogo(ctx context.Context, data []byte, contentType string) (bool, string) {
	lg := logo.Prepare(ctx, roadmap.Project{Slug: "candidate", Name: "candidate"}, data, contentType, logo.Options{})
	if lg.Method == roadmap.LogoMonogram {
		return false, lg.Note
	}
	return true, lg.Method
}

// Discover proposes an entry for repo ("owner/name"). A repository that
// cannot be read gives a proposal with Err set.
func (d *Discoverer) Discover(ctx context.Context, repo string) Proposal {
	repo = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(repo, "https://github.com/"), "github.com/"), "/"))
	sv := d.gh.Survey(ctx, repo)
	if sv.Repo == nil {
		msg := sv.Err
		if sv.Skipped != "" {
			msg = "GitHub " + sv.Skipped
		}
		if msg == "" {
			msg = "repository " + repo + " could not be read"
		}
		_, name, _ := strings.Cut(repo, "/")
		return Proposal{Repo: repo, Slug: Slug(name), Name: name, Roadmap: []string{}, Labels: []string{},
			Evidence: append([]string{}, sv.Warnings...), Review: []string{}, Err: msg}
	}
	if sv.Repo.FullName == "" {
		sv.Repo.FullName = repo
	}
	o := observations{Repo: repo, Survey: sv, Checks: map[string]pageCheck{}, Now: d.opts.Now()}
	if d.web != nil {
		d.readSites(ctx, &o)
		d.checkCandidates(ctx, &o)
	}
	d.chooseLogo(ctx, &o)
	return score(o)
}

// DiscoverAll proposes entries for every repository in order, calling
// progress (may be nil) after each.
func (d *Discoverer) DiscoverAll(ctx context.Context, repos []string, progress func(Proposal)) []Proposal {
	out := make([]Proposal, 0, len(repos))
	for _, r := range repos {
		if ctx.Err() != nil {
			break
		}
		p := d.Discover(ctx, r)
		out = append(out, p)
		if progress != nil {
			progress(p)
		}
	}
	return out
}

// readSites fetches the homepage and, when it links one, the documentation
// front page.
func (d *Discoverer) readSites(ctx context.Context, o *observations) {
	home := o.Survey.Repo.Homepage
	if home == "" {
		return
	}
	info, ok := d.readPage(ctx, o, home, "homepage")
	if !ok {
		return
	}
	o.Pages = append(o.Pages, info)
	if docs := docsLink(info, home); docs != "" {
		if di, ok := d.readPage(ctx, o, docs, "documentation"); ok {
			o.Pages = append(o.Pages, di)
		}
	}
}

func (d *Discoverer) readPage(ctx context.Context, o *observations, u, what string) (pageInfo, bool) {
	resp, err := d.web.Page(ctx, u)
	if err != nil {
		o.WebNotes = append(o.WebNotes, what+" "+u+": "+cleanText(err.Error()))
		return pageInfo{}, false
	}
	return htmlLinks(resp.Body, u, what), true
}

// docsLink picks the documentation front page a homepage links to: a link
// whose text says docs or documentation, or whose host starts with docs.
// or lives on Read the Docs; "" when the homepage is the documentation.
func docsLink(info pageInfo, home string) string {
	hu, _ := url.Parse(home)
	for _, l := range info.Links {
		u, err := url.Parse(l.URL)
		if err != nil {
			continue
		}
		t := squash(l.Text)
		h := strings.ToLower(u.Host)
		looks := t == "docs" || t == "documentation" || t == "doc" || t == "userguide" ||
			strings.HasPrefix(h, "docs.") || strings.Contains(h, "readthedocs.")
		if !looks || (hu != nil && strings.EqualFold(u.Host, hu.Host) && strings.Trim(u.Path, "/") == strings.Trim(hu.Path, "/")) {
			continue
		}
		if hu != nil && !strings.EqualFold(u.Host, hu.Host) && siteDomain(strings.ToLower(u.Hostname())) != siteDomain(strings.ToLower(hu.Hostname())) &&
			!strings.Contains(h, "readthedocs.") {
			continue // someone else's documentation
		}
		return candidateURL(l.URL)
	}
	return ""
}

// checkCandidates fetches the roadmap-looking web links (best first, at
// most MaxChecks) and judges each.
func (d *Discoverer) checkCandidates(ctx context.Context, o *observations) {
	g := gather(*o)
	order := append([]string(nil), g.webOrder...)
	// Best-placed first, so the budget goes to the likeliest.
	for i := 1; i < len(order); i++ {
		for j := i; j > 0 && g.web[order[j]].Score > g.web[order[j-1]].Score; j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	for i, u := range order {
		if i >= d.opts.MaxChecks || ctx.Err() != nil {
			break
		}
		resp, err := d.web.Page(ctx, u)
		o.Checks[u] = judgePage(u, resp.ContentType, resp.Body, err, o.Now)
	}
}

// chooseLogo tries the repository's logo files (SVG first), then the
// homepage's og:image and icons, keeping the first the logo pipeline
// accepts.
func (d *Discoverer) chooseLogo(ctx context.Context, o *observations) {
	sv := o.Survey
	if d.web == nil {
		return
	}
	_, name, _ := strings.Cut(sv.Repo.FullName, "/")
	tried := 0
	for _, c := range logoCandidates(sv.Tree, name) {
		if tried >= d.opts.MaxLogos || sv.DefaultBranch == "" {
			break
		}
		tried++
		u := d.opts.RawBaseURL + sv.Repo.FullName + "/" + escapePath(sv.DefaultBranch) + "/" + escapePath(c.Path)
		if ok, note := d.tryLogo(ctx, u); ok {
			o.Logo, o.LogoWhy = u, c.Path+" in the repository ("+note+")"
			return
		}
	}
	if len(o.Pages) > 0 {
		for i, u := range o.Pages[0].Images {
			if i >= d.opts.MaxLogos {
				break
			}
			if ok, note := d.tryLogo(ctx, u); ok {
				o.Logo, o.LogoWhy = u, "from the homepage ("+note+")"
				return
			}
		}
	}
}

func (d *Discoverer) tryLogo(ctx context.Context, u string) (bool, string) {
	resp, err := d.web.Image(ctx, u)
	if err != nil {
		d.opts.Logger.Debug("logo candidate unavailable", "url", u, "err", err)
		return false, ""
	}
	return d.opts.CheckLogo(ctx, resp.Body, resp.ContentType)
}

// escapePath escapes each segment of a slash-separated path.
func escapePath(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		parts[i] = url.PathEscape(s)
	}
	return strings.Join(parts, "/")
}
