package discover

import (
	"fmt"
	"math"
	"net/url"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/roadmapper/roadmapper/internal/github"
)

// Thresholds of a proposal.
const (
	proposeAt   = 0.5  // a source scoring this much is proposed
	mentionAt   = 0.3  // below proposeAt but this much: listed for review
	reviewBelow = 0.6  // a proposal less sure than this is marked for review
	labelScore  = 0.4  // a roadmap label alone: issues, not a document
	maxProposed = 2    // roadmap URLs proposed at most
	maxScore    = 0.99 // no proposal is certain
)

// observations is everything discovery learnt about one repository, from
// GitHub and the web; score turns it into a Proposal without any I/O.
type observations struct {
	Repo     string
	Survey   *github.Survey
	Pages    []pageInfo           // homepage, then the documentation front page
	Checks   map[string]pageCheck // fetched candidate URL (no fragment) → verdict
	Logo     string               // chosen logo URL, "" when none
	LogoWhy  string
	WebNotes []string // web-side failures worth saying ("homepage …: HTTP 503")
	Now      time.Time
}

// linkKind is what a roadmap-looking link points at.
type linkKind int

const (
	kindWeb   linkKind = iota // a web page to check
	kindFile                  // a file of this repository (Target is its path)
	kindLabel                 // an issue listing by label (Target is the label)
	kindBoard                 // a GitHub project board, milestone or issue: not a document
)

// webCand is a roadmap URL found in links, with its score so far.
type webCand struct {
	URL     string
	Score   float64
	OwnSite bool     // on the project's homepage, documentation or GitHub site
	Places  []string // "homepage navigation 'Roadmap'"
	byPage  map[string]float64
}

// candidateURL drops the fragment of a link target.
func candidateURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	u.Fragment, u.RawFragment = "", ""
	return u.String()
}

// roadmapLinks returns the links of a README or page that say roadmap in
// their text or target.
func roadmapLinks(links []link) []link {
	var out []link
	for _, l := range links {
		if saysRoadmap(l.Text) || saysRoadmap(urlPathAndQuery(l.URL)) {
			out = append(out, l)
		}
	}
	return out
}

func urlPathAndQuery(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	q, _ := url.QueryUnescape(u.RawQuery)
	return u.Path + "?" + q
}

// classifyLink says what l points at, relative to the surveyed repository.
func classifyLink(l link, owner, name, branch, htmlURL string) (linkKind, string) {
	u, err := url.Parse(l.URL)
	if err != nil {
		return kindWeb, l.URL
	}
	host := strings.ToLower(u.Host)
	segs := strings.Split(strings.Trim(u.Path, "/"), "/")
	own := func(o, r string) bool { return strings.EqualFold(o, owner) && strings.EqualFold(r, name) }
	if h, err := url.Parse(htmlURL); err == nil && h.Host != "" && strings.EqualFold(h.Host, u.Host) && host != "github.com" {
		// The API's web base (a test server or GitHub Enterprise) works like github.com.
		host = "github.com"
	}
	switch host {
	case "raw.githubusercontent.com":
		if len(segs) >= 4 && own(segs[0], segs[1]) {
			return kindFile, strings.Join(segs[3:], "/")
		}
		return kindWeb, l.URL
	case "github.com", "www.github.com":
	default:
		return kindWeb, l.URL
	}
	if len(segs) >= 1 && (segs[0] == "orgs" || segs[0] == "users") && len(segs) >= 3 && segs[2] == "projects" {
		return kindBoard, "project board"
	}
	if len(segs) < 2 || !own(segs[0], segs[1]) {
		return kindWeb, l.URL
	}
	rest := segs[2:]
	if len(rest) == 0 {
		return kindBoard, "repository page"
	}
	switch rest[0] {
	case "blob", "tree", "raw":
		if len(rest) >= 3 {
			p := strings.Join(rest[2:], "/")
			if b := strings.Split(branch, "/"); branch != "" && len(rest) > len(b)+1 && strings.Join(rest[1:1+len(b)], "/") == branch {
				p = strings.Join(rest[1+len(b):], "/")
			}
			if dec, err := url.PathUnescape(p); err == nil {
				p = dec
			}
			return kindFile, p
		}
	case "wiki":
		return kindWeb, l.URL
	case "labels":
		if len(rest) >= 2 {
			lab, _ := url.PathUnescape(rest[1])
			return kindLabel, lab
		}
	case "issues", "pulls":
		q, _ := url.QueryUnescape(u.RawQuery)
		if i := strings.Index(q, "label:"); i >= 0 {
			lab := strings.TrimPrefix(q[i:], "label:")
			lab = strings.Trim(strings.Fields(lab + " ")[0], `"`)
			return kindLabel, lab
		}
		return kindBoard, "issue"
	case "projects", "milestones", "milestone", "discussions":
		return kindBoard, rest[0]
	}
	return kindBoard, "GitHub page"
}

