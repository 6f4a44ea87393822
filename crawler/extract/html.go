package extract

import (
	"bytes"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// boilerplate is removed before the main content is looked for.
const boilerplate = `script, style, noscript, template, form, button, nav, aside, footer, iframe, svg,
	select, input, textarea, [role=navigation], [role=search], [role=banner], [role=contentinfo],
	.sphinxsidebar, [class*=bd-sidebar], .md-sidebar, .toc, .wy-nav-side, .related, .wy-breadcrumbs,
	.breadcrumb, .breadcrumbs, [aria-label=breadcrumb], .prev-next-area, .prev-next-footer,
	.md-header, .md-tabs, .md-footer, .rst-versions, .headerlink, .sidebar, #sidebar, .skip-link,
	.visually-hidden, .sr-only, .admonition-title, .bd-header-article, .edit-this-page, .post-meta-nav`

// mainSelectors find the main content of known site shapes, best first.
var mainSelectors = []string{
	"article.md-content__inner", "article.markdown-body", ".markdown-body", "article.bd-article",
	"div[itemprop=articleBody]", "div.rst-content", "div.body[role=main]", "div.body",
	"div[role=main]", "[role=main]", ".post-content", ".post-body", ".entry-content",
	"main article", "article", "main", ".content", "#content",
}

// dateMeta are <meta> elements that date a page.
const dateMeta = `meta[name=date], meta[name="dcterms.date"], meta[name="DC.date"], meta[name="dc.date"],
	meta[name=last-modified], meta[property="article:modified_time"],
	meta[property="article:published_time"], meta[itemprop=dateModified], meta[itemprop=datePublished]`

// parseHTML reads an HTML page: it drops navigation and other boilerplate,
// finds the main content and turns it into blocks.
func parseHTML(body []byte) (*parsed, error) {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	p := &parsed{title: pageTitle(doc.Find("title").First().Text())}
	doc.Find(dateMeta).Each(func(_ int, s *goquery.Selection) {
		if v, ok := s.Attr("content"); ok {
			if d, ok := metaDate("date: ", v); ok {
				p.meta = append(p.meta, d)
			}
		}
	})
	doc.Find("#title-block-header .date").Each(func(_ int, s *goquery.Selection) {
		if d, ok := metaDate("", s.Text()); ok {
			p.meta = append(p.meta, d)
		}
	})
	doc.Find("time[datetime]").EachWithBreak(func(i int, s *goquery.Selection) bool {
		v, _ := s.Attr("datetime")
		if d, ok := metaDate("", v); ok {
			if t := clip(s.Text()); t != "" {
				d.d.Text = t
			}
			p.meta = append(p.meta, d)
		}
		return i < 4
	})
	doc.Find("footer, .footer, .last-updated, .md-source-file, .lastupdated").EachWithBreak(func(i int, s *goquery.Selection) bool {
		p.extra = append(p.extra, truncate(s.Text(), 2000))
		return i < 10
	})

	doc.Find("header").Each(func(_ int, s *goquery.Selection) {
		if id, _ := s.Attr("id"); id == "title-block-header" {
			return
		}
		if s.Closest("article, main, [role=main], .body, .markdown-body").Length() > 0 {
			return
		}
		s.Remove()
	})
	doc.Find(boilerplate).Remove()
	doc.Find("div, section, ul, span, p").FilterFunction(func(_ int, s *goquery.Selection) bool {
		return isSidebar(attr(s.Get(0), "class")) || isSidebar(attr(s.Get(0), "id"))
	}).Remove()

	root := mainContent(doc)
	if root == nil {
		return p, nil
	}
	w := &htmlWalker{p: p}
	w.container(root, 0)
	w.flush()
	return p, nil
}

// pageTitle drops a site suffix from a <title> ("Roadmap — Quasar 1.2").
func pageTitle(t string) string {
	t = collapse(t)
	for _, sep := range []string{" — ", " – ", " | ", " · ", " - ", " :: "} {
		if i := strings.Index(t, sep); i > 0 {
			t = t[:i]
		}
	}
	return strings.TrimSpace(t)
}

// mainContent picks the element holding the document's main content.
func mainContent(doc *goquery.Document) *html.Node {
	for _, sel := range mainSelectors {
		var found *html.Node
		doc.Find(sel).EachWithBreak(func(_ int, s *goquery.Selection) bool {
			if s.Find("h1, h2, h3, h4, h5, h6").Length() > 0 || len(strings.TrimSpace(s.Text())) > 200 {
				found = s.Get(0)
				return false
			}
			return true
		})
		if found != nil {
			return found
		}
	}
	body := doc.Find("body").First()
	if body.Length() == 0 {
		if len(doc.Nodes) == 0 {
			return nil
		}
		return doc.Nodes[0]
	}
	return densest(body.Get(0))
}

// densest descends from n into the child holding most (≥ 80%) of the text
// of headings, paragraphs and list entries, and returns where it stops.
func densest(n *html.Node) *html.Node {
	scores := map[*html.Node]int{}
	var score func(*html.Node) int
	score = func(n *html.Node) int {
		total := 0
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.P, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Li, atom.Td, atom.Blockquote:
				total += len(nodeText(c))
			default:
				total += score(c)
			}
		}
		scores[n] = total
		return total
	}
	total := score(n)
	for depth := 0; depth < 100 && total > 0; depth++ {
		var best *html.Node
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && scores[c]*5 >= total*4 {
				best = c
				break
			}
		}
		if best == nil {
			break
		}
		n, total = best, scores[best]
	}
	return n
}

