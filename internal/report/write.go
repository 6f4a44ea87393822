package report

import (
	"encoding/json"
	"fmt"
	"io"
)

// Write renders the report as "md" (Markdown safe to paste into chat or
// e-mail), "html" (a standalone page) or "json". It returns an error for
// an unknown format or a failed write.
func Write(w io.Writer, r Report, format string) error {
	var err error
	switch format {
	case "md", "markdown", "":
		err = writeMarkdown(w, r)
	case "html":
		err = writeHTML(w, r)
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		err = enc.Encode(r)
	default:
		return fmt.Errorf("write report: unknown format %q (want md, html or json)", format)
	}
	if err != nil {
		return fmt.Errorf("write report %s: %w", format, err)
	}
	return nil
}