// ownHosts are the hosts that speak for the project: its homepage and
// documentation hosts (and their sibling subdomains), its GitHub Pages and
// Read the Docs sites.
func ownHost(host string, owner, name string, sites []string) bool {
	host = strings.TrimPrefix(strings.ToLower(host), "www.")
	if host == strings.ToLower(owner)+".github.io" {
		return true
	}
	if (strings.HasSuffix(host, ".readthedocs.io") || strings.HasSuffix(host, ".readthedocs.org")) &&
		strings.Contains(squash(strings.SplitN(host, ".", 2)[0]), squash(name)) {
		return true
	}
	for _, s := range sites {
		u, err := url.Parse(s)
		if err != nil || u.Host == "" {
			continue
		}
		if strings.TrimPrefix(strings.ToLower(u.Host), "www.") == host {
			return true
		}
		sh := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
		if d := siteDomain(sh); d != "" && !strings.HasSuffix(d, "github.io") && !strings.HasSuffix(d, "readthedocs.io") &&
			(hostOnly(host) == d || strings.HasSuffix(hostOnly(host), "."+d)) {
			return true
		}
	}
	return false
}

func hostOnly(h string) string {
	if i := strings.LastIndexByte(h, ':'); i > 0 && !strings.Contains(h[i:], "]") {
		return h[:i]
	}
	return h
}

// siteDomain is the last two labels of a host name ("docs.bokeh.org" →
// "bokeh.org"); "" for an IP address or a single label.
func siteDomain(h string) string {
	parts := strings.Split(h, ".")
	if len(parts) < 2 {
		return ""
	}
	if _, err := fmt.Sscanf(parts[len(parts)-1], "%d", new(int)); err == nil {
		return ""
	}
	return parts[len(parts)-2] + "." + parts[len(parts)-1]
}

// placeScore is how much a roadmap link says by where it sits.
func placeScore(l link) float64 {
	s := 0.5
	switch l.Place {
	case placeNav:
		s = 0.65
	case placeFooter, placeReadme:
		s = 0.6
	}
	t := strings.ToLower(strings.Trim(l.Text, " .:!»›→"))
	if t == "roadmap" || t == "road map" || t == "our roadmap" || t == "project roadmap" || strings.HasSuffix(t, " roadmap") && len(t) < 30 {
		s += 0.1
	}
	return s
}

func combine(scores ...float64) float64 {
	miss := 1.0
	for _, s := range scores {
		miss *= 1 - math.Max(0, math.Min(1, s))
	}
	return 1 - miss
}

func round2(x float64) float64 { return math.Round(math.Min(x, maxScore)*100) / 100 }

// webLinkCandidates collects the web roadmap URLs of the README and pages,
// file references, labels and boards, adding evidence as it goes.
type gathered struct {
	web      map[string]*webCand
	webOrder []string
	fileRefs map[string][]string // path → where it was linked
	labels   map[string]string   // lower-case label → as spelt
	boards   []string
}

