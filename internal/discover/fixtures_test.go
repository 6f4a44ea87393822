package discover

import "github.com/roadmapper/roadmapper/internal/testutil"

// labelled returns fake repositories in the shapes real projects take,
// each labelled with whether it has a roadmap and where. Two are honest
// misses the scorer is not expected to get right: a roadmap kept only as a
// GitHub project board (no document to crawl) and a tutorial about
// drawing road maps.
func labelled() []fixture {
	files := func(kv ...string) map[string]testutil.FakeFile {
		m := map[string]testutil.FakeFile{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = file(kv[i+1])
		}
		return m
	}
	home := func(name string, nav, footer [][2]string) string {
		return homepage(name+" — home", "", nav, nil, footer, "")
	}
	return []fixture{
		// ---- projects with a roadmap
		{name: "rootmd", hasRoadmap: true,
			repo: testutil.FakeRepo{Files: files("ROADMAP.md", "# Roadmap\n\n## Faster\n", "src/lib.py", "")},
			want: expect{file: "ROADMAP.md"}},
		{name: "numpyish", hasRoadmap: true,
			repo: testutil.FakeRepo{Files: files(
				"doc/neps/roadmap.rst", "Roadmap\n=======\n",
				"doc/neps/index.rst", "NEPs\n====\n",
				"branding/logo/primary/numpyishlogo.svg", svgLogo,
				"doc/source/_static/numfocus_logo.svg", svgLogo)},
			pages: map[string]string{
				"/numpyish/":                  homepage("NumpyIsh", "NumpyIsh", [][2]string{{"Install", "/numpyish/install/"}, {"Docs", "SITE/numpyish/doc/"}}, nil, nil, ""),
				"/numpyish/doc/":              homepage("NumpyIsh documentation", "", [][2]string{{"NEPs", "/numpyish/neps/"}, {"Roadmap", "/numpyish/neps/roadmap.html"}}, nil, nil, ""),
				"/numpyish/neps/roadmap.html": roadmapPage("NumpyIsh Roadmap"),
			},
			want: expect{file: "doc/neps/roadmap.rst", urls: []string{"/numpyish/neps/roadmap.html"}}},
		{name: "scipyish", hasRoadmap: true,
			repo:  testutil.FakeRepo{Files: files("doc/source/dev/roadmap.rst", "SciPy Roadmap\n=============\n", "doc/source/dev/roadmap-detailed.rst", "Detailed\n========\n")},
			pages: map[string]string{"/scipyish/": home("scipyish", [][2]string{{"Install", "/scipyish/install"}}, nil)},
			want:  expect{file: "doc/source/dev/roadmap.rst"}},
		{name: "pandasish", hasRoadmap: true,
			repo: testutil.FakeRepo{Files: files("web/pandasish/about/roadmap.md", "# Roadmap\n")},
			pages: map[string]string{
				"/pandasish/":                   home("pandasish", [][2]string{{"About us", "/pandasish/about/"}, {"Roadmap", "/pandasish/about/roadmap.html"}}, nil),
				"/pandasish/about/roadmap.html": roadmapPage("Roadmap"),
			},
			want: expect{file: "web/pandasish/about/roadmap.md", urls: []string{"/pandasish/about/roadmap.html"}}},
		{name: "docsite", hasRoadmap: true, // documentation lives elsewhere; its sidebar links the roadmap
			pages: map[string]string{
				"/docsite/":                      home("docsite", [][2]string{{"Documentation", "/docsite/docs/"}, {"Blog", "/docsite/blog/"}}, nil),
				"/docsite/docs/":                 `<html><head><title>docsite docs</title></head><body><div class="sphinxsidebar" role="navigation"><ul><li><a href="dev/roadmap.html">Development roadmap</a></li></ul></div><div class="body"><h1>docsite</h1></div></body></html>`,
				"/docsite/docs/dev/roadmap.html": roadmapPage("Development roadmap"),
			},
			want: expect{urls: []string{"/docsite/docs/dev/roadmap.html"}}},
		{name: "readmelink", hasRoadmap: true,
			repo:  testutil.FakeRepo{Files: files("README.md", "# readmelink\n\n[![Docs](https://img.shields.io/badge/docs-latest-blue)](SITE/readmelink/)\n\nSee the [Roadmap](SITE/readmelink/roadmap/) for what comes next.\n")},
			pages: map[string]string{"/readmelink/": home("readmelink", nil, nil), "/readmelink/roadmap/": roadmapPage("Roadmap")},
			want:  expect{urls: []string{"/readmelink/roadmap/"}}},
		{name: "readmefile", hasRoadmap: true, // README links a file whose name does not say roadmap
			repo: testutil.FakeRepo{Files: files("README.md", "# readmefile\n\n* [Roadmap](docs/plans/future.md)\n", "docs/plans/future.md", "# Future\n")},
			want: expect{file: "docs/plans/future.md"}},
		{name: "mkdocsdir", hasRoadmap: true,
			repo: testutil.FakeRepo{Files: files("docs/roadmap/index.md", "# Roadmap\n", "docs/roadmap/2024.md", "# 2024\n", "mkdocs.yml", "site_name: x\n")},
			want: expect{file: "docs/roadmap/index.md"}},
		{name: "yamlroadmap", hasRoadmap: true,
			repo: testutil.FakeRepo{Files: files("docs/roadmap.yaml", "- title: Faster\n")},
			want: expect{file: "docs/roadmap.yaml"}},
		{name: "footerlink", hasRoadmap: true, // the roadmap is a raw Markdown page linked from the footer
			pages: map[string]string{
				"/footerlink/":           home("footerlink", [][2]string{{"Docs", "/footerlink/guide.html"}}, [][2]string{{"Code of conduct", "/footerlink/coc.html"}, {"Roadmap", "/footerlink/ROADMAP.md"}}),
				"/footerlink/ROADMAP.md": "# Roadmap\n\n## Faster\n\nYes.\n\n## Smaller\n\nAlso.\n",
			},
			want: expect{urls: []string{"/footerlink/ROADMAP.md"}}},
		{name: "rstroot", hasRoadmap: true, // current roadmap at the root; an old one kept under old/
			repo: testutil.FakeRepo{Files: files("ROADMAP.rst", "Roadmap\n=======\n", "old/ROADMAP-2015.md", "# Roadmap 2015\n")},
			want: expect{file: "ROADMAP.rst"}},
		{name: "labelnav", hasRoadmap: true,
			repo: testutil.FakeRepo{Labels: []testutil.FakeLabel{{Name: "roadmap"}, {Name: "bug"}}},
			pages: map[string]string{
				"/labelnav/":        home("labelnav", [][2]string{{"Roadmap", "/labelnav/roadmap"}}, nil),
				"/labelnav/roadmap": roadmapPage("Project roadmap"),
			},
			want: expect{urls: []string{"/labelnav/roadmap"}}},
		{name: "dateddocs", hasRoadmap: true,
			repo: testutil.FakeRepo{Files: files("docs/source/about/roadmap-2025.md", "# Roadmap 2025\n")},
			want: expect{file: "docs/source/about/roadmap-2025.md"}},
		{name: "deadnavfile", hasRoadmap: true, // the nav link is dead but the repository has the file
			repo:  testutil.FakeRepo{Files: files("docs/roadmap.md", "# Roadmap\n")},
			pages: map[string]string{"/deadnavfile/": home("deadnavfile", [][2]string{{"Roadmap", "/deadnavfile/roadmap.html"}}, nil)},
			want:  expect{file: "docs/roadmap.md"}},
		{name: "bareurl", hasRoadmap: true,
			repo:  testutil.FakeRepo{Files: files("README.md", "# bareurl\n\nRoadmap: SITE/bareurl/roadmap.html\n")},
			pages: map[string]string{"/bareurl/": home("bareurl", nil, nil), "/bareurl/roadmap.html": roadmapPage("Roadmap")},
			want:  expect{urls: []string{"/bareurl/roadmap.html"}}},
		{name: "plans", hasRoadmap: true, // link text says plans, the address says roadmap
			pages: map[string]string{
				"/plans/":         home("plans", [][2]string{{"Future plans", "/plans/roadmap/"}}, nil),
				"/plans/roadmap/": roadmapPage("Roadmap"),
			},
			want: expect{urls: []string{"/plans/roadmap/"}}},
		{name: "hackpad", hasRoadmap: true, // kept on a third-party host, on a page that names the project
			repo:  testutil.FakeRepo{Files: files("README.md", "# hackpad\n\nOur [roadmap](OTHER/notes/hackpad-roadmap) is public.\n")},
			pages: map[string]string{"other:/notes/hackpad-roadmap": roadmapPage("hackpad roadmap 2026")},
			want:  expect{urls: []string{"other:/notes/hackpad-roadmap"}}},
		{name: "rtdsidebar", hasRoadmap: true,
			repo: testutil.FakeRepo{Files: files("docs/index.rst", "x\n=\n", "docs/development/roadmap.rst", "Roadmap\n=======\n")},
			pages: map[string]string{
				"/rtdsidebar/":                         `<html><head><title>rtdsidebar 2.1 documentation</title><link rel="icon" href="/rtdsidebar/favicon.ico"></head><body><nav class="wy-nav-side"><ul><li><a href="development/roadmap.html">Roadmap</a></li></ul></nav><div role="main"><h1>rtdsidebar</h1></div></body></html>`,
				"/rtdsidebar/development/roadmap.html": roadmapPage("Roadmap"),
			},
			want: expect{file: "docs/development/roadmap.rst", urls: []string{"/rtdsidebar/development/roadmap.html"}}},
		{name: "boardonly", hasRoadmap: true, // an honest miss: a project board, no document
			repo: testutil.FakeRepo{Files: files("README.md", "# boardonly\n\nSee the [Roadmap](https://github.com/orgs/org/projects/7).\n")},
			want: expect{}},

		// ---- projects without a roadmap, several with decoys
		{name: "plain", repo: testutil.FakeRepo{Files: files("src/a.py", "")},
			pages: map[string]string{"/plain/": home("plain", [][2]string{{"Docs", "/plain/docs/"}, {"Blog", "/plain/blog/"}}, nil)}},
		{name: "dead404", // a Roadmap link that answers 404
			pages: map[string]string{"/dead404/": home("dead404", [][2]string{{"Roadmap", "/dead404/roadmap/"}}, nil)}},
		{name: "oldpost", // a Roadmap link to a 2019 blog post
			pages: map[string]string{
				"/oldpost/": home("oldpost", [][2]string{{"Roadmap", "/oldpost/blog/2019/05/roadmap-to-1-0-released.html"}}, nil),
				"/oldpost/blog/2019/05/roadmap-to-1-0-released.html": `<html><head><title>Roadmap to 1.0 released</title><meta property="og:type" content="article"><meta property="article:published_time" content="2019-05-02T10:00:00Z"></head><body><article><h1>Roadmap to 1.0 released</h1><time datetime="2019-05-02">May 2, 2019</time><p>We are happy to announce our roadmap to 1.0.</p><h2>What is next</h2><p>Lots.</p></article></body></html>`,
			}},
		{name: "newspost", // the same decoy without a dated address
			pages: map[string]string{
				"/newspost/":                             home("newspost", nil, [][2]string{{"Roadmap", "/newspost/updates/roadmap-announcement"}}),
				"/newspost/updates/roadmap-announcement": `<html><head><title>Roadmap to 1.0 released</title><meta property="og:type" content="article"></head><body><h1>Roadmap to 1.0 released</h1><p>Read on.</p></body></html>`,
			}},
		{name: "oldonly", repo: testutil.FakeRepo{Files: files("old/ROADMAP.md", "# Roadmap\n")}},
		{name: "archived", repo: testutil.FakeRepo{Files: files("archive/roadmap.md", "# Roadmap\n", "docs/archive/roadmap-2016.rst", "Roadmap\n=======\n")}},
		{name: "codeonly", repo: testutil.FakeRepo{Files: files("src/roadmap.py", "def roadmap(): pass\n", "tests/fixtures/roadmap.md", "# Roadmap\n")}},
		{name: "prose", repo: testutil.FakeRepo{Files: files("README.md", "# prose\n\nWe do not have a roadmap yet; ideas are welcome.\n")}},
		{name: "otherproject", // links somebody else's roadmap
			repo:  testutil.FakeRepo{Files: files("README.md", "# otherproject\n\nBuilt on BigLib; see the [BigLib roadmap](OTHER/biglib/roadmap.html).\n")},
			pages: map[string]string{"other:/biglib/roadmap.html": roadmapPage("BigLib Roadmap")}},
		{name: "boardnav", // the nav's Roadmap is a project board
			pages: map[string]string{"/boardnav/": home("boardnav", [][2]string{{"Roadmap", "https://github.com/orgs/boardnav/projects/1"}}, nil)}},
		{name: "community", // the link says roadmap but the page never does
			pages: map[string]string{
				"/community/":           home("community", [][2]string{{"Roadmap and community", "/community/community/#roadmap"}}, nil),
				"/community/community/": `<html><head><title>Community</title></head><body><h1>Community</h1><p>Join us.</p><h2>Chat</h2><p>Here.</p></body></html>`,
			}},
		{name: "roadtiles", // an honest false positive: a tutorial about drawing road maps
			repo: testutil.FakeRepo{Files: files("docs/tutorials/road_map_tiles.md", "# Drawing road map tiles\n")}},
		{name: "privateroad", // robots.txt forbids the linked page: never fetched, not proposed
			pages: map[string]string{
				"/privateroad/":         home("privateroad", [][2]string{{"Roadmap", "/private/roadmap.html"}}, nil),
				"/private/roadmap.html": roadmapPage("Roadmap"),
			}},
	}
}
