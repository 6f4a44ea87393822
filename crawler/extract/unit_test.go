package extract

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

func mustExtract(t *testing.T, docURL, ct, body string) *roadmap.Document {
	t.Helper()
	doc, err := Extract(docURL, ct, []byte(body))
	if err != nil {
		t.Fatalf("Extract: %v", err)
	}
	return doc
}

func itemTitles(doc *roadmap.Document) string {
	var s []string
	for _, it := range doc.Items {
		s = append(s, it.Title)
	}
	return strings.Join(s, "|")
}

func TestDetectFormat(t *testing.T) {
	tests := []struct {
		url, ct, body, want string
	}{
		{"https://x.org/r", "text/html; charset=utf-8", "# hi", "html"},
		{"https://x.org/r", "text/markdown", "<p>", "markdown"},
		{"https://x.org/r", "text/x-markdown", "", "markdown"},
		{"https://x.org/r", "text/x-rst", "", "rst"},
		{"https://x.org/r.md?raw=1", "text/plain", "", "markdown"},
		{"https://x.org/r.markdown", "", "", "markdown"},
		{"https://x.org/r.rst", "text/plain; charset=utf-8", "", "rst"},
		{"https://x.org/r.yaml", "text/plain", "a: b", "yaml"},
		{"https://x.org/r", "application/x-yaml", "a: b", "yaml"},
		{"https://x.org/r.json", "", "{}", "json"},
		{"https://x.org/r", "application/json; charset=utf-8", "{}", "json"},
		{"https://x.org/r.toml", "text/plain", "a = 1", ""},
		{"https://x.org/r", "text/plain", "Title\n=====\n\nSection\n-------\ntext", "rst"},
		{"https://x.org/r", "text/plain", "# Title\n\n## Section\ntext", "markdown"},
		{"https://x.org/r", "", "<!DOCTYPE html><html><body>x</body></html>", "html"},
		{"https://x.org/r", "text/plain", "  <html><body>x", "html"},
	}
	for _, tt := range tests {
		if got := DetectFormat(tt.url, tt.ct, []byte(tt.body)); got != tt.want {
			t.Errorf("DetectFormat(%q, %q, %q) = %q, want %q", tt.url, tt.ct, tt.body, got, tt.want)
		}
	}
}

func TestErrors(t *testing.T) {
	png := append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 64)...)
	tests := []struct {
		name, url, ct string
		body          []byte
		want          error
		msg           string
	}{
		{"empty", "https://x.org/a.md", "", nil, ErrEmpty, "empty document"},
		{"blank", "https://x.org/a.md", "", []byte(" \n\t\n"), ErrEmpty, "empty document"},
		{"png", "https://x.org/a", "", png, ErrBinary, "not a text document (image/png)"},
		{"pdf", "https://x.org/a", "", []byte("%PDF-1.4\n%âãÏÓ\n1 0 obj"), ErrBinary, "application/pdf"},
		{"nul", "https://x.org/a.md", "", []byte("# a\x00\x00\x00b"), ErrBinary, "not a text document"},
		{"invalid utf8", "https://x.org/a.md", "", bytes.Repeat([]byte{0xff, 0xfe, 'a'}, 50), ErrBinary, "not a text document"},
		{"too large", "https://x.org/a.md", "", bytes.Repeat([]byte("a"), MaxBodySize+1), ErrTooLarge, "too large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Extract(tt.url, tt.ct, tt.body)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("err %q lacks %q", err, tt.msg)
			}
		})
	}
}

func TestHTMLAnchors(t *testing.T) {
	page := `<html><body><main>
<h1>T</h1>
<h2 id="own-id">Own id</h2><p>a</p>
<section id="sec-id"><h2>Section id<a class="headerlink" href="#sec-id">¶</a></h2><p>b</p></section>
<div class="section" id="div-id"><h2>Div id</h2><p>c</p></div>
<h2><a name="named"></a>Named</h2><p>d</p>
<div class="markdown-heading"><h2 class="heading-element">GitHub</h2><a id="user-content-gh" class="anchor" href="#gh"><svg></svg></a></div><p>e</p>
<h2>No anchor</h2><p>f</p>
<div id="wrapper"><p>intro</p><h2>Not first</h2><p>g</p></div>
</main></body></html>`
	doc := mustExtract(t, "https://x.org/p.html#old", "text/html", page)
	want := []string{"#own-id", "#sec-id", "#div-id", "#named", "#gh", "", ""}
	if len(doc.Items) != len(want) {
		t.Fatalf("items %q", itemTitles(doc))
	}
	for i, it := range doc.Items {
		if it.URL != "https://x.org/p.html"+want[i] {
			t.Errorf("%s: URL %q, want suffix %q", it.Title, it.URL, want[i])
		}
	}
}

