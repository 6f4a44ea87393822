package crawler

import (
	"net/url"
	"strings"
)

// rawGitHubBase serves the raw files of GitHub repositories.
const rawGitHubBase = "https://raw.githubusercontent.com/"

// githubRawURL maps a GitHub file page
// (https://github.com/OWNER/REPO/blob/REF/PATH) to the raw file it shows
// (https://raw.githubusercontent.com/OWNER/REPO/REF/PATH); any other URL
// gives "". GitHub renders file pages with scripts, so their HTML holds
// the page chrome rather than the document.
func githubRawURL(page string) string {
	u, err := url.Parse(page)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") {
		return ""
	}
	if host := strings.ToLower(u.Hostname()); host != "github.com" && host != "www.github.com" {
		return ""
	}
	parts := strings.Split(strings.Trim(u.EscapedPath(), "/"), "/")
	if len(parts) < 5 || parts[2] != "blob" || parts[0] == "" || parts[1] == "" || parts[3] == "" {
		return ""
	}
	for _, p := range parts {
		if p == ".." || p == "." || p == "" {
			return ""
		}
	}
	return rawGitHubBase + strings.Join(append(parts[:2:2], parts[3:]...), "/")
}
