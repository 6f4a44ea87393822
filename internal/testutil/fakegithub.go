package testutil

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakePrefix is the deliberate path prefix of the fake API, so that code
// which builds absolute URLs by hand fails loudly.
const fakePrefix = "/api-v3/"

// FakeGitHub is an in-process fake of the parts of the GitHub REST API that
// roadmapper uses: repositories, commits of a path, file contents, issue
// listings by label, the recursive git tree of the default branch, the
// README and the labels. Files are also served raw (RawURL), for free, like
// raw.githubusercontent.com. It sends ETags (and answers 304 on a match), rate-limit
// headers, Link pagination in page and cursor forms, and on demand secondary
// and primary rate limits, 401s and 301s. It counts what it served.
type FakeGitHub struct {
	srv *httptest.Server

	mu           sync.Mutex
	repos        map[string]FakeRepo // key: lower-case "owner/name"
	token        string
	pageSize     int
	cursor       bool
	failStatus   int
	failRetry    string
	failN        int
	primaryReset time.Time
	requests     int
	counted      int
	notModified  int
	paths        []string
}

// FakeRepo is a repository served by FakeGitHub.
type FakeRepo struct {
	Owner, Name, Description, Homepage string
	Stars                              int
	Archived                           bool
	Topics                             []string
	PushedAt                           time.Time
	DefaultBranch                      string // "main" when empty
	Files                              map[string]FakeFile
	Issues                             []FakeIssue
	MovedTo                            string // "owner/name": answer 301 to that repository
	Labels                             []FakeLabel
	TreeTruncated                      bool // the git tree answer says truncated
}

// FakeLabel is an issue label of a FakeRepo.
type FakeLabel struct {
	Name, Description string
}

// FakeFile is a file of a FakeRepo with its newest commit.
type FakeFile struct {
	Content    string
	CommitDate time.Time
	CommitSHA  string
}

// FakeIssue is an open issue (or pull request) of a FakeRepo.
type FakeIssue struct {
	Number                       int
	Title, Body                  string
	Labels                       []string
	Milestone                    string
	PullRequest                  bool
	Reactions, PlusOne, Comments int
	Created, Updated             time.Time
}

// NewFakeGitHub starts a fake GitHub API server, closed by t.Cleanup.
func NewFakeGitHub(t testing.TB) *FakeGitHub {
	t.Helper()
	f := &FakeGitHub{repos: map[string]FakeRepo{}, pageSize: 100}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

// URL returns the base API URL, with the path prefix and a trailing slash.
func (f *FakeGitHub) URL() string { return f.srv.URL + fakePrefix }

// HTMLURL returns the web (html_url) base of the fake, with a trailing slash;
// a repository's html_url is HTMLURL()+"owner/name".
func (f *FakeGitHub) HTMLURL() string { return f.srv.URL + "/" }

// AddRepo adds or replaces a repository.
func (f *FakeGitHub) AddRepo(r FakeRepo) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.repos[strings.ToLower(r.Owner+"/"+r.Name)] = r
}

// Counted returns how many answers would have spent primary quota: every
// answer except a 304 to an authenticated request.
func (f *FakeGitHub) Counted() int { f.mu.Lock(); defer f.mu.Unlock(); return f.counted }

// Requests returns how many requests arrived.
func (f *FakeGitHub) Requests() int { f.mu.Lock(); defer f.mu.Unlock(); return f.requests }

// NotModified returns how many 304 answers were sent.
func (f *FakeGitHub) NotModified() int { f.mu.Lock(); defer f.mu.Unlock(); return f.notModified }

// Paths returns the path and query of every request received, in order.
func (f *FakeGitHub) Paths() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.paths...)
}

// SetToken makes the fake require "Bearer tok" or "token tok"; other
// requests get 401 Bad credentials. An empty tok accepts anything.
func (f *FakeGitHub) SetToken(tok string) { f.mu.Lock(); defer f.mu.Unlock(); f.token = tok }

// FailNext makes the next n requests answer status (403 or 429) as a
// secondary rate limit, with Retry-After: retryAfter when non-empty.
func (f *FakeGitHub) FailNext(status int, retryAfter string, n int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failStatus, f.failRetry, f.failN = status, retryAfter, n
}

// ExhaustPrimary makes every request answer 403 with remaining 0 until reset.
func (f *FakeGitHub) ExhaustPrimary(reset time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.primaryReset = reset
}

// SetPageSize sets the largest page the issue listing serves (default 100).
func (f *FakeGitHub) SetPageSize(n int) { f.mu.Lock(); defer f.mu.Unlock(); f.pageSize = n }

// UseCursorLinks makes issue listings link to the next page with an
// after= cursor instead of page=.
func (f *FakeGitHub) UseCursorLinks(on bool) { f.mu.Lock(); defer f.mu.Unlock(); f.cursor = on }