func TestPermalinkStripping(t *testing.T) {
	page := `<html><body><article>
<h1>Roadmap<a class="headerlink" href="#roadmap">¶</a></h1>
<h2 id="a">Alpha <a href="#a">#</a></h2><p>x</p>
<h2 id="b">Beta<a class="anchor" href="#b">🔗</a></h2><p>y</p>
<h2 id="c">Gamma <a href="#c" aria-hidden="true">§</a></h2><p>z</p>
</article></body></html>`
	doc := mustExtract(t, "https://x.org/", "text/html", page)
	if doc.Title != "Roadmap" || itemTitles(doc) != "Alpha|Beta|Gamma" {
		t.Fatalf("title %q items %q", doc.Title, itemTitles(doc))
	}
}

func TestHTMLTitleRules(t *testing.T) {
	t.Run("several h1 are items, title from <title>", func(t *testing.T) {
		doc := mustExtract(t, "https://x.org/", "text/html",
			`<html><head><title>Quasar plans | Quasar</title></head><body><h1>One</h1><p>a</p><h1>Two</h1><p>b</p></body></html>`)
		if doc.Title != "Quasar plans" || itemTitles(doc) != "One|Two" {
			t.Fatalf("title %q items %q", doc.Title, itemTitles(doc))
		}
	})
	t.Run("single h1 with h3s uses the next level", func(t *testing.T) {
		doc := mustExtract(t, "https://x.org/", "text/html",
			`<html><body><h1>Plans</h1><h3>One</h3><p>a</p><h4>Sub</h4><p>s</p><h3>Two</h3><p>b</p></body></html>`)
		if doc.Title != "Plans" || itemTitles(doc) != "One|Two" || len(doc.Items[0].Points) != 1 {
			t.Fatalf("title %q items %q %+v", doc.Title, itemTitles(doc), doc.Items)
		}
	})
}

func TestLinks(t *testing.T) {
	page := `<html><body><main><h1>T</h1><h2 id="a">A</h2>
<p><a href="https://e.org/x">1</a> <a href="https://e.org/x">dup</a> <a href="rel/y.html">2</a>
<a href="javascript:alert(1)">3</a> <a href="mailto:a@b.c">4</a> <a href="#frag">5</a> <a href="//cdn.org/z">6</a></p>
</main></body></html>`
	doc := mustExtract(t, "https://x.org/docs/page.html", "text/html", page)
	got := strings.Join(doc.Items[0].Links, " ")
	want := "https://e.org/x https://x.org/docs/rel/y.html https://cdn.org/z"
	if got != want {
		t.Errorf("links %q, want %q", got, want)
	}
}

func TestMarkdownTemplateTags(t *testing.T) {
	src := "# Roadmap\n\n{% if x %}\n## Item {{ name }} one\n\nText {{ var }} here {# comment #}.\n{% endif %}\n"
	doc := mustExtract(t, "https://x.org/r.md", "", src)
	if itemTitles(doc) != "Item one" || doc.Items[0].Text != "Text here ." {
		t.Fatalf("items %q text %q", itemTitles(doc), doc.Items[0].Text)
	}
}

func TestMarkdownHeadings(t *testing.T) {
	src := "Title here\n==========\n\nintro\n\nFirst item\n----------\n\nbody one\n\n## Second ##\n\nbody two\n\n" +
		"```\n## fenced\n```\n\n~~~\n## tilde\n~~~\n\n    ## indented code\n\n### Sub {#custom-id}\n\nsub text\n\n" +
		"(my-label)=\n## Labelled, item!\n\nx\n"
	doc := mustExtract(t, "https://x.org/r.md", "", src)
	if doc.Title != "Title here" {
		t.Errorf("title %q", doc.Title)
	}
	if got := itemTitles(doc); got != "First item|Second|Labelled, item!" {
		t.Fatalf("items %q", got)
	}
	if u := doc.Items[0].URL; u != "https://x.org/r.md#first-item" {
		t.Errorf("setext anchor %q", u)
	}
	if p := doc.Items[1].Points; len(p) != 1 || p[0] != "Sub" {
		t.Errorf("points %q", p)
	}
	if doc.Items[2].URL != "https://x.org/r.md#my-label" {
		t.Errorf("MyST anchor %q", doc.Items[2].URL)
	}
	if strings.Contains(doc.Items[1].Text, "fenced") || strings.Contains(doc.Items[1].Text, "indented") {
		t.Errorf("code leaked: %q", doc.Items[1].Text)
	}
}

