package plaintext

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Title cleans a crawled item title for a reader: one line (OneLine),
// without a tracker's label prefix ("Roadmap: …", "Roadmap item: …",
// "[Roadmap] …"), emoji shortcodes (":green_circle:") or pictographs the
// fonts cannot print, and without issue numbers ("#5955") or the stray
// spaces inline markup leaves ("object -dtype").
func Title(s string) string {
	s = OneLine(s)
	for {
		t := labelPrefix.ReplaceAllString(s, "")
		if t == s || t == "" {
			break
		}
		s = t
	}
	s = tidy(dropIssueRefs(dropEmoji(s)))
	s = strings.TrimRight(s, ",;: ")
	return upperFirst(s)
}

// labelPrefix is a tracker label written in front of a title.
var labelPrefix = regexp.MustCompile(`(?i)^(?:\[\s*(?:roadmap|meta|tracking|rfc)[^\]]{0,20}\]\s*[:\-–—]?\s*|(?:roadmap(?:\s+(?:item|issue|goal|topic))?|tracking issue|meta(?:-issue)?|rfc|enh|epic)\s*[:|–—]\s*)`)

// Summary cleans a crawled summary for a reader. On top of OneLine it
// removes bare issue references ("missing data, 15319; imputers 11977,
// 12852", "#5955", "(see gh-18915)"), raw URLs, emoji shortcodes and
// pictographs, sentences that only point elsewhere ("See this notebook
// for …", "See GH Project #1 for more detail."), glued list joins (".;",
// ":;") and stray spaces left by inline markup ("object -dtype", "e.g. .").
// A summary that would end on the introduction of a list ("Some specific
// goals include:") ends with the first entries of that list, taken from
// text, the item's whole text (paragraphs separated by blank lines; may be
// empty), or else without the introduction. The result ends on a complete
// sentence: an extractor's "…" cut goes back to the last sentence end when
// enough remains, and a fragment gets its full stop.
func Summary(summary, text string) string {
	sents := summarySentences(summary)
	if n := len(sents); n > 0 && introduces(sents[n-1]) {
		if entries := listAfter(sents[n-1], text); entries != "" {
			intro := strings.TrimRight(strings.TrimSpace(sents[n-1]), ":;, ")
			sep := ": "
			if runOnIntro.MatchString(intro) {
				sep = " "
			}
			sents[n-1] = intro + sep + entries
		} else if n > 1 {
			sents = sents[:n-1]
		} else {
			sents = nil
		}
	}
	if sents == nil {
		return ""
	}
	return finish(strings.Join(sents, " "))
}

// SummaryNeedsText says whether Summary reads the item's text for this
// summary (it ends on the introduction of a list): a caller holding items
// without their text reads it for those only.
func SummaryNeedsText(summary string) bool {
	sents := summarySentences(summary)
	return len(sents) > 0 && introduces(sents[len(sents)-1])
}

// summarySentences is the cleaned sentences of a summary, without those
// that only point elsewhere and without list introductions before the
// last sentence.
func summarySentences(summary string) []string {
	s := OneLine(summary)
	if s == "" {
		return nil
	}
	sents := sentences(clean(s))
	kept := sents[:0]
	for _, x := range sents {
		if !danglingRef.MatchString(x) {
			kept = append(kept, x)
		}
	}
	sents = kept
	// A list introduction inside the summary whose list the extractor
	// skipped reads as a non sequitur: drop it.
	for i := 0; i < len(sents)-1; {
		if introduces(sents[i]) {
			sents = append(sents[:i], sents[i+1:]...)
			continue
		}
		i++
	}
	return sents
}

// clean applies the in-sentence rewrites of Summary.
func clean(s string) string {
	s = urlRe.replace(s, "")
	s = seeParen.replace(s, "")
	s = dropEmoji(s)
	s = dropIssueRefs(s)
	// List entries glued with "; " after their own full stop.
	s = gluedEnd.replace(s, "$1 ")
	s = gluedIntro.replace(s, ": ")
	return tidy(s)
}

