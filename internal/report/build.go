package report

import (
	"fmt"
	"sort"
	"time"

	"github.com/roadmapper/roadmapper/internal/audit"
	"github.com/roadmapper/roadmapper/internal/plaintext"
	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// maxNewIssues is how many new roadmap issues the report lists.
const maxNewIssues = 10

// Build assembles the report of in.Crawl against in.Previous: crawl header,
// per-project outcomes with errors, GitHub quota, item changes per project
// with probable renames, audit status changes and the new roadmap issues
// with most demand. Projects follow the configured order; projects seen in
// the crawl but no longer configured come after, by slug. Build keeps only
// http(s) URLs. It never fails.
func Build(in Input) Report {
	order, names := projectOrder(in)
	r := Report{
		Crawl:    crawlInfo(in.Crawl),
		Warnings: []string{},
		GitHub:   quota(in.Crawl.GitHub),
	}
	if in.Previous != nil {
		p := crawlInfo(*in.Previous)
		r.Previous = &p
	}
	if r.Crawl.Interrupted {
		r.Warnings = append(r.Warnings, fmt.Sprintf(
			"crawl %d did not finish (interrupted, crashed or still running): its outcomes and changes are partial", in.Crawl.ID))
	}
	if r.Previous != nil && r.Previous.Interrupted {
		r.Warnings = append(r.Warnings, fmt.Sprintf(
			"the previous crawl %d did not finish either: changes are measured against what it saved", in.Previous.ID))
	}
	r.Counts, r.Projects = outcomes(in, order, names)
	r.Changes, r.Totals = changes(in, order, names, in.Previous == nil)
	r.StatusChanges = statusChanges(in, names)
	renamedTo := map[string]bool{}
	for _, pc := range r.Changes {
		for _, rn := range pc.Renamed {
			renamedTo[rn.To.ID] = true
		}
	}
	r.NewIssues, r.NewIssueCount = newIssues(in, order, names, renamedTo)
	r.Attention = attention(in, r, names)
	r.Config = configChanges(in, order, names)
	if in.Previous == nil {
		// The first report is short: what each project has, not every item.
		r.FirstCrawl = firstCrawl(in, order, names)
		r.Changes = []ProjectChanges{}
	}
	if len(in.Audit) > 0 {
		r.AuditSummary = audit.Summary(in.Audit)
		sv := audit.NewSurvey(in.Projects, in.Audit)
		r.Survey = &sv
	}
	return r
}

// projectOrder returns the slugs in report order and their display names.
func projectOrder(in Input) ([]string, map[string]string) {
	names := make(map[string]string, len(in.Projects))
	var order []string
	for _, p := range in.Projects {
		if _, dup := names[p.Slug]; dup {
			continue
		}
		name := p.Name
		if name == "" {
			name = p.Slug
		}
		names[p.Slug] = name
		order = append(order, p.Slug)
	}
	extra := map[string]bool{}
	for slug := range in.Snapshots {
		if _, ok := names[slug]; !ok {
			extra[slug] = true
		}
	}
	for _, ev := range in.Events {
		if _, ok := names[ev.Project]; !ok {
			extra[ev.Project] = true
		}
	}
	for slug := range in.Counted {
		if _, ok := names[slug]; !ok {
			extra[slug] = true
		}
	}
	var more []string
	for slug := range extra {
		more = append(more, slug)
	}
	sort.Strings(more)
	for _, slug := range more {
		names[slug] = slug
	}
	return append(order, more...), names
}

func crawlInfo(c roadmap.Crawl) CrawlInfo {
	info := CrawlInfo{ID: c.ID, StartedAt: c.StartedAt.UTC(), Replay: c.Replay, Bytes: c.Bytes,
		Interrupted: c.FinishedAt.IsZero()}
	if !info.Interrupted {
		f := c.FinishedAt.UTC()
		info.FinishedAt = &f
		d := f.Sub(info.StartedAt)
		if d < 0 {
			d = 0
		}
		info.Duration = d.Round(time.Second).String()
		info.DurationSeconds = d.Round(time.Millisecond).Seconds()
	}
	return info
}

func quota(q roadmap.Quota) Quota {
	return Quota{Requests: q.Requests, Counted: q.Counted, NotModified: q.NotModified, Retries: q.Retries,
		Waited: q.Waited.Round(time.Second).String(), WaitedSeconds: q.Waited.Round(time.Millisecond).Seconds()}
}

// outcomes lists how the crawl went per project, with failed fetches.
func outcomes(in Input, order []string, names map[string]string) (ProjectCounts, []ProjectOutcome) {
	problems := map[string][]FetchProblem{}
	for _, f := range in.Fetches {
		if f.Err == "" && (f.Status < 400 || f.NotModified) {
			continue
		}
		msg := f.Err
		if msg == "" {
			msg = fmt.Sprintf("HTTP %d", f.Status)
		}
		problems[f.Project] = append(problems[f.Project], FetchProblem{
			URL: plaintext.SafeURL(f.URL), Kind: f.Kind, Status: f.Status, Error: clip(plaintext.OneLine(msg), 300)})
	}
	var c ProjectCounts
	out := []ProjectOutcome{}
	for _, slug := range order {
		snap, ok := in.Snapshots[slug]
		if !ok {
			c.NotCrawled++
			continue
		}
		c.Crawled++
		o := ProjectOutcome{Project: slug, Name: names[slug], Status: snap.Status,
			Error: clip(plaintext.OneLine(snap.Err), 300), FetchErrors: problems[slug]}
		switch snap.Status {
		case roadmap.StatusFetched:
			c.Fetched++
		case roadmap.StatusNotModified:
			c.NotModified++
		case roadmap.StatusFailed:
			c.Failed++
			if prev, ok := in.PrevSnapshots[slug]; ok && prev.Status == roadmap.StatusFailed {
				o.FailedSince = prev.CrawlID
			} else {
				o.NewlyFailing = in.Previous != nil
			}
		case roadmap.StatusNoSource:
			c.NoSource++
		}
		out = append(out, o)
	}
	return c, out
}

// eventBucket is one project's item events by kind (pointers into the
// events: a first crawl has one per item).
type eventBucket struct{ added, removed, changed []*roadmap.ItemEvent }

// bucketEvents groups events per project.
func bucketEvents(events []roadmap.ItemEvent) map[string]*eventBucket {
	byProject := map[string]*eventBucket{}
	for i := range events {
		ev := &events[i]
		b := byProject[ev.Project]
		if b == nil {
			b = &eventBucket{}
			byProject[ev.Project] = b
		}
		switch ev.Kind {
		case roadmap.EventAdded:
			b.added = append(b.added, ev)
		case roadmap.EventRemoved:
			b.removed = append(b.removed, ev)
		case roadmap.EventChanged:
			b.changed = append(b.changed, ev)
		}
	}
	return byProject
}

// onlyCounted says whether a project's changes are only counted: in the
// first report, whose changes are not listed, a project that only gained
// items has nothing to pair or describe.
func (b *eventBucket) onlyCounted(first bool) bool {
	return countsOnly(first, len(b.removed), len(b.changed))
}

// countsOnly is the rule of onlyCounted, from a project's numbers of
// removed and changed items.
func countsOnly(first bool, removed, changed int) bool {
	return first && removed == 0 && changed == 0
}

// CountedProjects lists the projects whose additions of document sections
// Build only counts, from the number of events of each kind per project
// (project → kind → n); first is true for the report of a first crawl. The
// caller may leave those additions out of Input.Events and give their
// number per project in Input.Counted: the report is the same.
func CountedProjects(counts map[string]map[string]int, first bool) []string {
	var out []string
	for p, n := range counts {
		if n[roadmap.EventAdded] > 0 && countsOnly(first, n[roadmap.EventRemoved], n[roadmap.EventChanged]) {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

// comparesText says whether the project's removed and added items are
// compared by their text for renames.
func (b *eventBucket) comparesText() bool {
	return len(b.removed) > 0 && len(b.added) > 0 && len(b.removed)*len(b.added) <= maxRenamePairs
}

// ItemsNeeded lists the items Build looks up in Input.Items for these
// events: ids, and among them withText, the items whose text and summary
// it reads (the removed and added items it compares for renames, and
// changed items, whose old and new text it compares). first is true for
// the report of a first crawl (Input.Previous nil), which counts items
// instead of listing them. Every other item may be left out of
// Input.Items, and the others read without their text.
func ItemsNeeded(events []roadmap.ItemEvent, first bool) (ids, withText []string) {
	byProject := bucketEvents(events)
	for _, ev := range events {
		b := byProject[ev.Project]
		tracker := ev.Kind == roadmap.EventAdded && roadmap.SourceOf(ev.Source).Tracker
		if b.onlyCounted(first) && !tracker {
			continue // neither listed nor a new issue
		}
		ids = append(ids, ev.ItemID)
		if ev.Kind == roadmap.EventChanged || b.comparesText() {
			withText = append(withText, ev.ItemID)
		}
	}
	return ids, withText
}

// changes groups item events per project, pairing probable renames. With
// first (the first report, whose changes are not listed), a project that
// only gained items is counted without naming them.
func changes(in Input, order []string, names map[string]string, first bool) ([]ProjectChanges, ItemTotals) {
	byProject := bucketEvents(in.Events)
	var totals ItemTotals
	out := []ProjectChanges{}
	for _, slug := range order {
		totals.Added += in.Counted[slug]
		b := byProject[slug]
		if b == nil {
			continue
		}
		if b.onlyCounted(first) {
			totals.Added += len(b.added)
			continue
		}
		pc := ProjectChanges{Project: slug, Name: names[slug], Changed: []ItemRef{}}
		withText := b.comparesText()
		removed := make([]candidate, len(b.removed))
		for i, ev := range b.removed {
			removed[i] = in.candidate(*ev, withText)
		}
		added := make([]candidate, len(b.added))
		for i, ev := range b.added {
			added[i] = in.candidate(*ev, withText)
		}
		pc.Renamed, pc.Removed, pc.Added = pairRenames(removed, added)
		for _, ev := range b.changed {
			ref := in.ref(*ev)
			if it, ok := in.Items[ev.ItemID]; ok {
				text := it.Text
				if text == "" {
					text = it.Summary
				}
				ref.Change = describeChange(ev.OldTitle, ev.OldText, it.Title, text)
			}
			pc.Changed = append(pc.Changed, ref)
		}
		if pc.Added == nil {
			pc.Added = []ItemRef{}
		}
		if pc.Removed == nil {
			pc.Removed = []ItemRef{}
		}
		if pc.Renamed == nil {
			pc.Renamed = []Rename{}
		}
		totals.Added += len(pc.Added)
		totals.Removed += len(pc.Removed)
		totals.Renamed += len(pc.Renamed)
		totals.Changed += len(pc.Changed)
		if len(pc.Added)+len(pc.Removed)+len(pc.Renamed)+len(pc.Changed) > 0 {
			out = append(out, pc)
		}
	}
	return out, totals
}

// ref names the item of an event, from the item itself when known.
func (in Input) ref(ev roadmap.ItemEvent) ItemRef {
	r := ItemRef{ID: ev.ItemID, Title: ev.Title, Source: ev.Source}
	if it, ok := in.Items[ev.ItemID]; ok {
		if r.Title == "" {
			r.Title = it.Title
		}
		if r.Source == "" {
			r.Source = it.Source
		}
		r.URL = plaintext.SafeURL(it.URL)
		if it.Issue != nil {
			r.Issue = it.Issue.Number
		}
	}
	r.Title = plaintext.Title(r.Title)
	if r.Title == "" {
		r.Title = ev.ItemID
	}
	return r
}

func (in Input) candidate(ev roadmap.ItemEvent, withText bool) candidate {
	it, ok := in.Items[ev.ItemID]
	return newCandidate(in.ref(ev), it, ok, withText)
}

// statusChanges compares the audit after this crawl with the one before.
func statusChanges(in Input, names map[string]string) []StatusChange {
	out := []StatusChange{}
	if in.PrevAudit == nil {
		return out
	}
	prev := make(map[string]string, len(in.PrevAudit))
	for _, f := range in.PrevAudit {
		prev[f.Project] = f.Status
	}
	for _, f := range in.Audit {
		old := prev[f.Project]
		if old == f.Status {
			continue
		}
		name := names[f.Project]
		if name == "" {
			name = f.Name
		}
		if name == "" {
			name = f.Project
		}
		out = append(out, StatusChange{Project: f.Project, Name: name, From: old, To: f.Status, Reason: f.Reason})
	}
	return out
}

// newIssues lists the new roadmap-labelled GitHub issues with most demand
// (reactions + comments), at most maxNewIssues, and how many there were.
// Issues that are renames of known ones (skip) are not new.
func newIssues(in Input, order []string, names map[string]string, skip map[string]bool) ([]Issue, int) {
	rank := make(map[string]int, len(order))
	for i, slug := range order {
		rank[slug] = i
	}
	var all []Issue
	for _, ev := range in.Events {
		if ev.Kind != roadmap.EventAdded || !roadmap.SourceOf(ev.Source).Tracker || skip[ev.ItemID] {
			continue
		}
		ref := in.ref(ev)
		is := Issue{Project: ev.Project, Name: names[ev.Project], Title: ref.Title, URL: ref.URL, Number: ref.Issue}
		if it, ok := in.Items[ev.ItemID]; ok && it.Issue != nil {
			is.Reactions, is.Comments = it.Issue.Reactions, it.Issue.Comments
			is.Demand = is.Reactions + is.Comments
		}
		all = append(all, is)
	}
	sort.SliceStable(all, func(i, j int) bool {
		a, b := all[i], all[j]
		if a.Demand != b.Demand {
			return a.Demand > b.Demand
		}
		if rank[a.Project] != rank[b.Project] {
			return rank[a.Project] < rank[b.Project]
		}
		return a.Number < b.Number
	})
	n := len(all)
	if len(all) > maxNewIssues {
		all = all[:maxNewIssues]
	}
	if all == nil {
		all = []Issue{}
	}
	return all, n
}

// clip shortens s to at most n runes, ending with "…" when cut.
func clip(s string, n int) string {
	i := 0
	for pos := range s {
		if i == n {
			return s[:pos] + "…"
		}
		i++
	}
	return s
}
