// Package roadmap holds the domain types of roadmapper: projects, their
// roadmap items, crawls and what a crawl found. It imports nothing of the
// project, so every other package can depend on it.
package roadmap

import (
	"time"
)

// Item sources.
const (
	SourcePage   = "page"   // a section of a roadmap document (HTML page or repo file)
	SourceGitHub = "github" // an open issue carrying a roadmap label
)

// Project is one configured open-source project.
type Project struct {
	Slug        string   `json:"slug"`
	Name        string   `json:"name"`
	Homepage    string   `json:"homepage,omitempty"`
	Tagline     string   `json:"tagline,omitempty"`
	Repo        string   `json:"repo,omitempty"`         // "owner/name" on GitHub
	Roadmap     []string `json:"roadmap"`                // published roadmap pages (HTML, raw .md/.rst)
	RoadmapFile string   `json:"roadmap_file,omitempty"` // path of the roadmap in Repo
	Labels      []string `json:"labels,omitempty"`       // override of the default roadmap labels
	Logo        string   `json:"logo,omitempty"`         // URL or local path of a PNG, JPEG or SVG
	Colour      string   `json:"colour,omitempty"`       // "#rrggbb" for the monogram badge
	Group       string   `json:"group,omitempty"`        // survey group, e.g. NumFOCUS "sponsored" or "affiliated"
}

// Item is one roadmap item: a section of a roadmap document, or a
// roadmap-labelled GitHub issue.
type Item struct {
	ID       string   `json:"id"`      // "<project>/<slug of title>"; stable while the title is
	Project  string   `json:"project"` // project slug
	Title    string   `json:"title"`
	Summary  string   `json:"summary"`          // plain text, a few sentences at most
	Text     string   `json:"text,omitempty"`   // the whole section as plain text (capped)
	Points   []string `json:"points,omitempty"` // sub-headings of the section
	URL      string   `json:"url"`              // where a reader sees it (page URL with anchor, issue URL)
	Source   string   `json:"source"`           // SourcePage or SourceGitHub
	DocURL   string   `json:"doc_url,omitempty"`
	Position int      `json:"position"`        // 0-based order within its document
	Links    []string `json:"links,omitempty"` // absolute http(s) links found in the section

	Issue    *IssueFacts `json:"issue,omitempty"`    // set for SourceGitHub items
	Evidence []Evidence  `json:"evidence,omitempty"` // GitHub issues merged into a page item

	Hash      string    `json:"hash,omitempty"` // content hash; set by the store
	FirstSeen time.Time `json:"first_seen"`
	LastSeen  time.Time `json:"last_seen"`
	RemovedAt time.Time `json:"removed_at,omitempty"` // zero while current
}

// IssueFacts are the GitHub facts of an issue-backed item.
type IssueFacts struct {
	Number    int       `json:"number"`
	Labels    []string  `json:"labels,omitempty"`
	Milestone string    `json:"milestone,omitempty"`
	Created   time.Time `json:"created"`
	Updated   time.Time `json:"updated"`
	Reactions int       `json:"reactions"` // total reactions
	PlusOne   int       `json:"plus_one"`  // 👍 reactions
	Comments  int       `json:"comments"`
}

// Evidence is a GitHub issue that backs a page item (linked from it or
// matching its title), whose demand counts for that item.
type Evidence struct {
	ItemID    string `json:"item_id"` // ID of the GitHub item merged here
	Title     string `json:"title"`
	URL       string `json:"url"`
	Reactions int    `json:"reactions"`
	Comments  int    `json:"comments"`
	How       string `json:"how"` // "linked" or "title"
}

// Date precisions of a StatedDate.
const (
	PrecisionDay   = "day"
	PrecisionMonth = "month"
	PrecisionYear  = "year"
)

