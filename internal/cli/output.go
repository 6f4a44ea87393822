package cli

import (
	"fmt"
	"os"
	"strings"

	"github.com/mattn/go-isatty"

	"github.com/roadmapper/roadmapper/internal/fileout"
	"github.com/roadmapper/roadmapper/internal/plaintext"
)

// checkFormat rejects a --format value outside allowed.
func checkFormat(format string, allowed ...string) error {
	for _, a := range allowed {
		if format == a {
			return nil
		}
	}
	return usageErr("unknown format %q (want %s)", format, strings.Join(allowed, ", "))
}

func (a *App) stdoutIsTTY() bool {
	if a.StdoutTTY != nil {
		return *a.StdoutTTY
	}
	return a.rawStdout == os.Stdout && isatty.IsTerminal(os.Stdout.Fd())
}

func (a *App) stderrIsTTY() bool {
	if a.StderrTTY != nil {
		return *a.StderrTTY
	}
	return a.rawStderr == os.Stderr && isatty.IsTerminal(os.Stderr.Fd())
}

// cleanCell puts crawled text on one line without terminal escapes.
func cleanCell(s string) string { return plaintext.OneLine(s) }

// checkOutput validates, before any work, a file a command will write
// (see fileout.Check): it must not be the database or its companions, the
// configuration, or one of the extra files (client profiles, themes,
// curation). "-" means stdout and is returned as it is.
func (a *App) checkOutput(path string, extra ...fileout.Protected) (string, error) {
	var protected []fileout.Protected
	if db, err := a.databasePath(); err == nil {
		protected = append(protected, fileout.DatabaseFiles(db)...)
	}
	if cfg := a.configFile(); cfg != "" {
		protected = append(protected, fileout.Protected{Path: cfg, What: "the configuration"})
	}
	return fileout.Check(path, append(protected, extra...)...)
}

// plural writes "1 project" or "3 projects".
func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
