package rank

import "strings"

// prefaceFactor scales the score of a preface section, one whose title only
// says what the document is ("Introduction", "Our philosophy", "Status
// legend", "How to get involved", "Timeline", "2025", "The Astropy
// Roadmap") or names an umbrella over several items ("Core technology",
// "General improvements"), not what the project will do; and of an
// overview, a section repeating the title of a longer one of its project.
const prefaceFactor = 0.3

// prefaceWords are the words a preface title is made of.
var prefaceWords = toSet(`a about acknowledgements an and appendix approach are areas as at background
beyond by challenges change circle conclusion contents contributing current deliverable diamond document do done
faq focus for forward foundation founding from get glossary goals green guiding history how in intend intro introduction
involved is large legend milestone mission mitigation motivation next notes of on orange our overview pending
philosophy points potential preamble principles project purpose red references risk roadmap roadmaps
scope square statement status steps strategic subprojects strategy strategies summary table the this timeline to
us values vision we what where who why will with
` +
	// Umbrella words: a title made only of these names a heading over
	// several items ("Core technology", "General improvements",
	// "Subpackage-specific goals"), not one piece of work.
	`administrative core functionality general improvement improvements misc miscellaneous needs other
specific subpackage technology various`)

func toSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// isPreface reports whether a page item's title is made only of preface
// words, numbers (years, dates) and the words of its project's slug. Proposal
// series names ("PDEPs") count as preface words too. A section whose title
// reads like a preface but which has at least 3 sub-points that do not
// ("Strategic deliverables" over "Performance", "Core library", …) holds
// real items and is no preface.
func isPreface(it *titleInfo) bool {
	if !prefaceTitle(it.toks, it.project) {
		return false
	}
	real := 0
	for _, p := range it.points {
		if !prefaceTitle(tokenize(nil, p), it.project) {
			real++
		}
	}
	return real < 3
}

// prefaceTitle reports whether title words are all preface words.
func prefaceTitle(toks []string, project map[string]bool) bool {
	if len(toks) == 0 {
		return false
	}
	for _, t := range toks {
		if prefaceWords[t] || isDigits(t) || project[t] {
			continue
		}
		if t2 := strings.TrimSuffix(t, "s"); t2 != t && (prefaceWords[t2] || isProposalSeries(t2)) {
			continue
		}
		if isProposalSeries(t) {
			continue
		}
		return false
	}
	return true
}

func isProposalSeries(t string) bool {
	for _, p := range proposalPrefixes {
		if t == p {
			return true
		}
	}
	return false
}

// titleInfo is what isPreface needs of an item.
type titleInfo struct {
	toks    []string
	project map[string]bool
	points  []string
}

// callTitles open the titles of sections that ask readers to take part
// ("How to get involved", "Weigh in as a downstream maintainer", "Discuss
// the plans") rather than describe work a client could fund.
var callTitles = []string{
	"how to get involved", "how to contribute", "how to help", "how you can help", "how can i help",
	"get involved", "getting involved", "ways to help", "ways to contribute", "contributing",
	"join us", "weigh in", "discuss the plan", "discuss these plans",
	"discuss our plans", "give feedback", "contact us", "get in touch", "stay in touch",
	"call for contributors", "call for help", "call for participation", "help wanted",
	"review in-flight work", "review open pull requests", "where to start",
}

// selfDescriptions open a summary that only says what the section holds
// ("This section lists high-priority items for …:").
var selfDescriptions = []string{
	"this section lists", "this section describes", "this section contains", "this section collects",
	"this section covers", "this section summarises", "this section summarizes", "this section outlines",
	"this section gathers", "this page lists", "this list contains", "below is a list", "the following list",
	"comments and counter-proposals", "comments and suggestions", "feedback is welcome",
}

// isCall reports whether a page item calls for involvement instead of
// describing work: its title opens like a call, or its whole summary is
// one sentence describing the section itself.
func isCall(title, summary string) bool {
	t := strings.ToLower(strings.TrimSpace(title))
	for _, p := range callTitles {
		if strings.HasPrefix(t, p) && (len(t) == len(p) || !isWordByte(t[len(p)])) {
			return true
		}
	}
	s := strings.ToLower(strings.TrimSpace(summary))
	for _, p := range selfDescriptions {
		if strings.HasPrefix(s, p) {
			// One sentence only: the section says nothing of its own.
			body := strings.TrimRight(s, ".:;… ")
			return !strings.Contains(body, ". ") && !strings.Contains(body, "? ") && !strings.Contains(body, "! ")
		}
	}
	return false
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b >= 0x80
}
