package roadmap

// LostItemsReason is how the crawl summary, the snapshot and the report
// word a source that answered (304 or 200) but left the project with none
// of its items: "lost all items from URL".
const LostItemsReason = "lost all items from "

// CrawlStatus decides how one project's crawl went (a Status* constant)
// and, when it failed, why. It is the one rule behind the crawl summary and
// the stored snapshot; it reads only res.
//
// In order: a set res.Err fails the project with that reason; a configured
// repository that does not exist fails it (a config error the user must
// see, even when a page worked); a source that answered but lost all the
// project's items from it fails it ("lost all items from URL"), so the
// previous items are kept; then any parsed document makes it fetched, any
// 304 not modified; sources that all failed fail it with the first error;
// with no source at all, GitHub decides: an error fails it, a skip (rate
// limit) or answers that were all 304 are not modified, else fetched; with nothing at all
// the project has no source.
func CrawlStatus(res ProjectResult) (status, reason string) {
	gh := res.GitHub
	if res.Err != "" {
		return StatusFailed, res.Err
	}
	if gh != nil && gh.RepoNotFound {
		return StatusFailed, "github " + res.Repo + ": " + gh.Err + " (check repo in the config)"
	}
	var docs, notModified bool
	first := ""
	for _, sr := range res.Sources {
		if sr.Lost {
			return StatusFailed, LostItemsReason + sr.URL
		}
		docs = docs || sr.Document != nil
		notModified = notModified || sr.NotModified
		if sr.Err != "" && first == "" {
			first = sr.URL + ": " + sr.Err
		}
	}
	switch {
	case docs:
		return StatusFetched, ""
	case notModified:
		return StatusNotModified, ""
	case len(res.Sources) > 0:
		return StatusFailed, first
	case gh == nil:
		return StatusNoSource, ""
	case gh.Err != "":
		return StatusFailed, "github " + res.Repo + ": " + gh.Err
	case gh.Skipped != "" || gh.NotModified:
		return StatusNotModified, ""
	}
	return StatusFetched, ""
}
