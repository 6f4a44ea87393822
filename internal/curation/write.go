package curation

import (
	"fmt"
	"strings"

	"github.com/roadmapper/roadmapper/internal/tomlpos"
)

var quote = tomlpos.Quote

// Marshal writes c as a curation TOML file that Parse reads back to the
// same entries (File and Line aside): one array table per entry, in order.
func Marshal(c *Curation) []byte {
	var b strings.Builder
	if c == nil {
		return nil
	}
	for i, e := range c.Entries {
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "[[%s]]\nid = %s\n", e.Action, quote(e.ID))
		switch e.Action {
		case ActionRetitle:
			fmt.Fprintf(&b, "title = %s\n", quote(e.Title))
		case ActionRewrite:
			fmt.Fprintf(&b, "summary = %s\n", quote(e.Summary))
		}
		fmt.Fprintf(&b, "reason = %s\n", quote(e.Reason))
	}
	return []byte(b.String())
}