// Kinds of StatedDate.
const (
	DateStated    = "stated"    // the document dates itself: "Last updated: …", "as of 11/2024", "Date: …"
	DateMentioned = "mentioned" // a date or year the text mentions: "… in 2018"
	// DateFramed is a year a title or heading frames the plan in: "Roadmap
	// 2020", "Short term: 2019H1", "plans through 2025", "1.0 in 2020".
	DateFramed = "framed"
)

// StatedDate is a date a document states about itself.
type StatedDate struct {
	Date      time.Time `json:"date"` // start of the day, month or year, UTC
	Precision string    `json:"precision"`
	Kind      string    `json:"kind"`
	Text      string    `json:"text"` // the phrase as written, trimmed to ~80 chars
}

// Document is one roadmap document after extraction.
type Document struct {
	URL    string       `json:"url"`
	Format string       `json:"format"` // "html", "markdown", "rst", "yaml", "json", or "" when not understood
	Title  string       `json:"title"`
	Words  int          `json:"words"`
	Dates  []StatedDate `json:"dates,omitempty"`
	Items  []Item       `json:"items"` // in document order; Project and ID are left empty
	// Note says why a fetched document gave no items ("format not
	// understood (PDF)"); empty when it was read as a roadmap.
	Note string `json:"note,omitempty"`
	// Capped: the document had more items than the extractor keeps
	// (extract.MaxItems); the rest were dropped.
	Capped bool `json:"capped,omitempty"`
}

// Fetch kinds.
const (
	FetchPage       = "page"
	FetchGitHubFile = "github-file"
	FetchLogo       = "logo"
)

// Fetch records one HTTP exchange (or local file read) of a crawl.
type Fetch struct {
	Project      string            `json:"project"`
	URL          string            `json:"url"`
	Kind         string            `json:"kind"`
	Status       int               `json:"status"` // 0 when no response arrived
	ETag         string            `json:"etag,omitempty"`
	LastModified string            `json:"last_modified,omitempty"`
	ContentType  string            `json:"content_type,omitempty"`
	Bytes        int64             `json:"bytes"`
	Duration     time.Duration     `json:"duration"`
	Err          string            `json:"error,omitempty"`
	NotModified  bool              `json:"not_modified,omitempty"`
	Header       map[string]string `json:"header,omitempty"` // headers of interest, for the archive
	Body         []byte            `json:"-"`                // raw body as received (after gzip); nil on 304/failure
	FetchedAt    time.Time         `json:"fetched_at"`
}

// SourceResult is the outcome for one roadmap source of a project.
type SourceResult struct {
	URL         string    `json:"url"`
	Kind        string    `json:"kind"` // FetchPage or FetchGitHubFile
	Fetch       Fetch     `json:"fetch"`
	NotModified bool      `json:"not_modified,omitempty"` // 304: keep the items of this URL
	Document    *Document `json:"document,omitempty"`     // set when fetched and parsed
	Err         string    `json:"error,omitempty"`        // failed: keep the previous items of this URL
	// Lost is set by the store when the source answered (304 or 200) but
	// the project would be left with none of its items from it: the
	// project fails and keeps its previous items.
	Lost bool `json:"lost,omitempty"`
}

// RepoFacts are what GitHub says of a repository.
type RepoFacts struct {
	FullName    string    `json:"full_name"`
	Description string    `json:"description,omitempty"`
	Homepage    string    `json:"homepage,omitempty"`
	Stars       int       `json:"stars"`
	PushedAt    time.Time `json:"pushed_at"`
	Archived    bool      `json:"archived,omitempty"`
	Topics      []string  `json:"topics,omitempty"`
	RenamedTo   string    `json:"renamed_to,omitempty"` // set when the configured name redirects
}

// Commit is the newest commit that touched a file.
type Commit struct {
	SHA  string    `json:"sha"`
	Date time.Time `json:"date"`
	URL  string    `json:"url"`
}