// htmlWalker turns the main content into blocks.
type htmlWalker struct {
	p     *parsed
	buf   strings.Builder // loose inline text of the current container
	links []string
	nodes int
}

func (w *htmlWalker) emit(b block) {
	w.p.blocks = append(w.p.blocks, b)
}

// flush emits loose inline text as a paragraph.
func (w *htmlWalker) flush() {
	if t := collapse(w.buf.String()); t != "" {
		w.emit(block{kind: blockPara, text: t, links: w.links})
	}
	w.buf.Reset()
	w.links = nil
}

func isBlockAtom(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Section, atom.Article, atom.Main, atom.Header, atom.Ul, atom.Ol, atom.Li,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Blockquote, atom.Table, atom.Tr,
		atom.Td, atom.Th, atom.Thead, atom.Tbody, atom.Tfoot, atom.Pre, atom.Dl, atom.Dt, atom.Dd,
		atom.Figure, atom.Figcaption, atom.Details, atom.Summary, atom.Hr, atom.Center, atom.Address,
		atom.Caption, atom.Body, atom.Html, atom.Fieldset, atom.Menu:
		return true
	}
	return false
}

func headingLevel(n *html.Node) int {
	switch n.DataAtom {
	case atom.H1:
		return 1
	case atom.H2:
		return 2
	case atom.H3:
		return 3
	case atom.H4:
		return 4
	case atom.H5:
		return 5
	case atom.H6:
		return 6
	}
	return 0
}

// container walks the children of n; listDepth is the nesting of lists
// around it.
func (w *htmlWalker) container(n *html.Node, listDepth int) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.nodes++
		if c.Type == html.TextNode {
			w.buf.WriteString(c.Data)
			continue
		}
		if c.Type != html.ElementNode {
			continue
		}
		if !isBlockAtom(c.DataAtom) {
			if isPermalink(c) || skipAtom(c.DataAtom) {
				continue
			}
			t, l := inlineText(c)
			w.buf.WriteString(" " + t + " ")
			w.links = append(w.links, l...)
			continue
		}
		w.flush()
		w.blockNode(c, listDepth)
	}
	w.flush()
}

func skipAtom(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Math, atom.Img,
		atom.Button, atom.Input, atom.Select, atom.Textarea, atom.Iframe, atom.Object, atom.Video,
		atom.Audio, atom.Canvas:
		return true
	}
	return false
}

