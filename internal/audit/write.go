package audit

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/roadmapper/roadmapper/internal/plaintext"
)

// formats lists the formats Write accepts.
var formats = []string{"table", "md", "csv", "json"}

// Write prints findings as "table" (aligned, for a terminal, with the
// summary line at the end), "md", "csv" or "json" (an array; [] when
// empty). It returns an error for an unknown format or a failed write.
func Write(w io.Writer, f []Finding, format string) error {
	var err error
	switch format {
	case "table", "":
		err = writeTable(w, f)
	case "md", "markdown":
		err = writeMarkdown(w, f)
	case "csv":
		err = writeCSV(w, f)
	case "json":
		err = writeJSON(w, f)
	default:
		return fmt.Errorf("write audit: unknown format %q (want %s)", format, strings.Join(formats, ", "))
	}
	if err != nil {
		return fmt.Errorf("write audit %s: %w", format, err)
	}
	return nil
}

func deref(p *string, none string) string {
	if p == nil {
		return none
	}
	return *p
}

func writeTable(w io.Writer, f []Finding) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "PROJECT\tSTATUS\tUPDATED\tITEMS\tWORDS\tISSUES\tREASON")
	for _, x := range f {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%d\t%s\n",
			cell(x.Project), x.Status, deref(x.LastUpdated, "-"), x.Items, x.Words, x.Issues, cell(x.Reason))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\n%s\n", Summary(f))
	return err
}

// cell keeps a table cell on one line without tabs or control characters.
func cell(s string) string {
	return plaintext.OneLine(s)
}

func writeMarkdown(w io.Writer, f []Finding) error {
	var b strings.Builder
	b.WriteString("| Project | Status | Updated | Items | Words | Issues | Reason |\n")
	b.WriteString("|---|---|---|--:|--:|--:|---|\n")
	for _, x := range f {
		name := plaintext.MarkdownLink(x.Name, deref(x.RoadmapURL, ""))
		fmt.Fprintf(&b, "| %s | %s | %s | %d | %d | %d | %s |\n",
			name, x.Status, plaintext.Markdown(deref(x.LastUpdated, "—")), x.Items, x.Words, x.Issues, plaintext.Markdown(x.Reason))
	}
	fmt.Fprintf(&b, "\n%s\n", plaintext.Markdown(Summary(f)))
	evidence := false
	for _, x := range f {
		if len(x.Evidence) == 0 {
			continue
		}
		if !evidence {
			b.WriteString("\n### Evidence\n\n")
			evidence = true
		}
		fmt.Fprintf(&b, "- **%s** (%s): %s\n", plaintext.Markdown(x.Name), x.Status, joinEscaped(x.Evidence))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func joinEscaped(ss []string) string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = plaintext.Markdown(s)
	}
	return strings.Join(out, "; ")
}

func writeCSV(w io.Writer, f []Finding) error {
	cw := csv.NewWriter(w)
	header := []string{"project", "name", "status", "roadmap_url", "last_updated", "last_updated_basis",
		"items", "words", "roadmap_issues", "reason", "evidence"}
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, x := range f {
		rec := []string{
			noFormula(x.Project), noFormula(x.Name), x.Status, noFormula(deref(x.RoadmapURL, "")),
			deref(x.LastUpdated, ""), deref(x.LastUpdatedBasis, ""),
			strconv.Itoa(x.Items), strconv.Itoa(x.Words), strconv.Itoa(x.Issues),
			noFormula(cell(x.Reason)), noFormula(cell(strings.Join(x.Evidence, "; "))),
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// noFormula defuses a cell a spreadsheet would run as a formula.
func noFormula(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func writeJSON(w io.Writer, f []Finding) error {
	if f == nil {
		f = []Finding{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(f)
}