// RawURL returns the base of raw file URLs, with a trailing slash: a file is
// at RawURL()+"owner/name/branch/path", as on raw.githubusercontent.com.
// Raw requests are not API requests: they are not counted.
func (f *FakeGitHub) RawURL() string { return f.srv.URL + "/raw/" }

func (f *FakeGitHub) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if rest, ok := strings.CutPrefix(r.URL.Path, "/raw/"); ok {
		f.serveRaw(w, rest)
		return
	}
	if r.URL.Path == "/robots.txt" { // asked for by polite fetchers of raw files; not the API
		http.NotFound(w, r)
		return
	}
	f.requests++
	f.paths = append(f.paths, r.URL.RequestURI())
	authed := r.Header.Get("Authorization") != ""
	h := w.Header()
	h.Set("X-RateLimit-Limit", "5000")
	h.Set("X-RateLimit-Remaining", strconv.Itoa(4999-f.counted%5000))
	h.Set("X-RateLimit-Reset", strconv.FormatInt(time.Now().Add(time.Hour).Unix(), 10))
	h.Set("X-RateLimit-Resource", "core")
	h.Set("X-RateLimit-Used", strconv.Itoa(f.counted%5000+1))

	if f.token != "" {
		a := r.Header.Get("Authorization")
		if a != "Bearer "+f.token && a != "token "+f.token {
			f.counted++
			f.writeJSON(w, http.StatusUnauthorized, map[string]string{
				"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest"})
			return
		}
	}
	if !f.primaryReset.IsZero() && time.Now().Before(f.primaryReset) {
		f.counted++
		h.Set("X-RateLimit-Remaining", "0")
		h.Set("X-RateLimit-Reset", strconv.FormatInt(f.primaryReset.Unix(), 10))
		f.writeJSON(w, http.StatusForbidden, map[string]string{
			"message":           "API rate limit exceeded for user.",
			"documentation_url": "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-primary-rate-limits"})
		return
	}
	if f.failN > 0 {
		f.failN--
		f.counted++
		if f.failRetry != "" {
			h.Set("Retry-After", f.failRetry)
		}
		f.writeJSON(w, f.failStatus, map[string]string{
			"message":           "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
			"documentation_url": "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"})
		return
	}
	if r.Method != http.MethodGet {
		f.counted++
		f.writeJSON(w, http.StatusMethodNotAllowed, map[string]string{"message": "Method not allowed"})
		return
	}
	status, body, link, location := f.route(r)
	if location != "" {
		f.counted++
		h.Set("Location", location)
		f.writeJSON(w, status, map[string]string{"message": "Moved Permanently", "url": location})
		return
	}
	raw, _ := json.Marshal(body)
	if status == http.StatusOK {
		sum := sha256.Sum256(append([]byte(link+"\n"), raw...))
		etag := `"` + hex.EncodeToString(sum[:16]) + `"`
		h.Set("ETag", etag)
		if link != "" {
			h.Set("Link", link)
		}
		if inm := r.Header.Get("If-None-Match"); inm != "" && etagMatch(inm, etag) {
			f.notModified++
			if !authed {
				f.counted++
			}
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	f.counted++
	h.Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(raw)
}

func etagMatch(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == etag || t == "*" || strings.TrimPrefix(t, "W/") == etag {
			return true
		}
	}
	return false
}

func (f *FakeGitHub) writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

var notFound = map[string]string{"message": "Not Found", "documentation_url": "https://docs.github.com/rest"}

