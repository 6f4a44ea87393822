package rank

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// Tuning constants of the intrinsic signals.
const (
	demandSaturation = 300.0 // reactions+comments at which demand reaches 1 (log scale)
	wordsSaturation  = 150.0 // words of text at which substance reaches 1
	pointsSaturation = 3.0   // sub-points at which structure reaches 1
	freshFull        = 0.5   // years during which freshness stays 1
	freshLow         = 3.0   // years at which freshness has decayed to freshFloor
	freshFloor       = 0.2
	freshUnknown     = 0.5 // freshness when no date is known
	positionHalf     = 10.0
)

// demand returns the demand signal in [0,1] and its reason label, or "" when
// there is no demand at all: log1p(reactions+comments) / log1p(300), capped.
func demand(it *roadmap.Item) (float64, string) {
	reactions, comments, issues := 0, 0, 0
	if it.Issue != nil {
		reactions += max(it.Issue.Reactions, 0)
		comments += max(it.Issue.Comments, 0)
		issues++
	}
	for _, e := range it.Evidence {
		reactions += max(e.Reactions, 0)
		comments += max(e.Comments, 0)
		issues++
	}
	raw := float64(reactions + comments)
	if raw == 0 {
		return 0, ""
	}
	v := math.Min(1, math.Log1p(raw)/math.Log1p(demandSaturation))
	label := "demand: " + plural(reactions, "reaction") + ", " + plural(comments, "comment") +
		" on " + plural(issues, "issue")
	return v, label
}

// concreteness returns the concreteness signal in [0,1] and its label:
// 0.4·links (0.5 per enhancement proposal, 0.25 per issue or PR, capped at
// 1) + 0.4·min(1, words/150) + 0.2·min(1, sub-points/3). words is the
// number of words of the item's text, props the proposals named in it or
// its links and refs the issue and PR references (issueRefs).
func concreteness(it *roadmap.Item, words int, props []string, refs int) (float64, string) {
	linkPart := math.Min(1, 0.5*float64(len(props))+0.25*float64(refs))
	wordPart := math.Min(1, float64(words)/wordsSaturation)
	pointPart := math.Min(1, float64(len(it.Points))/pointsSaturation)
	v := 0.4*linkPart + 0.4*wordPart + 0.2*pointPart
	if v == 0 {
		return 0, ""
	}
	b := make([]byte, 0, 64)
	b = append(b, "concreteness: "...)
	for i, p := range props {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(b, p...)
	}
	if len(props) > 0 {
		b = append(b, ", "...)
	}
	if refs > 0 {
		b = appendPlural(b, refs, "issue/PR link")
		b = append(b, ", "...)
	}
	b = appendPlural(b, words, "word")
	if len(it.Points) > 0 {
		b = append(b, ", "...)
		b = appendPlural(b, len(it.Points), "sub-point")
	}
	return v, string(b)
}

// proposalPrefixes are the names of enhancement-proposal series.
var proposalPrefixes = []string{"nep", "slep", "pep", "spec", "pdep", "ep"}

// proposalsAt is proposals looking only at toks[i] for i in cands (in
// increasing order), the words refCandidate accepts: the others name none.
func proposalsAt(toks []string, cands []int32, dst []string) []string {
	for _, i := range cands {
		dst = proposalAt(toks, int(i), dst)
	}
	return dst
}

// proposalsIn is proposals over a tokenizer's refs: pairs of a candidate
// word and the word after it ("" at the end of the text).
func proposalsIn(refs []string, dst []string) []string {
	for k := 0; k+1 < len(refs); k += 2 {
		dst = proposalOf(refs[k], refs[k+1], dst)
	}
	return dst
}

// proposalAt appends the proposal toks[i] (and maybe toks[i+1]) names.
func proposalAt(toks []string, i int, dst []string) []string {
	next := ""
	if i+1 < len(toks) {
		next = toks[i+1]
	}
	return proposalOf(toks[i], next, dst)
}

// proposalOf appends the proposal word t, followed by next, names.
func proposalOf(t, next string, dst []string) []string {
	for _, p := range proposalPrefixes {
		if !strings.HasPrefix(t, p) {
			continue
		}
		num := t[len(p):]
		if num == "" {
			num = next
		}
		if n, ok := proposalNumber(num); ok {
			name := strings.ToUpper(p) + " " + strconv.Itoa(n)
			if !slices.Contains(dst, name) {
				dst = append(dst, name)
			}
		}
		break
	}
	return dst
}

