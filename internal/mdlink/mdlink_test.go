package mdlink

import (
	"reflect"
	"strings"
	"testing"
)

func TestReplace(t *testing.T) {
	tests := []struct {
		in, want string
		links    []string
	}{
		{"See [Dask](https://en.wikipedia.org/wiki/Dask_(software)) now.", "See <Dask> now.", []string{"https://en.wikipedia.org/wiki/Dask_(software)"}},
		{"[a](http://x.org/a_(b_(c))) and [d](<http://x.org/with space>)", "<a> and <d>", []string{"http://x.org/a_(b_(c))", "http://x.org/with space"}},
		{`[t](http://x.org/p "Title (1)") end`, "<t> end", []string{"http://x.org/p"}},
		{"![logo](http://x.org/l_(1).png) text", " text", nil},
		{"(see [NEP 47](https://numpy.org/neps/nep-0047.html))", "(see <NEP 47>)", []string{"https://numpy.org/neps/nep-0047.html"}},
		{"unbalanced [x](http://x.org/a(b) stays", "unbalanced [x](http://x.org/a(b) stays", nil},
		{`escaped \[x](http://x.org) stays`, `escaped \[x](http://x.org) stays`, nil},
		{"[no link] here", "[no link] here", nil},
		{"[outer [inner](http://x.org)", "[outer <inner>", []string{"http://x.org"}},
	}
	for _, tt := range tests {
		var links []string
		got := Replace(tt.in, func(text, dest string) string {
			links = append(links, dest)
			return "<" + text + ">"
		})
		if got != tt.want || !reflect.DeepEqual(links, tt.links) {
			t.Errorf("Replace(%q) = %q %q, want %q %q", tt.in, got, links, tt.want, tt.links)
		}
	}
}

// BenchmarkReplaceHostile: long runs of brackets and parentheses (64 KiB,
// the most of an issue body looked at) cost a bounded scan per bracket,
// not one to the end of the text.
func BenchmarkReplaceHostile(b *testing.B) {
	inputs := []string{
		strings.Repeat("[", 64<<10),
		strings.Repeat("[a](", 16<<10),
		strings.Repeat("[a](<", 12<<10),
		strings.Repeat(`[a](x "`, 9<<10),
	}
	for b.Loop() {
		for _, s := range inputs {
			Replace(s, func(text, _ string) string { return text })
		}
	}
}