var (
	urlRe = newRule(`\(?\s*(?:https?://|www\.)[^\s)]+\)?`, hasAny("://", "www."))
	// seeParen is a parenthesis that only points at an issue or a proposal.
	seeParen   = newRule(`(?i)\s*\((?:see|cf\.?|ref\.?)\b[^()]{0,60}\)`, hasAll("()"))
	gluedEnd   = newRule(`([.!?])\s*;\s*`, hasAll(";"))
	gluedIntro = newRule(`:\s*;\s*`, hasAll(":;"))
	// danglingRef is a sentence that only sends the reader elsewhere.
	danglingRef = regexp.MustCompile(`(?i)^(?:see|check out|refer to|for more (?:information|details?|context)|more (?:information|details) (?:is|are|can be)|read more)\b`)
	// shortcode is an emoji shortcode such as :green_circle: or :+1:.
	shortcode = newRule(`(?:^|\s):[a-z0-9_+\-]*[a-z][a-z0-9_+\-]*:(?:\s|$|[.,;!?])`, twoColons)
)

// dropEmoji removes emoji shortcodes and pictographs (with their variation
// selectors and skin tones), which read as noise or print as boxes.
func dropEmoji(s string) string {
	for {
		loc := shortcode.find(s)
		if loc == nil {
			break
		}
		m := s[loc[0]:loc[1]]
		lead, trail := "", ""
		if m[0] == ' ' || m[0] == '\t' {
			lead = " "
		}
		if last := m[len(m)-1]; last != ':' {
			trail = string(last)
			if last == ' ' {
				trail = " "
			}
		}
		s = s[:loc[0]] + lead + trail + s[loc[1]:]
	}
	if !strings.ContainsFunc(s, pictograph) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if pictograph(r) {
			return -1
		}
		return r
	}, s)
}

// pictograph reports emoji and pictographic symbols.
func pictograph(r rune) bool {
	switch {
	case r >= 0x1F000 && r <= 0x1FAFF, r >= 0x2600 && r <= 0x27BF, r >= 0x2B00 && r <= 0x2BFF:
		return true
	case r == 0xFE0F, r == 0xFE0E, r == 0x20E3:
		return true
	}
	return false
}

var (
	// hashRef is "#5955" or "gh-16544" (with the space before it).
	hashRef = newRule(`(?i)\s*(?:\bgh-|\B#)\d+\b`, or(hasAll("#"), hasFold("gh-")))
	// numRun is a run of bare numbers ("11977, 12852", "6231 8100",
	// "12866 and 15550") optionally named ("issue 7242", "PR 88").
	numRun = newRule(`(?i)(?:\b(?:issues?|prs?|pull requests?|tickets?)\s+)?\b\d{2,6}(?:\s*(?:,|and|&|/)?\s*\d{2,6}\b)*`, hasDigits)
)

// quantityWords are words after which a number is a quantity, a version
// or a date, never an issue reference.
var quantityWords = map[string]bool{
	"in": true, "of": true, "since": true, "from": true, "to": true, "until": true, "by": true,
	"version": true, "versions": true, "release": true, "v": true, "python": true, "numpy": true,
	"than": true, "about": true, "over": true, "under": true, "at": true, "before": true, "after": true,
	"the": true, "top": true, "first": true, "last": true, "every": true, "per": true, "up": true,
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true, "december": true,
	"year": true, "years": true, "around": true, "circa": true, "nep": true, "pep": true, "ape": true,
}

// dropIssueRefs removes issue references: "#123", "gh-123", and runs of
// bare numbers that end a clause (before ; . , ) or the end) and follow a
// word rather than a quantity word ("in 2018", "version 3") or a unit.
func dropIssueRefs(s string) string {
	// Mark where a reference went, so a preposition it leaves at a
	// clause end goes with it.
	s = hashRef.replace(s, "\x00")
	s = orphanPrep.replace(s, "$1")
	s = strings.ReplaceAll(s, "\x00", "")
	var b strings.Builder
	last := 0
	for _, loc := range numRun.findAll(s) {
		if !bareRef(s, loc[0], loc[1]) {
			continue
		}
		start := loc[0]
		// Take the space and a comma before the run with it.
		for start > 0 && (s[start-1] == ' ' || s[start-1] == ',') {
			start--
		}
		b.WriteString(s[last:start])
		last = loc[1]
	}
	b.WriteString(s[last:])
	return b.String()
}

