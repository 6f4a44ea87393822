// Package audit judges every configured project's roadmap: is there one, is
// it current, is it substantial. It is pure: it works on snapshots the CLI
// loads from the store and writes only to the io.Writer it is given.
package audit

import "time"

// Statuses of a Finding.
const (
	StatusGood        = "good"        // current and substantial
	StatusStale       = "stale"       // last updated longer ago than Settings.StaleAfter
	StatusThin        = "thin"        // too few items or words
	StatusNone        = "none"        // no roadmap configured or found, no roadmap issues
	StatusUnreachable = "unreachable" // configured, but the latest crawl could not fetch it
)

// Bases of Finding.LastUpdatedBasis.
const (
	BasisCommit       = "github-commit"
	BasisLastModified = "http-last-modified"
	BasisPageText     = "page-text"
)

// Settings are the thresholds of the audit ([audit] in the config).
type Settings struct {
	StaleAfter time.Duration // older than this: stale (exactly this is still good)
	MinItems   int           // fewer items: thin
	MinWords   int           // fewer words: thin
}

// DefaultSettings returns the defaults: stale after 730 days, at least 3
// items and 300 words.
func DefaultSettings() Settings {
	return Settings{StaleAfter: 730 * 24 * time.Hour, MinItems: 3, MinWords: 300}
}

// withDefaults fills zero fields of s with the defaults.
func (s Settings) withDefaults() Settings {
	d := DefaultSettings()
	if s.StaleAfter <= 0 {
		s.StaleAfter = d.StaleAfter
	}
	if s.MinItems <= 0 {
		s.MinItems = d.MinItems
	}
	if s.MinWords <= 0 {
		s.MinWords = d.MinWords
	}
	return s
}

// Finding is the audit verdict on one project, with its reasons and evidence.
type Finding struct {
	Project          string   `json:"project"`
	Name             string   `json:"-"`
	Status           string   `json:"status"`             // good|stale|thin|none|unreachable
	RoadmapURL       *string  `json:"roadmap_url"`        // null when none
	LastUpdated      *string  `json:"last_updated"`       // "2006-01-02" or null
	LastUpdatedBasis *string  `json:"last_updated_basis"` // github-commit|http-last-modified|page-text|null
	Items            int      `json:"items"`
	Words            int      `json:"words"`
	Issues           int      `json:"roadmap_issues"`
	Reason           string   `json:"reason"`             // one line: "8 items, 1597 words, updated 10 months ago"
	Evidence         []string `json:"evidence,omitempty"` // e.g. "page states 'Date: September 7, 2021'"
}

// HasRoadmap reports whether the finding says the project has a roadmap
// (good, stale or thin). Unreachable projects are unknown, not counted.
func (f Finding) HasRoadmap() bool {
	return f.Status == StatusGood || f.Status == StatusStale || f.Status == StatusThin
}

func strPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
