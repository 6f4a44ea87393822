package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

var (
	rstDirectiveRe = regexp.MustCompile(`^(\s*)\.\.\s+([\w:.+-]+)::(?:\s+(.*))?$`)
	rstSubstDefRe  = regexp.MustCompile(`^\s*\.\.\s+\|([^|]+)\|\s+([\w-]+)::\s*(.*)$`)
	rstTargetRe    = regexp.MustCompile(`^\s*\.\.\s+_([^:]+|` + "`[^`]+`" + `):\s*(\S*)\s*$`)
	rstFieldRe     = regexp.MustCompile(`^:([^:\s][^:]*):(?:\s+(.*))?$`)
	rstListRe      = regexp.MustCompile(`^(\s*)([-*+•‣]|\d{1,9}[.)]|#\.|\(?[0-9a-zA-Z]\))(?:\s+(.*))?$`)
	rstLiteralRe   = regexp.MustCompile("``([^`]+)``")
	rstRoleRe      = regexp.MustCompile(":([\\w:.+-]+):`([^`]*)`")
	rstRefRe       = regexp.MustCompile("`([^`]+)`(__?)?")
	rstWordRefRe   = regexp.MustCompile(`\b([\w-]+)__?(\W|$)`)
	rstSubstRe     = regexp.MustCompile(`\|([^|\s][^|]*)\|(__?)?`)
	rstFootRefRe   = regexp.MustCompile(`\s?\[(?:#[\w-]*|\d+|\*)\]_`)
	rstEscapeRe    = regexp.MustCompile(`\\(.)`)
)

// dateFields are docinfo fields that date the document.
var dateFields = map[string]bool{
	"date": true, "last updated": true, "updated": true, "last-updated": true, "revised": true,
	"last modified": true, "modified": true, "revision date": true,
}

// isAdornment reports whether l is a line of one repeated punctuation
// character, as under or over a reStructuredText section title.
func isAdornment(l string) bool {
	return isAdornmentMin(l, 3)
}

// isAdornmentMin is isAdornment for lines of at least min characters.
func isAdornmentMin(l string, min int) bool {
	l = strings.TrimRight(l, " \t\r")
	if len(l) < min || len(l) < 1 {
		return false
	}
	c := l[0]
	if !strings.ContainsRune("=-~^\"'`*+#:_<>!$%&,;?@|/\\", rune(c)) {
		return false
	}
	for i := 1; i < len(l); i++ {
		if l[i] != c {
			return false
		}
	}
	return true
}

// rstParser turns reStructuredText lines into blocks.
type rstParser struct {
	p       *parsed
	refs    map[string]string
	subs    map[string]string
	styles  []string // adornment styles in order of first appearance
	para    []string
	item    []string
	itemD   int
	itemIn  int
	stack   []int
	content bool // a paragraph or list was emitted (the docinfo is over)
}