// route answers a GET below the prefix: status, JSON body, Link header and,
// for a moved repository, the Location of a 301.
func (f *FakeGitHub) route(r *http.Request) (int, any, string, string) {
	rest, ok := strings.CutPrefix(r.URL.Path, fakePrefix+"repos/")
	if !ok {
		return http.StatusNotFound, notFound, "", ""
	}
	parts := strings.SplitN(rest, "/", 3)
	if len(parts) < 2 {
		return http.StatusNotFound, notFound, "", ""
	}
	repo, ok := f.repos[strings.ToLower(parts[0]+"/"+parts[1])]
	if !ok {
		return http.StatusNotFound, notFound, "", ""
	}
	if repo.MovedTo != "" {
		loc := f.URL() + "repos/" + repo.MovedTo
		if len(parts) == 3 {
			loc += "/" + parts[2]
		}
		if r.URL.RawQuery != "" {
			loc += "?" + r.URL.RawQuery
		}
		return http.StatusMovedPermanently, nil, "", loc
	}
	sub := ""
	if len(parts) == 3 {
		sub = parts[2]
	}
	switch {
	case sub == "":
		return http.StatusOK, f.repoJSON(repo), "", ""
	case sub == "commits":
		return http.StatusOK, f.commitsJSON(repo, r.URL.Query().Get("path")), "", ""
	case strings.HasPrefix(sub, "contents/"):
		file, ok := repo.Files[strings.TrimPrefix(sub, "contents/")]
		if !ok {
			return http.StatusNotFound, notFound, "", ""
		}
		return http.StatusOK, f.contentJSON(repo, strings.TrimPrefix(sub, "contents/"), file), "", ""
	case sub == "issues":
		body, link := f.issuesJSON(repo, r.URL.Query())
		return http.StatusOK, body, link, ""
	case strings.HasPrefix(sub, "git/trees/"):
		ref, _ := url.PathUnescape(strings.TrimPrefix(sub, "git/trees/"))
		if ref != branch(repo) {
			return http.StatusNotFound, notFound, "", ""
		}
		return http.StatusOK, f.treeJSON(repo, r.URL.Query().Get("recursive") != ""), "", ""
	case sub == "readme":
		path, ok := readmePath(repo)
		if !ok {
			return http.StatusNotFound, notFound, "", ""
		}
		return http.StatusOK, f.contentJSON(repo, path, repo.Files[path]), "", ""
	case sub == "labels":
		out := []any{}
		for _, l := range repo.Labels {
			out = append(out, map[string]any{"name": l.Name, "description": l.Description, "color": "ededed"})
		}
		return http.StatusOK, out, "", ""
	}
	return http.StatusNotFound, notFound, "", ""
}

func (f *FakeGitHub) htmlBase(r FakeRepo) string { return f.HTMLURL() + r.Owner + "/" + r.Name }

func branch(r FakeRepo) string {
	if r.DefaultBranch == "" {
		return "main"
	}
	return r.DefaultBranch
}

func stamp(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(time.RFC3339)
}

func (f *FakeGitHub) repoJSON(r FakeRepo) map[string]any {
	topics := r.Topics
	if topics == nil {
		topics = []string{}
	}
	return map[string]any{
		"id": 1, "name": r.Name, "full_name": r.Owner + "/" + r.Name,
		"owner":       map[string]any{"login": r.Owner},
		"html_url":    f.htmlBase(r),
		"url":         f.URL() + "repos/" + r.Owner + "/" + r.Name,
		"description": r.Description, "homepage": r.Homepage,
		"stargazers_count": r.Stars, "pushed_at": stamp(r.PushedAt),
		"archived": r.Archived, "topics": topics, "default_branch": branch(r),
	}
}

func (f *FakeGitHub) commitsJSON(r FakeRepo, path string) []any {
	out := []any{}
	file, ok := r.Files[path]
	if path == "" || !ok {
		return out
	}
	sha := file.CommitSHA
	if sha == "" {
		sum := sha256.Sum256([]byte(path + file.Content))
		sha = hex.EncodeToString(sum[:20])
	}
	person := map[string]any{"name": "A. Maintainer", "email": "maintainer@example.org", "date": stamp(file.CommitDate)}
	return append(out, map[string]any{
		"sha":      sha,
		"html_url": f.htmlBase(r) + "/commit/" + sha,
		"commit":   map[string]any{"message": "Update roadmap", "author": person, "committer": person},
	})
}

func (f *FakeGitHub) contentJSON(r FakeRepo, path string, file FakeFile) map[string]any {
	enc := base64.StdEncoding.EncodeToString([]byte(file.Content))
	var b strings.Builder
	for len(enc) > 60 { // GitHub wraps base64 content in lines
		b.WriteString(enc[:60] + "\n")
		enc = enc[60:]
	}
	b.WriteString(enc + "\n")
	name := path[strings.LastIndex(path, "/")+1:]
	return map[string]any{
		"type": "file", "encoding": "base64", "size": len(file.Content), "name": name, "path": path,
		"content": b.String(), "sha": "0000000000000000000000000000000000000000",
		"html_url": f.htmlBase(r) + "/blob/" + branch(r) + "/" + path,
	}
}

