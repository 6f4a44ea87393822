package app

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/roadmapper/roadmapper/brochure"
	"github.com/roadmapper/roadmapper/config"
	"github.com/roadmapper/roadmapper/internal/audit"
	"github.com/roadmapper/roadmapper/internal/curation"
	"github.com/roadmapper/roadmapper/internal/rank"
	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// BrochureJob is what every client's brochure of one run shares: the
// ranking inputs, and the logos and audit verdicts of the projects drawn
// so far, each read once, and only for the projects a brochure chooses.
type BrochureJob struct {
	Setup        RankSetup
	IncludeStale bool // keep projects the audit calls stale
	// Strict makes Pick fail (KindInvalid) when something the profile
	// asked for (a listed or preferred project, a pinned item) is left out.
	Strict bool
	// rankAll makes Plan.Ranked hold every item of the client's projects
	// (the tests compare both ways): otherwise a client who lists no
	// projects gets the items of the projects its profile reaches, with
	// the same brochure; RankWindow lists from either.
	rankAll bool
	logos   map[string]roadmap.Logo
	status  map[string]audit.Finding
}

// PrepareBrochures starts the brochures of one run.
func (a *App) PrepareBrochures(ctx context.Context, setup RankSetup, includeStale bool) (*BrochureJob, error) {
	return &BrochureJob{Setup: setup, IncludeStale: includeStale,
		logos: map[string]roadmap.Logo{}, status: map[string]audit.Finding{}}, nil
}

// loadStatus reads the audit's verdicts on slugs the job has not judged
// yet. Stale means what the audit says, so both commands agree.
func (a *App) loadStatus(ctx context.Context, job *BrochureJob, slugs []string) error {
	var todo []roadmap.Project
	for _, slug := range slugs {
		if _, ok := job.status[slug]; ok {
			continue
		}
		if p, ok := a.Config.Project(slug); ok {
			todo = append(todo, p)
		}
	}
	if len(todo) == 0 {
		return nil
	}
	findings, ok, err := a.cachedAudit(ctx)
	if err != nil {
		return err
	}
	if !ok {
		if findings, err = a.auditOf(ctx, todo, 0); err != nil {
			return err
		}
	}
	for _, f := range findings {
		job.status[f.Project] = f
	}
	return nil
}

// loadLogos reads the logos of slugs the job has not read yet.
func (a *App) loadLogos(ctx context.Context, job *BrochureJob, slugs []string) error {
	var todo []string
	for _, slug := range slugs {
		if _, ok := job.logos[slug]; !ok {
			todo = append(todo, slug)
		}
	}
	if len(todo) == 0 {
		return nil
	}
	logos, err := a.Store.LogosOf(ctx, todo)
	if err != nil {
		return fmt.Errorf("load logos: %w", err)
	}
	for _, slug := range todo {
		job.logos[slug] = logos[slug] // a zero Logo records "none stored"
	}
	return nil
}

// Plan is a brochure's content for one client, decided but not drawn.
type Plan struct {
	Client roadmap.Client
	// Projects are the blocks to draw, in order, each with its chosen items.
	Projects []brochure.Project
	// LeftOut are the projects considered and not shown, with the reason.
	LeftOut []LeftOut
	// Problems are curation entries whose items are gone.
	Problems []curation.Problem
	// Asked are what the profile or the curation asked for by name and
	// the brochure leaves out: each names it, why, and the flag or key
	// that keeps it. Never dropped in silence.
	Asked []string
	// Ranked is the ranking the items were chosen from: for a client who
	// lists no projects, only the projects it reaches (see rankReach and
	// RankWindow).
	Ranked *Ranked
	// CrawledAt is when the oldest crawl behind the chosen projects started.
	CrawledAt time.Time
	// others sum up the projects Ranked leaves out (see rankReach).
	others []projectSummary
}

// LeftOut is a project a brochure leaves out, and why.
type LeftOut struct {
	Project string
	Reason  string
}

func (l LeftOut) String() string { return l.Project + ": " + l.Reason }

// Items counts the chosen items.
func (p Plan) Items() int {
	n := 0
	for _, b := range p.Projects {
		n += len(b.Items)
	}
	return n
}

