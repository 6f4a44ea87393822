package rank

import (
	"math"
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
// 1) + 0.4·min(1, words/150) + 0.2·min(1, sub-points/3). body are the
// words of the item's text.
func concreteness(it *roadmap.Item, body []string, linkToks []string) (float64, string) {
	props := proposals(body, nil)
	props = proposals(linkToks, props)
	refs := issueRefs(it.Links, body)
	linkPart := math.Min(1, 0.5*float64(len(props))+0.25*float64(refs))
	words := len(body)
	wordPart := math.Min(1, float64(words)/wordsSaturation)
	pointPart := math.Min(1, float64(len(it.Points))/pointsSaturation)
	v := 0.4*linkPart + 0.4*wordPart + 0.2*pointPart
	if v == 0 {
		return 0, ""
	}
	var b strings.Builder
	b.WriteString("concreteness: ")
	if len(props) > 0 {
		b.WriteString(strings.Join(props, ", "))
		b.WriteString(", ")
	}
	if refs > 0 {
		b.WriteString(plural(refs, "issue/PR link"))
		b.WriteString(", ")
	}
	b.WriteString(plural(words, "word"))
	if len(it.Points) > 0 {
		b.WriteString(", ")
		b.WriteString(plural(len(it.Points), "sub-point"))
	}
	return v, b.String()
}

// proposalPrefixes are the names of enhancement-proposal series.
var proposalPrefixes = []string{"nep", "slep", "pep", "spec", "pdep", "ep"}

// proposals appends to dst the enhancement proposals named in toks ("NEP 47",
// "nep47", "pep-0011" → "PEP 11"), without duplicates, in order of appearance.
func proposals(toks []string, dst []string) []string {
	for i, t := range toks {
		if c := t[0]; c != 'n' && c != 's' && c != 'p' && c != 'e' {
			continue
		}
		for _, p := range proposalPrefixes {
			if !strings.HasPrefix(t, p) {
				continue
			}
			num := t[len(p):]
			if num == "" && i+1 < len(toks) {
				num = toks[i+1]
			}
			if n, ok := proposalNumber(num); ok {
				name := strings.ToUpper(p) + " " + strconv.Itoa(n)
				dup := false
				for _, d := range dst {
					dup = dup || d == name
				}
				if !dup {
					dst = append(dst, name)
				}
			}
			break
		}
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

// issueRefs counts distinct GitHub issue or PR links, plus "gh-NNN"
// references in the text.
func issueRefs(links []string, body []string) int {
	n := 0
	var seen map[string]bool
	for _, l := range links {
		if repo, num, ok := githubIssue(l); ok {
			k := repo + "#" + strconv.Itoa(num)
			if seen == nil {
				seen = map[string]bool{}
			}
			if !seen[k] {
				seen[k] = true
				n++
			}
		}
	}
	for i := 0; i+1 < len(body); i++ {
		if body[i] == "gh" {
			if len(body[i+1]) <= 7 && isDigits(body[i+1]) {
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
	s := strings.ToLower(u)
	for _, p := range []string{"https://", "http://"} {
		s = strings.TrimPrefix(s, p)
	}
	s = strings.TrimPrefix(s, "www.")
	if !strings.HasPrefix(s, "github.com/") {
		return "", 0, false
	}
	if i := strings.IndexAny(s, "?#"); i >= 0 {
		s = s[:i]
	}
	parts := strings.Split(s, "/")
	if len(parts) < 5 || parts[1] == "" || parts[2] == "" || (parts[3] != "issues" && parts[3] != "pull") {
		return "", 0, false
	}
	n, err := strconv.Atoi(parts[4])
	if err != nil || n <= 0 {
		return "", 0, false
	}
	return parts[1] + "/" + parts[2], n, true
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
	when, what := updated[it.Project], "roadmap"
	if it.Source == roadmap.SourceGitHub && it.Issue != nil && !it.Issue.Updated.IsZero() {
		when, what = it.Issue.Updated, "issue"
	}
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
	return "freshness: " + what + " updated " + age(now.Sub(when))
}

// age renders a duration as "today", "3 days ago", "5 months ago", "2.5 years ago".
func age(d time.Duration) string {
	days := int(d.Hours() / 24)
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

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}
