// Package brochure renders the two-column PDF brochure that sales hands to
// a client: a cover, one block per project (logo, name, tagline, the items
// chosen for the client with links to their sources) and a closing call to
// action, with a header naming the client and a footer with the contact
// lines, page numbers and the date the roadmaps were crawled.
//
// Output is deterministic: identical input gives identical bytes.
//
// Reading order: blocks are drawn in reading order (cover; per row of
// pairs the left project, then the right; in flow column one, then column
// two; the closing last), so extractors that follow the content stream
// (`pdftotext -raw`, copy and paste, screen readers) read column one and
// then column two. Plain `pdftotext` (poppler) ignores the content stream
// and sorts text blocks itself (TextPage::coalesce): lines of different
// font sizes are separate blocks; two blocks side by side with aligned
// tops, left edges, and blocks below them also aligned are taken for a
// table and read across (the project names and taglines of a pair line
// up, by design); and a block with no text beside it in the other column
// has its box widened over the other column, so it is sorted by height
// among that column's blocks. Gutter width, rules and drawing order do
// not enter that analysis; only moving text (staggering the columns,
// which unaligns the names, and closing every vertical gap between items)
// or invisible filler text would, so plain `pdftotext` may interleave the
// columns of item blocks.
package brochure

import (
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// Project is one project block of a brochure: the project, its logo and
// the items chosen for the client.
type Project struct {
	Project roadmap.Project
	Logo    *roadmap.Logo // nil → a monogram badge (coloured rounded square + initials)
	Updated time.Time     // when the roadmap was last updated (zero: unknown → "Roadmap checked <CrawledAt month>")
	// UpdatedPrecision is roadmap.PrecisionYear when only the year is known
	// ("Roadmap updated in 2024"); anything else prints the month.
	UpdatedPrecision string
	// Caveat is printed under the block's heading, in the accent colour
	// ("Roadmap last updated September 2021; ask us about its current
	// state"), for a project shown despite a warning sign.
	Caveat string
	Items  []roadmap.Item // already chosen and ordered (2–3 typically); Title, Summary, URL, Text used
}

// Copy is the organisation's words around the roadmap content, rendered
// from templates (see LoadCopy).
type Copy struct {
	Organisation string   // e.g. "Open Source Lab"
	Contact      []string // footer lines: "sales@example.org", "+1 555 0100", "https://example.org"
	Intro        string   // short cover introduction; paragraphs separated by a blank line
	Closing      string   // closing call to action
	// Placeholders names the templates that came from the built-in
	// defaults ("contact.tmpl", …): placeholder copy no client should see.
	Placeholders []string
}

// CopyData is what the copy templates can use.
type CopyData struct {
	// Organisation is the name organisation.tmpl renders, for the other
	// templates ({{.Organisation}}), so it is written in one place.
	Organisation string
	Client       roadmap.Client
	Projects     []Project
	Date         time.Time
}

// Input is everything a brochure is made of.
type Input struct {
	Client       roadmap.Client // Name, Layout (pairs|flow, default pairs), PageSize (Letter|A4, default Letter); Contact overrides Copy.Contact when set
	Projects     []Project
	Copy         Copy
	Generated    time.Time // the date on the header and in the metadata (zero: no header date, metadata says now, output not reproducible)
	CrawledAt    time.Time // "Roadmaps read from the projects on 25 November 2026" (zero: no such line)
	FallbackFont []byte    // optional TrueType font for characters the Go fonts lack (CJK, Arabic, emoji)
}

// Result describes a rendered brochure.
type Result struct {
	Pages    int
	Warnings []string // replaced characters, text cut to fit, missing or broken logos, …
	// Resampled are the logos this render drew at another width than
	// their own (a logo of that width was drawn before them) and had to
	// resample, not finding that width among their Variants: stored with
	// the logo, they spare the next brochure the work.
	Resampled []Resampled
}

// Resampled is a logo variant a render made.
type Resampled struct {
	Project string // slug
	Variant roadmap.LogoVariant
}

// dateLong formats a date as "25 November 2026".
func dateLong(t time.Time) string { return t.Format("2 January 2006") }

// dateMonth formats a date as "January 2026".
func dateMonth(t time.Time) string { return t.Format("January 2006") }