func gather(o observations) gathered {
	sv := o.Survey
	owner, name, _ := strings.Cut(sv.Repo.FullName, "/")
	g := gathered{web: map[string]*webCand{}, fileRefs: map[string][]string{}, labels: map[string]string{}}
	var sites []string
	if sv.Repo.Homepage != "" {
		sites = append(sites, sv.Repo.Homepage)
	}
	for _, p := range o.Pages {
		sites = append(sites, p.URL)
	}
	var all []link
	if sv.Readme != "" {
		all = append(all, roadmapLinks(readmeLinks(sv.Readme, readmeBase(sv)))...)
	}
	for _, p := range o.Pages {
		all = append(all, roadmapLinks(p.Links)...)
	}
	for _, l := range all {
		where := l.Page + " " + l.Place
		if l.Page == "README" {
			where = "README"
		}
		if l.Text != "" {
			where += fmt.Sprintf(" %q", l.Text)
		}
		kind, target := classifyLink(l, owner, name, sv.DefaultBranch, sv.HTMLURL)
		switch kind {
		case kindFile:
			g.fileRefs[target] = append(g.fileRefs[target], where)
		case kindLabel:
			g.labels[strings.ToLower(target)] = target
		case kindBoard:
			g.boards = append(g.boards, fmt.Sprintf("%s links a GitHub %s (%s), which the crawler cannot read", where, target, l.URL))
		case kindWeb:
			key := candidateURL(l.URL)
			u, _ := url.Parse(key)
			s := placeScore(l)
			own := u != nil && ownHost(u.Host, owner, name, sites)
			if !own {
				s *= 0.6
			}
			c, ok := g.web[key]
			if !ok {
				c = &webCand{URL: key, OwnSite: own, byPage: map[string]float64{}}
				g.web[key] = c
				g.webOrder = append(g.webOrder, key)
			}
			if s > c.byPage[l.Page] {
				c.byPage[l.Page] = s
			}
			c.Places = append(c.Places, where)
		}
	}
	for _, c := range g.web {
		// Links on one page do not confirm each other; pages do.
		var per []float64
		for _, s := range c.byPage {
			per = append(per, s)
		}
		c.Score = combine(per...)
	}
	return g
}

// readmeBase is the URL relative README links resolve against.
func readmeBase(sv *github.Survey) string {
	if sv.HTMLURL == "" || sv.ReadmePath == "" {
		return ""
	}
	return sv.HTMLURL + "/blob/" + sv.DefaultBranch + "/" + sv.ReadmePath
}