// Pick chooses a client's items: those scoring at least the profile's
// min_score (pinned items and projects the profile names are exempt), the
// top items_per_project of each project, projects in the profile's order
// (else by their best item), leaving out stale roadmaps unless the job
// keeps them. When no project is left it returns the plan (saying what was
// left out) and a KindNotFound error.
func (a *App) Pick(ctx context.Context, job *BrochureJob, c roadmap.Client) (Plan, error) {
	c.Projects = config.Unique(c.Projects) // --projects a,a shows a once
	r, others, err := a.rankForPick(ctx, job, &c)
	if err != nil {
		return Plan{}, err
	}
	plan := Plan{Client: c, Problems: r.Problems, Ranked: r, others: others}
	least := minScore(r.Scored, others, c)
	top := rank.Top(relevant(r.Scored, c, least), c.ItemsPerProject)
	order := projectOrder(r.Scored, c)
	if len(others) > 0 {
		order = mergeOrder(r.Scored, others)
	}
	var withItems []string
	for _, slug := range order {
		if len(top[slug]) > 0 {
			withItems = append(withItems, slug)
		}
	}
	if err := a.loadStatus(ctx, job, withItems); err != nil {
		return Plan{}, err
	}
	if err := a.fillTop(ctx, r, top, withItems); err != nil {
		return Plan{}, err
	}
	counts := countItems(r.Scored)
	for _, o := range others {
		counts[o.slug] = o.count
	}
	var oldestCrawl int64
	for _, slug := range order {
		chosen := top[slug]
		if len(chosen) == 0 {
			if why := emptyReason(counts[slug], c, least); why != "" {
				plan.LeftOut = append(plan.LeftOut, LeftOut{slug, why})
			}
			continue
		}
		f := job.status[slug]
		if !job.IncludeStale && f.Status == audit.StatusStale {
			plan.LeftOut = append(plan.LeftOut, LeftOut{slug, fmt.Sprintf("stale roadmap (%s); --include-stale keeps it", f.Reason)})
			continue
		}
		p, _ := a.Config.Project(slug)
		b := brochure.Project{Project: p, Updated: r.Updated[slug], UpdatedPrecision: r.Prec[slug]}
		if f.Status == audit.StatusStale {
			b.Caveat = staleCaveat(r.Updated[slug], r.Prec[slug])
		}
		for _, s := range chosen {
			b.Items = append(b.Items, *s.Item)
		}
		plan.Projects = append(plan.Projects, b)
		if s, ok := r.Snaps[slug]; ok && (oldestCrawl == 0 || s.CrawlID < oldestCrawl) {
			oldestCrawl = s.CrawlID
		}
	}
	drawn := make([]string, len(plan.Projects))
	for i, b := range plan.Projects {
		drawn[i] = b.Project.Slug
	}
	if err := a.loadLogos(ctx, job, drawn); err != nil {
		return Plan{}, err
	}
	for i := range plan.Projects {
		if l := job.logos[drawn[i]]; l.Project != "" {
			plan.Projects[i].Logo = &l
		}
	}
	plan.Asked = asked(plan, r.Scored, c)
	if job.Strict && len(plan.Asked) > 0 {
		return plan, roadmap.Errorf(roadmap.KindInvalid, "brochure for %s: --strict: %d thing(s) the profile asked for are left out (see the lines above)", c.Name, len(plan.Asked))
	}
	if len(plan.Projects) == 0 {
		hint := "run 'roadmapper crawl', or see 'roadmapper audit'"
		if len(plan.LeftOut) > 0 {
			hint = "see the lines above; --include-stale keeps stale roadmaps"
		}
		return plan, roadmap.Errorf(roadmap.KindNotFound, "brochure for %s: no project has current roadmap items to show (%s)", c.Name, hint)
	}
	if oldestCrawl > 0 {
		if cr, err := a.Store.Crawl(ctx, oldestCrawl); err == nil {
			plan.CrawledAt = cr.StartedAt
		}
	}
	return plan, nil
}

// rankForPick ranks the items client c may be shown. For a client who
// lists no projects, unless the job wants the full ranking, it ranks the
// projects the client reaches and sums up the others (see rankReach); it
// ranks every item when that could choose differently: when an item of
// an unreached project would pass the client's minimum score.
func (a *App) rankForPick(ctx context.Context, job *BrochureJob, c *roadmap.Client) (*Ranked, []projectSummary, error) {
	if len(c.Projects) == 0 && !job.rankAll {
		r, others, ok, err := a.rankReach(ctx, c, job.Setup.Themes, job.Setup.Curation)
		if err != nil {
			return nil, nil, err
		}
		if ok {
			least := minScore(r.Scored, others, *c)
			if !slices.ContainsFunc(others, func(o projectSummary) bool { return o.best >= least }) {
				return r, others, nil
			}
		}
	}
	r, err := a.rank(ctx, c.Projects, c, job.Setup.Themes, job.Setup.Curation, 0)
	return r, nil, err
}