// bareRef reports whether the number run s[i:j] is an issue reference.
func bareRef(s string, i, j int) bool {
	run := s[i:j]
	named := unicode.IsLetter(rune(run[0]))
	rest := strings.TrimLeft(s[j:], " ")
	if i > 0 && s[i-1] == '(' && strings.HasPrefix(rest, ")") {
		return true // "(15556)"
	}
	// What follows: the end of a clause.
	if rest != "" && !strings.ContainsAny(rest[:1], ";.,)") {
		return false
	}
	if strings.HasPrefix(rest, ".") && len(rest) > 1 && rest[1] >= '0' && rest[1] <= '9' {
		return false // a decimal: "2.0"
	}
	if i > 0 && strings.ContainsAny(s[i-1:i], ".-/:$€£~>=<+x×") {
		return false // "2.0", "ARM-64", "1/2", "$100", "~100", "x86"
	}
	if named {
		return true
	}
	before := strings.TrimRight(s[:i], " ,")
	if before == "" {
		return false
	}
	prev := before
	if k := strings.LastIndexAny(before, " ("); k >= 0 {
		prev = before[k+1:]
	}
	if r, _ := utf8.DecodeLastRuneInString(before); !unicode.IsLetter(r) && r != ')' && r != '?' && r != '.' {
		return false
	}
	if quantityWords[strings.ToLower(strings.Trim(prev, "().,"))] {
		return false
	}
	// A lone year-like or small number is kept: "Scikit-learn 2018", "Python 3".
	nums := strings.FieldsFunc(run, func(r rune) bool { return r < '0' || r > '9' })
	if len(nums) == 1 && (len(nums[0]) < 3 || yearLike(nums[0])) && !strings.HasSuffix(before, ",") && !strings.HasSuffix(before, ".") {
		return false
	}
	return true
}

func yearLike(n string) bool {
	return len(n) == 4 && (strings.HasPrefix(n, "19") || strings.HasPrefix(n, "20"))
}

var (
	spaceBeforePunct = newRule(`\s+([.,;:!?)])`, spaceThen(".,;:!?)"))
	spaceAfterParen  = newRule(`\(\s+`, hasAll("("))
	emptyParens      = newRule(`\(\s*[,;]?\s*\)`, hasAll("()"))
	gluedSemicolon   = newRule(`([.!?:;,])(?:\s*;)+`, hasAll(";"))
	repeatedPunct    = newRule(`(?:[,;:]\s*\.|\.(?:\s*\.)+|,\s*,)`, punctRun)
	danglingEg       = newRule(`(?i),?\s*(?:\be\.g\.|\bi\.e\.|\bcf\.|\bfor example|\bsuch as)\s*([.;])`, hasFold("e.g.", "i.e.", "cf.", "for example", "such as"))
	// orphanPrep is a preposition left at a clause end by a removed
	// reference: "in review at #3906." → "in review at.".
	orphanPrep = newRule(`(?i)\s+(?:at|in|see|by|from|of|on|to|under|per)\x00([.;,)]|$)`, hasAll("\x00"))
	// markupDash is a space left before a hyphenated suffix by inline
	// code: "object -dtype", "array -like".
	markupDash = newRule(`([\p{L}\p{N}_)])\s+-(dtype|like|based|specific|aware|compatible|friendly|style|level|wise|only|free|safe|backed|native|agnostic|enabled|oriented|driven)\b`, spaceThen("-"))
)

// tidy mends the spacing and punctuation the removals leave.
func tidy(s string) string {
	s = markupDash.replace(s, "$1-$2")
	s = emptyParens.replace(s, "")
	s = spaceAfterParen.replace(s, "(")
	s = spaceBeforePunct.replace(s, "$1")
	s = danglingEg.replace(s, "$1")
	s = gluedSemicolon.replace(s, "$1")
	s = repeatedPunct.replaceFunc(s, func(m string) string {
		if m[0] == ',' && strings.HasSuffix(m, ",") {
			return ","
		}
		if m == "..." {
			return m // an ellipsis written as three dots
		}
		return "."
	})
	s = OneLine(s)
	return strings.TrimLeft(s, ",;:. ")
}

// sentences splits s after ". ", "! ", "? " and "… " when a capital, digit
// or quote follows, leaving abbreviations such as "e.g. dask" together.
func sentences(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		next := i + size
		if (r == '.' || r == '!' || r == '?' || r == '…' || r == ':') && next < len(s) && s[next] == ' ' {
			after, _ := utf8.DecodeRuneInString(s[next+1:])
			if (unicode.IsUpper(after) || unicode.IsDigit(after) || after == '"' || after == '“') && !abbreviation(s[start:next]) {
				if r != ':' {
					out = append(out, strings.TrimSpace(s[start:next]))
					start = next + 1
				}
			}
		}
		i = next
	}
	if rest := strings.TrimSpace(s[start:]); rest != "" {
		out = append(out, rest)
	}
	return out
}

// abbreviation reports whether s ends with an abbreviation's full stop.
func abbreviation(s string) bool {
	l := strings.ToLower(s)
	for _, a := range []string{"e.g.", "i.e.", "etc.", "cf.", "vs.", "approx.", "incl.", "no.", "dr.", "mr.", "ms."} {
		if strings.HasSuffix(l, " "+a) || l == a {
			return true
		}
	}
	return false
}

