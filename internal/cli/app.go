// Package cli implements roadmapper's command line: one file per command,
// each command's options in a struct, and every dependency (streams,
// environment, clock, HTTP transports) injected through App so tests can
// run commands against buffers and fake servers.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/roadmapper/roadmapper/config"
	"github.com/roadmapper/roadmapper/internal/app"
	"github.com/roadmapper/roadmapper/internal/fileout"
	"github.com/roadmapper/roadmapper/internal/output"
	"github.com/roadmapper/roadmapper/internal/roadmap"
	"github.com/roadmapper/roadmapper/internal/store"
)

// Exit codes promised in the README.
const (
	ExitOK      = 0 // success
	ExitFailure = 1 // failure: nothing useful done
	ExitUsage   = 2 // usage or configuration error
	ExitPartial = 3 // crawl finished but some projects failed
)

// Version is set at build time with -ldflags "-X …/internal/cli.Version=v1.2.3".
var Version = "dev"

// App carries what commands need from the outside world.
type App struct {
	Stdout, Stderr io.Writer
	Stdin          io.Reader // answers to confirmations ('add'); nil means os.Stdin
	Getenv         func(string) string
	Now            func() time.Time
	// StdoutTTY and StderrTTY say whether the streams are terminals
	// (aligned tables, progress bars); nil means detect from os.Stdout/os.Stderr.
	StdoutTTY, StderrTTY *bool
	// HTTPClient fetches pages and logos (tests point it at fake servers);
	// nil uses the crawler's own client.
	HTTPClient *http.Client
	// GitHubTransport is the base transport for GitHub API calls (tests).
	GitHubTransport http.RoundTripper
	// BackoffBase shortens retry waits in tests; zero keeps the default.
	BackoffBase time.Duration

	// set while a command runs
	configPath string
	dbPath     string
	verbose    bool
	log        *slog.Logger
	started    bool // a command's own code runs: cobra has parsed and checked the arguments
	// the streams as given, while Stdout and Stderr strip unsafe characters
	rawStdout, rawStderr io.Writer
}

// usageErr is an invalid-input error (exit 2).
func usageErr(format string, a ...any) error {
	return roadmap.Errorf(roadmap.KindInvalid, format, a...)
}

// Run executes the command line args and returns the exit code.
func (a *App) Run(ctx context.Context, args []string) int {
	a.defaults()
	a.started = false
	// Every text output loses unsafe characters on its way out (see
	// output.Writer); the PDF and the progress bar use the raw streams.
	a.rawStdout, a.rawStderr = a.Stdout, a.Stderr
	a.Stdout, a.Stderr = output.NewWriter(a.rawStdout), output.NewWriter(a.rawStderr)
	defer func() { a.Stdout, a.Stderr = a.rawStdout, a.rawStderr }()
	root := a.rootCommand()
	root.SetArgs(args)
	root.SetOut(a.Stdout)
	root.SetErr(a.Stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return ExitOK
	}
	if db, perr := a.databasePath(); perr == nil {
		err = store.ExplainCorrupt(db, err) // one clear message, whichever step met the damage
	}
	code := a.exitCode(err)
	if !errors.Is(err, errSilent) {
		fmt.Fprintf(a.Stderr, "roadmapper: %v\n", err)
	}
	if code == ExitUsage {
		path := "roadmapper"
		if sub, _, ferr := root.Find(args); ferr == nil && sub != nil {
			path = sub.CommandPath()
		}
		fmt.Fprintf(a.Stderr, "Run '%s --help' for usage.\n", path)
	}
	return code
}

// exitCode maps an error to the exit codes promised in the README: the one
// place where kinds of errors become exit codes. An error cobra returns
// before a command starts (an unknown command or flag, wrong arguments, a
// missing required flag) is a usage error.
func (a *App) exitCode(err error) int {
	var ce *config.Error
	switch {
	case !a.started, errors.As(err, &ce):
		return ExitUsage
	}
	switch roadmap.KindOf(err) {
	case roadmap.KindInvalid:
		return ExitUsage
	case roadmap.KindPartial:
		return ExitPartial
	}
	return ExitFailure // failure, not found, busy, interrupted
}

