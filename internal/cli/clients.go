package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/roadmapper/roadmapper/internal/app"
)

func (a *App) clientsCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "clients",
		Short: "Move client profiles between TOML files and the database",
		Long: `Client profiles made in the web app (roadmapper serve) live in the database,
with their history and their own curation. These commands convert them to
and from the TOML profile files that 'brochure --client FILE' reads.`,
		Args: cobra.NoArgs,
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "export DIR",
		Short: "Write every stored client to DIR/<client>.toml (curation to DIR/curation/<client>.toml)",
		Long: `Write every client profile stored in the database to DIR/<client>.toml,
exactly as last saved, and the client's curation, when it has any, to
DIR/curation/<client>.toml. DIR must exist. Each file is written through a
temporary file and a rename. 'brochure --client DIR' then makes one PDF per
client (add --curation DIR/curation/<client>.toml for one client's curation).`,
		Example: "  roadmapper clients export clients/",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			core, closeStore, err := a.readCore(cmd.Context())
			if err != nil {
				return err
			}
			defer closeStore()
			files, err := core.ExportClients(cmd.Context(), args[0])
			for _, f := range files {
				fmt.Fprintln(a.Stdout, f)
			}
			return err
		},
	})
	cmd.AddCommand(&cobra.Command{
		Use:   "import FILE|DIR...",
		Short: "Store client profiles from TOML files (a directory: its *.toml files)",
		Long: `Store client profiles read from TOML files (or every *.toml file of a
directory) in the database: a new client, or a new version of the client
with the same name. A curation file of the same name in a curation/
directory beside a profile is imported as that client's curation. Every file
is validated first (errors name the file and line, exit 2): a bad file
imports nothing.`,
		Example: "  roadmapper clients import config/clients/\n  roadmapper clients import acme.toml",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := a.loadConfig()
			if err != nil {
				return err
			}
			themes, err := app.LoadThemes(cfg)
			if err != nil {
				return err
			}
			st, err := a.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			done, err := a.core(cfg, st).ImportClients(cmd.Context(), args, themes, "import")
			for _, d := range done {
				cur := ""
				if d.Curation > 0 {
					cur = fmt.Sprintf(", curation entries: %d", d.Curation)
				}
				fmt.Fprintf(a.Stdout, "%s: %s, version %d%s\n", d.File, cleanCell(d.Client.Name), d.Client.Version, cur)
			}
			return err
		},
	})
	return cmd
}
