// Package web is roadmapper's web app (roadmapper serve): the audit, the
// projects, client profiles with their curation and brochures, the crawl
// reports and a crawl button, as plain HTML pages with forms that work
// without JavaScript. Every use case goes through internal/app; this
// package only parses requests and renders pages.
package web

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net"
	"net/http"
	"os/exec"
	"strings"
	"time"

	"github.com/roadmapper/roadmapper/internal/app"
	"github.com/roadmapper/roadmapper/internal/curation"
	"github.com/roadmapper/roadmapper/internal/rank"
	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// DefaultAddr is where serve listens unless told otherwise: this machine only.
const DefaultAddr = "127.0.0.1:8080"

// Server timeouts and limits.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 30 * time.Second
	writeTimeout      = 60 * time.Second
	idleTimeout       = 120 * time.Second
	maxHeaderBytes    = 64 << 10
	maxBodyBytes      = 1 << 20
	// shutdownGrace bounds how long a shutdown waits for requests and a
	// running crawl's current projects.
	shutdownGrace = 5 * time.Minute
)

// Options configure a Server.
type Options struct {
	Addr            string // DefaultAddr when empty
	TLSCert, TLSKey string // both or neither
	// Getenv reads the passwords (EnvEditorPassword, EnvViewerPassword);
	// nil means no authentication.
	Getenv func(string) string
	Log    *slog.Logger
	Now    func() time.Time
}

// NeedsAuth reports whether addr is reachable from other machines, where
// serving without a password is refused.
func NeedsAuth(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return true
	}
	if strings.EqualFold(host, "localhost") {
		return false
	}
	ip := net.ParseIP(host)
	return ip == nil || !ip.IsLoopback()
}

// checkOptions fills defaults and refuses unsafe combinations.
func checkOptions(o *Options) error {
	if o.Addr == "" {
		o.Addr = DefaultAddr
	}
	if (o.TLSCert == "") != (o.TLSKey == "") {
		return errors.New("--tls-cert and --tls-key go together")
	}
	if o.Getenv == nil {
		o.Getenv = func(string) string { return "" }
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = func() time.Time { return time.Now().UTC() }
	}
	return nil
}

// httpServer wraps h with the timeouts and limits every listener uses.
func httpServer(h http.Handler, log *slog.Logger) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		TLSConfig:         &tls.Config{MinVersion: tls.VersionTLS12},
	}
}

// Serve listens on ln until ctx is done, then shuts down gracefully: new
// connections are refused, requests in flight finish, and a running crawl
// finishes the projects it has started (drain) before Serve returns.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := httpServer(s, s.log)
	errc := make(chan error, 1)
	go func() {
		var err error
		if s.opts.TLSCert != "" {
			err = srv.ServeTLS(ln, s.opts.TLSCert, s.opts.TLSKey)
		} else {
			err = srv.Serve(ln)
		}
		errc <- err
	}()
	select {
	case err := <-errc:
		return fmt.Errorf("serve %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}
	s.log.Info("shutting down", "addr", ln.Addr().String())
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	err := srv.Shutdown(sctx)
	if cerr := s.crawls.drain(sctx); cerr != nil && err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("shut down: %w", err)
	}
	return nil
}

// Server is the web app: an http.Handler over one app.App.
type Server struct {
	app    *app.App
	opts   Options
	log    *slog.Logger
	auth   *Auth
	key    []byte // signs CSRF tokens; new at every start
	tmpl   map[string]*template.Template
	mux    *http.ServeMux
	crawls *crawlRunner

	tables *memo[template.HTML] // rendered audit tables by data version and query
	pages  *memo[workspacePage] // client workspaces by client, versions and data version

	themes   []rank.Theme
	baseCur  *curation.Curation // [rank].curation, under every client's own
	fallback []byte             // [brochure].fallback_font
	pdftoppm string             // path of pdftoppm, for brochure page images; "" without it
}

