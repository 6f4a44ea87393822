package app

import (
	"context"
	"fmt"
	"time"

	"github.com/roadmapper/roadmapper/brochure"
	"github.com/roadmapper/roadmapper/internal/audit"
	"github.com/roadmapper/roadmapper/internal/curation"
	"github.com/roadmapper/roadmapper/internal/rank"
	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// BrochureJob is what every client's brochure of one run shares, loaded
// once: ranking inputs, logos and the audit's verdicts.
type BrochureJob struct {
	Setup        RankSetup
	IncludeStale bool // keep projects the audit calls stale
	logos        map[string]roadmap.Logo
	status       map[string]audit.Finding
}

// PrepareBrochures loads what the brochures of one run share.
func (a *App) PrepareBrochures(ctx context.Context, setup RankSetup, includeStale bool) (*BrochureJob, error) {
	job := &BrochureJob{Setup: setup, IncludeStale: includeStale, status: map[string]audit.Finding{}}
	var err error
	if job.logos, err = a.Store.Logos(ctx); err != nil {
		return nil, fmt.Errorf("load logos: %w", err)
	}
	// Stale means what the audit says, so both commands agree.
	findings, err := a.auditAt(ctx, 0)
	if err != nil {
		return nil, err
	}
	for _, f := range findings {
		job.status[f.Project] = f
	}
	return job, nil
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
	// CrawledAt is when the oldest crawl behind the chosen projects started.
	CrawledAt time.Time
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
	r, err := a.rank(ctx, c.Projects, &c, job.Setup.Themes, job.Setup.Curation)
	if err != nil {
		return Plan{}, err
	}
	plan := Plan{Client: c, Problems: r.Problems}
	top := rank.Top(relevant(r.Scored, c), c.ItemsPerProject)
	var oldestCrawl int64
	for _, slug := range projectOrder(r.Scored, c) {
		chosen := top[slug]
		if len(chosen) == 0 {
			if why := emptyReason(r.Scored, slug, c); why != "" {
				plan.LeftOut = append(plan.LeftOut, LeftOut{slug, why})
			}
			continue
		}
		if f := job.status[slug]; !job.IncludeStale && f.Status == audit.StatusStale {
			plan.LeftOut = append(plan.LeftOut, LeftOut{slug, fmt.Sprintf("stale roadmap (%s); --include-stale keeps it", f.Reason)})
			continue
		}
		p, _ := a.Config.Project(slug)
		b := brochure.Project{Project: p, Updated: r.Updated[slug], UpdatedPrecision: r.Prec[slug]}
		if l, ok := job.logos[slug]; ok {
			b.Logo = &l
		}
		for _, s := range chosen {
			b.Items = append(b.Items, s.Item)
		}
		plan.Projects = append(plan.Projects, b)
		if s, ok := r.Snaps[slug]; ok && (oldestCrawl == 0 || s.CrawlID < oldestCrawl) {
			oldestCrawl = s.CrawlID
		}
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

// relevant drops items below the profile's min_score: they match nothing
// the client cares about. Pinned items and projects the profile names are
// exempt.
func relevant(scored []rank.Scored, c roadmap.Client) []rank.Scored {
	explicit := map[string]bool{}
	for _, slug := range c.Projects {
		explicit[slug] = true
	}
	out := scored[:0:0]
	for _, s := range scored {
		if s.Score >= c.MinScore || s.Pinned || explicit[s.Item.Project] {
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

// emptyReason says why a project has no chosen item ("" when it is not
// worth saying: an unlisted project with no items at all).
func emptyReason(scored []rank.Scored, slug string, c roadmap.Client) string {
	switch items, concrete := countItems(scored, slug); {
	case concrete > 0:
		return fmt.Sprintf("no item scores %.2f or more for this client (min_score)", c.MinScore)
	case items > 0:
		return "its roadmap has only introductions and overviews, no concrete items"
	case len(c.Projects) > 0:
		return "no current roadmap items"
	}
	return ""
}

// countItems counts project's current items among scored, and those that
// are concrete roadmap items rather than introductions or overviews.
func countItems(scored []rank.Scored, project string) (items, concrete int) {
	for _, s := range scored {
		if s.Item.Project == project {
			items++
			if !s.Aside {
				concrete++
			}
		}
	}
	return items, concrete
}
