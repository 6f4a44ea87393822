// Command roadmapper turns the public roadmaps of open-source scientific
// Python projects into client brochures, an audit and a nightly report.
// See README.md, or run roadmapper --help.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/roadmapper/roadmapper/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := (&cli.App{}).Run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}
