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
