package extract

import (
	"regexp"
	"strings"
)

var (
	atxRe          = regexp.MustCompile(`^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$`)
	explicitIDRe   = regexp.MustCompile(`\s*\{:?\s*#([\w:.-]+)[^}]*\}\s*$`)
	mystTargetRe   = regexp.MustCompile(`^\s*\(([^()\s]+)\)=\s*$`)
	fenceRe        = regexp.MustCompile("^\\s*(`{3,}|~{3,}|:{3,})\\s*(.*)$")
	setextH1Re     = regexp.MustCompile(`^ {0,3}=+\s*$`)
	setextH2Re     = regexp.MustCompile(`^ {0,3}-+\s*$`)
	hruleRe        = regexp.MustCompile(`^ {0,3}([-*_])(?:\s*([-*_])){2,}\s*$`)
	listRe         = regexp.MustCompile(`^(\s*)([-*+•]|\d{1,9}[.)])(?:[ \t]+(.*))?$`)
	quoteRe        = regexp.MustCompile(`^\s{0,3}>\s?(.*)$`)
	htmlHeadingRe  = regexp.MustCompile(`(?i)^\s*<h([1-6])([^>]*)>(.*?)</h[1-6]>\s*$`)
	htmlIDRe       = regexp.MustCompile(`(?i)\bid\s*=\s*["']?([^"'\s>]+)`)
	refDefRe       = regexp.MustCompile(`^ {0,3}\[([^\]^][^\]]*)\]:\s*<?(\S+?)>?(?:\s+.*)?$`)
	tableSepRe     = regexp.MustCompile(`^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-*:?\s*)*\|?\s*$`)
	commentRe      = regexp.MustCompile(`(?s)<!--.*?(?:-->|$)`)
	jinjaRe        = regexp.MustCompile(`(?s)\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}`)
	frontKeyRe     = regexp.MustCompile(`^\s*([\w-]+)\s*[:=]\s*(.*?)\s*$`)
	mkdocsAdmonRe  = regexp.MustCompile(`^(!!!|\?\?\?\+?)\s+\w+`)
	directiveOptRe = regexp.MustCompile(`^\s*:[\w-]+:`)
)

// admonitions are directives whose body is prose worth keeping.
var admonitions = map[string]bool{
	"note": true, "warning": true, "tip": true, "important": true, "hint": true, "attention": true,
	"caution": true, "danger": true, "error": true, "seealso": true, "admonition": true, "topic": true,
	"sidebar": false, "versionadded": true, "versionchanged": true, "deprecated": true, "todo": true,
}

// mdParser turns Markdown (CommonMark, GFM, MyST) lines into blocks.
type mdParser struct {
	p      *parsed
	refs   map[string]string
	para   []string
	item   []string // raw lines of the open list entry
	itemD  int      // depth of the open entry
	itemIn int      // content indent of the open entry
	stack  []int    // marker indents of open lists
	target string   // pending MyST (label)= anchor
	blank  bool     // previous line was blank
}

// parseMarkdown reads a Markdown document.
func parseMarkdown(src string) *parsed {
	p := &parsed{}
	src = strings.TrimPrefix(strings.ReplaceAll(src, "\r\n", "\n"), "\ufeff")
	src = frontMatter(src, p)
	src = commentRe.ReplaceAllString(src, "")
	src = jinjaRe.ReplaceAllString(src, "")
	lines := strings.Split(src, "\n")
	mp := &mdParser{p: p, refs: map[string]string{}}
	kept := lines[:0]
	for _, l := range lines {
		if m := refDefRe.FindStringSubmatch(l); m != nil {
			mp.refs[strings.ToLower(collapse(m[1]))] = m[2]
			continue
		}
		kept = append(kept, l)
	}
	lines = dedentMkdocsAdmonitions(kept)

	type fence struct {
		char byte
		n    int
		code bool
	}
	var fences []fence
	for _, line := range lines {
		line = strings.ReplaceAll(line, "\t", "    ")
		if m := fenceRe.FindStringSubmatch(line); m != nil {
			c, n, info := m[1][0], len(m[1]), strings.TrimSpace(m[2])
			if len(fences) > 0 && info == "" && fences[len(fences)-1].char == c && n >= fences[len(fences)-1].n {
				fences = fences[:len(fences)-1]
				mp.flushAll()
				continue
			}
			if len(fences) > 0 && fences[len(fences)-1].code {
				continue
			}
			if c == ':' && !strings.HasPrefix(info, "{") {
				goto normal // not a MyST colon fence
			}
			mp.flushAll()
			name := ""
			if strings.HasPrefix(info, "{") {
				if end := strings.IndexByte(info, '}'); end > 0 {
					name = strings.ToLower(info[1:end])
				}
			}
			fences = append(fences, fence{char: c, n: n, code: !admonitions[name]})
			continue
		}
		if len(fences) > 0 {
			if fences[len(fences)-1].code {
				continue
			}
			if directiveOptRe.MatchString(line) {
				continue
			}
		}
	normal:
		mp.line(line)
	}
	mp.flushAll()
	return p
}

