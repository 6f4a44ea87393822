package report

import (
	"fmt"
	"io"

	"github.com/roadmapper/roadmapper/internal/output"
)

// Write renders the report as "md" (Markdown safe to paste into chat),
// "text" (plain text for mail, no escapes), "html" (a standalone page) or
// "json". Every format goes through
// the one output rule: no control characters or bidirectional overrides.
// It returns an error for an unknown format or a failed write.
func Write(w io.Writer, r Report, format string) error {
	var err error
	switch format {
	case "md", "markdown", "":
		err = writeMarkdown(output.NewWriter(w), r)
	case "html":
		err = writeHTML(output.NewWriter(w), r)
	case "text", "txt":
		err = writeText(output.NewWriter(w), r)
	case "json":
		err = output.JSON(w, r)
	default:
		return fmt.Errorf("write report: unknown format %q (want md, text, html or json)", format)
	}
	if err != nil {
		return fmt.Errorf("write report %s: %w", format, err)
	}
	return nil
}
