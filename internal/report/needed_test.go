package report

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// TestItemsNeededAreEnough checks ItemsNeeded against Build: given only the
// items it names, and the text only of those it says, Build writes the same
// report as with every item in full, for a nightly report and for a first
// one (which only counts what projects that merely gained items gained).
func TestItemsNeededAreEnough(t *testing.T) {
	nightly := fixtureInput()
	first := fixtureInput()
	first.Previous, first.PrevSnapshots, first.PrevAudit = nil, nil, nil
	for name, in := range map[string]Input{"nightly": nightly, "first": first} {
		ids, withText := ItemsNeeded(in.Events, in.Previous == nil)
		slim := in
		slim.Items = map[string]roadmap.Item{}
		for _, id := range ids {
			it, ok := in.Items[id]
			if !ok {
				continue
			}
			if !slices.Contains(withText, id) {
				it.Text, it.Summary = "", ""
			}
			slim.Items[id] = it
		}
		want, _ := json.Marshal(Build(in))
		got, _ := json.Marshal(Build(slim))
		if string(got) != string(want) {
			t.Errorf("%s: report from the needed items differs:\n got %s\nwant %s", name, got, want)
		}
		if name == "first" && len(ids) >= len(in.Events) {
			t.Errorf("first: %d items needed for %d events; want fewer", len(ids), len(in.Events))
		}

		// The additions CountedProjects names may come as counts.
		counts := map[string]map[string]int{}
		for _, ev := range in.Events {
			if counts[ev.Project] == nil {
				counts[ev.Project] = map[string]int{}
			}
			counts[ev.Project][ev.Kind]++
		}
		counted := CountedProjects(counts, in.Previous == nil)
		if (name == "first") != (len(counted) > 0) {
			t.Errorf("%s: counted projects %v", name, counted)
		}
		short := slim
		short.Events, short.Counted = nil, map[string]int{}
		for _, ev := range in.Events {
			if ev.Kind == roadmap.EventAdded && roadmap.SourceOf(ev.Source).Document && slices.Contains(counted, ev.Project) {
				short.Counted[ev.Project]++
				continue
			}
			short.Events = append(short.Events, ev)
		}
		if got, _ := json.Marshal(Build(short)); string(got) != string(want) {
			t.Errorf("%s: report from counted additions differs:\n got %s\nwant %s", name, got, want)
		}
	}
}

// firstCrawlInput is the first crawl of n generated projects of 23 items.
func firstCrawlInput(n int) Input {
	in := Input{Crawl: roadmap.Crawl{ID: 1}, Snapshots: map[string]roadmap.ProjectSnapshot{}, Items: map[string]roadmap.Item{}}
	for p := range n {
		slug := fmt.Sprintf("proj%05d", p)
		in.Projects = append(in.Projects, roadmap.Project{Slug: slug, Name: fmt.Sprintf("Project %d", p)})
		in.Snapshots[slug] = roadmap.ProjectSnapshot{CrawlID: 1, Project: slug, Status: roadmap.StatusFetched, Items: 23}
		for i := range 23 {
			it := item(slug, fmt.Sprintf("Theme %d of project %d", i, p), fmt.Sprintf("https://%s.example.org/roadmap.html#theme-%d", slug, i), "", "")
			in.Events = append(in.Events, event(roadmap.EventAdded, it))
		}
	}
	return in
}

// BenchmarkBuildFirstCrawl builds the report of the first crawl of 1,000
// projects (23,000 items added), from the events alone as the app gives
// them (the items it needs: none).
func BenchmarkBuildFirstCrawl(b *testing.B) {
	in := firstCrawlInput(1000)
	b.ReportAllocs()
	for b.Loop() {
		r := Build(in)
		if r.Totals.Added != 23000 || len(r.FirstCrawl) != 1000 {
			b.Fatalf("totals %+v, %d projects", r.Totals, len(r.FirstCrawl))
		}
	}
}
