package discover

import (
	"bytes"
	"net/url"
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/roadmapper/roadmapper/internal/plaintext"
)

// Where a link was found.
const (
	placeReadme = "README"
	placeNav    = "navigation"
	placeFooter = "footer"
	placeBody   = "body"
)

// link is a hyperlink found in a README or a web page.
type link struct {
	URL   string // absolute http(s) URL, fragment kept
	Text  string // link text (image alt text included), whitespace collapsed, capped
	Place string // placeReadme, placeNav, placeFooter, placeBody
	Page  string // "README", "homepage", "documentation"
}

const (
	maxLinkText = 120
	maxLinks    = 2000 // per document
)

var (
	mdInline = regexp.MustCompile(`\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)`)
	mdRef    = regexp.MustCompile(`(?m)^\s{0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s+["'(].*)?$`)
	mdRefUse = regexp.MustCompile(`\[([^\]]+)\]\[([^\]]*)\]`)
	rstLink  = regexp.MustCompile("`([^`<]*?)\\s*<([^`>]+)>`_{1,2}")
	rstTgt   = regexp.MustCompile(`(?m)^\s*\.\.\s+_([^:]+):\s*(\S+)\s*$`)
	imgAlt   = regexp.MustCompile(`!\[([^\]]*)\]\([^)]*\)`)
	bareURL  = regexp.MustCompile(`https?://[^\s<>()\[\]"'` + "`" + `]+`)
)

// readmeLinks returns the links of a README (Markdown, reStructuredText or
// the HTML both allow), resolved against base (the file's blob URL).
func readmeLinks(text, base string) []link {
	var out []link
	add := func(target, txt string) {
		if u := resolve(base, target); u != "" && len(out) < maxLinks {
			out = append(out, link{URL: u, Text: cleanText(txt), Place: placeReadme, Page: "README"})
		}
	}
	refs := map[string]string{}
	for _, m := range mdRef.FindAllStringSubmatch(text, -1) {
		refs[strings.ToLower(m[1])] = m[2]
		add(m[2], m[1])
	}
	for _, m := range mdInline.FindAllStringSubmatch(text, -1) {
		add(m[2], imgAlt.ReplaceAllString(m[1], "$1"))
	}
	for _, m := range mdRefUse.FindAllStringSubmatch(text, -1) {
		key := m[2]
		if key == "" {
			key = m[1]
		}
		if t, ok := refs[strings.ToLower(key)]; ok {
			add(t, m[1])
		}
	}
	for _, m := range rstLink.FindAllStringSubmatch(text, -1) {
		add(m[2], m[1])
	}
	for _, m := range rstTgt.FindAllStringSubmatch(text, -1) {
		add(m[2], m[1])
	}
	if strings.Contains(text, "<a ") || strings.Contains(text, "<A ") {
		for _, l := range htmlLinks([]byte(text), base, "README").Links {
			l.Place = placeReadme
			add(l.URL, l.Text)
		}
	}
	// Bare URLs that say roadmap ("Roadmap: https://…").
	for _, u := range bareURL.FindAllString(text, -1) {
		if saysRoadmap(u) {
			add(strings.TrimRight(u, ".,;:"), "")
		}
	}
	return out
}

// pageInfo is what a fetched HTML page tells discovery.
type pageInfo struct {
	URL      string // where the page was fetched from
	Title    string
	SiteName string   // og:site_name
	Images   []string // og:image, then icons (largest first as declared), absolute URLs
	Links    []link
}

// htmlLinks parses an HTML page fetched from base: its links with where
// they sit (navigation, footer, body), its title, og:site_name and logo
// images. Bad HTML gives what could be read.
func htmlLinks(body []byte, base, page string) pageInfo {
	info := pageInfo{URL: base}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		return info
	}
	info.Title = cleanText(doc.Find("title").First().Text())
	info.SiteName = cleanText(attrOf(doc, `meta[property="og:site_name"]`, "content"))
	if u := resolve(base, attrOf(doc, `meta[property="og:image"]`, "content")); u != "" {
		info.Images = append(info.Images, u)
	}
	doc.Find(`link[rel~="apple-touch-icon"], link[rel~="icon"]`).Each(func(_ int, s *goquery.Selection) {
		if u := resolve(base, s.AttrOr("href", "")); u != "" {
			info.Images = append(info.Images, u)
		}
	})
	doc.Find("a[href]").Each(func(_ int, s *goquery.Selection) {
		if len(info.Links) >= maxLinks {
			return
		}
		u := resolve(base, s.AttrOr("href", ""))
		if u == "" {
			return
		}
		text := s.Text()
		s.Find("img[alt]").Each(func(_ int, img *goquery.Selection) { text += " " + img.AttrOr("alt", "") })
		if strings.TrimSpace(text) == "" {
			text = s.AttrOr("aria-label", s.AttrOr("title", ""))
		}
		info.Links = append(info.Links, link{URL: u, Text: cleanText(text), Place: placeOf(s), Page: page})
	})
	return info
}

func attrOf(doc *goquery.Document, sel, attr string) string {
	return doc.Find(sel).First().AttrOr(attr, "")
}

// placeOf says whether a link sits in navigation (nav, header, a menu or
// sidebar), a footer, or the body.
func placeOf(s *goquery.Selection) string {
	place := placeBody
	for n := s.Get(0).Parent; n != nil; n = n.Parent {
		if n.Type != html.ElementNode {
			continue
		}
		tag := strings.ToLower(n.Data)
		marks := strings.ToLower(attr(n, "class") + " " + attr(n, "id") + " " + attr(n, "role"))
		switch {
		case tag == "footer" || strings.Contains(marks, "footer") || strings.Contains(marks, "contentinfo"):
			return placeFooter
		case tag == "nav" || tag == "header" || strings.Contains(marks, "navigation") || strings.Contains(marks, "navbar") ||
			strings.Contains(marks, "menu") || strings.Contains(marks, "sidebar") || strings.Contains(marks, "header") ||
			strings.Contains(marks, "toctree"):
			place = placeNav
		}
	}
	return place
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

// resolve makes target absolute against base and returns it when it is an
// http(s) URL with a host, else "".
func resolve(base, target string) string {
	target = strings.TrimSpace(target)
	if target == "" || strings.HasPrefix(target, "#") || len(target) > 2048 {
		return ""
	}
	t, err := url.Parse(target)
	if err != nil {
		return ""
	}
	if b, err := url.Parse(base); err == nil && base != "" {
		t = b.ResolveReference(t)
	}
	if (t.Scheme != "http" && t.Scheme != "https") || t.Host == "" {
		return ""
	}
	t.User = nil
	return t.String()
}

// cleanText makes crawled text quoted in evidence one line
// (plaintext.OneLine) and caps its length.
func cleanText(s string) string {
	s = plaintext.OneLine(s)
	if r := []rune(s); len(r) > maxLinkText {
		s = string(r[:maxLinkText-1]) + "…"
	}
	return s
}