// typedArgument makes "not found" a usage error when what was not found is
// something the user typed (an item ID, a crawl ID): exit 2, not 1. Other
// errors pass through unchanged.
func typedArgument(err error) error {
	if roadmap.KindOf(err) == roadmap.KindNotFound {
		return roadmap.WithKind(roadmap.KindInvalid, err)
	}
	return err
}

// errSilent marks an error whose message was already printed.
var errSilent = errors.New("")

func (a *App) defaults() {
	if a.Stdout == nil {
		a.Stdout = os.Stdout
	}
	if a.Stderr == nil {
		a.Stderr = os.Stderr
	}
	if a.Stdin == nil {
		a.Stdin = os.Stdin
	}
	if a.Getenv == nil {
		a.Getenv = os.Getenv
	}
	if a.Now == nil {
		a.Now = func() time.Time { return time.Now().UTC() }
	}
}

func (a *App) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "roadmapper",
		Short: "Crawl open-source roadmaps into client brochures, an audit and a nightly report",
		Long: `roadmapper follows the public roadmaps of open-source scientific Python projects.

It crawls each project's roadmap pages and GitHub repository into an embedded
SQLite database that keeps every crawl, and makes from it:
  - PDF brochures tailored to a client (roadmapper brochure),
  - an audit of which projects lack a current roadmap (roadmapper audit),
  - a report of what changed in the latest crawl (roadmapper report).

Configuration: --config FILE, else $ROADMAPPER_CONFIG, else ./roadmapper.toml
when present, else the built-in registry of 25 PyData projects.
Database: --db FILE, else $ROADMAPPER_DB, else
$XDG_DATA_HOME/roadmapper/roadmapper.db (~/.local/share/roadmapper/roadmapper.db).

Exit codes: 0 success; 1 failure; 2 usage or configuration error;
3 crawl finished but some projects failed (their previous data is kept).`,
		Version:       Version,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			level := slog.LevelWarn
			if a.verbose {
				level = slog.LevelDebug
			}
			a.log = slog.New(slog.NewTextHandler(a.Stderr, &slog.HandlerOptions{Level: level}))
			return nil
		},
	}
	root.SetVersionTemplate("roadmapper {{.Version}}\n")
	pf := root.PersistentFlags()
	pf.StringVar(&a.configPath, "config", "", "configuration file, or numfocus for the built-in NumFOCUS registry (default: $ROADMAPPER_CONFIG, ./roadmapper.toml, or the built-in registry)")
	pf.StringVar(&a.dbPath, "db", "", "database file (default: $ROADMAPPER_DB or $XDG_DATA_HOME/roadmapper/roadmapper.db)")
	pf.BoolVarP(&a.verbose, "verbose", "v", false, "log each step to stderr")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageErr("%v", err) })

	root.AddCommand(
		a.crawlCommand(),
		a.projectsCommand(),
		a.itemsCommand(),
		a.brochureCommand(),
		a.auditCommand(),
		a.reportCommand(),
		a.serveCommand(),
		a.clientsCommand(),
		a.discoverCommand(),
		a.addCommand(),
	)
	// cobra checks arguments and flags before RunE; whatever fails before
	// it is a usage error (see exitCode).
	for _, c := range root.Commands() {
		run := c.RunE
		c.RunE = func(cmd *cobra.Command, args []string) error {
			a.started = true
			return run(cmd, args)
		}
	}
	return root
}

// loadConfig finds and reads the configuration.
func (a *App) loadConfig() (*config.Config, error) {
	path := a.configFile()
	if cfg, ok, err := config.Builtin(path); ok {
		return cfg, err
	}
	if path == "" {
		cfg, err := config.Default()
		if err != nil {
			return nil, fmt.Errorf("built-in registry: %w", err)
		}
		return cfg, nil
	}
	cfg, err := config.Load(path)
	if err != nil {
		return nil, roadmap.WithKind(roadmap.KindInvalid, err)
	}
	return cfg, nil
}