// introWords end a list introduction written without a colon.
var introWords = regexp.MustCompile(`(?i)\b(?:include|includes|including|such as|like|e\.g\.|i\.e\.|are|is|following|as follows|namely|these|this|by|that)$`)

// runOnIntro ends an introduction that runs on into its list without a
// colon ("such as parallel coordinates").
var runOnIntro = regexp.MustCompile(`(?i)\b(?:such as|like|including|e\.g\.|i\.e\.|namely)$`)

// introduces reports whether a sentence introduces a list: it ends with a
// colon, or stops on a word such as "include" or "such as".
func introduces(sent string) bool {
	t := strings.TrimSpace(sent)
	if strings.HasSuffix(t, ":") {
		return true
	}
	if strings.ContainsAny(t[len(t)-1:], ".!?…\"”)") {
		return false
	}
	return introWords.MatchString(t)
}

// Limits of the list entries a summary takes from the text.
const (
	maxEntries    = 3
	maxEntryRunes = 110
	maxEntryWords = 30 // a longer paragraph is prose, not a list entry
)

// listAfter finds intro in text and returns the first entries of the list
// that follows it, cleaned and joined as one sentence ("a; b; and c."), or
// "" when none is found.
func listAfter(intro, text string) string {
	if text == "" {
		return ""
	}
	key := strings.TrimRight(strings.TrimSpace(intro), ":;, ")
	if len(key) > 60 {
		key = key[len(key)-60:]
	}
	paras := strings.Split(text, "\n\n")
	at := -1
	for i, p := range paras {
		if strings.Contains(OneLine(clean(OneLine(p))), key) {
			at = i
			break
		}
	}
	if at < 0 {
		return ""
	}
	var entries []string
	for _, p := range paras[at+1:] {
		e := strings.TrimRight(clean(OneLine(p)), ".;:, ")
		if e == "" {
			continue
		}
		if len(strings.Fields(e)) > maxEntryWords || utf8.RuneCountInString(e) > maxEntryRunes || introduces(e+":") && strings.HasSuffix(strings.TrimSpace(p), ":") {
			break
		}
		entries = append(entries, lowerFirst(e))
		if len(entries) == maxEntries {
			break
		}
	}
	switch len(entries) {
	case 0:
		return ""
	case 1:
		return entries[0] + "."
	}
	sep := ", "
	for _, e := range entries {
		if strings.ContainsAny(e, ",;") {
			sep = "; "
		}
	}
	return strings.Join(entries[:len(entries)-1], sep) + " and " + entries[len(entries)-1] + "."
}

// minCutSummary is how much of a summary must remain when an extractor's
// "…" cut goes back to the last sentence end.
const minCutSummary = 80

// finish makes s end on a complete sentence.
func finish(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if strings.HasSuffix(s, "…") || strings.HasSuffix(s, "...") {
		sents := sentences(s)
		if len(sents) > 1 {
			whole := strings.Join(sents[:len(sents)-1], " ")
			if utf8.RuneCountInString(whole) >= minCutSummary {
				return finish(whole)
			}
		}
		return s
	}
	s = strings.TrimRight(s, ",;: ")
	if s == "" {
		return ""
	}
	if r, _ := utf8.DecodeLastRuneInString(s); !strings.ContainsRune(".!?…\"”'’)", r) {
		s += "."
	} else if r == ')' && !strings.ContainsAny(s[max(0, len(s)-3):], ".!?") {
		s += "."
	}
	return s
}

// upperFirst capitalises the first letter when it is a plain lowercase
// word (not "numpy.ma" or "dtype-aware": those keep their case).
func upperFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if !unicode.IsLower(r) {
		return s
	}
	word := s
	if k := strings.IndexAny(s, " "); k >= 0 {
		word = s[:k]
	}
	if strings.ContainsAny(word, "._()") || strings.IndexFunc(word[size:], unicode.IsUpper) >= 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}

// lowerFirst lowers the first letter of a list entry joined into a
// sentence, unless the first word is an acronym or a name ("GPU", "NumPy").
func lowerFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) {
		return s
	}
	word := s
	if k := strings.IndexAny(s, " "); k >= 0 {
		word = s[:k]
	}
	if strings.IndexFunc(word[size:], unicode.IsUpper) >= 0 || strings.ContainsAny(word, "._") {
		return s
	}
	return string(unicode.ToLower(r)) + s[size:]
}
