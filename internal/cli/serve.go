package cli

import (
	"fmt"
	"net"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/roadmapper/roadmapper/internal/roadmap"
	"github.com/roadmapper/roadmapper/internal/web"
)

// serveMemoryLimit is the soft memory limit of serve unless GOMEMLIMIT is set.
const serveMemoryLimit = 40 << 20

type serveOptions struct {
	addr, tlsCert, tlsKey string
}

func (a *App) serveCommand() *cobra.Command {
	var o serveOptions
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the web app: audit, projects, client workspaces with brochures, reports, crawl",
		Long: `Serve the web app over the database: the audit and survey, each project's
items and history, client profiles (kept in the database, with history)
and their workspaces (ranked items, pin/hide/retitle/rewrite, brochure
preview and download), the crawl reports, and a button that crawls in the
background.

It listens on 127.0.0.1:8080 unless --addr says otherwise. Any address other
machines can reach needs a password: set ` + web.EnvEditorPassword + ` (editors)
and optionally ` + web.EnvViewerPassword + ` (read-only viewers); they
are kept only as salted hashes in memory. With --tls-cert and --tls-key it
serves HTTPS and marks its cookies Secure. Unless GOMEMLIMIT is set, the
server keeps a soft memory limit of 40 MiB. SIGTERM or Ctrl-C stops it
gracefully: a running crawl finishes the projects it has started.`,
		Example: `  roadmapper serve
  ROADMAPPER_WEB_PASSWORD=... roadmapper serve --addr :8443 --tls-cert cert.pem --tls-key key.pem`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if a.Getenv("GOMEMLIMIT") == "" {
				// A soft limit keeps a long-running server small at rest: the
				// garbage collector works harder rather than letting the heap
				// double. Its data for 1,000 projects needs less than this.
				debug.SetMemoryLimit(serveMemoryLimit)
			}
			cfg, err := a.loadConfig()
			if err != nil {
				return err
			}
			st, err := a.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			srv, err := web.New(a.core(cfg, st), web.Options{Addr: o.addr, TLSCert: o.tlsCert, TLSKey: o.tlsKey, Getenv: a.Getenv, Log: a.log, Now: a.Now})
			if err != nil {
				return err
			}
			addr := o.addr
			if addr == "" {
				addr = web.DefaultAddr
			}
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return roadmap.Errorf(roadmap.KindInvalid, "--addr %s: %w", addr, err)
			}
			scheme := "http"
			if o.tlsCert != "" {
				scheme = "https"
			}
			fmt.Fprintf(a.Stderr, "serving on %s://%s (Ctrl-C to stop)\n", scheme, ln.Addr())
			return srv.Serve(ctx, ln)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.addr, "addr", "", "address to listen on (default "+web.DefaultAddr+"; any other needs "+web.EnvEditorPassword+")")
	f.StringVar(&o.tlsCert, "tls-cert", "", "TLS certificate file (PEM); with --tls-key, serve HTTPS")
	f.StringVar(&o.tlsKey, "tls-key", "", "TLS private key file (PEM)")
	return cmd
}
