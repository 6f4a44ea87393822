package output

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/roadmapper/roadmapper/internal/audit"
	"github.com/roadmapper/roadmapper/internal/plaintext"
)

// auditFormats lists the formats Audit accepts.
var auditFormats = []string{"table", "md", "csv", "json"}

// Audit prints findings as "table" (aligned, for a terminal, with the
// summary line at the end), "md", "csv" or "json" (an array; [] when
// empty). It returns an error for an unknown format or a failed write.
func Audit(w io.Writer, f []audit.Finding, format string) error {
	var err error
	switch format {
	case "table", "":
		err = auditTable(w, f)
	case "md", "markdown":
		err = auditMarkdown(w, f)
	case "csv":
		err = auditCSV(w, f)
	case "json":
		err = auditJSON(w, f)
	default:
		return fmt.Errorf("write audit: unknown format %q (want %s)", format, strings.Join(auditFormats, ", "))
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

func auditTable(w io.Writer, f []audit.Finding) error {
	rows := make([][]string, 0, len(f))
	for _, x := range f {
		rows = append(rows, []string{x.Project, x.Status, deref(x.LastUpdated, "-"),
			strconv.Itoa(x.Items), strconv.Itoa(x.Words), strconv.Itoa(x.Issues), x.Reason})
	}
	if err := Table(w, []string{"PROJECT", "STATUS", "UPDATED", "ITEMS", "WORDS", "ISSUES", "REASON"}, rows, nil, false); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\n%s\n", audit.Summary(f))
	return err
}

func auditMarkdown(w io.Writer, f []audit.Finding) error {
	var b strings.Builder
	b.WriteString("| Project | Status | Updated | Items | Words | Issues | Reason |\n")
	b.WriteString("|---|---|---|--:|--:|--:|---|\n")
	for _, x := range f {
		name := plaintext.MarkdownLink(x.Name, deref(x.RoadmapURL, ""))
		fmt.Fprintf(&b, "| %s | %s | %s | %d | %d | %d | %s |\n",
			name, x.Status, plaintext.Markdown(deref(x.LastUpdated, "—")), x.Items, x.Words, x.Issues, plaintext.Markdown(x.Reason))
	}
	fmt.Fprintf(&b, "\n%s\n", plaintext.Markdown(audit.Summary(f)))
	evidence := false
	for _, x := range f {
		if len(x.Evidence) == 0 {
			continue
		}
		if !evidence {
			b.WriteString("\n### Evidence\n\n")
			evidence = true
		}
		fmt.Fprintf(&b, "- **%s** (%s): %s\n", plaintext.Markdown(x.Name), x.Status, joinMarkdown(x.Evidence))
	}
	_, err := io.WriteString(NewWriter(w), b.String())
	return err
}

func joinMarkdown(ss []string) string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = plaintext.Markdown(s)
	}
	return strings.Join(out, "; ")
}

func auditCSV(w io.Writer, f []audit.Finding) error {
	header := []string{"project", "name", "status", "roadmap_url", "last_updated", "last_updated_basis",
		"items", "words", "roadmap_issues", "reason", "evidence"}
	rows := make([][]string, 0, len(f))
	for _, x := range f {
		rows = append(rows, []string{
			x.Project, x.Name, x.Status, deref(x.RoadmapURL, ""),
			deref(x.LastUpdated, ""), deref(x.LastUpdatedBasis, ""),
			strconv.Itoa(x.Items), strconv.Itoa(x.Words), strconv.Itoa(x.Issues),
			plaintext.OneLine(x.Reason), plaintext.OneLine(strings.Join(x.Evidence, "; ")),
		})
	}
	return CSV(w, header, rows)
}

func auditJSON(w io.Writer, f []audit.Finding) error {
	if f == nil {
		f = []audit.Finding{}
	}
	return JSON(w, f)
}