// configFile is the configuration file loadConfig reads, or "" for the
// built-in registry.
func (a *App) configFile() string {
	path := a.configPath
	if path == "" {
		path = a.Getenv("ROADMAPPER_CONFIG")
	}
	if path == "" {
		if _, err := os.Stat("roadmapper.toml"); err == nil {
			path = "roadmapper.toml"
		}
	}
	return path
}

// databasePath resolves where the store lives.
func (a *App) databasePath() (string, error) {
	if a.dbPath != "" {
		return a.dbPath, nil
	}
	if p := a.Getenv("ROADMAPPER_DB"); p != "" {
		return p, nil
	}
	base := a.Getenv("XDG_DATA_HOME")
	if base == "" {
		home := a.Getenv("HOME")
		if home == "" {
			h, err := os.UserHomeDir()
			if err != nil {
				return "", fmt.Errorf("find home directory for the database (set --db or ROADMAPPER_DB): %w", err)
			}
			home = h
		}
		base = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(base, "roadmapper", "roadmapper.db"), nil
}

// openExistingStore opens the database for commands that only read it: a
// missing file (a mistyped --db, or no crawl yet) is an error, not a new
// empty database.
func (a *App) openExistingStore(ctx context.Context) (*store.Store, error) {
	path, err := a.databasePath()
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil, roadmap.Errorf(roadmap.KindNotFound, "no database at %s: run 'roadmapper crawl' first, or check --db / ROADMAPPER_DB", path)
	}
	// Read-only when the file or its directory cannot be written.
	st, err := store.OpenReadOnly(ctx, path)
	if err != nil {
		return nil, openError(path, err)
	}
	st.Now = a.Now
	a.log.Debug("database opened", "path", path)
	return st, nil
}

// openError names the database in an open error, unless it already says
// the database is corrupt (which names it).
func openError(path string, err error) error {
	if errors.Is(err, roadmap.ErrStoreCorrupt) {
		return err
	}
	return fmt.Errorf("open database %s: %w", path, err)
}

// readCore loads the configuration and opens the existing database
// read-only, for the commands that only read it; closeStore releases the
// database.
func (a *App) readCore(ctx context.Context) (core *app.App, closeStore func() error, err error) {
	cfg, err := a.loadConfig()
	if err != nil {
		return nil, nil, err
	}
	st, err := a.openExistingStore(ctx)
	if err != nil {
		return nil, nil, err
	}
	return a.core(cfg, st), st.Close, nil
}

// openStore opens (creating on first use) the database.
func (a *App) openStore(ctx context.Context) (*store.Store, error) {
	path, err := a.databasePath()
	if err != nil {
		return nil, err
	}
	st, err := store.Open(ctx, path)
	if err != nil {
		return nil, openError(path, err)
	}
	st.Now = a.Now
	a.log.Debug("database opened", "path", path)
	return st, nil
}

// core is the application core over cfg and st, wired to this command
// line's clock, logger, environment and transports.
func (a *App) core(cfg *config.Config, st *store.Store) *app.App {
	path, _ := a.databasePath()
	core := &app.App{
		Config: cfg,
		Now:    a.Now,
		Log:    a.log,
		DBPath: path,
		// Lock beside the real file: a symlink (or a symlinked directory) to
		// the database must not give a second crawl a lock of its own.
		LockPath:        fileout.RealPath(path) + ".lock",
		GitHubToken:     a.Getenv(cfg.GitHub.TokenEnv),
		HTTPClient:      a.HTTPClient,
		GitHubTransport: a.GitHubTransport,
		BackoffBase:     a.BackoffBase,
	}
	if st != nil { // never a typed nil in the Store interface
		core.Store = st
	}
	return core
}
