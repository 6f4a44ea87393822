// Package app holds roadmapper's use cases, shared by every front end (the
// command line, the web app): crawl, rank, pick a brochure's items, render
// the brochure, audit and report. It prints nothing: each use case takes a
// context, returns data, and fails with errors whose kind
// (roadmap.KindInvalid, KindNotFound, KindBusy, KindInterrupted,
// KindPartial) a front end maps to an exit code or a status.
package app

import (
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/roadmapper/roadmapper/config"
)

// App is one configuration and one database, with what the use cases need
// from the outside world.
type App struct {
	Config *config.Config
	// Store is the database (internal/store's SQLite store in production).
	Store Store
	// Now is the clock (tests fix it); nil means time.Now in UTC.
	Now func() time.Time
	// Log receives progress and debugging records; nil discards them.
	Log *slog.Logger

	// LockPath is the file that keeps two crawls of one database apart
	// (by convention beside the database's real path, + ".lock"); empty
	// means no lock.
	LockPath string
	// DBPath names the database in messages, as the user gave it.
	DBPath string
	// GitHubToken authenticates GitHub API calls; empty means anonymous.
	GitHubToken string
	// HTTPClient fetches pages and logos (tests point it at fake servers);
	// nil uses the crawler's own client.
	HTTPClient *http.Client
	// GitHubTransport is the base transport for GitHub API calls (tests).
	GitHubTransport http.RoundTripper
	// BackoffBase shortens retry waits in tests; zero keeps the default.
	BackoffBase time.Duration
	// Cache, when set, keeps the read side's data between calls while the
	// store's data does not change (long-running front ends).
	Cache *ReadCache
}

func (a *App) now() time.Time {
	if a.Now == nil {
		return time.Now().UTC()
	}
	return a.Now()
}

func (a *App) log() *slog.Logger {
	if a.Log == nil {
		return slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return a.Log
}