// frontMatter strips YAML (---) or TOML (+++) front matter, recording its
// title and dates.
func frontMatter(src string, p *parsed) string {
	for _, delim := range []string{"---", "+++"} {
		if !strings.HasPrefix(src, delim+"\n") {
			continue
		}
		rest := src[len(delim)+1:]
		end := -1
		for off := 0; off < len(rest); {
			nl := strings.IndexByte(rest[off:], '\n')
			line := rest[off:]
			if nl >= 0 {
				line = rest[off : off+nl]
			}
			if t := strings.TrimSpace(line); t == delim || (delim == "---" && t == "...") {
				end = off
				break
			}
			if nl < 0 {
				break
			}
			off += nl + 1
		}
		if end < 0 {
			return src
		}
		for _, line := range strings.Split(rest[:end], "\n") {
			m := frontKeyRe.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			key, val := strings.ToLower(m[1]), strings.Trim(m[2], `"'`)
			switch key {
			case "title":
				p.title, _ = mdInline(val, nil)
			case "description":
				// Jekyll collections often title an entry by its description.
				if p.title == "" {
					p.title, _ = mdInline(val, nil)
				}
			case "date", "lastmod", "last_modified", "last-modified", "updated", "modified":
				if d, ok := metaDate(m[1]+": ", val); ok {
					p.meta = append(p.meta, d)
				}
			}
		}
		after := rest[end:]
		if nl := strings.IndexByte(after, '\n'); nl >= 0 {
			return after[nl+1:]
		}
		return ""
	}
	return src
}

// dedentMkdocsAdmonitions turns the indented body of a MkDocs "!!! note"
// block into ordinary lines (otherwise it would read as indented code).
func dedentMkdocsAdmonitions(lines []string) []string {
	in := false
	for i, l := range lines {
		switch {
		case mkdocsAdmonRe.MatchString(l):
			in = true
			lines[i] = ""
		case in && strings.TrimSpace(l) == "":
		case in && (strings.HasPrefix(l, "    ") || strings.HasPrefix(l, "\t")):
			if strings.HasPrefix(l, "\t") {
				lines[i] = l[1:]
			} else {
				lines[i] = l[4:]
			}
		default:
			in = false
		}
	}
	return lines
}

func indentOf(s string) int {
	return len(s) - len(strings.TrimLeft(s, " "))
}

func (mp *mdParser) emit(b block) {
	mp.p.blocks = append(mp.p.blocks, b)
}

func (mp *mdParser) flushPara() {
	if len(mp.para) == 0 {
		return
	}
	text, links := mdInline(strings.Join(mp.para, " "), mp.refs)
	mp.para = mp.para[:0]
	mp.emit(block{kind: blockPara, text: text, links: links})
}

func (mp *mdParser) flushItem() {
	if mp.item == nil {
		return
	}
	raw := strings.Join(mp.item, " ")
	text, links := mdInline(raw, mp.refs)
	mp.emit(block{kind: blockItem, depth: mp.itemD, text: text, links: links, lead: mdLead(raw, mp.refs)})
	mp.item = nil
}

func (mp *mdParser) flushAll() {
	mp.flushPara()
	mp.flushItem()
}

func (mp *mdParser) closeList() {
	mp.flushItem()
	mp.stack = mp.stack[:0]
}