// New builds the web app over a (giving it a read cache when it has none).
// It refuses to serve an address other
// machines can reach without a password in the environment.
func New(a *app.App, opts Options) (*Server, error) {
	if err := checkOptions(&opts); err != nil {
		return nil, err
	}
	auth, err := NewAuth(opts.Getenv, opts.TLSCert != "")
	if err != nil {
		return nil, roadmap.WithKind(roadmap.KindInvalid, err)
	}
	if auth == nil && NeedsAuth(opts.Addr) {
		return nil, roadmap.Errorf(roadmap.KindInvalid, "serving on %s (reachable from other machines) needs a password: set %s (editors) and optionally %s (read-only viewers), or listen on 127.0.0.1",
			opts.Addr, EnvEditorPassword, EnvViewerPassword)
	}
	if a.Cache == nil {
		// The server reads the same crawled data again and again.
		a.Cache = &app.ReadCache{}
	}
	s := &Server{app: a, opts: opts, log: opts.Log, auth: auth, key: newKey(),
		tables: newMemo[template.HTML](100), pages: newMemo[workspacePage](100)}
	if s.tmpl, err = loadTemplates(); err != nil {
		return nil, err
	}
	if s.themes, err = app.LoadThemes(a.Config); err != nil {
		return nil, err
	}
	if s.baseCur, err = app.LoadCuration(a.Config, ""); err != nil {
		return nil, err
	}
	if s.fallback, err = app.LoadFallbackFont(a.Config); err != nil {
		return nil, err
	}
	s.pdftoppm, _ = exec.LookPath("pdftoppm")
	s.crawls = newCrawlRunner(a, opts.Now)
	s.routes()
	return s, nil
}

func (s *Server) now() time.Time { return s.opts.Now() }

func (s *Server) routes() {
	m := http.NewServeMux()
	m.Handle("GET /static/", staticHandler())
	m.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok\n")) })
	m.HandleFunc("GET /login", s.loginForm)
	m.HandleFunc("POST /login", s.login)
	m.HandleFunc("POST /logout", s.logout)

	m.HandleFunc("GET /{$}", s.overview)
	m.HandleFunc("GET /projects/{slug}", s.project)
	m.HandleFunc("GET /logos/{slug}", s.logo)
	m.HandleFunc("GET /clients", s.clientList)
	m.HandleFunc("GET /clients/new", s.clientNew)
	m.HandleFunc("POST /clients", s.clientCreate)
	m.HandleFunc("GET /clients/{slug}", s.workspace)
	m.HandleFunc("GET /clients/{slug}/edit", s.clientEdit)
	m.HandleFunc("POST /clients/{slug}", s.clientUpdate)
	m.HandleFunc("POST /clients/{slug}/curation", s.curate)
	m.HandleFunc("GET /clients/{slug}/explain", s.explain)
	m.HandleFunc("GET /clients/{slug}/brochure.pdf", s.brochurePDF)
	m.HandleFunc("GET /clients/{slug}/brochure/{page}", s.brochurePage)
	m.HandleFunc("GET /reports", s.reports)
	m.HandleFunc("GET /reports/{id}", s.reportPage)
	m.HandleFunc("GET /reports/{id}/report.html", s.reportHTML)
	m.HandleFunc("GET /crawl", s.crawlPage)
	m.HandleFunc("POST /crawl", s.crawlStart)
	m.HandleFunc("GET /crawl/status", s.crawlStatusJSON)
	m.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, http.StatusNotFound, "There is no page at "+r.URL.Path+".")
	})
	s.mux = m
}

// failKind answers with the HTTP status of err's kind.
func (s *Server) failKind(w http.ResponseWriter, r *http.Request, what string, err error) {
	code := http.StatusInternalServerError
	switch roadmap.KindOf(err) {
	case roadmap.KindInvalid:
		code = http.StatusBadRequest
	case roadmap.KindNotFound:
		code = http.StatusNotFound
	case roadmap.KindBusy:
		code = http.StatusConflict
	case roadmap.KindInterrupted:
		code = http.StatusServiceUnavailable
	}
	if code == http.StatusInternalServerError {
		s.log.Error(what, "path", r.URL.Path, "err", err)
	}
	s.fail(w, r, code, fmt.Sprintf("%s: %v", what, err))
}
