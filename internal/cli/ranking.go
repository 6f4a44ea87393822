package cli

import (
	"fmt"

	"github.com/roadmapper/roadmapper/config"
	"github.com/roadmapper/roadmapper/internal/app"
	"github.com/roadmapper/roadmapper/internal/curation"
)

// loadRankSetup reads the --project (or --projects) flag, named by flag in
// errors, and loads the themes and curation.
func loadRankSetup(cfg *config.Config, projectFlag []string, flag, curationPath string) (app.RankSetup, error) {
	projects := splitList(projectFlag)
	if _, err := app.SelectProjects(cfg, projects); err != nil {
		return app.RankSetup{}, fmt.Errorf("%s: %w", flag, err)
	}
	return app.LoadRankSetup(cfg, projects, curationPath)
}

// warnCuration prints curation entries whose items are gone.
func (a *App) warnCuration(problems []curation.Problem) {
	for _, p := range problems {
		fmt.Fprintf(a.Stderr, "warning: %s\n", p.String())
	}
}