// proposalNumber parses 1 to 4 digits.
func proposalNumber(s string) (int, bool) {
	if len(s) == 0 || len(s) > 4 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

// issueRefsIn is issueRefs over a tokenizer's refs (see proposalsIn).
func issueRefsIn(links []string, refs []string) int {
	n := linkRefs(links)
	for k := 0; k+1 < len(refs); k += 2 {
		if refs[k] == "gh" && len(refs[k+1]) <= 7 && isDigits(refs[k+1]) {
			n++
		}
	}
	return n
}

// linkRefs counts distinct GitHub issue or PR links.
func linkRefs(links []string) int {
	n := 0
	var seen []string
	for _, l := range links {
		if repo, num, ok := githubIssue(l); ok {
			k := repo + "#" + strconv.Itoa(num)
			if !slices.Contains(seen, k) {
				seen = append(seen, k)
				n++
			}
		}
	}
	return n
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// githubIssue parses "https://github.com/owner/repo/issues/N" or ".../pull/N"
// (any scheme case, optional www., trailing path, query or fragment) into
// "owner/repo" (lowercase) and N.
func githubIssue(u string) (string, int, bool) {
	s := u
	for _, p := range []string{"https://", "http://"} {
		if len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) {
			s = s[len(p):]
		}
	}
	if len(s) >= 4 && strings.EqualFold(s[:4], "www.") {
		s = s[4:]
	}
	const host = "github.com/"
	if len(s) < len(host) || !strings.EqualFold(s[:len(host)], host) {
		return "", 0, false
	}
	s = s[len(host):]
	if i := strings.IndexAny(s, "?#"); i >= 0 {
		s = s[:i]
	}
	owner, rest, _ := strings.Cut(s, "/")
	repo, rest, _ := strings.Cut(rest, "/")
	kind, rest, _ := strings.Cut(rest, "/")
	num, _, _ := strings.Cut(rest, "/")
	kind = strings.ToLower(kind)
	if owner == "" || repo == "" || (kind != "issues" && kind != "pull") {
		return "", 0, false
	}
	n, err := strconv.Atoi(num)
	if err != nil || n <= 0 {
		return "", 0, false
	}
	return strings.ToLower(owner + "/" + repo), n, true
}

// freshness returns the freshness signal and its label: 1 while the
// roadmap (or, for an issue, the issue) was updated less than 6 months
// before now, then linearly down to 0.2 at 3 years and 0.2 beyond; 0.5 when
// no date is known.
func freshness(it *roadmap.Item, updated map[string]time.Time, now time.Time) (float64, string) {
	v, when, what := freshnessOf(it, updated, now)
	return v, freshnessLabel(when, what, now)
}

// freshnessOf returns the freshness signal, the date it rests on and
// whether that is the "roadmap" or the "issue" date.
func freshnessOf(it *roadmap.Item, updated map[string]time.Time, now time.Time) (float64, time.Time, string) {
	when, what := roadmap.ItemUpdated(it, updated[it.Project])
	if when.IsZero() || now.IsZero() {
		return freshUnknown, time.Time{}, what
	}
	years := now.Sub(when).Hours() / 24 / 365.25
	v := 1.0
	if years > freshFull {
		v = 1 - (1-freshFloor)*(years-freshFull)/(freshLow-freshFull)
	}
	return math.Max(freshFloor, math.Min(1, v)), when, what
}

func freshnessLabel(when time.Time, what string, now time.Time) string {
	if when.IsZero() {
		return "freshness: update date unknown"
	}
	return "freshness: " + what + " updated " + age(roadmap.DaysBetween(when, now))
}

// age renders a number of days as "today", "3 days ago", "5 months ago",
// "2.5 years ago" (days, not a time.Duration, which saturates at 292 years).
func age(days int) string {
	switch {
	case days <= 0:
		return "today"
	case days < 61:
		return plural(days, "day") + " ago"
	case days < 730:
		return plural(days*12/365, "month") + " ago"
	}
	return strconv.FormatFloat(float64(days)/365.25, 'f', 1, 64) + " years ago"
}

// position returns the position signal 1/(1+pos/10) and its label.
func position(it *roadmap.Item) (float64, string) {
	p := max(it.Position, 0)
	return 1 / (1 + float64(p)/positionHalf), "position: item " + strconv.Itoa(p+1) + " of its roadmap"
}

// appendPlural appends "1 word" or "n words".
func appendPlural(b []byte, n int, word string) []byte {
	b = strconv.AppendInt(b, int64(n), 10)
	b = append(b, ' ')
	b = append(b, word...)
	if n != 1 {
		b = append(b, 's')
	}
	return b
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}
