// Package templates embeds the default copy of the brochure: the
// organisation's name, its contact lines, the cover introduction and the
// closing call to action. Each file is a text/template executed with
// brochure.CopyData; a file of the same name in a user's directory
// overrides it (see brochure.LoadCopy).
package templates

import "embed"

// Names of the copy templates, in the order brochure.LoadCopy reads them.
const (
	Organisation = "organisation.tmpl"
	Contact      = "contact.tmpl"
	Intro        = "intro.tmpl"
	Closing      = "closing.tmpl"
)

// FS holds the embedded default templates.
//
//go:embed *.tmpl
var FS embed.FS
