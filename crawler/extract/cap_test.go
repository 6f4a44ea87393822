package extract

import (
	"fmt"
	"strings"
	"testing"
)

// TestCapIsFlagged: a document with more sections than MaxItems keeps the
// first MaxItems and says it was capped; one with exactly MaxItems does not.
func TestCapIsFlagged(t *testing.T) {
	for _, n := range []int{MaxItems, MaxItems + 1, MaxItems + 50} {
		for _, shape := range []string{"sections", "list"} {
			var b strings.Builder
			b.WriteString("# Roadmap\n\n")
			for i := range n {
				if shape == "sections" {
					fmt.Fprintf(&b, "## Topic %d\n\nWork on topic %d of the plan for the coming year.\n\n", i, i)
				} else {
					fmt.Fprintf(&b, "- **Topic %d**: work on topic %d of the plan for the coming year.\n", i, i)
				}
			}
			doc := mustExtract(t, "https://x.org/r.md", "", b.String())
			if len(doc.Items) > MaxItems {
				t.Errorf("%s of %d: %d items", shape, n, len(doc.Items))
			}
			if want := n > MaxItems; doc.Capped != want && len(doc.Items) == MaxItems {
				t.Errorf("%s of %d: capped = %v, want %v", shape, n, doc.Capped, want)
			}
		}
	}
}
