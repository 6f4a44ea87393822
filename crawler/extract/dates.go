package extract

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// dateMatch is a date found in the document, before de-duplication.
type dateMatch struct {
	d   roadmap.StatedDate
	pos int // block index (metadata: -1, text outside the content: after all blocks)
	off int // byte offset in the block
}

const (
	minYear = 1995
	maxYear = 2100
)

var (
	// statedRe introduces a date the document states about itself.
	statedRe   = regexp.MustCompile(`(?i)\b(?:(?:(?:last\s+)?(?:updated|modified|revised|reviewed|edited)(?:\s+(?:on|in|at))?|as\s+of|(?:latest|last)\s+revision|dated|(?:written|drafted|created|published|authored)\s+(?:in|on))\b\s*[:\-–—]?|date\s*:)\s*[*_"']*`)
	monthNames = map[string]time.Month{
		"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
		"may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
		"september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
	}
	monthAlt = `(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`
	datePats = []struct {
		re   *regexp.Regexp
		kind string // layout of the groups
	}{
		{regexp.MustCompile(`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:T|\b)`), "ymd"},
		{regexp.MustCompile(`^(?i)` + monthAlt + `\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`), "mdy-name"},
		{regexp.MustCompile(`^(?i)(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?` + monthAlt + `,?\s+(\d{4})\b`), "dmy-name"},
		{regexp.MustCompile(`^(?i)` + monthAlt + `,?\s+(?:of\s+)?(\d{4})\b`), "my-name"},
		{regexp.MustCompile(`^(?i)(?:the\s+)?(?:spring|summer|fall|autumn|winter)\s+(?:of\s+)?(\d{4})\b`), "season"},
		{regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(\d{4})\b`), "mdy"},
		{regexp.MustCompile(`^(\d{4})-(\d{1,2})\b`), "ym"},
		{regexp.MustCompile(`^(\d{1,2})/(\d{4})\b`), "my"},
		{regexp.MustCompile(`^(\d{4})\b`), "y"},
	}
	yearRe = regexp.MustCompile(`\b(\d{4})\b`)
)

// parseDateAt reads a date at the start of s. It returns the date, its
// precision and the length of the text it used.
func parseDateAt(s string) (time.Time, string, int, bool) {
	for _, p := range datePats {
		m := p.re.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		var y, mo, d int
		switch p.kind {
		case "ymd":
			y, mo, d = atoi(m[1]), atoi(m[2]), atoi(m[3])
		case "mdy-name":
			mo, d, y = int(monthOf(m[1])), atoi(m[2]), atoi(m[3])
		case "dmy-name":
			d, mo, y = atoi(m[1]), int(monthOf(m[2])), atoi(m[3])
		case "my-name":
			mo, y = int(monthOf(m[1])), atoi(m[2])
		case "season":
			y = atoi(m[1]) // a season is judged by its year: "fall 2023" is not "September 2023"
		case "mdy":
			mo, d, y = atoi(m[1]), atoi(m[2]), atoi(m[3])
			if mo > 12 && d <= 12 {
				mo, d = d, mo
			}
		case "ym":
			y, mo = atoi(m[1]), atoi(m[2])
		case "my":
			mo, y = atoi(m[1]), atoi(m[2])
		case "y":
			y = atoi(m[1])
		}
		if y < minYear || y > maxYear || mo < 0 || mo > 12 || d < 0 || d > 31 {
			return time.Time{}, "", 0, false
		}
		prec := roadmap.PrecisionYear
		switch {
		case d > 0 && mo > 0:
			prec = roadmap.PrecisionDay
		case mo > 0:
			prec = roadmap.PrecisionMonth
		}
		if mo == 0 {
			mo = 1
		}
		if d == 0 {
			d = 1
		}
		t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
		if t.Day() != d { // 31 February and the like
			return time.Time{}, "", 0, false
		}
		return t, prec, len(m[0]), true
	}
	return time.Time{}, "", 0, false
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}

func monthOf(s string) time.Month {
	return monthNames[strings.TrimSuffix(strings.ToLower(s), ".")]
}

// metaDate parses a metadata value (front matter date, :Date: field,
// <time datetime>, <meta content>) into a stated date; ok is false when the
// value holds no date.
func metaDate(label, value string) (dateMatch, bool) {
	v := strings.Trim(strings.TrimSpace(value), `"'`)
	for i := 0; i < len(v) && i < 40; i++ { // allow a weekday or words before the date
		if i > 0 && v[i-1] != ' ' {
			continue
		}
		if t, prec, n, ok := parseDateAt(v[i:]); ok {
			return dateMatch{d: roadmap.StatedDate{Date: t, Precision: prec, Kind: roadmap.DateStated,
				Text: clip(strings.TrimSuffix(label+v[:i+n], "T"))}, pos: -1}, true
		}
	}
	return dateMatch{}, false
}

func clip(s string) string {
	s = collapse(s)
	if len(s) > 80 {
		s = truncate(s, 79) + "…"
	}
	return s
}

// weakStatedRe matches the openings of statedRe that also describe other
// things than the document: "as of May 2024 we're at 200 million
// downloads", "the API was updated in 2019", "SciPy was created in 2001".
var weakStatedRe = regexp.MustCompile(`(?i)^(?:as\s+of|(?:updated|modified|revised|reviewed|edited)\s+(?:on|in|at)|(?:written|drafted|created|published|authored)\s)`)

// selfRefRe names the document itself in a sentence.
var selfRefRe = regexp.MustCompile(`(?i)\b(?:roadmaps?|documents?|pages?|plans?|lists?|snapshots?|sections?|outlines?)\b`)

// maxDatelineWords is the length up to which a block counts as a dateline
// or label ("Updated on March 2024."), where any self-dating phrase dates
// the document.
const maxDatelineWords = 12

// statedIn finds self-dating phrases in s ("Last updated: 2024-03-01").
// dateline says s is a heading, a short block or page chrome (a footer);
// elsewhere the weak openings ("as of", "updated in", "written in") date
// the document only when their sentence names it ("this roadmap", "page").
func statedIn(s string, pos int, dateline bool) (out []dateMatch, spans [][2]int) {
	if !mayState(s) {
		return nil, nil
	}
	dateline = dateline || len(strings.Fields(s)) <= maxDatelineWords
	for _, loc := range statedRe.FindAllStringIndex(s, -1) {
		t, prec, n, ok := parseDateAt(s[loc[1]:])
		if !ok {
			continue
		}
		end := loc[1] + n
		if !dateline && weakStatedRe.MatchString(s[loc[0]:]) && !selfRefRe.MatchString(sentenceAt(s, loc[0], end)) {
			continue // left to mentionedIn: a year the text mentions
		}
		out = append(out, dateMatch{d: roadmap.StatedDate{Date: t, Precision: prec, Kind: roadmap.DateStated,
			Text: clip(s[loc[0]:end])}, pos: pos, off: loc[0]})
		spans = append(spans, [2]int{loc[0], end})
	}
	return out, spans
}

// mentionedIn finds years in prose, skipping spans already taken, numbers
// inside URLs, paths and version strings.
func mentionedIn(s string, pos int, skip [][2]int) []dateMatch {
	var out []dateMatch
next:
	for _, loc := range yearRe.FindAllStringSubmatchIndex(s, -1) {
		a, b := loc[2], loc[3]
		y := atoi(s[a:b])
		if y < minYear || y > maxYear {
			continue
		}
		for _, sp := range skip {
			if a >= sp[0] && a < sp[1] {
				continue next
			}
		}
		if a > 0 && strings.ContainsRune("v.-_/:#@+=$~", rune(s[a-1])) {
			continue
		}
		if b+1 < len(s) && (s[b] == '.' || s[b] == ',' || s[b] == '_') && isDigit(s[b+1]) {
			continue
		}
		if b < len(s) && strings.ContainsRune("_/%", rune(s[b])) {
			continue
		}
		ws := strings.LastIndexAny(s[:a], " \t\n(") + 1
		we := strings.IndexAny(s[b:], " \t\n)")
		if we < 0 {
			we = len(s)
		} else {
			we += b
		}
		word := strings.ToLower(s[ws:we])
		if strings.Contains(word, "://") || strings.Contains(word, "www.") || strings.Contains(word, ".py") {
			continue
		}
		start := a - 40
		if start < 0 {
			start = 0
		}
		for start > 0 && start < a && s[start-1] != ' ' {
			start++
		}
		t := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
		out = append(out, dateMatch{d: roadmap.StatedDate{Date: t, Precision: roadmap.PrecisionYear,
			Kind: roadmap.DateMentioned, Text: clip(s[start:b])}, pos: pos, off: a})
	}
	return out
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// findDates collects the dates a document states (metadata, phrases in the
// content, footers) and the years it mentions, de-duplicated, stated first,
// each in document order.
func findDates(blocks []block, meta []dateMatch, extra []string) []roadmap.StatedDate {
	var stated, mentioned []dateMatch
	stated = append(stated, meta...)
	headings := 0
	for i, b := range blocks {
		if b.kind == blockHeading {
			headings++
		}
		st, spans := statedIn(b.text, i, b.kind == blockHeading)
		if len(st) == 0 && b.kind != blockHeading && headings <= 1 && i < maxDatelineBlock {
			if m, ok := datelineIn(b.text, i); ok {
				st = append(st, m)
				spans = append(spans, [2]int{0, len(b.text)})
			}
		}
		stated = append(stated, st...)
		if b.kind == blockHeading {
			stated = append(stated, framedIn(b.text, i)...)
		}
		mentioned = append(mentioned, mentionedIn(b.text, i, spans)...)
	}
	for i, e := range extra {
		st, _ := statedIn(collapse(e), len(blocks)+i, true)
		stated = append(stated, st...)
	}
	byPos := func(ms []dateMatch) {
		sort.SliceStable(ms, func(i, j int) bool {
			if ms[i].pos != ms[j].pos {
				return ms[i].pos < ms[j].pos
			}
			return ms[i].off < ms[j].off
		})
	}
	byPos(stated)
	byPos(mentioned)
	seen := map[string]bool{}
	statedYears := map[int]bool{}
	for _, m := range stated {
		statedYears[m.d.Date.Year()] = true
	}
	var out []roadmap.StatedDate
	for _, m := range append(stated, mentioned...) {
		if m.d.Kind == roadmap.DateMentioned && statedYears[m.d.Date.Year()] {
			continue // the year of a stated date is not news
		}
		key := m.d.Kind + m.d.Precision + m.d.Date.Format(time.DateOnly)
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, m.d)
	}
	return out
}

// framedRes find a year that a title or heading frames the plan in. The
// year groups are the last ones that matched: a range ("2019-2020", "2019
// into 2020") frames the plan in its last year.
var framedRes = []*regexp.Regexp{
	// "Roadmap 2020", "Roadmap (2019-2020)", "Goals for 2021", "Plans through 2025"
	regexp.MustCompile(`(?i)\b(?:roadmap|plans?|planning|goals?|priorities|objectives|milestones?|vision|strategy|agenda|outlook)\b[^.\n\d]{0,16}?\b((?:19|20)\d\d)(?:\s*(?:[-–/]|into|to)\s*((?:19|20)\d\d))?\b`),
	// "2019 roadmap", "2025 Milestones", "2019 into 2020 Roadmap"
	regexp.MustCompile(`(?i)\b((?:19|20)\d\d)(?:\s*(?:[-–/]|into|to)\s*((?:19|20)\d\d))?\s+(?:roadmap|plans?|goals|priorities|objectives|milestones|vision|strategy|agenda)\b`),
	// "2019H1", "H2 2019", "Q3 2021", "2021-Q4"
	regexp.MustCompile(`(?i)\b((?:19|20)\d\d)\s*[-/ ]?\s*(?:H[12]|Q[1-4])\b`),
	regexp.MustCompile(`(?i)\b(?:H[12]|Q[1-4])\s*[-/ ]?\s*((?:19|20)\d\d)\b`),
	// "Long term: 2020 and beyond", "Short-term (2019)"
	regexp.MustCompile(`(?i)\b(?:short|medium|mid|long|near)[- ]term\b[^.\n\d]{0,6}?((?:19|20)\d\d)\b`),
	// a horizon: "… through 2025", "until 2030", "by the end of 2020"
	regexp.MustCompile(`(?i)\b(?:through|until|till|by(?:\s+the\s+end\s+of)?)\s+((?:19|20)\d\d)\b`),
	// "Scikit-learn in 2018", "1.0 in 2020", "What comes next in 2019"
	regexp.MustCompile(`(?i)\b(?:in|for|during)\s+((?:19|20)\d\d)\b`),
	// a heading that is a year: "2025", "2026 and beyond"
	regexp.MustCompile(`(?i)^((?:19|20)\d\d)(?:\s+and\s+beyond)?[.:]?$`),
}

// pastBeforeRe, matched just before an "in 2018" phrase, says it tells
// history, not the plan: "Founded in 2008", "Completed in 2021", "since".
var pastBeforeRe = regexp.MustCompile(`(?i)\b(?:founded|started|began|begun|created|launched|released|funded|held|introduced|completed|finished|done|achieved|merged|shipped|deprecated|removed|added|changed|happened|was|were|since|history|survey|census|downloads?|statistics|stats|conference|sprint|summit|workshop|scipy|pycon|euroscipy)\b[^.]{0,24}$`)

// hasYear reports whether s has four digits starting with 19 or 20.
func hasYear(s string) bool {
	for i := 0; i+3 < len(s); i++ {
		if (s[i] == '1' && s[i+1] == '9' || s[i] == '2' && s[i+1] == '0') && isDigit(s[i+2]) && isDigit(s[i+3]) {
			return true
		}
	}
	return false
}

// framedIn finds the years a title or heading frames the plan in, as
// year-precise dates of kind DateFramed quoting the heading. The newest
// wins when a heading has several ("2019H2 … 2020 and beyond").
func framedIn(s string, pos int) []dateMatch {
	if len(s) > 400 || !hasYear(s) {
		return nil // most headings carry no year: skip the expressions
	}
	s = collapse(s)
	if len(s) > 200 {
		return nil // a long block is prose, not a heading
	}
	best, at := 0, 0
	for i, re := range framedRes {
		for _, m := range re.FindAllStringSubmatchIndex(s, -1) {
			y := 0
			for g := len(m)/2 - 1; g >= 1; g-- {
				if m[2*g] >= 0 {
					y = atoi(s[m[2*g]:m[2*g+1]])
					break
				}
			}
			if y < minYear || y > maxYear {
				continue
			}
			if m[0] > 0 && strings.ContainsRune("v.-_/:#@+=$~", rune(s[m[0]-1])) && i >= 2 {
				continue // a version or a path, not a year
			}
			if i == 6 && pastBeforeRe.MatchString(s[:m[0]]) {
				continue // history told in a heading
			}
			if y > best {
				best, at = y, m[0]
			}
		}
	}
	if best == 0 {
		return nil
	}
	return []dateMatch{{d: roadmap.StatedDate{Date: time.Date(best, 1, 1, 0, 0, 0, 0, time.UTC),
		Precision: roadmap.PrecisionYear, Kind: roadmap.DateFramed, Text: clip(s)}, pos: pos, off: at}}
}

// maxDatelineBlock is how near the top of the document a bare date must be
// to be taken as its dateline.
const maxDatelineBlock = 4

// datelineIn reads a block that is nothing but a full date ("*August 1,
// 2018*" under the title): near the top of a document, before its first
// section, that is the date the document gives itself. A bare year or a
// date inside a sentence is not a dateline.
func datelineIn(s string, pos int) (dateMatch, bool) {
	v := strings.Trim(strings.TrimSpace(s), "*_\"'()[] .")
	t, prec, n, ok := parseDateAt(v)
	if !ok || n != len(v) || prec == roadmap.PrecisionYear {
		return dateMatch{}, false
	}
	return dateMatch{d: roadmap.StatedDate{Date: t, Precision: prec, Kind: roadmap.DateStated, Text: clip(v)}, pos: pos}, true
}

// sentenceAt is the sentence of s around the span [a, b).
func sentenceAt(s string, a, b int) string {
	start := 0
	for i := a - 1; i > 0; i-- {
		if strings.ContainsRune(".!?;", rune(s[i-1])) && s[i] == ' ' {
			start = i
			break
		}
	}
	end := len(s)
	for i := b; i+1 < len(s); i++ {
		if strings.ContainsRune(".!?;", rune(s[i])) && s[i+1] == ' ' {
			end = i
			break
		}
	}
	return s[start:end]
}

// statedWords are the stems statedRe needs; most blocks have none, and the
// check is much cheaper than the regular expression.
var statedWords = []string{"updat", "modif", "revis", "review", "edit", "as of", "date", "written",
	"drafted", "created", "published", "authored"}

func mayState(s string) bool {
	if !strings.ContainsAny(s, "0123456789") {
		return false
	}
	l := strings.ToLower(s)
	for _, w := range statedWords {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}
