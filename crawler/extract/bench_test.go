package extract

import (
	"fmt"
	"strings"
	"testing"
)

// sphinxPage builds a Sphinx-shaped page of about size bytes.
func sphinxPage(size int) []byte {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html><head><title>Quasar roadmap &#8212; Quasar</title></head><body>
<div class="related" role="navigation"><ul><li><a href="index.html">index</a></li></ul></div>
<div class="document"><div class="body" role="main"><section id="quasar-roadmap"><h1>Quasar roadmap<a class="headerlink" href="#quasar-roadmap">¶</a></h1>
<p>Last updated: 2024-03-01.</p>`)
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, `<section id="item-%d"><h2>Item %d<a class="headerlink" href="#item-%d">¶</a></h2>`, i, i, i)
		for j := 0; j < 4; j++ {
			fmt.Fprintf(&b, `<p>Quasar should do thing %d.%d better, as discussed in 2019. See <a href="https://quasar.example.org/nep/%d">NEP %d</a> for details and <code>quasar.fn()</code>.</p>`, i, j, i, i)
		}
		b.WriteString(`<ul><li><p>First point.</p></li><li><p>Second <strong>point</strong>.</p></li></ul><div class="highlight"><pre>x = 1</pre></div></section>`)
	}
	b.WriteString(`</section></div><div class="sphinxsidebar"><h3>Navigation</h3></div></div></body></html>`)
	return []byte(b.String())
}

// markdownDoc builds a Markdown roadmap of about size bytes.
func markdownDoc(size int) []byte {
	var b strings.Builder
	b.WriteString("---\ntitle: Quasar\n---\n\n# Quasar roadmap\n\nLast updated: 2024-03-01\n\n")
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "## Item %d\n\n", i)
		for j := 0; j < 4; j++ {
			fmt.Fprintf(&b, "Quasar should do *thing* %d.%d better, as discussed in 2019.\nSee [NEP %d](https://quasar.example.org/nep/%d) and `quasar.fn()`.\n\n", i, j, i, i)
		}
		b.WriteString("- **First**: point\n- Second point\n\n```python\nx = 1\n```\n\n")
	}
	return []byte(b.String())
}

func BenchmarkExtractHTML1MB(b *testing.B) {
	page := sphinxPage(1 << 20)
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Extract("https://quasar.example.org/roadmap.html", "text/html", page); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkExtractMarkdown(b *testing.B) {
	doc := markdownDoc(1 << 20)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Extract("https://quasar.example.org/roadmap.md", "text/markdown", doc); err != nil {
			b.Fatal(err)
		}
	}
}
