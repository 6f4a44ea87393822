package discover

import (
	"errors"
	"strings"
	"testing"

	"github.com/roadmapper/roadmapper/internal/github"
)

func TestSlugNameTagline(t *testing.T) {
	for in, want := range map[string]string{"numpy": "numpy", "scikit-learn": "scikit-learn", "Trixi.jl": "trixi-jl", "PyBaMM": "pybamm", "__x__": "x"} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
	if got := Name("numpy", "", "NumPy - "); got != "NumPy" {
		t.Errorf("Name from title = %q", got)
	}
	if got := Name("scikit-learn", "scikit-learn", "scikit-learn: machine learning in Python"); got != "scikit-learn" {
		t.Errorf("Name = %q", got)
	}
	if got := Name("numpy", "The fundamental package", "Welcome"); got != "numpy" {
		t.Errorf("Name falls back to the repository: %q", got)
	}
	for in, want := range map[string]string{
		"":                                  "",
		":rocket: Fast arrays 🚀 for Python": "Fast arrays for Python.",
		"Flexible and powerful data analysis / manipulation library for Python, providing labeled data structures similar to R data.frame objects, statistical functions, and much more": "Flexible and powerful data analysis / manipulation library for Python, providing labeled data…",
		"Interactive plots. Also dashboards and apps built on top of the plotting library, for everyone who needs them":                                                                  "Interactive plots.",
	} {
		if got := Tagline(in); got != want {
			t.Errorf("Tagline(%q) = %q, want %q", in, got, want)
		}
		if n := len([]rune(Tagline(in))); n > maxTagline {
			t.Errorf("Tagline(%q) has %d runes", in, n)
		}
	}
}

func TestFileCandidatesRules(t *testing.T) {
	tree := []github.TreeEntry{
		{Path: "ROADMAP.md"}, {Path: "doc/source/dev/roadmap.rst"}, {Path: "docs/roadmap/index.md"},
		{Path: "old/ROADMAP.md"}, {Path: "docs/archive/roadmap.md"}, {Path: "vendor/x/ROADMAP.md"},
		{Path: "src/roadmap.py"}, {Path: "pkg/roadmap.md"}, {Path: "docs", Dir: true}, {Path: "roadmap", Dir: true},
	}
	cands, ignored := fileCandidates(tree)
	var got []string
	for _, c := range cands {
		got = append(got, c.Path)
	}
	if strings.Join(got, ",") != "ROADMAP.md,doc/source/dev/roadmap.rst,docs/roadmap/index.md,pkg/roadmap.md" {
		t.Errorf("candidates = %v", got)
	}
	if cands[len(cands)-1].Score >= proposeAt {
		t.Errorf("a roadmap file outside the docs is proposed: %+v", cands[len(cands)-1])
	}
	if len(ignored) != 3 {
		t.Errorf("ignored = %+v, want old/, archive/ and vendor/", ignored)
	}
}

func TestReadmeLinksFormats(t *testing.T) {
	text := "# x\n[Roadmap][rm] and [docs](https://x.org/docs) and `Road map <https://x.org/plan.html>`_\n\n" +
		"[rm]: ROADMAP.md\n<a href=\"https://x.org/roadmap\">ours</a>\n[![Roadmap](https://img/badge.svg)](https://x.org/rm2)\n" +
		"[evil](javascript:alert(1)) [ftp](ftp://x.org/roadmap)\n"
	links := roadmapLinks(readmeLinks(text, "https://github.com/o/x/blob/main/README.md"))
	var got []string
	for _, l := range links {
		got = append(got, l.URL)
	}
	want := "https://github.com/o/x/blob/main/ROADMAP.md,https://x.org/rm2,https://x.org/plan.html,https://x.org/roadmap"
	if strings.Join(dedupe(got), ",") != want {
		t.Errorf("links = %v\nwant %s", dedupe(got), want)
	}
}

func TestClassifyLink(t *testing.T) {
	for u, want := range map[string]string{
		"https://github.com/o/x/blob/main/docs/ROADMAP.md":          "file docs/ROADMAP.md",
		"https://github.com/o/x/blob/release/2.0/ROADMAP.md":        "file ROADMAP.md",
		"https://raw.githubusercontent.com/o/x/main/ROADMAP.md":     "file ROADMAP.md",
		"https://github.com/o/x/issues?q=is%3Aopen+label%3Aroadmap": "label roadmap",
		"https://github.com/o/x/labels/Roadmap":                     "label Roadmap",
		"https://github.com/orgs/o/projects/3":                      "board project board",
		"https://github.com/o/x/issues/12":                          "board issue",
		"https://github.com/o/x/wiki/Roadmap":                       "web",
		"https://github.com/someone/else/blob/main/ROADMAP.md":      "web",
		"https://x.org/roadmap":                                     "web",
	} {
		branch := "main"
		if strings.Contains(u, "release/2.0") {
			branch = "release/2.0"
		}
		k, target := classifyLink(link{URL: u}, "o", "x", branch, "https://github.com/o/x")
		got := map[linkKind]string{kindWeb: "web", kindFile: "file " + target, kindLabel: "label " + target, kindBoard: "board " + target}[k]
		if got != want {
			t.Errorf("%s: %s, want %s", u, got, want)
		}
	}
}

func TestJudgePage(t *testing.T) {
	page := []byte(roadmapPage("Roadmap"))
	if c := judgePage("https://x.org/roadmap.html", "text/html", page, nil, testNow); !c.OK || c.Sections != 3 {
		t.Errorf("a roadmap page: %+v", c)
	}
	if c := judgePage("https://x.org/roadmap.html", "", nil, errors.New("HTTP 404 Not Found"), testNow); c.OK || !strings.Contains(c.Note, "404") {
		t.Errorf("a 404: %+v", c)
	}
	if c := judgePage("https://x.org/2019/05/roadmap.html", "text/html", page, nil, testNow); c.OK || !strings.Contains(c.Note, "of 2019") {
		t.Errorf("a dated post: %+v", c)
	}
	md := []byte("# Where we are going\n\nText.\n\n## Roadmap for 2026\n\nMore.\n")
	if c := judgePage("https://x.org/plan.md", "text/markdown", md, nil, testNow); !c.OK {
		t.Errorf("Markdown with a roadmap heading: %+v", c)
	}
	if c := judgePage("https://x.org/logo.png", "image/png", []byte("\x89PNG\r\n\x1a\n\x00\x00"), nil, testNow); c.OK || c.Weak {
		t.Errorf("an image: %+v", c)
	}
}

func TestRawBaseFor(t *testing.T) {
	for in, want := range map[string]string{
		"https://api.github.com/":         "https://raw.githubusercontent.com/",
		"https://ghe.example.org/api/v3/": "https://ghe.example.org/raw/",
		"http://127.0.0.1:4000/api-v3/":   "http://127.0.0.1:4000/raw/",
	} {
		if got := RawBaseFor(in); got != want {
			t.Errorf("RawBaseFor(%q) = %q, want %q", in, got, want)
		}
	}
}
