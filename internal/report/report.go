// Package report builds the change report of one crawl against the one
// before (the nightly report) and renders it as Markdown, HTML or JSON. It
// is pure: it works on values the CLI loads from the store and writes only
// to the io.Writer it is given.
package report

import (
	"time"

	"github.com/roadmapper/roadmapper/internal/audit"
	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// Input is everything Build needs, loaded from the store.
type Input struct {
	Crawl         roadmap.Crawl
	Previous      *roadmap.Crawl                     // nil for the first crawl
	Projects      []roadmap.Project                  // configured projects, in order
	Snapshots     map[string]roadmap.ProjectSnapshot // of Crawl
	PrevSnapshots map[string]roadmap.ProjectSnapshot // of Previous (may be nil)
	Events        []roadmap.ItemEvent                // of Crawl
	Counted       map[string]int                     // additions left out of Events, per project (see CountedProjects)
	Items         map[string]roadmap.Item            // the items ItemsNeeded names, including removed ones
	Fetches       []roadmap.Fetch                    // of Crawl
	Audit         []audit.Finding                    // classification after Crawl
	PrevAudit     []audit.Finding                    // classification after Previous (nil for the first crawl)
	SeenBefore    map[string]bool                    // projects with a snapshot in a crawl before Crawl
}

// Report is the change report of one crawl. Every URL in it is an absolute
// http(s) URL or empty; crawled text is kept as found and escaped by the
// renderers.
type Report struct {
	Crawl         CrawlInfo        `json:"crawl"`
	Previous      *CrawlInfo       `json:"previous"`              // null for the first crawl
	Warnings      []string         `json:"warnings"`              // interrupted crawls and the like
	Attention     []Attention      `json:"attention"`             // what needs a person, one line per cause
	Config        ConfigChanges    `json:"config"`                // projects added to or removed from the configuration
	FirstCrawl    []ProjectCount   `json:"first_crawl,omitempty"` // first report: counts per project instead of every item
	Counts        ProjectCounts    `json:"project_counts"`
	Projects      []ProjectOutcome `json:"projects"` // every crawled project, configured order
	GitHub        Quota            `json:"github"`
	Totals        ItemTotals       `json:"item_totals"`
	Changes       []ProjectChanges `json:"changes"` // projects with item changes only
	StatusChanges []StatusChange   `json:"status_changes"`
	NewIssues     []Issue          `json:"new_issues"`       // top new roadmap issues by demand
	NewIssueCount int              `json:"new_issues_total"` // all new roadmap issues
	AuditSummary  string           `json:"audit_summary,omitempty"`
	Survey        *audit.Survey    `json:"-"` // the survey figures per group, drawn as a chart in HTML
}

// CrawlInfo describes one crawl.
type CrawlInfo struct {
	ID              int64      `json:"id"`
	StartedAt       time.Time  `json:"started_at"`
	FinishedAt      *time.Time `json:"finished_at"` // null when interrupted
	Duration        string     `json:"duration,omitempty"`
	DurationSeconds float64    `json:"duration_seconds"`
	Replay          bool       `json:"replay"`
	Interrupted     bool       `json:"interrupted"` // FinishedAt is zero: crashed, killed or still running
	Bytes           int64      `json:"bytes"`
}

// ProjectCounts counts the crawl outcomes of the configured projects.
type ProjectCounts struct {
	Crawled     int `json:"crawled"`
	Fetched     int `json:"fetched"`
	NotModified int `json:"not_modified"`
	Failed      int `json:"failed"`
	NoSource    int `json:"no_source"`
	NotCrawled  int `json:"not_crawled"` // configured but absent from this crawl (--only, interrupted)
}

// ProjectOutcome is how the crawl went for one project.
type ProjectOutcome struct {
	Project      string         `json:"project"`
	Name         string         `json:"name"`
	Status       string         `json:"status"` // roadmap.Status* constants
	Error        string         `json:"error,omitempty"`
	NewlyFailing bool           `json:"newly_failing,omitempty"` // failed now, did not in the previous crawl
	FailedSince  int64          `json:"failed_since,omitempty"`  // previous crawl ID when it failed there too
	FetchErrors  []FetchProblem `json:"fetch_errors,omitempty"`
}

// FetchProblem is one failed exchange of the crawl.
type FetchProblem struct {
	URL    string `json:"url"` // empty when not http(s)
	Kind   string `json:"kind"`
	Status int    `json:"status"` // 0: no response
	Error  string `json:"error"`
}

// Quota is the GitHub API spending of the crawl.
type Quota struct {
	Requests      int     `json:"requests"`
	Counted       int     `json:"counted"`
	NotModified   int     `json:"not_modified"`
	Retries       int     `json:"retries"`
	Waited        string  `json:"waited"`
	WaitedSeconds float64 `json:"waited_seconds"`
}

// ItemTotals counts item changes over all projects; a renamed pair counts
// once, as renamed, not as added and removed.
type ItemTotals struct {
	Added   int `json:"added"`
	Removed int `json:"removed"`
	Changed int `json:"changed"`
	Renamed int `json:"renamed"`
}

// ProjectChanges are the item changes of one project.
type ProjectChanges struct {
	Project string    `json:"project"`
	Name    string    `json:"name"`
	Added   []ItemRef `json:"added"`
	Removed []ItemRef `json:"removed"`
	Renamed []Rename  `json:"renamed"`
	Changed []ItemRef `json:"changed"`
}

// ItemRef names one item.
type ItemRef struct {
	ID     string      `json:"id"`
	Title  string      `json:"title"`
	URL    string      `json:"url,omitempty"`
	Source string      `json:"source"`
	Issue  int         `json:"issue,omitempty"`  // issue number of a GitHub item
	Change *ItemChange `json:"change,omitempty"` // what changed, for a changed item
}

// Rename is a removed item and an added one that are probably the same item
// under a new title.
type Rename struct {
	From       ItemRef `json:"from"`
	To         ItemRef `json:"to"`
	How        string  `json:"how"`        // "text" (similar text), "anchor" (same URL anchor) or "issue" (same issue)
	Similarity float64 `json:"similarity"` // shingle Jaccard of summary+text, 0..1
}

// StatusChange is a project whose audit status changed since the previous
// crawl.
type StatusChange struct {
	Project string `json:"project"`
	Name    string `json:"name"`
	From    string `json:"from"` // empty: the project was not audited before
	To      string `json:"to"`
	Reason  string `json:"reason"`
}

// Issue is a new roadmap-labelled GitHub issue and its demand.
type Issue struct {
	Project   string `json:"project"`
	Name      string `json:"name"`
	Title     string `json:"title"`
	URL       string `json:"url,omitempty"`
	Number    int    `json:"number"`
	Reactions int    `json:"reactions"`
	Comments  int    `json:"comments"`
	Demand    int    `json:"demand"` // reactions + comments
}
