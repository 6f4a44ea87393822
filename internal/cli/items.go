package cli

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/roadmapper/roadmapper/internal/app"
	"github.com/roadmapper/roadmapper/internal/output"
	"github.com/roadmapper/roadmapper/internal/plaintext"
	"github.com/roadmapper/roadmapper/internal/rank"
	"github.com/roadmapper/roadmapper/internal/roadmap"
)

type itemsOptions struct {
	projects []string
	client   string
	limit    int
	format   string
	explain  string
	curation string
}

// itemJSON is the promised JSON shape of one item.
type itemJSON struct {
	ID        string   `json:"id"`
	Project   string   `json:"project"`
	Title     string   `json:"title"`
	Summary   string   `json:"summary"`
	URL       string   `json:"url"`
	Source    string   `json:"source"`
	Themes    []string `json:"themes"`
	Score     *float64 `json:"score,omitempty"`
	Reasons   []string `json:"reasons,omitempty"`
	Pinned    bool     `json:"pinned,omitempty"`
	Issues    []string `json:"linked_issues,omitempty"`
	FirstSeen string   `json:"first_seen"`
	Updated   *string  `json:"updated"`
}

func (a *App) itemsCommand() *cobra.Command {
	var o itemsOptions
	cmd := &cobra.Command{
		Use:   "items",
		Short: "List current roadmap items, optionally ranked for a client",
		Long: `List the current roadmap items from the database (no network): sections of
roadmap documents (source "page") and roadmap-labelled GitHub issues
(source "github"). Item IDs are <project>/<slug of the title> and stay the
same across crawls while the title does.

With --client FILE the items are ranked for that client profile: each gets a
score in [0, 1] and the reasons that add up to it. --explain ID prints one
item's full breakdown. Curation (pin, hide, retitle, rewrite) from
--curation or [rank].curation is applied.`,
		Example: `  roadmapper items --project numpy
  roadmapper items --client config/clients/acme.toml --limit 10
  roadmapper items --format json | jq '.[].title'
  roadmapper items --client config/clients/acme.toml --explain numpy/interoperability`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(o.format, "table", "json", "csv"); err != nil {
				return err
			}
			if o.limit < 0 {
				return usageErr("--limit must not be negative")
			}
			defer a.shortRunGC(true)() // short on a small registry; on a large one it holds every item it lists
			ctx := cmd.Context()
			cfg, err := a.loadConfig()
			if err != nil {
				return err
			}
			rs, err := loadRankSetup(cfg, o.projects, "--project", o.curation)
			if err != nil {
				return err
			}
			var client *roadmap.Client
			if o.client != "" {
				c, err := app.LoadClient(cfg, o.client, rs.Themes)
				if err != nil {
					return err
				}
				client = &c
			}
			st, err := a.openExistingStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			core := a.core(cfg, st)
			limit := o.limit
			if o.explain != "" {
				limit = 0 // the explanation gives the item's rank among all
			}
			l, err := core.Items(ctx, app.ItemsRequest{Setup: rs, Client: client, Limit: limit,
				WithText:   o.format != "table" && o.explain == "",
				TitlesOnly: o.format == "table" && client != nil})
			if err != nil {
				return err
			}
			a.warnCuration(l.Problems)
			if o.explain != "" {
				ex, err := core.Explain(ctx, l.Ranked, o.explain)
				if err != nil {
					return typedArgument(err)
				}
				return a.explain(l.Ranked, ex, client, o.format)
			}
			return a.printItems(l.List, l.Ranked, client != nil, o.format)
		},
	}
	f := cmd.Flags()
	f.StringSliceVar(&o.projects, "project", nil, "only these projects (slug; repeat or comma-separate)")
	f.StringVar(&o.client, "client", "", "rank for this client profile (TOML)")
	f.IntVar(&o.limit, "limit", 0, "print at most N items (0: all)")
	f.StringVar(&o.format, "format", "table", "output format: table, json or csv")
	f.StringVar(&o.explain, "explain", "", "print the full score breakdown of one item ID")
	f.StringVar(&o.curation, "curation", "", "curation file (default: [rank].curation)")
	return cmd
}

func (a *App) toJSON(s rank.Scored, r *app.Ranked, withScore bool) itemJSON {
	it := s.Item
	j := itemJSON{
		ID: it.ID, Project: it.Project, Title: plaintext.Title(it.Title), Summary: plaintext.Summary(it.Summary, it.Text), URL: it.URL,
		Source: it.Source, Themes: s.Themes, Pinned: s.Pinned,
		FirstSeen: it.FirstSeen.UTC().Format("2006-01-02T15:04:05Z"),
	}
	if j.Themes == nil {
		j.Themes = []string{}
	}
	if withScore {
		score := round3(s.Score)
		j.Score = &score
		for _, rs := range s.Reasons {
			j.Reasons = append(j.Reasons, rs.String())
		}
	}
	for _, e := range it.Evidence {
		j.Issues = append(j.Issues, e.URL)
	}
	if when, _ := roadmap.ItemUpdated(it, r.Updated[it.Project]); !when.IsZero() {
		upd := when.UTC().Format("2006-01-02")
		j.Updated = &upd
	}
	return j
}

