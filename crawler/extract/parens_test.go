package extract

import (
	"reflect"
	"testing"
)

// TestMarkdownLinkWithParentheses: a destination with balanced
// parentheses (CommonMark) keeps both the title and the whole link.
func TestMarkdownLinkWithParentheses(t *testing.T) {
	text, links := mdInline("Built on [Dask](https://en.wikipedia.org/wiki/Dask_(software)) for scale.", nil)
	if text != "Built on Dask for scale." || !reflect.DeepEqual(links, []string{"https://en.wikipedia.org/wiki/Dask_(software)"}) {
		t.Errorf("got %q %q", text, links)
	}
}