// parseRST reads a reStructuredText document.
func parseRST(src string) *parsed {
	src = strings.TrimPrefix(strings.ReplaceAll(src, "\r\n", "\n"), "\ufeff")
	lines := strings.Split(strings.ReplaceAll(src, "\t", "        "), "\n")
	rp := &rstParser{p: &parsed{}, refs: map[string]string{}, subs: map[string]string{}}
	for _, l := range lines { // targets and substitutions may come after use
		if m := rstTargetRe.FindStringSubmatch(l); m != nil && m[2] != "" {
			rp.refs[strings.ToLower(strings.Trim(m[1], "`"))] = m[2]
		}
		if m := rstSubstDefRe.FindStringSubmatch(l); m != nil && m[2] == "replace" {
			rp.subs[m[1]] = m[3]
		}
	}
	literal := false // the paragraph just flushed ended with "::"
	for i := 0; i < len(lines); i++ {
		line := strings.TrimRight(lines[i], " \r")
		trimmed := strings.TrimSpace(line)
		indent := indentOf(line)
		if trimmed == "" {
			literal = rp.flushPara() || literal
			continue
		}
		if literal {
			literal = false
			if indent > 0 {
				i = skipIndented(lines, i, 0) - 1
				continue
			}
		}
		// section titles
		if indent == 0 || isAdornment(line) {
			if n, text, style := rstTitleAt(lines, i); n > 0 {
				rp.flushPara()
				rp.closeList()
				rp.heading(text, style)
				i += n - 1
				continue
			}
		}
		if isAdornment(line) && len(rp.para) == 0 {
			continue // transition
		}
		if strings.HasPrefix(trimmed, "..") && (trimmed == ".." || strings.HasPrefix(trimmed, ".. ")) {
			rp.flushPara()
			rp.flushItem()
			i = rp.explicit(lines, i, indent) - 1
			continue
		}
		if isTableBorder(trimmed) {
			rp.flushPara()
			continue
		}
		if m := rstFieldRe.FindStringSubmatch(trimmed); m != nil && indent == 0 && len(rp.para) == 0 {
			name := strings.ToLower(strings.TrimSpace(m[1]))
			if dateFields[name] {
				if d, ok := metaDate(m[1]+": ", m[2]); ok {
					rp.p.meta = append(rp.p.meta, d)
				}
			}
			end := skipIndented(lines, i+1, 0)
			if !rp.content {
				i = end - 1
				continue
			}
			val := m[2]
			for _, l := range lines[i+1 : end] {
				val += " " + strings.TrimSpace(l)
			}
			rp.flushItem()
			text, links := rp.inline(m[1] + ": " + val)
			rp.emit(block{kind: blockOther, text: text, links: links})
			i = end - 1
			continue
		}
		if m := rstListRe.FindStringSubmatch(line); m != nil && len(rp.para) == 0 && m[3] != "" {
			rp.flushItem()
			for len(rp.stack) > 0 && rp.stack[len(rp.stack)-1] > indent {
				rp.stack = rp.stack[:len(rp.stack)-1]
			}
			if len(rp.stack) == 0 || rp.stack[len(rp.stack)-1] < indent {
				rp.stack = append(rp.stack, indent)
			}
			rp.itemD = len(rp.stack) - 1
			rp.itemIn = indent + len(m[2]) + 1
			rp.item = []string{m[3]}
			if strings.HasSuffix(m[3], "::") {
				rp.item[0] = strings.TrimSuffix(m[3], ":")
			}
			continue
		}
		if len(rp.stack) > 0 {
			if rp.item != nil && indent >= rp.itemIn && len(rp.para) == 0 {
				rp.item = append(rp.item, trimmed)
				if strings.HasSuffix(trimmed, "::") {
					rp.item[len(rp.item)-1] = strings.TrimSuffix(trimmed, ":")
					literal = true
				}
				continue
			}
			if indent < rp.itemIn {
				rp.closeList()
			}
		}
		if strings.HasPrefix(trimmed, "|") {
			trimmed = strings.TrimSpace(strings.ReplaceAll(trimmed, "|", " "))
		}
		rp.para = append(rp.para, trimmed)
	}
	rp.flushPara()
	rp.flushItem()
	return rp.p
}

// rstTitleAt recognises a section title at lines[i]: returns how many lines
// it spans (0: none), its text and its adornment style.
func rstTitleAt(lines []string, i int) (int, string, string) {
	at := func(j int) string {
		if j < 0 || j >= len(lines) {
			return ""
		}
		return strings.TrimRight(lines[j], " \r")
	}
	l := at(i)
	if isAdornment(l) {
		text, under := at(i+1), at(i+2)
		t := strings.TrimSpace(text)
		if t != "" && !isAdornment(text) && isAdornment(under) && under[0] == l[0] {
			return 3, t, "o" + l[:1]
		}
		return 0, "", ""
	}
	under := at(i + 1)
	short := isAdornmentMin(under, 2) && len(under) >= utf8.RuneCountInString(strings.TrimSpace(l))
	if strings.TrimSpace(l) == "" || !isAdornment(under) && !short || indentOf(l) > 0 {
		return 0, "", ""
	}
	prev := at(i - 1)
	if strings.TrimSpace(prev) != "" && !isAdornment(prev) {
		return 0, "", ""
	}
	if !short && utf8.RuneCountInString(under) < 4 {
		return 0, "", ""
	}
	if rstListRe.MatchString(l) && strings.HasPrefix(l, "-") {
		return 0, "", ""
	}
	return 2, strings.TrimSpace(l), "u" + under[:1]
}