// GitHubResult is what GitHub said about one project in a crawl.
type GitHubResult struct {
	Repo          *RepoFacts `json:"repo,omitempty"`
	RoadmapCommit *Commit    `json:"roadmap_commit,omitempty"` // newest commit touching roadmap_file
	FileURL       string     `json:"file_url,omitempty"`       // html URL of roadmap_file
	FileContent   []byte     `json:"-"`                        // roadmap_file content, when fetched
	Issues        []Item     `json:"issues,omitempty"`         // SourceGitHub items
	IssuesOK      bool       `json:"issues_ok"`                // false: keep the previous GitHub items
	Warnings      []string   `json:"warnings,omitempty"`
	NotModified   bool       `json:"not_modified,omitempty"` // every GitHub answer for the project was a 304
	Skipped       string     `json:"skipped,omitempty"`      // e.g. "rate limited until 14:05"
	Err           string     `json:"error,omitempty"`
	RepoNotFound  bool       `json:"repo_not_found,omitempty"` // the configured repository does not exist (404)
}

// Logo preparation methods.
const (
	LogoPNG      = "png"
	LogoJPEG     = "jpeg"
	LogoSVGPure  = "svg-oksvg"
	LogoSVGRsvg  = "svg-rsvg"
	LogoMonogram = "monogram"
)

// Logo is a project logo ready to embed in a PDF.
type Logo struct {
	Project string `json:"project"`
	Source  string `json:"source"` // configured URL or path
	Format  string `json:"format"` // "png" or "jpeg": the bytes in Data
	Method  string `json:"method"` // one of the Logo* methods
	Note    string `json:"note,omitempty"`
	Width   int    `json:"width"`
	Height  int    `json:"height"`
	Data    []byte `json:"-"`
	// Ready is the logo as the brochure embeds it, made at crawl time;
	// nil when none was made (a monogram, an older crawl).
	Ready *LogoRendition `json:"-"`
	// Variants are renditions of the logo at other widths that earlier
	// brochures made (see LogoVariant).
	Variants []LogoVariant `json:"-"`
}

// LogoVariant is a rendition of a logo at another width than its own,
// made by a brochure that drew it beside a logo of the same width, and
// kept so the next brochure does not make it again. Of is the SHA-256 of
// the logo's Data it was made from: a variant of another logo is unused.
type LogoVariant struct {
	Of [32]byte
	LogoRendition
}

// LogoRendition is a logo made ready for the brochure when it is crawled:
// trimmed, flattened onto white and encoded as the PDF embeds it, so a
// brochure neither decodes nor re-encodes it. Version names the way it was
// prepared; a brochure prepares the logo afresh when it is not its own.
type LogoRendition struct {
	Version       string
	Type          string // "PNG" or "JPG"
	Width, Height int    // pixels
	Data          []byte
}

// ProjectResult is everything one crawl learnt about one project. The
// crawler hands it to a Sink; the store saves it in one transaction.
type ProjectResult struct {
	Project string         `json:"project"`
	Repo    string         `json:"repo,omitempty"` // the configured GitHub repository, for messages
	Sources []SourceResult `json:"sources"`
	GitHub  *GitHubResult  `json:"github,omitempty"`
	Logo    *Logo          `json:"logo,omitempty"`  // nil: keep the stored logo
	Fetches []Fetch        `json:"fetches"`         // every exchange, for the record and archive
	Err     string         `json:"error,omitempty"` // why the project failed, if it did
}

// Project crawl outcomes.
const (
	StatusFetched     = "fetched"
	StatusNotModified = "not_modified"
	StatusFailed      = "failed"
	StatusNoSource    = "no_source" // nothing configured to fetch
)

// ProjectChanges counts what a saved ProjectResult changed.
type ProjectChanges struct {
	Added   int `json:"added"`
	Removed int `json:"removed"`
	Changed int `json:"changed"`
	// LostFrom is the first source that answered but would have left the
	// project with none of its items from it; the project was saved as
	// failed, keeping its previous items (see CrawlStatus).
	LostFrom string `json:"lost_from,omitempty"`
}

