package github

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	gh "github.com/google/go-github/v62/github"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// Survey bounds.
const (
	maxTreeEntries = 100_000 // entries of a git tree kept
	maxReadme      = 1 << 20 // README bytes kept
	maxLabelPages  = 2       // label listings read (100 labels a page)
)

// TreeEntry is a file or directory of a repository's default branch.
type TreeEntry struct {
	Path string
	Dir  bool
	Size int
}

// Label is a repository issue label.
type Label struct {
	Name        string
	Description string
}

// Survey is what GitHub says about a repository that discovery needs: its
// facts, the files of its default branch, its README and its labels.
type Survey struct {
	Repo          *roadmap.RepoFacts // nil when the repository could not be read
	DefaultBranch string
	HTMLURL       string // https://github.com/owner/name (the API's html_url)
	Tree          []TreeEntry
	TreeTruncated bool   // GitHub cut the listing short (a very large repository)
	ReadmePath    string // "" when the repository has no README
	Readme        string // its text, at most 1 MiB
	Labels        []Label
	NotFound      bool     // the repository does not exist (404)
	Err           string   // the survey failed (the repository could not be read, bad token)
	Skipped       string   // rate limited: "rate limited until HH:MM (UTC)"
	Warnings      []string // a part failed; the other parts are kept
}

// Survey reads one repository in at most five requests: the repository,
// the recursive git tree of its default branch, its README and its labels
// (two pages at most). Like Project it never returns nil; each request is
// conditional, so an unchanged re-run with a token costs no quota.
func (c *Client) Survey(ctx context.Context, repo string) *Survey {
	out := &Survey{}
	owner, name, ok := splitRepo(repo)
	if !ok {
		out.Err = fmt.Sprintf("repository %q is not of the form owner/name", repo)
		return out
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	res := &roadmap.GitHubResult{}
	if c.blocked(res) {
		out.Err, out.Skipped = res.Err, res.Skipped
		return out
	}
	w := &work{c: c, ctx: ctx, res: res, owner: owner, name: name, p: roadmap.Project{Repo: repo}}
	w.repo()
	defer func() {
		out.Repo, out.NotFound = res.Repo, res.RepoNotFound
		out.Err, out.Skipped = res.Err, res.Skipped
		out.Warnings = append(res.Warnings, out.Warnings...)
	}()
	if w.stop || res.Repo == nil {
		return out
	}
	out.DefaultBranch, out.HTMLURL = w.branch, w.htmlURL
	if w.branch != "" {
		w.tree(out)
	}
	if !w.stop {
		w.readme(out)
	}
	if !w.stop {
		w.labelList(out)
	}
	return out
}

func (w *work) tree(out *Survey) {
	c := w.c
	var t *gh.Tree
	err := w.call(func() (err error) {
		t, _, err = c.gh.Git.GetTree(w.ctx, w.owner, w.name, url.PathEscape(w.branch), true)
		return err
	})
	switch {
	case w.stop:
		return
	case err != nil:
		w.warnf("list files of %s/%s@%s: %v", w.owner, w.name, w.branch, err)
		return
	}
	out.TreeTruncated = t.GetTruncated()
	for _, e := range t.Entries {
		if len(out.Tree) >= maxTreeEntries {
			out.TreeTruncated = true
			break
		}
		p := e.GetPath()
		if p == "" {
			continue
		}
		switch e.GetType() {
		case "blob":
			out.Tree = append(out.Tree, TreeEntry{Path: p, Size: e.GetSize()})
		case "tree":
			out.Tree = append(out.Tree, TreeEntry{Path: p, Dir: true})
		}
	}
	if out.TreeTruncated {
		w.warnf("GitHub truncated the file list of %s/%s; files deep in it may be missed", w.owner, w.name)
	}
}

func (w *work) readme(out *Survey) {
	c := w.c
	var f *gh.RepositoryContent
	err := w.call(func() (err error) {
		f, _, err = c.gh.Repositories.GetReadme(w.ctx, w.owner, w.name, nil)
		return err
	})
	switch {
	case w.stop:
		return
	case isStatus(err, http.StatusNotFound):
		return // no README
	case err != nil:
		w.warnf("fetch README of %s/%s: %v", w.owner, w.name, err)
		return
	case f == nil || f.GetSize() > maxFile:
		return
	}
	text, err := f.GetContent()
	if err != nil {
		w.warnf("decode README of %s/%s: %v", w.owner, w.name, err)
		return
	}
	if len(text) > maxReadme {
		text = text[:maxReadme]
	}
	out.ReadmePath, out.Readme = f.GetPath(), text
}

func (w *work) labelList(out *Survey) {
	c := w.c
	opts := &gh.ListOptions{PerPage: perPage}
	for page := 0; page < maxLabelPages; page++ {
		var list []*gh.Label
		var resp *gh.Response
		err := w.call(func() (err error) {
			list, resp, err = c.gh.Issues.ListLabels(w.ctx, w.owner, w.name, opts)
			return err
		})
		if w.stop {
			return
		}
		if err != nil {
			w.warnf("list labels of %s/%s: %v", w.owner, w.name, err)
			return
		}
		for _, l := range list {
			if n := strings.TrimSpace(l.GetName()); n != "" {
				out.Labels = append(out.Labels, Label{Name: n, Description: l.GetDescription()})
			}
		}
		if resp == nil || resp.NextPage == 0 {
			return
		}
		opts.Page = resp.NextPage
	}
}