func isTableBorder(t string) bool {
	if len(t) < 3 {
		return false
	}
	if t[0] == '+' && strings.Trim(t, "+-=: ") == "" {
		return true
	}
	if t[0] == '=' && strings.Trim(t, "= ") == "" && strings.Contains(t, " ") {
		return true
	}
	return false
}

// skipIndented returns the index of the first line at or after from that is
// neither blank nor indented more than base.
func skipIndented(lines []string, from, base int) int {
	i := from
	for i < len(lines) {
		l := strings.TrimRight(lines[i], " \r")
		if strings.TrimSpace(l) != "" && indentOf(l) <= base {
			break
		}
		i++
	}
	return i
}

// explicit handles an explicit markup block (directive, comment, target,
// substitution) at lines[i] and returns the index after it.
func (rp *rstParser) explicit(lines []string, i, indent int) int {
	end := skipIndented(lines, i+1, indent)
	m := rstDirectiveRe.FindStringSubmatch(strings.TrimRight(lines[i], " \r"))
	if m == nil {
		return end // comment, target or substitution definition
	}
	name := strings.ToLower(m[2])
	if !admonitions[name] {
		return end
	}
	var body []string
	if name == "admonition" || name == "topic" {
		if t := strings.TrimSpace(m[3]); t != "" {
			body = append(body, t, "")
		}
	} else if t := strings.TrimSpace(m[3]); t != "" {
		body = append(body, t)
	}
	for _, l := range lines[i+1 : end] {
		t := strings.TrimSpace(l)
		if rstFieldRe.MatchString(t) && len(body) == 0 {
			continue // directive option
		}
		body = append(body, t)
	}
	var para []string
	flush := func() {
		if len(para) > 0 {
			text, links := rp.inline(strings.Join(para, " "))
			rp.emit(block{kind: blockOther, text: text, links: links})
			para = para[:0]
		}
	}
	for _, t := range body {
		if t == "" {
			flush()
			continue
		}
		para = append(para, strings.TrimLeft(t, "-*• "))
	}
	flush()
	return end
}

func (rp *rstParser) emit(b block) {
	if b.kind != blockHeading {
		rp.content = true
	}
	rp.p.blocks = append(rp.p.blocks, b)
}

func (rp *rstParser) heading(text, style string) {
	level := 0
	for j, s := range rp.styles {
		if s == style {
			level = j + 1
		}
	}
	if level == 0 {
		rp.styles = append(rp.styles, style)
		level = len(rp.styles)
	}
	if level > 6 {
		level = 6
	}
	t, links := rp.inline(text)
	rp.emit(block{kind: blockHeading, level: level, text: t, anchor: docutilsID(t), links: links})
}

// flushPara emits the open paragraph and reports whether it introduced a
// literal block ("::" at its end).
func (rp *rstParser) flushPara() bool {
	if len(rp.para) == 0 {
		return false
	}
	raw := strings.Join(rp.para, " ")
	rp.para = rp.para[:0]
	literal := strings.HasSuffix(raw, "::")
	if literal {
		raw = strings.TrimSuffix(raw, ":")
		if strings.HasSuffix(raw, " :") || raw == ":" {
			raw = strings.TrimSuffix(raw, ":")
		}
	}
	text, links := rp.inline(raw)
	rp.emit(block{kind: blockPara, text: text, links: links})
	return literal
}