// Quota is the GitHub API spending of a crawl.
type Quota struct {
	Requests    int           `json:"requests"`     // requests sent
	Counted     int           `json:"counted"`      // answers that counted against the primary limit
	NotModified int           `json:"not_modified"` // 304 answers (free)
	Retries     int           `json:"retries"`
	Waited      time.Duration `json:"waited"`
	// Stopped says why GitHub work stopped for the rest of the crawl (a
	// rejected token, an unreachable API); not stored with the crawl.
	Stopped string `json:"stopped,omitempty"`
}

// Crawl is one run of the crawler.
type Crawl struct {
	ID           int64     `json:"id"`
	StartedAt    time.Time `json:"started_at"`
	FinishedAt   time.Time `json:"finished_at"` // zero while running or after a crash
	Replay       bool      `json:"replay,omitempty"`
	Projects     int       `json:"projects"`
	Fetched      int       `json:"fetched"`
	NotModified  int       `json:"not_modified"`
	Failed       int       `json:"failed"`
	ItemsAdded   int       `json:"items_added"`
	ItemsRemoved int       `json:"items_removed"`
	ItemsChanged int       `json:"items_changed"`
	Bytes        int64     `json:"bytes"`
	GitHub       Quota     `json:"github"`
}

// ProjectSnapshot is the state of one project after a crawl: how the crawl
// went and the roadmap facts the audit and report need. For a page that
// answered 304, the document facts carry over from the previous snapshot.
type ProjectSnapshot struct {
	CrawlID      int64         `json:"crawl_id"`
	Project      string        `json:"project"`
	Status       string        `json:"status"` // Status* constants
	Err          string        `json:"error,omitempty"`
	RoadmapURL   string        `json:"roadmap_url,omitempty"` // document the items came from
	Title        string        `json:"title,omitempty"`
	Words        int           `json:"words"`
	Dates        []StatedDate  `json:"dates,omitempty"`
	LastModified time.Time     `json:"last_modified,omitempty"` // HTTP Last-Modified of RoadmapURL
	Items        int           `json:"items"`                   // current page items
	Issues       int           `json:"issues"`                  // current GitHub items
	GitHub       *GitHubResult `json:"github,omitempty"`        // latest known GitHub facts (carried over when skipped)
	LogoMethod   string        `json:"logo_method,omitempty"`
	Note         string        `json:"note,omitempty"` // Document.Note of RoadmapURL: why it gave no items
}

// Item event kinds.
const (
	EventAdded   = "added"
	EventRemoved = "removed"
	EventChanged = "changed"
)

// ItemEvent is a change to one item recorded by a crawl.
type ItemEvent struct {
	CrawlID int64  `json:"crawl_id"`
	Project string `json:"project"`
	ItemID  string `json:"item_id"`
	Kind    string `json:"kind"`
	Source  string `json:"source"`
	Title   string `json:"title"`
	OldHash string `json:"old_hash,omitempty"`
	NewHash string `json:"new_hash,omitempty"`
	// For a changed item: what it said before (its title, and its text or
	// else its summary).
	OldTitle string `json:"old_title,omitempty"`
	OldText  string `json:"old_text,omitempty"`
}

// ArchivedResponse is a raw response kept by the store, used to replay
// extraction without the network.
type ArchivedResponse struct {
	Project     string            `json:"project"`
	URL         string            `json:"url"`
	Kind        string            `json:"kind"` // FetchPage or FetchGitHubFile
	ContentType string            `json:"content_type"`
	Header      map[string]string `json:"header,omitempty"`
	Body        []byte            `json:"-"`
	FetchedAt   time.Time         `json:"fetched_at"`
}

// CachedResponse is an HTTP response kept for conditional requests (the
// GitHub ETag cache). It never holds credentials.
type CachedResponse struct {
	Status       int                 `json:"status"`
	ETag         string              `json:"etag,omitempty"`
	LastModified string              `json:"last_modified,omitempty"`
	Header       map[string][]string `json:"header,omitempty"`
	Body         []byte              `json:"-"`
	StoredAt     time.Time           `json:"stored_at"`
}
