package report

import (
	"reflect"
	"strings"
	"testing"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// TestAttentionComesFirst: what needs a person is listed first, one line
// per cause: new failures grouped, a project that lost its items, a fall
// from good, a rate limit and a rejected token.
func TestAttentionComesFirst(t *testing.T) {
	in := fixtureInput()
	// fjord's page answered but gave none of its items; orbit and quill
	// fail for the same cause; every project saw the rejected token.
	fj := in.Snapshots["fjord"]
	fj.Status, fj.Err = roadmap.StatusFailed, roadmap.LostItemsReason+"https://fjord.example.org/roadmap.md"
	in.Snapshots["fjord"] = fj
	for _, slug := range []string{"orbit", "quill"} {
		sn := in.Snapshots[slug]
		sn.Status, sn.Err = roadmap.StatusFailed, "https://"+slug+".example.org/: could not resolve host "+slug+".example.org"
		in.Snapshots[slug] = sn
	}
	bad := "GitHub rejected the token in GITHUB_TOKEN (401 Bad credentials): GitHub work stopped for this crawl, pages are still crawled; fix or unset GITHUB_TOKEN"
	for _, slug := range []string{"orbit", "tern"} {
		sn := in.Snapshots[slug]
		sn.GitHub = &roadmap.GitHubResult{Skipped: bad}
		in.Snapshots[slug] = sn
	}
	r := Build(in)
	var got []string
	for _, a := range r.Attention {
		got = append(got, a.Kind+": "+a.Text+" ["+strings.Join(a.Projects, ", ")+"]")
	}
	want := []string{
		"lost_items: lost all items from https://fjord.example.org/roadmap.md (its previous items are kept; the page answered but gave none) [Fjord]",
		"newly_failing: newly failing: https://orbit.example.org/: could not resolve host orbit.example.org [Orbit]",
		"newly_failing: newly failing: fetch https://lattice.example.org/plans/: HTTP 503 Service Unavailable [Lattice]",
		"newly_failing: newly failing: https://quill.example.org/: could not resolve host quill.example.org [Quill]",
		"status: roadmap status good → stale: 4 items, 700 words, updated 3 years ago [Fjord]",
		"github: " + bad + " [Orbit, Tern]",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("attention:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	md := string(render(t, r, "md"))
	if i, j := strings.Index(md, "## Needs attention"), strings.Index(md, "## Projects"); i < 0 || j < i {
		t.Errorf("attention is not the first section:\n%s", md)
	}
	if strings.Count(md, "401") != 1 {
		t.Errorf("the rejected token is not one line:\n%s", md)
	}
}

// TestSameCauseOneLine: failures with one cause are one line naming the
// projects.
func TestSameCauseOneLine(t *testing.T) {
	in := fixtureInput()
	for _, slug := range []string{"orbit", "quill", "fjord"} {
		sn := in.Snapshots[slug]
		sn.Status, sn.Err = roadmap.StatusFailed, "https://"+slug+".example.org/roadmap: HTTP 503 Service Unavailable"
		in.Snapshots[slug] = sn
	}
	r := Build(in)
	if a := r.Attention[0]; a.Text != "newly failing: HTTP 503 Service Unavailable" || len(a.Projects) != 3 {
		t.Errorf("first attention line %+v, want HTTP 503 for 3 projects", a)
	}
}

func TestConfigChanges(t *testing.T) {
	in := fixtureInput()
	in.Projects = append(in.Projects, roadmap.Project{Slug: "nova", Name: "Nova"})
	in.Snapshots["nova"] = roadmap.ProjectSnapshot{Project: "nova", Status: roadmap.StatusFetched}
	c := Build(in).Config
	if !reflect.DeepEqual(c.Added, []string{"Nova"}) || !reflect.DeepEqual(c.Removed, []string{"comet"}) {
		t.Errorf("config changes %+v, want Nova added and comet removed", c)
	}
	in.SeenBefore = map[string]bool{"nova": true} // crawled before, only not last time (--only)
	if c := Build(in).Config; len(c.Added) != 0 {
		t.Errorf("a project crawled before is reported added: %+v", c)
	}
}

func TestDescribeChange(t *testing.T) {
	for _, tc := range []struct {
		oldTitle, oldText, newTitle, newText string
		want                                 string
	}{
		{"Docs", "A rewritten user guide.", "Docs", "A rewritten user guide with tutorials for newcomers.",
			"4 words added (“with tutorials for newcomers.”)"},
		{"Speed", "Make the core faster on every platform we ship.", "Speed", "Make the core faster on Linux.",
			"1 word added (“Linux.”), 4 words removed (“every platform we ship.”)"},
		{"GPU", "Run on GPUs.", "GPUs", "Run on GPUs.", "title was “GPU”"},
		{"Links", "Same words.", "Links", "Same words.", "links or formatting changed"},
	} {
		got := changeSummary(describeChange(tc.oldTitle, tc.oldText, tc.newTitle, tc.newText))
		if got != tc.want {
			t.Errorf("%q → %q: %q, want %q", tc.oldText, tc.newText, got, tc.want)
		}
	}
	if describeChange("", "", "T", "text") != nil {
		t.Error("a change with nothing known of the old wording was described")
	}
	long := strings.Repeat("word ", 40)
	if c := describeChange("T", "start end", "T", "start "+long+"end"); c.WordsAdded != 40 || strings.Count(c.Added, " ") != excerptWords {
		t.Errorf("long addition: %+v", c)
	}
}

// TestTextHasNoEscapes: the text report is for mail; crawled text reads as
// written, with no Markdown or HTML escapes.
func TestTextHasNoEscapes(t *testing.T) {
	in := fixtureInput()
	for id, it := range in.Items {
		it.Title = "R&D: _fast_ #1 <arrays> [now] " + it.Title
		in.Items[id] = it
	}
	for i := range in.Events {
		in.Events[i].Title = ""
	}
	lat := in.Snapshots["lattice"]
	lat.Err = "https://lattice.example.org/a_b#c: HTTP 503 & more"
	in.Snapshots["lattice"] = lat
	text := string(render(t, Build(in), "text"))
	for _, bad := range []string{"&amp;", `\#`, `\_`, "&lt;", `\[`, `\*`} {
		if strings.Contains(text, bad) {
			t.Errorf("text report contains %q:\n%s", bad, text)
		}
	}
	for _, want := range []string{"R&D: _fast_ <arrays> [now] GPU support", "a_b#c: HTTP 503 & more"} {
		if !strings.Contains(text, want) {
			t.Errorf("text report lacks %q:\n%s", want, text)
		}
	}
}
