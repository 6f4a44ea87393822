package cli

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

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
	return a.Stdout == os.Stdout && isatty.IsTerminal(os.Stdout.Fd())
}

func (a *App) stderrIsTTY() bool {
	if a.StderrTTY != nil {
		return *a.StderrTTY
	}
	return a.Stderr == os.Stderr && isatty.IsTerminal(os.Stderr.Fd())
}

// writeJSON writes v as indented JSON with a trailing newline.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// writeCSV writes a header and rows.
func writeCSV(w io.Writer, header []string, rows [][]string) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, r := range rows {
		if err := cw.Write(r); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// writeTable writes aligned columns; cells are cleaned of tabs and
// newlines and cut to width (0: no limit) when tty is true.
func writeTable(w io.Writer, header []string, rows [][]string, widths []int, tty bool) error {
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	line := func(cells []string) {
		for i, c := range cells {
			c = cleanCell(c)
			if tty && i < len(widths) && widths[i] > 0 {
				c = cut(c, widths[i])
			}
			if i > 0 {
				fmt.Fprint(tw, "\t")
			}
			fmt.Fprint(tw, c)
		}
		fmt.Fprintln(tw)
	}
	line(header)
	for _, r := range rows {
		line(r)
	}
	return tw.Flush()
}

// cleanCell puts crawled text on one line without terminal escapes.
func cleanCell(s string) string { return plaintext.OneLine(s) }

// cut shortens s to at most n runes, ending with "…" when cut.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

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