// fillTop completes the chosen items of slugs for drawing, with one read
// for all of them.
func (a *App) fillTop(ctx context.Context, r *Ranked, top map[string][]rank.Scored, slugs []string) error {
	var all []rank.Scored
	for _, slug := range slugs {
		all = append(all, top[slug]...)
	}
	if err := a.fillScored(ctx, all, true); err != nil {
		return err
	}
	for _, slug := range slugs {
		n := len(top[slug])
		top[slug], all = all[:n:n], all[n:]
	}
	return nil
}

// staleCaveat is the note on the block of a stale roadmap kept on request.
func staleCaveat(updated time.Time, precision string) string {
	switch {
	case updated.IsZero():
		return "Roadmap date unknown and judged stale; ask us about its current state."
	case precision == roadmap.PrecisionYear:
		return "Roadmap last updated in " + updated.Format("2006") + "; ask us about its current state."
	}
	return "Roadmap last updated " + updated.Format("January 2006") + "; ask us about its current state."
}

// asked lists what the profile named (its projects and preferred
// projects) and the pinned items that the plan leaves out, each with the
// reason and what keeps it.
func asked(plan Plan, scored []rank.Scored, c roadmap.Client) []string {
	shown := map[string]bool{}
	for _, b := range plan.Projects {
		shown[b.Project.Slug] = true
	}
	why := map[string]string{}
	for _, l := range plan.LeftOut {
		why[l.Project] = l.Reason
	}
	keep := func(slug string) string {
		r := why[slug]
		if r == "" {
			r = "not among the projects of this brochure"
		}
		if !strings.Contains(r, "--include-stale") {
			if strings.Contains(r, "min_score") {
				r += "; listing it in projects = [...] of the profile keeps it"
			} else if strings.Contains(r, "not among") {
				r += "; --projects or projects = [...] of the profile decides"
			}
		}
		return r
	}
	var out []string
	seen := map[string]bool{}
	for _, list := range []struct {
		what  string
		slugs []string
	}{{"listed project", c.Projects}, {"preferred project", c.PreferProjects}} {
		for _, slug := range list.slugs {
			if shown[slug] || seen[slug] {
				continue
			}
			seen[slug] = true
			out = append(out, fmt.Sprintf("%s %s left out: %s", list.what, slug, keep(slug)))
		}
	}
	for _, s := range scored {
		if s.Pinned && !shown[s.Item.Project] {
			out = append(out, fmt.Sprintf("pinned item %s left out: %s", s.Item.ID, keep(s.Item.Project)))
		}
	}
	return out
}

// minScore is the score an item needs for this client: the profile's
// min_score, and with the default also RelativeMinScore of the best score
// (of scored and of the projects summed up in others).
func minScore(scored []rank.Scored, others []projectSummary, c roadmap.Client) float64 {
	best := rank.BestScore(scored)
	for _, o := range others {
		best = max(best, o.best)
	}
	return max(c.MinScore, c.RelativeMinScore*best)
}

// relevant drops items below least (minScore): they match nothing the
// client cares about, or much less than the best do. Pinned items and
// projects the profile names are exempt.
func relevant(scored []rank.Scored, c roadmap.Client, least float64) []rank.Scored {
	explicit := map[string]bool{}
	for _, slug := range c.Projects {
		explicit[slug] = true
	}
	out := scored[:0:0]
	for _, s := range scored {
		if s.Score >= least || s.Pinned || explicit[s.Item.Project] {
			out = append(out, s)
		}
	}
	return out
}

// projectOrder is the profile's order of projects, else the order of each
// project's best item.
func projectOrder(scored []rank.Scored, c roadmap.Client) []string {
	if len(c.Projects) > 0 {
		return c.Projects
	}
	var order []string
	seen := map[string]bool{}
	for _, s := range scored {
		if !seen[s.Item.Project] {
			seen[s.Item.Project] = true
			order = append(order, s.Item.Project)
		}
	}
	return order
}

// itemCount is how many current items a project has, and how many of
// them are concrete roadmap items rather than introductions or overviews.
type itemCount struct{ items, concrete int }

// emptyReason says why a project has no chosen item ("" when it is not
// worth saying: an unlisted project with no items at all).
func emptyReason(n itemCount, c roadmap.Client, least float64) string {
	switch {
	case n.concrete > 0:
		return fmt.Sprintf("no item scores %.2f or more for this client (min_score)", least)
	case n.items > 0:
		return "its roadmap has only introductions and overviews, no concrete items"
	case len(c.Projects) > 0:
		return "no current roadmap items"
	}
	return ""
}

// countItems counts each project's items among scored, in one pass.
func countItems(scored []rank.Scored) map[string]itemCount {
	out := map[string]itemCount{}
	for _, s := range scored {
		n := out[s.Item.Project]
		n.items++
		if !s.Aside {
			n.concrete++
		}
		out[s.Item.Project] = n
	}
	return out
}
