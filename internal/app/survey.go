package app

import (
	"context"

	"github.com/roadmapper/roadmapper/internal/audit"
)

// SurveyTrendCrawls is how many past finished crawls the survey's trend covers.
const SurveyTrendCrawls = 12

// Survey answers the survey question for the configured registry: how many
// projects publish a roadmap, and how many a current and substantial one,
// for all of them and per group (NumFOCUS: sponsored, affiliated), with
// the trend over the last SurveyTrendCrawls finished crawls (when there
// are two or more), each judged as it stood after that crawl.
func (a *App) Survey(ctx context.Context) (audit.Survey, AuditResult, error) {
	res, err := a.Audit(ctx)
	if err != nil {
		return audit.Survey{}, res, err
	}
	s := audit.NewSurvey(a.Config.Projects, res.Findings)
	crawls, err := a.Store.Crawls(ctx, 0)
	if err != nil {
		return s, res, err
	}
	var done []int
	for i, c := range crawls { // newest first
		if !c.FinishedAt.IsZero() {
			done = append(done, i)
		}
		if len(done) == SurveyTrendCrawls {
			break
		}
	}
	if len(done) < 2 {
		return s, res, nil
	}
	for k := len(done) - 1; k >= 0; k-- {
		c := crawls[done[k]]
		f, err := a.auditAt(ctx, c.ID)
		if err != nil {
			return s, res, err
		}
		s.Trend = append(s.Trend, audit.TrendPoint{CrawlID: c.ID, Date: c.FinishedAt, SurveyFigures: audit.Figures("", f)})
	}
	return s, res, nil
}
