// Package assets embeds the static files roadmapper's outputs are dressed
// in, so the binary carries them.
package assets

import (
	_ "embed"
)

// ReportCSS is the stylesheet inlined into the HTML crawl report (an inline
// stylesheet keeps the report one self-contained file for e-mail).
//
//go:embed report.css
var ReportCSS string
