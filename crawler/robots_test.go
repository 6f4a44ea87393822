package crawler

import (
	"net/url"
	"testing"
)

func TestRobotsMatch(t *testing.T) {
	cases := []struct {
		pattern, path string
		want          bool
	}{
		{"/", "/anything", true},
		{"/private/", "/private/x.html", true},
		{"/private/", "/private", false},
		{"/*.pdf$", "/docs/a.pdf", true},
		{"/*.pdf$", "/docs/a.pdf?x=1", false},
		{"/*.pdf", "/docs/a.pdf?x=1", true},
		{"/a*b*c", "/axxbyyc", true},
		{"/a*b*c", "/axxcyyb", false},
		{"/exact$", "/exact", true},
		{"/exact$", "/exactly", false},
		{"*", "/x", true},
		{"/*/roadmap$", "/en/roadmap", true},
		{"/a*a$", "/a", false},
		{"/a*a$", "/aa", true},
	}
	for _, c := range cases {
		if got := robotsMatch(c.pattern, c.path); got != c.want {
			t.Errorf("robotsMatch(%q, %q) = %v, want %v", c.pattern, c.path, got, c.want)
		}
	}
}

func TestRobotsAllowed(t *testing.T) {
	const body = `# comment line
User-agent: *
Disallow: /private/
Allow: /private/open.html
Disallow: /*.pdf$
Disallow:

User-agent: RoadMapper
User-agent: otherbot
Disallow: /nothing-for-us/
Allow: /nothing-for-us/but-this
Crawl-delay: 5

Sitemap: https://example.org/sitemap.xml

User-agent: roadmapper
Disallow: /also/

User-agent: evilbot
Disallow: /
`
	cases := []struct {
		ua, path string
		want     bool
	}{
		{"otherbot/2.0", "/private/x", true}, // its own group only
		{"otherbot/2.0", "/nothing-for-us/x", false},
		{"otherbot/2.0", "/nothing-for-us/but-this", true},
		{"roadmapper (+https://example.org)", "/also/x", false}, // merged groups
		{"roadmapper (+https://example.org)", "/nothing-for-us/x", false},
		{"roadmapper (+https://example.org)", "/private/x", true},
		{"somebot", "/private/x", false},
		{"somebot", "/private/open.html", true}, // longer Allow wins
		{"somebot", "/docs/a.pdf", false},
		{"somebot", "/docs/a.pdf?v=2", true},
		{"somebot", "/", true},
		{"evilbot", "/robots.txt", true},
		{"evilbot", "/x", false},
	}
	for _, c := range cases {
		rules := parseRobots([]byte(body), c.ua)
		u, _ := url.Parse("https://example.org" + c.path)
		if got := rules.allowed(u); got != c.want {
			t.Errorf("%s %s: allowed %v, want %v", c.ua, c.path, got, c.want)
		}
	}
}

func TestRobotsEdgeCases(t *testing.T) {
	u, _ := url.Parse("https://example.org/x")
	for name, body := range map[string]string{
		"empty":          "",
		"no groups":      "Disallow: /\n",
		"other agent":    "User-agent: foo\nDisallow: /\n",
		"empty disallow": "User-agent: *\nDisallow:\n",
		"garbage":        "\x00\xff<html>not robots</html>",
	} {
		if !parseRobots([]byte(body), "roadmapper").allowed(u) {
			t.Errorf("%s: disallowed", name)
		}
	}
	if parseRobots([]byte("User-agent: *\r\nDisallow: /x\r\n"), "roadmapper").allowed(u) {
		t.Error("CRLF robots.txt not understood")
	}
	if parseRobots([]byte("user-agent: *\nDISALLOW: /x # trailing comment\n"), "roadmapper").allowed(u) {
		t.Error("case-insensitive keys or trailing comments not understood")
	}
	if !parseRobots([]byte("User-agent: *\nAllow: /x\nDisallow: /x\n"), "roadmapper").allowed(u) {
		t.Error("Allow must win a tie")
	}
}

func FuzzParseRobots(f *testing.F) {
	f.Add([]byte("User-agent: *\nDisallow: /private/\nAllow: /private/open$\n"), "/private/open")
	f.Add([]byte("User-agent: roadmapper\nDisallow: /*.pdf$\n"), "/a.pdf")
	f.Add([]byte("\r\r\n:::\nuser-agent:\nallow:*\n"), "/")
	f.Fuzz(func(t *testing.T, body []byte, path string) {
		rules := parseRobots(body, "roadmapper/1.0")
		u, err := url.Parse("https://example.org/" + path)
		if err != nil {
			return
		}
		_ = rules.allowed(u)
		u.Path = "/robots.txt"
		u.RawQuery, u.RawPath = "", ""
		if !rules.allowed(u) {
			t.Error("robots.txt itself disallowed")
		}
	})
}
