package extract

import (
	"html"
	"regexp"
	"strconv"
	"strings"

	"github.com/roadmapper/roadmapper/internal/mdlink"
)

var (
	mdRoleRe      = regexp.MustCompile("\\{[\\w:.+-]+\\}`([^`]*)`")
	mdCodeRe      = regexp.MustCompile("(`+)([^`]|[^`].*?[^`])(`+)")
	mdImageRe     = regexp.MustCompile(`!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])`)
	mdRefLinkRe   = regexp.MustCompile(`\[([^\]]+)\]\[([^\]]*)\]`)
	mdShortRefRe  = regexp.MustCompile(`\[([^\]]+)\]`)
	mdAutoLinkRe  = regexp.MustCompile(`<((?:https?|ftp)://[^>\s]+)>`)
	htmlHrefRe    = regexp.MustCompile(`(?i)<a\s[^>]*href\s*=\s*["']?([^"'\s>]+)`)
	htmlTagRe     = regexp.MustCompile(`</?[a-zA-Z][^>]*>`)
	bareURLRe     = regexp.MustCompile(`https?://[^\s<>()\[\]"']+[^\s<>()\[\]"'.,;:!?]`)
	mdEscapeRe    = regexp.MustCompile("\\\\([!-/:-@\\[-`{-~])")
	mdUnderOpenRe = regexp.MustCompile(`(^|[\s(\[])_{1,3}(\S)`)
	mdUnderEndRe  = regexp.MustCompile(`(\S)_{1,3}($|[\s)\].,;:!?])`)
	placeholderRe = regexp.MustCompile("\x00(\\d+)\x00")
)

// mdInline reduces a run of Markdown inline markup to plain text and
// returns the link targets it held (links → their text, images dropped,
// emphasis and code ticks removed, HTML tags stripped).
func mdInline(s string, refs map[string]string) (string, []string) {
	if strings.IndexByte(s, '\x00') >= 0 {
		s = strings.ReplaceAll(s, "\x00", "")
	}
	var links []string
	var codes []string
	protect := func(t string) string {
		codes = append(codes, t)
		return "\x00" + strconv.Itoa(len(codes)-1) + "\x00"
	}
	// MyST roles: {ref}`Title <target>` → Title
	if !strings.Contains(s, "}`") {
		goto code
	}
	s = mdRoleRe.ReplaceAllStringFunc(s, func(m string) string {
		sub := mdRoleRe.FindStringSubmatch(m)
		t := sub[1]
		if i := strings.LastIndexByte(t, '<'); i > 0 && strings.HasSuffix(t, ">") {
			t = strings.TrimSpace(t[:i])
		}
		return protect(strings.TrimPrefix(t, "~"))
	})
code:
	if strings.IndexByte(s, '`') >= 0 {
		s = mdCodeRe.ReplaceAllStringFunc(s, func(m string) string {
			sub := mdCodeRe.FindStringSubmatch(m)
			if len(sub[1]) != len(sub[3]) {
				return m
			}
			return protect(strings.TrimSpace(sub[2]))
		})
	}
	if strings.IndexByte(s, '\\') >= 0 {
		s = mdEscapeRe.ReplaceAllStringFunc(s, func(m string) string { return protect(m[1:]) })
	}
	if strings.IndexByte(s, '[') >= 0 {
		s = mdlink.Replace(s, func(text, dest string) string {
			links = append(links, dest)
			return text
		})
		s = mdImageRe.ReplaceAllString(s, "")
		s = mdRefLinkRe.ReplaceAllStringFunc(s, func(m string) string {
			sub := mdRefLinkRe.FindStringSubmatch(m)
			key := sub[2]
			if key == "" {
				key = sub[1]
			}
			if u, ok := refs[strings.ToLower(collapse(key))]; ok {
				links = append(links, u)
			}
			return sub[1]
		})
		s = mdShortRefRe.ReplaceAllStringFunc(s, func(m string) string {
			t := m[1 : len(m)-1]
			if strings.HasPrefix(t, "^") { // footnote reference
				return ""
			}
			if u, ok := refs[strings.ToLower(collapse(t))]; ok {
				links = append(links, u)
			}
			return t
		})
	}
	if strings.IndexByte(s, '<') >= 0 {
		s = mdAutoLinkRe.ReplaceAllString(s, "$1")
		for _, m := range htmlHrefRe.FindAllStringSubmatch(s, -1) {
			links = append(links, html.UnescapeString(m[1]))
		}
		s = htmlTagRe.ReplaceAllString(s, "")
	}
	if strings.Contains(s, "://") {
		for _, u := range bareURLRe.FindAllString(s, -1) {
			links = append(links, u)
		}
	}
	s = strings.NewReplacer("**", "", "~~", "", "*", "").Replace(s)
	if strings.IndexByte(s, '_') >= 0 {
		s = mdUnderOpenRe.ReplaceAllString(s, "$1$2")
		s = mdUnderEndRe.ReplaceAllString(s, "$1$2")
	}
	if strings.IndexByte(s, '&') >= 0 {
		s = html.UnescapeString(s)
	}
	if len(codes) > 0 {
		s = placeholderRe.ReplaceAllStringFunc(s, func(m string) string {
			i, err := strconv.Atoi(m[1 : len(m)-1])
			if err != nil || i >= len(codes) {
				return ""
			}
			return codes[i]
		})
	}
	return collapse(s), links
}

// mdLead returns the bold lead-in of a list entry ("**Foo**: bar" → "Foo"),
// as plain text, or "".
func mdLead(raw string, refs map[string]string) string {
	raw = strings.TrimSpace(raw)
	for _, mark := range []string{"**", "__"} {
		if !strings.HasPrefix(raw, mark) {
			continue
		}
		end := strings.Index(raw[2:], mark)
		if end <= 0 {
			return ""
		}
		lead, _ := mdInline(raw[2:2+end], refs)
		return lead
	}
	return ""
}