func TestGitHubAnchor(t *testing.T) {
	tests := map[string]string{
		"Hello World": "hello-world",
		"Improved common infrastructure & process": "improved-common-infrastructure--process",
		"C++ / Rust: yes?":                         "c--rust-yes",
		"snake_case-ok":                            "snake_case-ok",
	}
	for in, want := range tests {
		if got := gitHubAnchor(in); got != want {
			t.Errorf("gitHubAnchor(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDocutilsID(t *testing.T) {
	tests := map[string]string{
		"NumPy 2.0 stabilization & downstream usage": "numpy-2-0-stabilization-downstream-usage",
		"Faster I/O":    "faster-i-o",
		"Café crème":    "cafe-creme",
		"2024 plans":    "plans",
		"  --Weird--  ": "weird",
	}
	for in, want := range tests {
		if got := docutilsID(in); got != want {
			t.Errorf("docutilsID(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRSTLevels(t *testing.T) {
	src := "########\nOverline\n########\n\nintro\n\nFirst\n*****\n\ntext one\n\nDeeper\n~~~~~~\n\ndeep\n\nSecond\n*****\n\ntext two\n"
	doc := mustExtract(t, "https://x.org/r.rst", "", src)
	if doc.Title != "Overline" || itemTitles(doc) != "First|Second" {
		t.Fatalf("title %q items %q", doc.Title, itemTitles(doc))
	}
	if p := doc.Items[0].Points; len(p) != 1 || p[0] != "Deeper" {
		t.Errorf("points %q", p)
	}
	// The same adornment later is the same level even if it first appeared as underline.
	src2 := "Top\n===\n\nA\n---\n\nx\n\nB\n---\n\ny\n"
	doc = mustExtract(t, "https://x.org/r.rst", "", src2)
	if doc.Title != "Top" || itemTitles(doc) != "A|B" {
		t.Fatalf("title %q items %q", doc.Title, itemTitles(doc))
	}
}

func TestRSTInline(t *testing.T) {
	rp := &rstParser{refs: map[string]string{"highway": "https://h.org/"}, subs: map[string]string{"p": "Quasar"}}
	tests := []struct{ in, want, link string }{
		{":ref:`NEP 18 <nep18>` and more", "NEP 18 and more", ""},
		{":func:`~quasar.core.make`", "make", ""},
		{"`the API <https://api.org/>`_", "the API", "https://api.org/"},
		{"see `Highway`_", "see Highway", "https://h.org/"},
		{"|p| is *fast* and **bold** ``x = 1``", "Quasar is fast and bold x = 1", ""},
		{"a footnote [#]_ here", "a footnote here", ""},
	}
	for _, tt := range tests {
		got, links := rp.inline(tt.in)
		if got != tt.want {
			t.Errorf("inline(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if tt.link != "" && (len(links) == 0 || links[0] != tt.link) {
			t.Errorf("inline(%q) links %q, want %q", tt.in, links, tt.link)
		}
	}
}

func TestMarkdownInline(t *testing.T) {
	refs := map[string]string{"notes": "https://n.org/"}
	tests := []struct{ in, want string }{
		{"[text](https://a.org/ \"t\") and ![img](x.png)", "text and"},
		{"**bold** _em_ `co*de*` snake_case", "bold em co*de* snake_case"},
		{"[ref][notes] and [notes]", "ref and notes"},
		{"{doc}`Guide <guide>` <https://b.org/>", "Guide https://b.org/"},
		{"<a href=\"https://c.org\">html</a> &amp; more\\*", "html & more*"},
		{"footnote[^1] here", "footnote here"},
	}
	for _, tt := range tests {
		if got, _ := mdInline(tt.in, refs); got != tt.want {
			t.Errorf("mdInline(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCutSummary(t *testing.T) {
	long := strings.Repeat("word ", 120)
	tests := []struct{ in, want string }{
		{"Short one.", "Short one."},
		{strings.Repeat("a", 150) + ". " + strings.Repeat("b", 300) + ".", strings.Repeat("a", 150) + "."},
		{"First, e.g. this. " + strings.Repeat("x", 390), "First, e.g. this. " + strings.Repeat("x", 382)[:0] + "…"},
		{long, strings.TrimSpace(strings.Repeat("word ", 80)) + "…"},
	}
	for i, tt := range tests {
		got := cutSummary(tt.in, MaxSummaryLen)
		if i == 2 {
			// no sentence end in the budget but "this." is too early: word cut
			if !strings.HasSuffix(got, "…") || len(got) > MaxSummaryLen+len("…") {
				t.Errorf("case %d: %q", i, got)
			}
			continue
		}
		if got != tt.want {
			t.Errorf("case %d: cutSummary = %q, want %q", i, got, tt.want)
		}
		if len(got) > MaxSummaryLen+len("…") {
			t.Errorf("case %d: too long (%d)", i, len(got))
		}
	}
}

func TestDates(t *testing.T) {
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		text string
		date time.Time
		prec string
		kind string
	}{
		{"Last updated: 2024-03-01", day(2024, 3, 1), roadmap.PrecisionDay, roadmap.DateStated},
		{"Updated on March 2024.", day(2024, 3, 1), roadmap.PrecisionMonth, roadmap.DateStated},
		{"Roadmap, as of 11/2024", day(2024, 11, 1), roadmap.PrecisionMonth, roadmap.DateStated},
		{"Date: September 7, 2021", day(2021, 9, 7), roadmap.PrecisionDay, roadmap.DateStated},
		{"This roadmap was written in 2019.", day(2019, 1, 1), roadmap.PrecisionYear, roadmap.DateStated},
		{"Updated: 7 Sept 2021", day(2021, 9, 7), roadmap.PrecisionDay, roadmap.DateStated},
		{"Latest revision: August 2025", day(2025, 8, 1), roadmap.PrecisionMonth, roadmap.DateStated},
		{"The project began in 2018 with a grant.", day(2018, 1, 1), roadmap.PrecisionYear, roadmap.DateMentioned},
		{"Released in (2001) already", day(2001, 1, 1), roadmap.PrecisionYear, roadmap.DateMentioned},
		// "as of", "updated in", "created in" inside a long sentence about
		// something else are not the document dating itself...
		{"Downloads keep growing - as of May 2024 we are at more than 200 million downloads a month from the index alone.",
			day(2024, 1, 1), roadmap.PrecisionYear, roadmap.DateMentioned},
		{"The library was created in 2001 by a small group of scientists who needed fast signal processing.",
			day(2001, 1, 1), roadmap.PrecisionYear, roadmap.DateMentioned},
		{"The storage layer was updated in 2019 to support cloud object stores, which many users asked for.",
			day(2019, 1, 1), roadmap.PrecisionYear, roadmap.DateMentioned},
		// ...but they are when the sentence names the document.
		{"The plans below reflect our priorities as of March 2023, and we revisit them at every yearly summit.",
			day(2023, 3, 1), roadmap.PrecisionMonth, roadmap.DateStated},
		{"This page was updated in June 2022 after the developer meeting, with two goals dropped and one added.",
			day(2022, 6, 1), roadmap.PrecisionMonth, roadmap.DateStated},
		// strong phrases date the document wherever they are
		{"Everything here was discussed at length by the team and the page was last updated on 3 May 2023 by the steering council.",
			day(2023, 5, 3), roadmap.PrecisionDay, roadmap.DateStated},
	}
	for _, tt := range tests {
		got := findDates([]block{{kind: blockPara, text: tt.text}}, nil, nil)
		if len(got) == 0 {
			t.Errorf("%q: no date", tt.text)
			continue
		}
		if !got[0].Date.Equal(tt.date) || got[0].Precision != tt.prec || got[0].Kind != tt.kind {
			t.Errorf("%q: got %v %s %s, want %v %s %s", tt.text, got[0].Date, got[0].Precision, got[0].Kind, tt.date, tt.prec, tt.kind)
		}
	}
	for _, text := range []string{
		"array API v2022.12 support", "see https://x.org/2019/post", "NumPy 1.2019 nonsense",
		"year 1990 and 2101", "file_2020.txt", "the 2020s", "updated 3 times", "release date 2024 tbd",
	} {
		got := findDates([]block{{kind: blockPara, text: text}}, nil, nil)
		for _, d := range got {
			if d.Kind == roadmap.DateStated || text != "release date 2024 tbd" {
				t.Errorf("%q: unexpected %+v", text, d)
			}
		}
	}
	// A bare full date right under the title is the document's dateline; a
	// bare year, or a bare date further down, is not.
	datelines := []struct {
		blocks []block
		want   string // "kind precision date" of the first date, or "" for none stated
	}{
		{[]block{{kind: blockHeading, level: 1, text: "Quasar Roadmap"}, {kind: blockPara, text: "*August 1, 2018*"},
			{kind: blockPara, text: "Early thoughts on what a stable release needs."}}, "stated day 2018-08-01"},
		{[]block{{kind: blockHeading, level: 1, text: "Quasar Roadmap"}, {kind: blockPara, text: "March 2024"}}, "stated month 2024-03-01"},
		{[]block{{kind: blockHeading, level: 1, text: "Quasar Roadmap"}, {kind: blockPara, text: "2024"}}, ""},
		{[]block{{kind: blockHeading, level: 1, text: "Quasar Roadmap"}, {kind: blockHeading, level: 2, text: "History"},
			{kind: blockPara, text: "August 1, 2018"}}, ""},
		{[]block{{kind: blockHeading, level: 1, text: "Quasar Roadmap"}, {kind: blockHeading, level: 2, text: "July 2025"}}, ""},
	}
	for i, tc := range datelines {
		got := findDates(tc.blocks, nil, nil)
		desc := ""
		if len(got) > 0 && got[0].Kind == roadmap.DateStated {
			desc = got[0].Kind + " " + got[0].Precision + " " + got[0].Date.Format(time.DateOnly)
		}
		if desc != tc.want {
			t.Errorf("dateline case %d: got %q (%+v), want %q", i, desc, got, tc.want)
		}
	}
	// stated first, then mentioned, de-duplicated
	got := findDates([]block{
		{kind: blockPara, text: "In 2017 and in 2017 again we met."},
		{kind: blockPara, text: "Last updated: May 2020."},
	}, nil, nil)
	if len(got) != 2 || got[0].Kind != roadmap.DateStated || got[1].Date.Year() != 2017 {
		t.Errorf("order/dedup: %+v", got)
	}
}

func TestListShapedMarkdown(t *testing.T) {
	src := "# Plans\n\n- **Speed**: make it fast\n- **Docs** — write more\n  - nested\n- A plain entry that goes on and on and on well past the eighty character limit for titles here. More.\n"
	doc := mustExtract(t, "https://x.org/r.md", "", src)
	if got := itemTitles(doc); got != "Speed|Docs|A plain entry that goes on and on and on well past the eighty character limit…" {
		t.Fatalf("items %q", got)
	}
	if doc.Items[0].Text != "make it fast" || !strings.Contains(doc.Items[1].Text, "nested") {
		t.Errorf("texts %q %q", doc.Items[0].Text, doc.Items[1].Text)
	}
}

func TestNotListShaped(t *testing.T) {
	src := "# Plans\n\n" + strings.Repeat("A long paragraph of prose about what Quasar wants to do next. ", 20) +
		"\n\nSee also:\n\n- one\n- two\n"
	doc := mustExtract(t, "https://x.org/r.md", "", src)
	// Prose under a title is not split: the whole page is one item.
	if doc.Title != "Plans" || itemTitles(doc) != "Plans" {
		t.Fatalf("title %q items %q", doc.Title, itemTitles(doc))
	}
	if it := doc.Items[0]; !strings.HasPrefix(it.Summary, "A long paragraph") || !strings.Contains(it.Text, "two") {
		t.Errorf("whole-page item: summary %q text %q", it.Summary, it.Text)
	}
}

func TestCaps(t *testing.T) {
	var b strings.Builder
	b.WriteString("# T\n\n")
	for i := 0; i < MaxItems+20; i++ {
		b.WriteString("## Item\n\n" + strings.Repeat("lorem ipsum ", 1000) + "\n\n")
	}
	doc := mustExtract(t, "https://x.org/r.md", "", b.String())
	if len(doc.Items) != MaxItems {
		t.Errorf("%d items", len(doc.Items))
	}
	if len(doc.Items[0].Text) > MaxTextLen {
		t.Errorf("text %d bytes", len(doc.Items[0].Text))
	}
}
