package crawler

import (
	"bufio"
	"bytes"
	"net/url"
	"strings"
)

// robotsRule is one Allow or Disallow line.
type robotsRule struct {
	allow   bool
	pattern string // path pattern; '*' matches any run, a final '$' anchors the end
}

// robotsRules are the rules of robots.txt that apply to one user agent.
// A nil *robotsRules allows everything.
type robotsRules struct {
	rules []robotsRule
}

// robotsGroup is one group of robots.txt: its user-agent lines and rules.
type robotsGroup struct {
	agents []string // lowercased product tokens
	rules  []robotsRule
}

// parseRobots parses a robots.txt body (RFC 9309) and keeps the rules of the
// groups that name userAgent's product token (the most specific name wins;
// groups with the same name merge), else of the "*" groups. Unknown lines
// are ignored; it never fails.
func parseRobots(body []byte, userAgent string) *robotsRules {
	var groups []*robotsGroup
	var cur *robotsGroup
	lastAgent := false
	sc := bufio.NewScanner(bytes.NewReader(body))
	sc.Buffer(make([]byte, 0, 4096), 64<<10)
	sc.Split(scanLinesLong)
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		key, val, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		key = strings.ToLower(strings.TrimSpace(key))
		val = strings.TrimSpace(val)
		switch key {
		case "user-agent", "useragent", "user agent":
			if cur == nil || !lastAgent {
				cur = &robotsGroup{}
				groups = append(groups, cur)
			}
			agent := strings.ToLower(val)
			if i := strings.IndexAny(agent, "/ "); i > 0 {
				agent = agent[:i]
			}
			cur.agents = append(cur.agents, agent)
			lastAgent = true
		case "allow", "disallow":
			lastAgent = false
			if cur == nil || val == "" {
				continue // rule outside a group, or "Disallow:" (allows all)
			}
			cur.rules = append(cur.rules, robotsRule{allow: key == "allow", pattern: val})
		default:
			lastAgent = false
		}
	}
	return selectRobots(groups, userAgent)
}

// scanLinesLong splits on \n, \r\n or a lone \r, dropping over-long lines'
// excess rather than failing.
func scanLinesLong(data []byte, atEOF bool) (advance int, token []byte, err error) {
	if atEOF && len(data) == 0 {
		return 0, nil, nil
	}
	if i := bytes.IndexAny(data, "\r\n"); i >= 0 {
		adv := i + 1
		if data[i] == '\r' && i+1 < len(data) && data[i+1] == '\n' {
			adv++
		} else if data[i] == '\r' && i+1 == len(data) && !atEOF {
			return 0, nil, nil // might be \r\n split across reads
		}
		return adv, data[:i], nil
	}
	if atEOF {
		return len(data), data, nil
	}
	if len(data) >= 60<<10 { // a line longer than the buffer: cut it
		return len(data), data, nil
	}
	return 0, nil, nil
}

// selectRobots merges the groups that apply to userAgent.
func selectRobots(groups []*robotsGroup, userAgent string) *robotsRules {
	tokens := uaTokens(userAgent)
	best := ""
	for _, g := range groups {
		for _, a := range g.agents {
			if a != "*" && a != "" && tokens[a] && len(a) > len(best) {
				best = a
			}
		}
	}
	want := best
	if want == "" {
		want = "*"
	}
	var out robotsRules
	found := false
	for _, g := range groups {
		for _, a := range g.agents {
			if a == want {
				out.rules = append(out.rules, g.rules...)
				found = true
				break
			}
		}
	}
	if !found {
		return nil
	}
	return &out
}

// uaTokens are the lowercased words of a User-Agent string ("roadmapper
// (+https://x.org)" → roadmapper, https, x, org), the names a robots.txt
// group may use for us.
func uaTokens(ua string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(ua), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_')
	}) {
		m[w] = true
	}
	return m
}

// allowed reports whether u may be fetched: the longest matching pattern
// wins, Allow wins a tie, no match allows. /robots.txt is always allowed.
func (r *robotsRules) allowed(u *url.URL) bool {
	if r == nil {
		return true
	}
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	if p == "/robots.txt" {
		return true
	}
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	bestLen, allow := -1, true
	for _, rule := range r.rules {
		if !robotsMatch(rule.pattern, p) {
			continue
		}
		if l := len(rule.pattern); l > bestLen || (l == bestLen && rule.allow) {
			bestLen, allow = l, rule.allow
		}
	}
	return allow
}

// robotsMatch reports whether path matches pattern, where '*' matches any
// sequence and a trailing '$' anchors the pattern at the end of path.
// Without '$' a pattern is a prefix match.
func robotsMatch(pattern, path string) bool {
	anchored := strings.HasSuffix(pattern, "$")
	if anchored {
		pattern = pattern[:len(pattern)-1]
	}
	parts := strings.Split(pattern, "*")
	if !strings.HasPrefix(path, parts[0]) {
		return false
	}
	pos := len(parts[0])
	if len(parts) == 1 {
		return !anchored || pos == len(path)
	}
	for _, part := range parts[1 : len(parts)-1] {
		i := strings.Index(path[pos:], part)
		if i < 0 {
			return false
		}
		pos += i + len(part)
	}
	last := parts[len(parts)-1]
	if anchored {
		return len(path)-pos >= len(last) && strings.HasSuffix(path, last)
	}
	return strings.Contains(path[pos:], last)
}
