package roadmap

import "time"

// ItemUpdated is the one rule for when an item was last updated: an item
// carrying issue facts (a GitHub issue) dates from the issue's last
// update; any other item from its roadmap's date, roadmapDate. what says
// which ("issue" or "roadmap"); when is zero when no date is known.
func ItemUpdated(it *Item, roadmapDate time.Time) (when time.Time, what string) {
	if it.Issue != nil && !it.Issue.Updated.IsZero() {
		return it.Issue.Updated, "issue"
	}
	return roadmapDate, "roadmap"
}