// score turns observations into a proposal: the best roadmap file, the
// roadmap pages that checked out, the roadmap labels, a logo, a tagline,
// slug and name, a confidence and the evidence for each.
func score(o observations) Proposal {
	sv := o.Survey
	p := Proposal{Repo: sv.Repo.FullName, Roadmap: []string{}, Labels: []string{}, Evidence: []string{}, Review: []string{}}
	owner, name, _ := strings.Cut(p.Repo, "/")
	_ = owner
	p.Slug = Slug(name)
	var siteName, title string
	if len(o.Pages) > 0 {
		siteName, title = o.Pages[0].SiteName, o.Pages[0].Title
	}
	p.Name = Name(name, siteName, title)
	p.Homepage = sv.Repo.Homepage
	if t := Tagline(sv.Repo.Description); t != "" {
		p.Tagline = t
		p.Review = append(p.Review, "tagline shortened from the GitHub description")
	}
	evidence := func(format string, a ...any) { p.Evidence = append(p.Evidence, fmt.Sprintf(format, a...)) }
	var chosen []float64

	g := gather(o)
	inTree := map[string]bool{}
	for _, e := range sv.Tree {
		if !e.Dir {
			inTree[e.Path] = true
		}
	}

	// Files of the repository.
	files, ignored := fileCandidates(sv.Tree)
	for _, ig := range ignored {
		evidence("ignored %s: %s", ig.Path, ig.Why)
	}
	refPaths := make([]string, 0, len(g.fileRefs))
	for fp := range g.fileRefs {
		refPaths = append(refPaths, fp)
	}
	sort.Strings(refPaths)
	for _, fp := range refPaths {
		where := strings.Join(g.fileRefs[fp], ", ")
		switch {
		case !inTree[fp] && !inTree[strings.TrimSuffix(fp, "/")+"/README.md"]:
			evidence("%s links %s, which is not in the repository; ignored", where, fp)
			continue
		case refusedDir(fp) != "":
			evidence("%s links %s, %s; ignored", where, fp, refusedDir(fp))
			continue
		}
		found := false
		for i := range files {
			if files[i].Path == fp {
				files[i].Score = math.Min(0.95, files[i].Score+0.15)
				files[i].Why += "; " + where + " links it"
				found = true
			}
		}
		if !found && roadmapExts[strings.ToLower(path.Ext(fp))] {
			files = append(files, fileCandidate{Path: fp, Score: 0.7, Why: where + " links it"})
		}
	}
	sort.SliceStable(files, func(i, j int) bool { return files[i].Score > files[j].Score })
	for i, f := range files {
		switch {
		case i == 0 && f.Score >= proposeAt:
			fp := f.Path
			p.RoadmapFile = &fp
			chosen = append(chosen, f.Score)
			evidence("roadmap file %s: %s (%.2f)", f.Path, f.Why, f.Score)
		case f.Score >= mentionAt:
			evidence("also %s: %s (%.2f), not proposed", f.Path, f.Why, f.Score)
			if i == 0 {
				p.Review = append(p.Review, "possible roadmap file "+f.Path+" not proposed")
			}
		}
	}

	// Web pages.
	type scored struct {
		url   string
		score float64
	}
	var pages []scored
	for _, key := range g.webOrder {
		c := g.web[key]
		where := strings.Join(dedupe(c.Places), ", ")
		chk, checked := o.Checks[key]
		switch {
		case !checked:
			s := c.Score * 0.7
			if s >= mentionAt {
				evidence("%s links %s (not checked: too many candidates)", where, key)
			}
			continue
		case chk.OK:
			s := c.Score
			if c.OwnSite || strings.Contains(squash(chk.Title), squash(name)) {
				s = math.Min(0.95, s+0.15) // on the project's own site, or a page that names the project
			}
			pages = append(pages, scored{key, s})
			if s < proposeAt {
				evidence("%s links %s: %s (%.2f), not proposed: elsewhere than the project's sites, and the page does not name the project", where, key, chk.Note, s)
				break
			}
			evidence("%s links %s: %s (%.2f)", where, key, chk.Note, s)
		case chk.Weak:
			evidence("%s links %s: %s; not proposed", where, key, chk.Note)
			p.Review = append(p.Review, "possible roadmap page "+key+" not proposed")
		default:
			evidence("%s links %s, %s; ignored", where, key, chk.Note)
		}
	}
	sort.SliceStable(pages, func(i, j int) bool { return pages[i].score > pages[j].score })
	for _, pg := range pages {
		if pg.score < proposeAt {
			p.Review = append(p.Review, "possible roadmap page "+pg.url+" not proposed")
			continue
		}
		if len(p.Roadmap) < maxProposed {
			p.Roadmap = append(p.Roadmap, pg.url)
			chosen = append(chosen, pg.score)
		}
	}

	// Labels.
	for _, l := range sv.Labels {
		if saysRoadmap(l.Name) {
			g.labels[strings.ToLower(l.Name)] = l.Name
			evidence("label %q%s", l.Name, map[bool]string{true: " (" + cleanText(l.Description) + ")", false: ""}[l.Description != ""])
		}
	}
	known := map[string]bool{}
	for _, l := range sv.Labels {
		known[strings.ToLower(l.Name)] = true
	}
	for low, lab := range g.labels {
		if !known[low] && len(sv.Labels) > 0 {
			evidence("README links issues labelled %q, a label the repository does not have; ignored", lab)
			delete(g.labels, low)
		}
	}
	for _, lab := range g.labels {
		p.Labels = append(p.Labels, lab)
	}
	sort.Strings(p.Labels)
	if len(p.Labels) > 0 {
		chosen = append(chosen, labelScore)
	}

	for _, b := range g.boards {
		evidence("%s", b)
		p.Review = append(p.Review, "a GitHub board or issue is linked as the roadmap; check it by hand")
	}
	p.Evidence = append(p.Evidence, o.WebNotes...)

	if len(chosen) > 0 {
		p.Confidence = round2(combine(chosen...))
	}
	switch {
	case len(chosen) == 0:
		evidence("no roadmap found in %d files, the README, %d labels and %d web pages", len(sv.Tree), len(sv.Labels), len(o.Pages))
	case p.Confidence < reviewBelow:
		p.Review = append(p.Review, fmt.Sprintf("low confidence (%.2f)", p.Confidence))
	}

	if o.Logo != "" {
		lg := o.Logo
		p.Logo = &lg
		evidence("logo %s", o.LogoWhy)
	}
	if sv.Repo.Archived {
		p.Review = append(p.Review, "the repository is archived")
	}
	if sv.TreeTruncated {
		p.Review = append(p.Review, "GitHub truncated the file list")
	}
	p.Evidence = append(p.Evidence, sv.Warnings...)
	p.Review = dedupe(p.Review)
	return p
}

func dedupe(in []string) []string {
	seen := map[string]bool{}
	out := in[:0:0]
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
