package discover

import (
	"path"
	"sort"
	"strings"

	"github.com/roadmapper/roadmapper/internal/github"
)

// fileCandidate is a repository file whose path says roadmap.
type fileCandidate struct {
	Path  string
	Score float64
	Why   string // "ROADMAP.md at the repository root"
}

// ignoredFile is a roadmap-named file discovery refuses, with the reason.
type ignoredFile struct {
	Path, Why string
}

// roadmapExts are the extensions of files that can hold a roadmap the
// crawler reads (or that name one, like YAML).
var roadmapExts = map[string]bool{
	".md": true, ".markdown": true, ".rst": true, ".txt": true, ".yaml": true, ".yml": true, "": true,
}

// docRoots are top-level directories that hold a project's documentation or web site.
var docRoots = map[string]bool{
	"doc": true, "docs": true, "documentation": true, "website": true, "web": true, "site": true,
	"book": true, "guide": true, "manual": true, "dev-docs": true, "devdocs": true, ".github": true,
}

// refusedDirs are directories whose files are never a current roadmap:
// old and archived material, tests and fixtures, vendored code.
var refusedDirs = map[string]string{
	"old": "old material", "archive": "archived material", "archives": "archived material",
	"archived": "archived material", "attic": "archived material", "legacy": "old material",
	"deprecated": "old material", "obsolete": "old material", "outdated": "old material",
	"test": "tests", "tests": "tests", "testing": "tests", "testdata": "tests", "fixtures": "tests",
	"vendor": "vendored code", "node_modules": "vendored code", "third_party": "vendored code",
	"thirdparty": "vendored code", "externals": "vendored code", "site-packages": "vendored code",
	"examples": "examples", "example": "examples", "gallery": "examples", "auto_examples": "examples",
}

// saysRoadmap reports whether s mentions a roadmap ("roadmap", "road map",
// "road-map"), case-insensitively.
func saysRoadmap(s string) bool {
	s = strings.ToLower(s)
	return strings.Contains(s, "roadmap") || strings.Contains(s, "road map") || strings.Contains(s, "road-map") || strings.Contains(s, "road_map")
}

// refusedDir returns why path lies in a refused directory, or "".
func refusedDir(p string) string {
	dirs := strings.Split(path.Dir(p), "/")
	for _, d := range dirs {
		if why, ok := refusedDirs[strings.ToLower(d)]; ok {
			return "under " + d + "/ (" + why + ")"
		}
	}
	return ""
}

// fileCandidates ranks the tree's files whose path says roadmap:
//
//   - ROADMAP.md (or .rst, .txt) at the root or in .github/: 0.80;
//   - a roadmap.{md,rst,txt,yaml} file anywhere under a docs directory: 0.75;
//   - a roadmap directory's index or README, or another file under a docs
//     directory whose path says roadmap: 0.60;
//   - a roadmap-named file elsewhere: 0.40 (listed for review only).
//
// Files under old/, archive/, tests, examples or vendored code are refused
// whatever their name and returned as ignored.
func fileCandidates(tree []github.TreeEntry) (cands []fileCandidate, ignored []ignoredFile) {
	for _, e := range tree {
		if e.Dir || !saysRoadmap(e.Path) {
			continue
		}
		ext := strings.ToLower(path.Ext(e.Path))
		if !roadmapExts[ext] {
			continue
		}
		if why := refusedDir(e.Path); why != "" {
			ignored = append(ignored, ignoredFile{Path: e.Path, Why: why})
			continue
		}
		base := strings.ToLower(path.Base(e.Path))
		stem := strings.TrimSuffix(base, ext)
		dir := path.Dir(e.Path)
		top := strings.ToLower(strings.SplitN(e.Path, "/", 2)[0])
		inDocs := strings.Contains(e.Path, "/") && docRoots[top]
		named := stem == "roadmap" || stem == "road_map" || stem == "road-map"
		c := fileCandidate{Path: e.Path}
		switch {
		case named && (dir == "." || strings.EqualFold(dir, ".github")) && ext != ".yaml" && ext != ".yml":
			c.Score, c.Why = 0.80, path.Base(e.Path)+" at the repository root"
		case named && ext != "" && inDocs:
			c.Score, c.Why = 0.75, "roadmap file in the documentation"
		case (stem == "index" || stem == "readme") && ext != "" && saysRoadmap(path.Base(dir)):
			c.Score, c.Why = 0.62, "index of a roadmap directory"
		case inDocs && ext != "" && ext != ".txt":
			c.Score, c.Why = 0.60, "documentation file whose path says roadmap"
		case dir == "." && ext != "" && saysRoadmap(stem):
			c.Score, c.Why = 0.60, "roadmap-named file at the repository root"
		case ext != "":
			c.Score, c.Why = 0.40, "roadmap-named file outside the documentation"
		default:
			continue
		}
		cands = append(cands, c)
	}
	sort.SliceStable(cands, func(i, j int) bool {
		if cands[i].Score != cands[j].Score {
			return cands[i].Score > cands[j].Score
		}
		return len(cands[i].Path) < len(cands[j].Path)
	})
	return cands, ignored
}

// logoCandidate is a repository image that looks like the project's logo.
type logoCandidate struct {
	Path  string
	Score float64
}

// logoCandidates ranks the tree's images that look like the project's own
// logo: SVG before PNG, names with "logo" (and the project's name) before
// icons, branding and static directories before others; favicons, dark or
// white variants and other organisations' logos rank lower or not at all.
func logoCandidates(tree []github.TreeEntry, repoName string) []logoCandidate {
	name := strings.ToLower(repoName)
	var out []logoCandidate
	for _, e := range tree {
		if e.Dir || refusedDir(e.Path) != "" {
			continue
		}
		base := strings.ToLower(path.Base(e.Path))
		ext := path.Ext(base)
		if ext != ".svg" && ext != ".png" {
			continue
		}
		stem := strings.TrimSuffix(base, ext)
		if !strings.Contains(stem, "logo") {
			continue
		}
		lp := strings.ToLower(e.Path)
		if containsAny(lp, "numfocus", "github", "twitter", "sponsor", "partner", "funder", "badge", "powered", "institution", "/users/", "conda-forge", "binder", "readthedocs", "pypi") &&
			!strings.Contains(stem, name) {
			continue
		}
		s := 0.4
		if ext == ".svg" {
			s += 0.3
		}
		if strings.Contains(strings.NewReplacer("-", "", "_", "").Replace(stem), strings.NewReplacer("-", "", "_", "").Replace(name)) {
			s += 0.15
		}
		if containsAny(lp, "branding", "brand/", "logo/", "logos/", "_static", "static/", "assets", "images", "img/", "media") {
			s += 0.05
		}
		if containsAny(stem, "dark", "white", "inverted", "reverse", "mono", "black", "favicon", "icon", "small", "text") {
			s -= 0.15
		}
		if e.Size > 2<<20 {
			continue
		}
		out = append(out, logoCandidate{Path: e.Path, Score: s})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return len(out[i].Path) < len(out[j].Path)
	})
	return out
}

func containsAny(s string, subs ...string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}
