package discover

import (
	"bytes"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/roadmapper/roadmapper/crawler/extract"
)

// pageCheck is the verdict on a candidate roadmap URL after fetching it.
type pageCheck struct {
	OK       bool   // a roadmap page: answered, says roadmap, not a post
	Weak     bool   // answered and is no post, but does not say roadmap in its title or headings
	Note     string // "answered HTTP 404 Not Found", "a blog post of 2019 ('Roadmap to 1.0 released')", "title 'Roadmap', 6 sections"
	Title    string
	Sections int
	Words    int
}

var (
	postPath  = regexp.MustCompile(`(?i)/(blog|news|posts?|announcements?|articles?|press|events?|release-notes|releases|changelog)(/|$)`)
	datedPath = regexp.MustCompile(`/((?:19|20)\d\d)/(?:0?[1-9]|1[0-2])(?:/|$)`)
	yearInURL = regexp.MustCompile(`(?:^|[/_-])((?:19|20)\d\d)(?:[/_.-]|$)`)
	postTitle = regexp.MustCompile(`(?i)\b(released|releasing|announc\w*|recap|retrospective|wrap-?up|looking back|year in review|we('| a)re (happy|excited|pleased))\b`)
)

// judgePage decides whether a fetched candidate URL is a roadmap. status
// and fetchErr describe the fetch (fetchErr nil when it answered 200 with
// body). A page is refused when it did not answer, when it is a blog or
// news post (by its path, a dated path, its og:type or a title announcing a
// release) or when it is not a document the crawler can read; it is weak
// when it reads fine but never says roadmap in its title or headings.
func judgePage(rawURL string, contentType string, body []byte, fetchErr error, now time.Time) pageCheck {
	if fetchErr != nil {
		return pageCheck{Note: "answered " + cleanText(fetchErr.Error())}
	}
	u, _ := url.Parse(rawURL)
	var urlPath string
	if u != nil {
		urlPath = u.Path
	}
	title, headings, article, published := pageFacts(contentType, body)
	doc, err := extract.Extract(rawURL, contentType, body)
	c := pageCheck{Title: title}
	if err == nil {
		if c.Title == "" {
			c.Title = cleanText(doc.Title)
		}
		c.Sections, c.Words = len(doc.Items), doc.Words
	}
	year := published
	if year == 0 {
		if m := yearInURL.FindStringSubmatch(urlPath); m != nil {
			year, _ = strconv.Atoi(m[1])
		}
	}
	post := ""
	switch {
	case postPath.MatchString(urlPath):
		post = "its address is a blog or news post"
	case datedPath.MatchString(urlPath):
		post = "its address is dated like a post"
	case article:
		post = "it declares itself an article"
	case postTitle.MatchString(c.Title):
		post = "its title announces news"
	}
	if post != "" {
		when := ""
		if year > 0 {
			when = " of " + strconv.Itoa(year)
		}
		c.Note = fmt.Sprintf("a post%s (%q): %s, not a roadmap", when, c.Title, post)
		return c
	}
	if err != nil && !strings.Contains(err.Error(), "no headings") {
		c.Note = "not a document the crawler can read: " + cleanText(err.Error())
		return c
	}
	says := saysRoadmap(c.Title)
	for _, h := range headings {
		says = says || saysRoadmap(h)
	}
	desc := fmt.Sprintf("title %q, %d sections, %d words", c.Title, c.Sections, c.Words)
	if year > 0 && year < now.Year()-4 {
		desc += fmt.Sprintf(", dated %d", year)
	}
	if !says {
		c.Weak = true
		c.Note = desc + "; the page never says roadmap"
		return c
	}
	c.OK = true
	c.Note = desc
	return c
}

// pageFacts reads a page's title, headings, whether it declares itself an
// article (og:type) and the year it says it was published, from HTML; for
// Markdown and text the first heading is the title.
func pageFacts(contentType string, body []byte) (title string, headings []string, article bool, year int) {
	if extract.DetectFormat("", contentType, body) != extract.FormatHTML {
		for _, line := range strings.SplitN(string(body), "\n", 200) {
			t := strings.TrimSpace(line)
			if strings.HasPrefix(t, "#") {
				h := cleanText(strings.TrimLeft(t, "# "))
				if title == "" {
					title = h
				}
				headings = append(headings, h)
			}
		}
		return title, headings, false, 0
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		return "", nil, false, 0
	}
	doc.Find("a.headerlink, .headerlink").Remove()
	title = cleanText(doc.Find("h1").First().Text())
	if title == "" {
		title = cleanText(doc.Find("title").First().Text())
	}
	doc.Find("title, h1, h2").Each(func(_ int, s *goquery.Selection) {
		headings = append(headings, cleanText(s.Text()))
	})
	article = strings.EqualFold(strings.TrimSpace(attrOf(doc, `meta[property="og:type"]`, "content")), "article")
	pub := attrOf(doc, `meta[property="article:published_time"]`, "content")
	if pub == "" {
		pub = doc.Find("article time[datetime], time[datetime]").First().AttrOr("datetime", "")
	}
	if len(pub) >= 4 {
		if y, err := strconv.Atoi(pub[:4]); err == nil && y > 1990 {
			year = y
		}
	}
	if pub != "" && attrOf(doc, `meta[property="article:published_time"]`, "content") != "" {
		article = true
	}
	return title, headings, article, year
}
