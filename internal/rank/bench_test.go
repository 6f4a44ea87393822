package rank

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// syntheticItems makes n deterministic items over 20 projects, a tenth of
// them GitHub issues, with 40 to 150 words of filler of which one in 20 is
// a theme term (denser than real roadmaps, where it is about one in 50).
func syntheticItems(themes []Theme, n int) []roadmap.Item {
	rng := rand.New(rand.NewPCG(7, 11))
	var vocab []string
	for _, th := range themes {
		vocab = append(vocab, th.Terms...)
	}
	filler := strings.Fields("we will the a of to and improve support users code new work project " +
		"array data functions module make better more across release plan goal library feature " +
		"this that for with are is be it as on by can which our these other needs also should such " +
		"provide implementation existing current use way ecosystem developers interface methods")
	words := func(k int) string {
		var b strings.Builder
		for i := range k {
			if i > 0 {
				b.WriteByte(' ')
			}
			if rng.IntN(20) == 0 {
				b.WriteString(vocab[rng.IntN(len(vocab))])
			} else {
				b.WriteString(filler[rng.IntN(len(filler))])
			}
		}
		return b.String()
	}
	items := make([]roadmap.Item, n)
	for i := range items {
		p := "proj" + strconv.Itoa(i%20)
		it := roadmap.Item{Project: p, Title: words(2 + rng.IntN(5)), Text: words(40 + rng.IntN(110)),
			Position: i / 20, Source: roadmap.SourcePage}
		if rng.IntN(4) == 0 {
			it.Links = []string{"https://github.com/" + p + "/" + p + "/issues/" + strconv.Itoa(i)}
		}
		if i%10 == 0 {
			it.Source = roadmap.SourceGitHub
			it.URL = "https://github.com/" + p + "/" + p + "/issues/" + strconv.Itoa(100000+i)
			it.Issue = &roadmap.IssueFacts{Number: 100000 + i, Reactions: rng.IntN(50), Comments: rng.IntN(30),
				Updated: testNow.Add(-time.Duration(rng.IntN(1000)) * time.Hour)}
		}
		it.ID = roadmap.ItemID(p, it.Title) + "-" + strconv.Itoa(i)
		items[i] = it
	}
	return items
}

func BenchmarkRank10000(b *testing.B) {
	themes := loadThemes(b)
	in := Input{
		Items:   syntheticItems(themes, 10000),
		Themes:  themes,
		Client:  profiles()["gpu-vendor"],
		Weights: DefaultWeights(),
		Updated: map[string]time.Time{"proj1": testNow.AddDate(-1, 0, 0)},
		Now:     testNow,
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		Rank(in)
	}
}

// BenchmarkTokenizer measures the one pass over an item's text that
// splits words, lowers them and looks them up (the bulk of Rank), in bytes
// of text per second.
func BenchmarkTokenizer(b *testing.B) {
	themes := loadThemes(b)
	items := syntheticItems(themes, 1000)
	m := newMatcher(themes, profiles()["gpu-vendor"].Interests)
	z := m.tokenizer()
	z.drop = true
	size := 0
	for _, it := range items {
		size += len(it.Text)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for i := range items {
			z.words(items[i].Text)
		}
	}
}

// BenchmarkComputeFeatures measures what a crawl spends on the rank
// features of 10,000 items (the scan and the word filter).
func BenchmarkComputeFeatures(b *testing.B) {
	themes := loadThemes(b)
	items := syntheticItems(themes, 10000)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		ComputeFeatures(items, themes)
	}
}

// BenchmarkRank10000Stored is BenchmarkRank10000 from stored features:
// only the items the client's interests may match are scanned.
func BenchmarkRank10000Stored(b *testing.B) {
	themes := loadThemes(b)
	items := syntheticItems(themes, 10000)
	for i := range items {
		items[i].Hash = "h" + strconv.Itoa(i)
	}
	client := profiles()["gpu-vendor"]
	q := NewInterests(client.Interests)
	feats := map[string]*Features{}
	for i, f := range ComputeFeatures(items, themes) {
		if q.Usable(&items[i], &f) {
			f.DropWords()
			feats[items[i].ID] = &f
			items[i].Text = ""
		}
	}
	in := Input{Items: items, Themes: themes, Client: client, Weights: DefaultWeights(),
		Updated: map[string]time.Time{"proj1": testNow.AddDate(-1, 0, 0)}, Now: testNow, Features: feats}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		Rank(in)
	}
}