func round3(f float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(f, 'f', 3, 64), 64)
	return v
}

func (a *App) printItems(list []rank.Scored, r *app.Ranked, withScore bool, format string) error {
	switch format {
	case "json":
		return output.JSONList(a.Stdout, len(list), func(i int) any { return a.toJSON(list[i], r, withScore) })
	case "csv":
		header := []string{"id", "project", "title", "source", "url", "themes", "updated", "first_seen", "summary"}
		if withScore {
			header = append([]string{"score"}, append(header, "reasons")...)
		}
		return output.CSVList(a.Stdout, header, len(list), func(i int) []string {
			j := a.toJSON(list[i], r, withScore)
			upd := ""
			if j.Updated != nil {
				upd = *j.Updated
			}
			row := []string{j.ID, j.Project, j.Title, j.Source, j.URL, strings.Join(j.Themes, ";"), upd, j.FirstSeen, j.Summary}
			if withScore {
				row = append([]string{strconv.FormatFloat(*j.Score, 'f', 3, 64)}, append(row, strings.Join(j.Reasons, "; "))...)
			}
			return row
		})
	}
	tty := a.stdoutIsTTY()
	if len(list) == 0 {
		fmt.Fprintln(a.Stderr, "no current items: run 'roadmapper crawl' first, or check --project")
		return nil
	}
	if withScore {
		rows := make([][]string, 0, len(list))
		for _, s := range list {
			top := ""
			if len(s.Reasons) > 0 {
				top = s.Reasons[0].String()
				if len(s.Reasons) > 1 {
					top += fmt.Sprintf(" (+%d more)", len(s.Reasons)-1)
				}
			}
			score := strconv.FormatFloat(s.Score, 'f', 2, 64)
			if s.Pinned {
				score += "*"
			}
			rows = append(rows, []string{score, s.Item.ID, plaintext.Title(s.Item.Title), strings.Join(s.Themes, ","), top})
		}
		return output.Table(a.Stdout, []string{"SCORE", "ID", "TITLE", "THEMES", "TOP REASON"}, rows, []int{0, 0, 50, 30, 60}, tty)
	}
	rows := make([][]string, 0, len(list))
	for _, s := range list {
		j := a.toJSON(s, r, false)
		upd := "-"
		if j.Updated != nil {
			upd = *j.Updated
		}
		rows = append(rows, []string{j.ID, j.Title, j.Source, upd, j.URL})
	}
	return output.Table(a.Stdout, []string{"ID", "TITLE", "SOURCE", "UPDATED", "URL"}, rows, []int{0, 50, 0, 0, 70}, tty)
}

// explainJSON is one item's breakdown for scripts.
type explainJSON struct {
	itemJSON
	Rank    int                 `json:"rank"`
	Of      int                 `json:"of"`
	Matched map[string][]string `json:"matched_terms"`
	Parts   []reasonJSON        `json:"contributions"`
}

type reasonJSON struct {
	Label string  `json:"label"`
	Value float64 `json:"value"`
}

func (a *App) explain(r *app.Ranked, ex app.Explained, client *roadmap.Client, format string) error {
	s := ex.Item
	if format == "json" {
		e := explainJSON{itemJSON: a.toJSON(s, r, true), Rank: ex.Rank, Of: ex.Of, Matched: s.Matched}
		for _, rs := range s.Reasons {
			e.Parts = append(e.Parts, reasonJSON{Label: rs.Label, Value: round3(rs.Value)})
		}
		return output.JSON(a.Stdout, e)
	}
	w := a.Stdout
	it := s.Item
	fmt.Fprintf(w, "%s\n  %s\n  %s\n", it.ID, cleanCell(plaintext.Title(it.Title)), it.URL)
	if client != nil {
		fmt.Fprintf(w, "client: %s\n", cleanCell(client.Name))
	}
	fmt.Fprintf(w, "rank: %d of %d\n", ex.Rank, ex.Of)
	if len(s.Themes) == 0 {
		fmt.Fprintln(w, "themes: none matched")
	} else {
		fmt.Fprintln(w, "themes:")
		for _, t := range s.Themes {
			fmt.Fprintf(w, "  %-18s matched %s\n", t, strings.Join(s.Matched[t], ", "))
		}
	}
	if len(it.Evidence) > 0 {
		fmt.Fprintln(w, "linked issues:")
		for _, e := range it.Evidence {
			fmt.Fprintf(w, "  %s (%d reactions, %d comments; %s)\n", e.URL, e.Reactions, e.Comments, e.How)
		}
	}
	fmt.Fprintln(w, "score:")
	var sum float64
	for _, rs := range s.Reasons {
		fmt.Fprintf(w, "  %+.3f  %s\n", rs.Value, cleanCell(rs.Label))
		sum += rs.Value
	}
	fmt.Fprintf(w, "  ------\n  %.3f  total\n", sum)
	return nil
}
