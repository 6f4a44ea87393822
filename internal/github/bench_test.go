package github

import (
	"testing"
)

// TestRegistry25 crawls a 25-repository registry (one label, five issues
// and a roadmap file each) cold and then warm.
func TestRegistry25(t *testing.T) {
	s := newSetup(t)
	ps := registry(s, 25)
	cold := s.client(t, token, nil)
	crawl(cold, ps, false)
	warm := s.client(t, token, nil)
	crawl(warm, ps, false)
	qc, qw := cold.Quota(), warm.Quota()
	t.Logf("25 repos: cold %+v; warm %+v", qc, qw)
	if qc.Counted != 75 || qw.Counted != 0 || qw.NotModified != 75 {
		t.Errorf("cold counted %d (want 75), warm counted %d (want 0), warm 304s %d (want 75)", qc.Counted, qw.Counted, qw.NotModified)
	}
}

// BenchmarkCrawl25 measures crawling 25 repositories against the fake API,
// cold (empty cache) and warm (everything answered 304).
func BenchmarkCrawl25(b *testing.B) {
	for _, warm := range []bool{false, true} {
		name := "cold"
		if warm {
			name = "warm"
		}
		b.Run(name, func(b *testing.B) {
			s := newSetup(b)
			ps := registry(s, 25)
			if warm {
				crawl(s.client(b, token, nil), ps, false)
			}
			counted := 0
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				if !warm {
					s.cache = newTestCache()
				}
				c := s.client(b, token, nil)
				b.StartTimer()
				crawl(c, ps, false)
				counted += c.Quota().Counted
			}
			b.ReportMetric(float64(counted)/float64(b.N), "counted/op")
		})
	}
}

// BenchmarkSummarise measures the Markdown summariser on a typical body.
func BenchmarkSummarise(b *testing.B) {
	body := "### Proposed new feature\n\nSupport the [array API](https://data-apis.org/) in `np.linalg`, so that " +
		"**downstream libraries** can write code once. <!-- template -->\n\n```python\nimport numpy as np\n```\n\n" +
		"- [ ] design\n- [ ] implementation\n\nSee also #1234 and https://example.org/nep/47."
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		_ = Summarise(body)
		_ = StripMarkdown(body)
	}
}
