package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/roadmapper/roadmapper/internal/output"
)

type projectsOptions struct {
	format string
}

func (a *App) projectsCommand() *cobra.Command {
	var o projectsOptions
	cmd := &cobra.Command{
		Use:   "projects",
		Short: "List the configured projects (and validate the configuration)",
		Long: `List the configured projects: slug, name, roadmap pages, GitHub repository
and roadmap file. Loading the list validates the whole configuration, so
'roadmapper --config FILE projects' is the way to check a file: errors name
the file and line and exit with status 2.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(o.format, "table", "json"); err != nil {
				return err
			}
			cfg, err := a.loadConfig()
			if err != nil {
				return err
			}
			if o.format == "json" {
				return output.JSON(a.Stdout, cfg.Projects)
			}
			rows := make([][]string, 0, len(cfg.Projects))
			for _, p := range cfg.Projects {
				rm := strings.Join(p.Roadmap, " ")
				if rm == "" {
					rm = "-"
				}
				repo := p.Repo
				if p.RoadmapFile != "" {
					repo += ":" + p.RoadmapFile
				}
				if repo == "" {
					repo = "-"
				}
				rows = append(rows, []string{p.Slug, p.Name, rm, repo})
			}
			return output.Table(a.Stdout, []string{"SLUG", "NAME", "ROADMAP", "REPO"}, rows, []int{0, 20, 60, 50}, a.stdoutIsTTY())
		},
	}
	cmd.Flags().StringVar(&o.format, "format", "table", "output format: table or json")
	return cmd
}