func (w *htmlWalker) blockNode(n *html.Node, listDepth int) {
	if lvl := headingLevel(n); lvl > 0 {
		t, l := inlineText(n)
		w.emit(block{kind: blockHeading, level: lvl, text: t, anchor: headingAnchor(n), links: l})
		return
	}
	switch n.DataAtom {
	case atom.P, atom.Dd, atom.Figcaption, atom.Summary, atom.Caption, atom.Address:
		t, l := inlineText(n)
		w.emit(block{kind: blockPara, text: t, links: l})
	case atom.Dt:
		t, l := inlineText(n)
		w.emit(block{kind: blockOther, text: t, links: l})
	case atom.Pre, atom.Hr:
		// code and rules are not prose
	case atom.Ul, atom.Ol, atom.Menu:
		w.list(n, listDepth)
	case atom.Li:
		w.listItem(n, listDepth)
	case atom.Table:
		w.table(n)
	default:
		if hasClass(n, "highlight") || strings.HasPrefix(attr(n, "class"), "highlight-") {
			return // Sphinx code block
		}
		w.container(n, listDepth)
	}
}

func (w *htmlWalker) list(n *html.Node, depth int) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == atom.Li {
			w.listItem(c, depth)
		} else if c.Type == html.ElementNode {
			w.blockNode(c, depth)
		}
	}
}

// listItem emits an entry with its own text (nested lists excluded), then
// the entries of its nested lists one level deeper.
func (w *htmlWalker) listItem(li *html.Node, depth int) {
	var b strings.Builder
	var links, nested []*html.Node
	_ = links
	var hrefs []string
	var rec func(n *html.Node)
	rec = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				b.WriteString(c.Data)
			case c.Type != html.ElementNode:
			case c.DataAtom == atom.Ul || c.DataAtom == atom.Ol:
				nested = append(nested, c)
			case c.DataAtom == atom.Pre || skipAtom(c.DataAtom) || isPermalink(c):
			case c.DataAtom == atom.A:
				if h := attr(c, "href"); h != "" {
					hrefs = append(hrefs, h)
				}
				rec(c)
			default:
				block := isBlockAtom(c.DataAtom) || c.DataAtom == atom.Br
				if block {
					b.WriteByte(' ')
				}
				rec(c)
				if block {
					b.WriteByte(' ')
				}
			}
		}
	}
	rec(li)
	w.emit(block{kind: blockItem, depth: depth, text: b.String(), lead: leadIn(li), links: hrefs})
	for _, n := range nested {
		w.list(n, depth+1)
	}
}

// leadIn returns the text of a <strong>/<b> that opens a list entry.
func leadIn(li *html.Node) string {
	n := firstContent(li)
	if n != nil && n.Type == html.ElementNode && n.DataAtom == atom.P {
		n = firstContent(n)
	}
	if n != nil && n.Type == html.ElementNode && (n.DataAtom == atom.Strong || n.DataAtom == atom.B) {
		t, _ := inlineText(n)
		return t
	}
	return ""
}

// firstContent is the first child that is an element or non-blank text.
func firstContent(n *html.Node) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode || c.Type == html.TextNode && strings.TrimSpace(c.Data) != "" {
			return c
		}
	}
	return nil
}

func (w *htmlWalker) table(n *html.Node) {
	var rows []*html.Node
	var find func(*html.Node)
	find = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.DataAtom == atom.Tr {
				rows = append(rows, c)
			} else if c.DataAtom != atom.Table {
				find(c)
			}
		}
	}
	find(n)
	for _, r := range rows {
		var cells []string
		var links []string
		for c := r.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && (c.DataAtom == atom.Td || c.DataAtom == atom.Th) {
				t, l := inlineText(c)
				if t != "" {
					cells = append(cells, t)
				}
				links = append(links, l...)
			}
		}
		w.emit(block{kind: blockOther, text: strings.Join(cells, " | "), links: links})
	}
}

