package cli

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/mattn/go-isatty"

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

// checkOutput validates, before any work, a file a command will write: "-"
// means stdout and is returned as it is; an existing target must be a
// regular file (a symlink is followed to one, and its target is returned);
// the directory must exist and accept new files.
func checkOutput(path string) (string, error) {
	if path == "-" {
		return path, nil
	}
	if fi, err := os.Lstat(path); err == nil {
		if fi.Mode()&os.ModeSymlink != 0 {
			target, err := filepath.EvalSymlinks(path)
			if err != nil {
				return "", fmt.Errorf("output %s: %w", path, err)
			}
			path = target
			if fi, err = os.Stat(path); err != nil {
				return "", fmt.Errorf("output %s: %w", path, err)
			}
		}
		if !fi.Mode().IsRegular() {
			return "", fmt.Errorf("output %s exists and is not a regular file", path)
		}
	}
	dir := filepath.Dir(path)
	fi, err := os.Stat(dir)
	if err != nil || !fi.IsDir() {
		return "", fmt.Errorf("output %s: directory %s does not exist", path, dir)
	}
	probe, err := os.CreateTemp(dir, ".roadmapper-probe-*")
	if err != nil {
		return "", fmt.Errorf("output %s: cannot write in %s: %w", path, dir, errors.Unwrap(err))
	}
	probe.Close()
	os.Remove(probe.Name())
	return path, nil
}

// plural writes "1 project" or "3 projects".
func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