func (mp *mdParser) heading(level int, raw, anchor string) {
	mp.flushPara()
	mp.closeList()
	if m := explicitIDRe.FindStringSubmatch(raw); m != nil {
		anchor = m[1]
		raw = raw[:len(raw)-len(m[0])]
	}
	text, links := mdInline(raw, mp.refs)
	if anchor == "" {
		anchor = mp.target
	}
	if anchor == "" {
		anchor = gitHubAnchor(text)
	}
	mp.target = ""
	mp.emit(block{kind: blockHeading, level: level, text: text, anchor: anchor, links: links})
}

// line handles one line outside code.
func (mp *mdParser) line(line string) {
	trimmed := strings.TrimSpace(line)
	wasBlank := mp.blank
	mp.blank = trimmed == ""
	if trimmed == "" {
		mp.flushPara()
		return
	}
	indent := indentOf(line)
	c0 := trimmed[0]
	if m := matchIf(c0 == '(', mystTargetRe, line); m != nil {
		mp.flushAll()
		mp.target = m[1]
		return
	}
	if m := matchIf(c0 == '#', atxRe, line); m != nil {
		mp.heading(len(m[1]), m[2], "")
		return
	}
	if len(mp.para) > 0 && mp.item == nil && (c0 == '=' || c0 == '-') {
		if setextH1Re.MatchString(line) || setextH2Re.MatchString(line) {
			level := 1
			if trimmed[0] == '-' {
				level = 2
			}
			raw := strings.Join(mp.para, " ")
			mp.para = mp.para[:0]
			mp.heading(level, raw, "")
			return
		}
	}
	if (c0 == '-' || c0 == '*' || c0 == '_') && hruleRe.MatchString(line) {
		mp.flushAll()
		return
	}
	if m := matchIf(c0 == '<', htmlHeadingRe, line); m != nil {
		anchor := ""
		if id := htmlIDRe.FindStringSubmatch(m[2]); id != nil {
			anchor = id[1]
		}
		mp.heading(atoiLevel(m[1]), m[3], anchor)
		return
	}
	isMarker := strings.IndexByte("-*+", c0) >= 0 || isDigit(c0) || strings.HasPrefix(trimmed, "•")
	if m := matchIf(isMarker, listRe, line); m != nil && (indent < 4 || len(mp.stack) > 0) {
		mp.flushPara()
		mp.flushItem()
		for len(mp.stack) > 0 && mp.stack[len(mp.stack)-1] > indent {
			mp.stack = mp.stack[:len(mp.stack)-1]
		}
		if len(mp.stack) == 0 || mp.stack[len(mp.stack)-1] < indent {
			mp.stack = append(mp.stack, indent)
		}
		mp.itemD = len(mp.stack) - 1
		mp.itemIn = indent + len(m[2]) + 1
		mp.item = []string{m[3]}
		return
	}
	if len(mp.stack) > 0 {
		if indent >= mp.itemIn || !wasBlank {
			// continuation of the open entry (or a new paragraph inside it)
			if mp.item == nil {
				mp.item = []string{}
			}
			mp.item = append(mp.item, trimmed)
			return
		}
		mp.closeList()
	}
	if indent >= 4 && len(mp.para) == 0 {
		return // indented code block
	}
	if m := matchIf(c0 == '>', quoteRe, line); m != nil {
		line = m[1]
		trimmed = strings.TrimSpace(line)
		if trimmed == "" {
			mp.flushPara()
			return
		}
	}
	if strings.HasPrefix(trimmed, "|") {
		mp.flushPara()
		if tableSepRe.MatchString(trimmed) {
			return
		}
		cells := strings.Split(strings.Trim(trimmed, "|"), "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		text, links := mdInline(strings.Join(cells, " | "), mp.refs)
		mp.emit(block{kind: blockOther, text: text, links: links})
		return
	}
	mp.para = append(mp.para, trimmed)
}

func atoiLevel(s string) int {
	if len(s) == 1 && s[0] >= '1' && s[0] <= '6' {
		return int(s[0] - '0')
	}
	return 6
}

// matchIf runs re on s only when a cheap pre-check passed.
func matchIf(ok bool, re *regexp.Regexp, s string) []string {
	if !ok {
		return nil
	}
	return re.FindStringSubmatch(s)
}
