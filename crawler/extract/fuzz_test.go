package extract

import (
	"os"
	"path/filepath"
	"testing"
)

func addSeeds(f *testing.F, pattern string, extra ...string) {
	f.Helper()
	m, _ := filepath.Glob(filepath.Join("testdata", pattern))
	for _, p := range m {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range extra {
		f.Add([]byte(s))
	}
}

// fuzzOne checks the invariants any input must keep: no panic, and a
// document within the caps when there is no error.
func fuzzOne(t *testing.T, docURL, ct string, body []byte) {
	doc, err := Extract(docURL, ct, body)
	if err != nil {
		return
	}
	if len(doc.Items) > MaxItems {
		t.Fatalf("%d items", len(doc.Items))
	}
	for i, it := range doc.Items {
		if it.Position != i || len(it.Text) > MaxTextLen || len(it.Summary) > MaxSummaryLen+len("…") {
			t.Fatalf("item %d out of bounds: pos %d text %d summary %d", i, it.Position, len(it.Text), len(it.Summary))
		}
	}
}

func FuzzExtractHTML(f *testing.F) {
	addSeeds(f, "*.html", "<h1>a</h1><ul><li><strong>b</strong>c<ul><li>d", "<table><tr><td><h2>x</h2>")
	f.Fuzz(func(t *testing.T, body []byte) {
		fuzzOne(t, "https://x.org/r.html", "text/html", body)
	})
}

func FuzzExtractMarkdown(f *testing.F) {
	addSeeds(f, "*.md", "---\ntitle: x\n", "# a\n\n```{note}\n- **b", "x\n===\n- [a](b)\n    - c\n")
	f.Fuzz(func(t *testing.T, body []byte) {
		fuzzOne(t, "https://x.org/r.md", "text/markdown", body)
	})
}

func FuzzExtractRST(f *testing.F) {
	addSeeds(f, "*.rst", "===\nA\n===\n\n.. note::\n\n   x\n", "A\n-\n\n:Date: 2020\n\n* `x <y>`_::\n\n  z\n")
	f.Fuzz(func(t *testing.T, body []byte) {
		fuzzOne(t, "https://x.org/r.rst", "text/x-rst", body)
	})
}
