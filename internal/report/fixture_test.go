package report

import (
	"time"

	"github.com/roadmapper/roadmapper/internal/audit"
	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// The fixture is two nightly crawls of five made-up projects:
//   - orbit: a section added, one removed, one renamed, one rewritten, a new issue;
//   - lattice: its page starts failing (HTTP 503);
//   - quill: had no roadmap, gains one;
//   - tern: roadmap kept as GitHub issues; new ones arrive, one is retitled;
//   - fjord: page not modified.

var (
	t41 = time.Date(2026, 11, 25, 3, 15, 0, 0, time.UTC)
	t42 = time.Date(2026, 11, 26, 3, 15, 0, 0, time.UTC)
)

func fixtureProjects() []roadmap.Project {
	return []roadmap.Project{
		{Slug: "orbit", Name: "Orbit", Repo: "orbit-dev/orbit", Roadmap: []string{"https://orbit.example.org/roadmap.html"}},
		{Slug: "lattice", Name: "Lattice", Roadmap: []string{"https://lattice.example.org/plans/"}},
		{Slug: "quill", Name: "Quill", Repo: "quill/quill", Roadmap: []string{"https://quill.example.org/roadmap/"}},
		{Slug: "tern", Name: "Tern", Repo: "tern-org/tern"},
		{Slug: "fjord", Name: "Fjord", Roadmap: []string{"https://fjord.example.org/roadmap.md"}},
	}
}

func item(project, title, url, summary, text string) roadmap.Item {
	return roadmap.Item{ID: roadmap.ItemID(project, title), Project: project, Title: title, URL: url,
		Summary: summary, Text: text, Source: roadmap.SourcePage}
}

func issue(project string, number int, title string, reactions, comments int) roadmap.Item {
	it := roadmap.Item{Project: project, Title: title, Source: roadmap.SourceGitHub,
		URL:   "https://github.com/" + project + "/" + project + "/issues/" + itoa(number),
		Issue: &roadmap.IssueFacts{Number: number, Reactions: reactions, Comments: comments, Labels: []string{"roadmap"}}}
	it.ID = roadmap.ItemID(project, "issue "+itoa(number)+" "+title)
	return it
}

func itoa(n int) string {
	s := ""
	for n > 0 || s == "" {
		s = string(rune('0'+n%10)) + s
		n /= 10
	}
	return s
}

func event(kind string, it roadmap.Item) roadmap.ItemEvent {
	return roadmap.ItemEvent{CrawlID: 42, Project: it.Project, ItemID: it.ID, Kind: kind, Source: it.Source, Title: it.Title}
}

// fixtureInput is crawl 42 against crawl 41.
func fixtureInput() Input {
	orbitPage := "https://orbit.example.org/roadmap.html"
	gpu := item("orbit", "GPU support", orbitPage+"#gpu-support",
		"Run the core kernels on graphics cards.", "Run the core kernels on graphics cards through a device-neutral array layer.")
	legacy := item("orbit", "Legacy build system", orbitPage+"#legacy-build-system",
		"Retire the old build scripts.", "Retire the old build scripts in favour of a declarative configuration.")
	ioText := "Reading and writing large tables should stream from disk in chunks, so memory stays flat, and the common formats get native readers with type inference and compression support."
	ioOld := item("orbit", "Faster I/O", orbitPage+"#faster-i-o", "Stream large tables from disk.", ioText)
	ioNew := item("orbit", "Faster input and output", orbitPage+"#faster-input-and-output", "Stream large tables from disk.", ioText+" Benchmarks guard it.")
	docs := item("orbit", "Documentation", orbitPage+"#documentation", "A rewritten user guide.", "A rewritten user guide with tutorials for newcomers.")
	orbitIssue := issue("orbit", 812, "Plan the 3.0 deprecations", 14, 9)

	quillPage := "https://quill.example.org/roadmap/"
	var quillItems []roadmap.Item
	for _, title := range []string{"Plugin API", "Accessibility", "Offline mode", "Packaging"} {
		quillItems = append(quillItems, item("quill", title, quillPage+"#"+roadmap.Slug(title),
			"What "+title+" should become.", "A paragraph written for the fixture about "+title+"."))
	}

	ternOld := issue("tern", 5, "Streaming parser", 3, 1)
	ternNew := issue("tern", 5, "Incremental streaming parser", 3, 2)
	tern1 := issue("tern", 31, "Sparse matrices", 40, 12)
	tern2 := issue("tern", 32, "Windows ARM wheels", 2, 0)

	items := map[string]roadmap.Item{}
	var events []roadmap.ItemEvent
	add := func(kind string, it roadmap.Item) {
		items[it.ID] = it
		events = append(events, event(kind, it))
	}
	add(roadmap.EventAdded, gpu)
	add(roadmap.EventRemoved, legacy)
	add(roadmap.EventRemoved, ioOld)
	add(roadmap.EventAdded, ioNew)
	add(roadmap.EventChanged, docs)
	events[len(events)-1].OldTitle, events[len(events)-1].OldText = "Documentation", "A rewritten user guide."
	add(roadmap.EventAdded, orbitIssue)
	for _, it := range quillItems {
		add(roadmap.EventAdded, it)
	}
	add(roadmap.EventRemoved, ternOld)
	add(roadmap.EventAdded, ternNew)
	add(roadmap.EventAdded, tern1)
	add(roadmap.EventAdded, tern2)

	prev := roadmap.Crawl{ID: 41, StartedAt: t41, FinishedAt: t41.Add(3*time.Minute + 12*time.Second), Projects: 5, Fetched: 4, NotModified: 1}
	crawl := roadmap.Crawl{ID: 42, StartedAt: t42, FinishedAt: t42.Add(2*time.Minute + 5*time.Second + 400*time.Millisecond),
		Projects: 5, Fetched: 3, NotModified: 1, Failed: 1, ItemsAdded: 8, ItemsRemoved: 3, ItemsChanged: 1, Bytes: 412_000,
		GitHub: roadmap.Quota{Requests: 57, Counted: 21, NotModified: 36, Retries: 2, Waited: 4500 * time.Millisecond}}

	snap := func(id int64, slug, status string) roadmap.ProjectSnapshot {
		return roadmap.ProjectSnapshot{CrawlID: id, Project: slug, Status: status}
	}
	withDoc := func(s roadmap.ProjectSnapshot, url string, items, words int) roadmap.ProjectSnapshot {
		s.RoadmapURL, s.Items, s.Words = url, items, words
		return s
	}
	prevSnaps := map[string]roadmap.ProjectSnapshot{
		"orbit":   withDoc(snap(41, "orbit", roadmap.StatusFetched), orbitPage, 6, 1800),
		"lattice": withDoc(snap(41, "lattice", roadmap.StatusFetched), "https://lattice.example.org/plans/", 5, 900),
		"tern":    snap(41, "tern", roadmap.StatusNoSource),
		"fjord":   withDoc(snap(41, "fjord", roadmap.StatusFetched), "https://fjord.example.org/roadmap.md", 4, 700),
	}
	prevSnaps["quill"] = withDoc(snap(41, "quill", roadmap.StatusFetched), "", 0, 0)
	prevSnaps["comet"] = snap(41, "comet", roadmap.StatusFetched) // since removed from the configuration
	lattice := snap(42, "lattice", roadmap.StatusFailed)
	lattice.Err = "fetch https://lattice.example.org/plans/: HTTP 503 Service Unavailable"
	snaps := map[string]roadmap.ProjectSnapshot{
		"orbit":   withDoc(snap(42, "orbit", roadmap.StatusFetched), orbitPage, 6, 1850),
		"lattice": lattice,
		"quill":   withDoc(snap(42, "quill", roadmap.StatusFetched), quillPage, 4, 640),
		"tern":    snap(42, "tern", roadmap.StatusNoSource),
		"fjord":   withDoc(snap(42, "fjord", roadmap.StatusNotModified), "https://fjord.example.org/roadmap.md", 4, 700),
	}
	for _, slug := range []string{"orbit", "tern"} {
		sn := snaps[slug]
		sn.GitHub = &roadmap.GitHubResult{Skipped: "rate limited until 14:05 (UTC)"}
		snaps[slug] = sn
	}
	fetches := []roadmap.Fetch{
		{Project: "orbit", URL: orbitPage, Kind: roadmap.FetchPage, Status: 200, Bytes: 40_000},
		{Project: "orbit", URL: "https://orbit.example.org/logo.svg", Kind: roadmap.FetchLogo, Status: 404},
		{Project: "lattice", URL: "https://lattice.example.org/plans/", Kind: roadmap.FetchPage, Status: 503, Err: "HTTP 503 Service Unavailable"},
		{Project: "fjord", URL: "https://fjord.example.org/roadmap.md", Kind: roadmap.FetchPage, Status: 304, NotModified: true},
	}
	str := func(s string) *string { return &s }
	prevAudit := []audit.Finding{
		{Project: "orbit", Name: "Orbit", Status: audit.StatusGood, Reason: "6 items, 1800 words, updated 2 months ago"},
		{Project: "lattice", Name: "Lattice", Status: audit.StatusGood, Reason: "5 items, 900 words, updated 5 months ago"},
		{Project: "quill", Name: "Quill", Status: audit.StatusNone, Reason: "no roadmap configured or found"},
		{Project: "tern", Name: "Tern", Status: audit.StatusThin, Reason: "roadmap kept as 1 labelled issue, fewer than 3 items"},
		{Project: "fjord", Name: "Fjord", Status: audit.StatusGood, Reason: "4 items, 700 words, updated 23 months ago"},
	}
	curAudit := []audit.Finding{
		{Project: "orbit", Name: "Orbit", Status: audit.StatusGood, RoadmapURL: str(orbitPage), Reason: "6 items, 1850 words, updated today"},
		{Project: "lattice", Name: "Lattice", Status: audit.StatusUnreachable, Reason: "could not fetch in crawl 42: HTTP 503 Service Unavailable"},
		{Project: "quill", Name: "Quill", Status: audit.StatusGood, Reason: "4 items, 640 words, updated today"},
		{Project: "tern", Name: "Tern", Status: audit.StatusGood, Reason: "roadmap kept as 3 labelled issues"},
		{Project: "fjord", Name: "Fjord", Status: audit.StatusStale, Reason: "4 items, 700 words, updated 3 years ago"},
	}
	return Input{Crawl: crawl, Previous: &prev, Projects: fixtureProjects(), Snapshots: snaps, PrevSnapshots: prevSnaps,
		Events: events, Items: items, Fetches: fetches, Audit: curAudit, PrevAudit: prevAudit}
}

// firstInterruptedInput is a first crawl that never finished.
func firstInterruptedInput() Input {
	in := fixtureInput()
	in.Previous, in.PrevSnapshots, in.PrevAudit = nil, nil, nil
	in.Crawl.ID = 1
	in.Crawl.FinishedAt = time.Time{}
	in.Crawl.Replay = true
	delete(in.Snapshots, "fjord")
	return in
}