func (rp *rstParser) flushItem() {
	if rp.item == nil {
		return
	}
	raw := strings.Join(rp.item, " ")
	text, links := rp.inline(raw)
	lead := ""
	if strings.HasPrefix(raw, "**") {
		if end := strings.Index(raw[2:], "**"); end > 0 {
			lead, _ = rp.inline(raw[2 : 2+end])
		}
	}
	rp.emit(block{kind: blockItem, depth: rp.itemD, text: text, lead: lead, links: links})
	rp.item = nil
}

func (rp *rstParser) closeList() {
	rp.flushItem()
	rp.stack = rp.stack[:0]
}

// inline reduces reStructuredText inline markup to plain text, returning
// the URLs it referenced.
func (rp *rstParser) inline(s string) (string, []string) {
	var links []string
	var codes []string
	protect := func(t string) string {
		codes = append(codes, t)
		return "\x00" + itoa(len(codes)-1) + "\x00"
	}
	s = strings.ReplaceAll(s, "\x00", "")
	if strings.IndexByte(s, '`') >= 0 {
		s = rstLiteralRe.ReplaceAllStringFunc(s, func(m string) string {
			return protect(m[2 : len(m)-2])
		})
		s = rstRoleRe.ReplaceAllStringFunc(s, func(m string) string {
			sub := rstRoleRe.FindStringSubmatch(m)
			t := sub[2]
			if i := strings.LastIndexByte(t, '<'); i >= 0 && strings.HasSuffix(t, ">") {
				target := t[i+1 : len(t)-1]
				if strings.HasPrefix(target, "http://") || strings.HasPrefix(target, "https://") {
					links = append(links, target)
				}
				if label := strings.TrimSpace(t[:i]); label != "" {
					return protect(label)
				}
				t = target
			}
			if strings.HasPrefix(t, "~") {
				t = t[1:]
				if j := strings.LastIndexByte(t, '.'); j >= 0 {
					t = t[j+1:]
				}
			}
			return protect(strings.TrimPrefix(t, "!"))
		})
		s = rstRefRe.ReplaceAllStringFunc(s, func(m string) string {
			sub := rstRefRe.FindStringSubmatch(m)
			t := sub[1]
			if i := strings.LastIndexByte(t, '<'); i >= 0 && strings.HasSuffix(t, ">") {
				target := t[i+1 : len(t)-1]
				if strings.Contains(target, "://") {
					links = append(links, target)
				} else if u, ok := rp.refs[strings.ToLower(strings.TrimSuffix(target, "_"))]; ok {
					links = append(links, u)
				}
				if label := strings.TrimSpace(t[:i]); label != "" {
					return protect(label)
				}
				return protect(target)
			}
			if sub[2] != "" {
				if u, ok := rp.refs[strings.ToLower(t)]; ok {
					links = append(links, u)
				}
			}
			return protect(t)
		})
	}
	if strings.IndexByte(s, '_') >= 0 {
		s = rstFootRefRe.ReplaceAllString(s, "")
		s = rstWordRefRe.ReplaceAllStringFunc(s, func(m string) string {
			sub := rstWordRefRe.FindStringSubmatch(m)
			u, ok := rp.refs[strings.ToLower(sub[1])]
			if !ok {
				return m
			}
			links = append(links, u)
			return sub[1] + sub[2]
		})
	}
	if strings.IndexByte(s, '|') >= 0 {
		s = rstSubstRe.ReplaceAllStringFunc(s, func(m string) string {
			sub := rstSubstRe.FindStringSubmatch(m)
			return rp.subs[sub[1]]
		})
	}
	if strings.Contains(s, "://") {
		links = append(links, bareURLRe.FindAllString(s, -1)...)
	}
	s = strings.NewReplacer("**", "", "*", "").Replace(s)
	if strings.IndexByte(s, '\\') >= 0 {
		s = rstEscapeRe.ReplaceAllString(s, "$1")
	}
	if len(codes) > 0 {
		s = placeholderRe.ReplaceAllStringFunc(s, func(m string) string {
			i := atoi(m[1 : len(m)-1])
			if i < 0 || i >= len(codes) {
				return ""
			}
			return codes[i]
		})
	}
	return collapse(s), links
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}
