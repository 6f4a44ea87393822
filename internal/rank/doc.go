// Package rank picks, from each roadmap, the items most likely to interest
// one client, and says why. Ranking is a pure function of the items, the
// themes, the client profile, the weights and the clock: no I/O, no
// randomness, and no map iteration order leaks into results or reasons.
//
// # Themes
//
// Themes (config/themes.toml, read with ParseThemes) are subjects a buyer
// thinks in: performance, gpu, interoperability, … Each has terms: words or
// phrases matched case-insensitively as whole words, each word also matching
// its simple plural (+s, +es); punctuation separates words, so
// "free-threaded" matches "free threaded". A match in the title weighs 2, in
// the text (or the summary when there is no text) 1; within one theme,
// overlapping matches count once (the longest wins). An item has a theme
// when its matches weigh at least 2, or at least 1 in an item of fewer than
// 60 words; the theme's strength in the item is 1-exp(-weight/3).
//
// # Intrinsic score I, in [0,1]
//
// A weighted average (Weights.Demand, Concreteness, Freshness, Position,
// normalised by their sum) of:
//
//   - demand: log1p(reactions+comments of the item's own issue and of its
//     Evidence) / log1p(300), capped at 1;
//   - concreteness: 0.4·links + 0.4·substance + 0.2·structure, where links
//     is 0.5 per enhancement proposal named in the text or links (NEP, SLEP,
//     PEP, SPEC, PDEP, EP followed by a number) plus 0.25 per GitHub issue
//     or PR link or "gh-N" reference, capped at 1; substance is
//     min(1, words/150); structure is min(1, sub-points/3);
//   - freshness: of the project's roadmap (Input.Updated), or of the issue
//     for GitHub items: 1 when updated less than 6 months ago, then linearly
//     down to 0.2 at 3 years, 0.2 beyond; 0.5 when unknown;
//   - position: 1/(1+Position/10), so earlier items rank a little higher.
//
// # Client fit
//
//   - themes T: a noisy-OR over the item's themes, T = 1-Π(1-a_t) with
//     a_t = min(w_t,3)/3 · strength_t, where w_t is the client's weight of
//     theme t (0 neutral … 3 strong; negative counts as 0). T is shared
//     between the themes in proportion to a_t for the reasons. Raising a
//     weight never lowers the score of an item that has the theme.
//   - interests B: BM25 (k1 1.2, b 0.75) of the client's interest phrases
//     (all words adjacent, plurals allowed; a title occurrence counts twice)
//     over title+text of all input items, divided by the highest BM25 in the
//     set, so the best match has B = 1.
//   - prefer P: 1 for an item of one of the client's preferred projects.
//   - exclusion: an item tagged with one of the client's excluded themes
//     scores 0; its reasons keep what it would have scored and end with a
//     negative "excluded theme X" reason that cancels them.
//
// # Final score
//
// Without a client, Score = I. With one, Score = Intrinsic·I + Themes·T +
// Interests·B + Prefer·P (DefaultWeights: 0.3, 0.4, 0.2, 0.1), clamped to
// [0,1]. Every non-zero term of that sum is a Reason (the intrinsic term is
// split into its four signals and the theme term into its themes); Reasons
// are sorted by Value descending, then Label, and add up to Score: when the
// sum exceeds 1 a final "cap" reason carries the negative remainder.
//
// # Asides: prefaces, umbrellas and overviews
//
// Some page sections are no roadmap item of their own, and a salesperson
// would never put them in front of a client:
//
//   - a preface, whose title only says what the document is
//     ("Introduction", "Our philosophy", "How to get involved", "Timeline",
//     "2025", "The Astropy Roadmap"), or only names an umbrella over
//     several items ("Core technology", "General improvements",
//     "Subpackage-specific goals"): every title word is a preface or
//     umbrella word, a number or a word of the project's slug. A section
//     with at least 3 sub-points that are not prefaces themselves holds
//     real items and is no preface;
//   - an overview, whose title (as words) repeats the title of a longer
//     section of the same project: roadmaps often list their areas briefly
//     before detailing each under the same heading;
//   - a stub: a page item of fewer than 10 words with no sub-points and no
//     links ("There are currently no proposals with this status").
//
// Such an item's score is multiplied by 0.3 (a final negative reason "looks
// like a preface, not a roadmap item" or "repeats the title of a longer
// section: an overview"), Scored.Aside is set, and Top leaves it out unless
// it is pinned.
//
// Items are scored independently of each other (apart from the set-wide
// BM25 statistics and the overview test), so large inputs are split between
// goroutines without changing the result. Each item's title and text are
// tokenized once, in one pass that also looks every word up in a hash table
// of the surface forms of the theme and interest words (word, +s, +es);
// the same words serve theme tagging, interests, concreteness and the
// preface test.
//
// Rank calls MergeEvidence first, so issues backing a page item count as
// its demand instead of competing with it. Top keeps the first items per
// project (without asides); the curation package pins, hides and rewrites
// on top.
package rank