// inlineText is the plain text of n without permalinks and code blocks, and
// the hrefs of its links.
func inlineText(n *html.Node) (string, []string) {
	var b strings.Builder
	var hrefs []string
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				b.WriteString(c.Data)
			case c.Type != html.ElementNode:
			case skipAtom(c.DataAtom) || c.DataAtom == atom.Pre || isPermalink(c):
			default:
				if c.DataAtom == atom.A {
					if h := attr(c, "href"); h != "" {
						hrefs = append(hrefs, h)
					}
				}
				block := isBlockAtom(c.DataAtom) || c.DataAtom == atom.Br
				if block {
					b.WriteByte(' ')
				}
				rec(c)
				if block {
					b.WriteByte(' ')
				}
			}
		}
	}
	rec(n)
	return collapse(b.String()), hrefs
}

// nodeText is all text under n.
func nodeText(n *html.Node) string {
	var b strings.Builder
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				b.WriteString(strings.TrimSpace(c.Data))
			} else if c.Type == html.ElementNode && !skipAtom(c.DataAtom) {
				rec(c)
			}
		}
	}
	rec(n)
	return b.String()
}

// isPermalink reports whether n is a heading permalink marker.
func isPermalink(n *html.Node) bool {
	if n.DataAtom != atom.A && n.DataAtom != atom.Span {
		return false
	}
	if hasClass(n, "headerlink") || hasClass(n, "anchor") || hasClass(n, "anchorjs-link") ||
		hasClass(n, "header-anchor") || hasClass(n, "heading-anchor") || hasClass(n, "hanchor") {
		return true
	}
	if n.DataAtom == atom.A {
		switch strings.TrimSpace(nodeText(n)) {
		case "¶", "#", "🔗", "§", "":
			return strings.HasPrefix(attr(n, "href"), "#") || attr(n, "href") == ""
		}
	}
	return false
}

// headingAnchor finds the fragment that links to heading h.
func headingAnchor(h *html.Node) string {
	if id := attr(h, "id"); id != "" {
		return id
	}
	var found string
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		for c := n.FirstChild; c != nil && found == ""; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.DataAtom == atom.A {
				if href := attr(c, "href"); strings.HasPrefix(href, "#") && len(href) > 1 && isPermalink(c) {
					found = href[1:]
					return
				}
				if name := attr(c, "name"); name != "" {
					found = name
					return
				}
			}
			rec(c)
		}
	}
	rec(h)
	if found != "" {
		return found
	}
	parent := h.Parent
	if parent != nil && parent.Type == html.ElementNode && hasClass(parent, "markdown-heading") {
		for c := parent.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && c.DataAtom == atom.A && hasClass(c, "anchor") {
				if href := attr(c, "href"); strings.HasPrefix(href, "#") && len(href) > 1 {
					return href[1:]
				}
				if id := attr(c, "id"); id != "" {
					return strings.TrimPrefix(id, "user-content-")
				}
			}
		}
		parent = parent.Parent
	}
	for p := parent; p != nil && p.Type == html.ElementNode; p = p.Parent {
		if p.DataAtom != atom.Section && p.DataAtom != atom.Div {
			break
		}
		if id := attr(p, "id"); id != "" {
			if firstElement(p) == h || firstElement(p) != nil && hasClass(firstElement(p), "markdown-heading") {
				return id
			}
			break
		}
		if firstElement(p) != h {
			break
		}
	}
	return ""
}

func firstElement(n *html.Node) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			return c
		}
	}
	return nil
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	for _, f := range strings.Fields(attr(n, "class")) {
		if f == class {
			return true
		}
	}
	return false
}

// isSidebar reports whether a class or id list names a sidebar
// ("sphinxsidebar", "sidebar_card", "bd-sidebar-primary"), not a page
// that has one ("has-sidebar").
func isSidebar(classes string) bool {
	for _, f := range strings.Fields(strings.ToLower(classes)) {
		if !strings.Contains(f, "sidebar") {
			continue
		}
		if strings.HasPrefix(f, "has-") || strings.HasPrefix(f, "with-") || strings.HasPrefix(f, "no-") {
			continue
		}
		if strings.HasPrefix(f, "sidebar") || strings.HasSuffix(f, "sidebar") || strings.Contains(f, "-sidebar-") {
			return true
		}
	}
	return false
}
