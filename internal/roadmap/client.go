package roadmap

// Brochure layouts and page sizes.
const (
	LayoutPairs = "pairs" // two projects side by side per page
	LayoutFlow  = "flow"  // project blocks flow down both columns

	PageLetter = "Letter"
	PageA4     = "A4"
)

// Client is a client profile: who a brochure is for and what interests them.
type Client struct {
	Name            string             `json:"name"`
	Contact         []string           `json:"contact,omitempty"`   // overrides the organisation's contact lines
	Projects        []string           `json:"projects,omitempty"`  // empty: every project with current items
	Interests       []string           `json:"interests,omitempty"` // free words and phrases
	Themes          map[string]float64 `json:"themes,omitempty"`    // theme slug → weight (0 neutral … 3 strong)
	ExcludeThemes   []string           `json:"exclude_themes,omitempty"`
	PreferProjects  []string           `json:"prefer_projects,omitempty"`
	ItemsPerProject int                `json:"items_per_project"` // default 3
	Layout          string             `json:"layout"`            // LayoutPairs (default) or LayoutFlow
	PageSize        string             `json:"page_size"`         // PageLetter (default) or PageA4
	MinScore        float64            `json:"min_score"`         // items scoring lower are not chosen (projects listed in Projects are exempt)
	// RelativeMinScore is the share of the best score for this client an
	// item also needs (0: none); set with the default min_score.
	RelativeMinScore float64 `json:"relative_min_score,omitempty"`
	File             string  `json:"-"` // where the profile was read from
}