func (f *FakeGitHub) issuesJSON(r FakeRepo, q url.Values) ([]any, string) {
	var want []string
	if l := q.Get("labels"); l != "" {
		want = strings.Split(l, ",")
	}
	var match []FakeIssue
	for _, is := range r.Issues {
		if hasAll(is.Labels, want) {
			match = append(match, is)
		}
	}
	sort.Slice(match, func(i, j int) bool { return match[i].Number > match[j].Number })
	size := 30
	if n, err := strconv.Atoi(q.Get("per_page")); err == nil && n > 0 {
		size = n
	}
	size = min(size, f.pageSize, 100)
	start := 0
	if a := q.Get("after"); a != "" {
		if b, err := base64.RawURLEncoding.DecodeString(a); err == nil {
			start, _ = strconv.Atoi(strings.TrimPrefix(string(b), "cursor:"))
		}
	} else if p, err := strconv.Atoi(q.Get("page")); err == nil && p > 1 {
		start = (p - 1) * size
	}
	start = max(0, min(start, len(match)))
	end := min(start+size, len(match))
	out := []any{}
	for _, is := range match[start:end] {
		out = append(out, f.issueJSON(r, is))
	}
	link := ""
	if end < len(match) {
		next := url.Values{}
		for k, v := range q {
			if k != "page" && k != "after" {
				next[k] = v
			}
		}
		if f.cursor {
			next.Set("after", base64.RawURLEncoding.EncodeToString([]byte("cursor:"+strconv.Itoa(end))))
		} else {
			next.Set("page", strconv.Itoa(end/size+1))
		}
		link = `<` + f.URL() + "repos/" + r.Owner + "/" + r.Name + "/issues?" + next.Encode() + `>; rel="next"`
	}
	return out, link
}

func hasAll(have, want []string) bool {
	for _, w := range want {
		found := false
		for _, h := range have {
			if strings.EqualFold(h, strings.TrimSpace(w)) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func (f *FakeGitHub) issueJSON(r FakeRepo, is FakeIssue) map[string]any {
	labels := []any{}
	for _, l := range is.Labels {
		labels = append(labels, map[string]any{"name": l})
	}
	kind := "issues"
	if is.PullRequest {
		kind = "pull"
	}
	m := map[string]any{
		"number": is.Number, "title": is.Title, "body": is.Body, "state": "open",
		"html_url": f.htmlBase(r) + "/" + kind + "/" + strconv.Itoa(is.Number),
		"labels":   labels, "comments": is.Comments,
		"reactions":  map[string]any{"total_count": is.Reactions, "+1": is.PlusOne},
		"created_at": stamp(is.Created), "updated_at": stamp(is.Updated),
		"user": map[string]any{"login": "someone"},
	}
	if is.Milestone != "" {
		m["milestone"] = map[string]any{"title": is.Milestone}
	}
	if is.PullRequest {
		m["pull_request"] = map[string]any{"url": f.URL() + "repos/" + r.Owner + "/" + r.Name + "/pulls/" + strconv.Itoa(is.Number)}
	}
	return m
}

// serveRaw answers owner/name/branch/path with the file's bytes.
func (f *FakeGitHub) serveRaw(w http.ResponseWriter, rest string) {
	parts := strings.SplitN(rest, "/", 4)
	if len(parts) == 4 {
		if repo, ok := f.repos[strings.ToLower(parts[0]+"/"+parts[1])]; ok && parts[2] == branch(repo) {
			if file, ok := repo.Files[parts[3]]; ok {
				w.Header().Set("Content-Type", "text/plain; charset=utf-8")
				if strings.HasSuffix(parts[3], ".svg") {
					w.Header().Set("Content-Type", "image/svg+xml")
				}
				_, _ = w.Write([]byte(file.Content))
				return
			}
		}
	}
	http.NotFound(w, nil)
}

// readmePath is the path of the repository's root README, if any.
func readmePath(r FakeRepo) (string, bool) {
	var best string
	for p := range r.Files {
		if !strings.Contains(p, "/") && strings.HasPrefix(strings.ToLower(p), "readme") && (best == "" || p < best) {
			best = p
		}
	}
	return best, best != ""
}

// treeJSON lists the files of r and the directories holding them, like
// GET /repos/{o}/{r}/git/trees/{branch}?recursive=1 (top level only
// without recursive).
func (f *FakeGitHub) treeJSON(r FakeRepo, recursive bool) map[string]any {
	dirs := map[string]bool{}
	var files []string
	for p := range r.Files {
		files = append(files, p)
		for i := range len(p) {
			if p[i] == '/' {
				dirs[p[:i]] = true
			}
		}
	}
	type entry struct {
		path string
		dir  bool
	}
	var all []entry
	for _, p := range files {
		all = append(all, entry{p, false})
	}
	for d := range dirs {
		all = append(all, entry{d, true})
	}
	sort.Slice(all, func(i, j int) bool { return all[i].path < all[j].path })
	out := []any{}
	for _, e := range all {
		if !recursive && strings.Contains(e.path, "/") {
			continue
		}
		sum := sha256.Sum256([]byte(e.path))
		m := map[string]any{"path": e.path, "sha": hex.EncodeToString(sum[:20])}
		if e.dir {
			m["type"], m["mode"] = "tree", "040000"
		} else {
			m["type"], m["mode"], m["size"] = "blob", "100644", len(r.Files[e.path].Content)
		}
		out = append(out, m)
	}
	return map[string]any{"sha": "0000000000000000000000000000000000000000", "tree": out, "truncated": r.TreeTruncated}
}
