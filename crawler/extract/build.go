package extract

import (
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// blockKind says what a block of a parsed document is.
type blockKind int

const (
	blockHeading blockKind = iota
	blockPara              // a paragraph
	blockItem              // a list entry (its own text, without nested lists)
	blockOther             // quote, table row, definition, admonition text
)

// block is one unit of a parsed document, in document order. Every format
// parser produces the same flat list; build turns it into items.
type block struct {
	kind   blockKind
	level  int      // heading level 1..6
	depth  int      // list nesting, 0 for a top-level entry
	text   string   // plain text
	lead   string   // bold lead-in of a list entry ("**Foo**: ...")
	anchor string   // heading anchor, without "#"
	links  []string // hrefs as written
	parent string   // heading of the group a promoted sub-section came from
}

// parsed is what a format parser hands to build.
type parsed struct {
	title  string      // fallback title (<title>, front matter), used when headings give none
	blocks []block     // main content in order
	meta   []dateMatch // dates from metadata (front matter, fields, <meta>, <time>)
	extra  []string    // text outside the main content scanned for stated dates only (footers)
}

// build turns a parsed document into a roadmap.Document. A document with
// text but no structure to split (no headings, or a title over prose)
// becomes one item for the whole page, so the audit can judge it.
func build(docURL, format string, p *parsed) *roadmap.Document {
	base, err := url.Parse(docURL)
	if err != nil {
		base = nil
	}
	pageURL := docURL
	if base != nil {
		u := *base
		u.Fragment, u.RawFragment = "", ""
		pageURL = u.String()
	} else if i := strings.IndexByte(pageURL, '#'); i >= 0 {
		pageURL = pageURL[:i]
	}

	blocks := p.blocks[:0:0]
	for _, b := range p.blocks {
		if strings.Contains(b.text, "{%") || strings.Contains(b.text, "{{") {
			b.text = jinjaRe.ReplaceAllString(b.text, "")
		}
		b.text = collapse(b.text)
		if b.text == "" || b.kind == blockPara && mkdocsAdmonRe.MatchString(b.text) && len(b.text) < 40 {
			continue
		}
		blocks = append(blocks, b)
	}
	doc := &roadmap.Document{URL: docURL, Format: format, Items: []roadmap.Item{}}
	titleIdx, itemLevel := layout(blocks)
	if titleIdx >= 0 {
		doc.Title = blocks[titleIdx].text
	} else {
		doc.Title = collapse(p.title)
	}
	words := 0
	if titleIdx < 0 {
		words += len(strings.Fields(doc.Title))
	}
	for _, b := range blocks {
		words += len(strings.Fields(b.text))
	}
	doc.Words = words

	newItem := func(title, anchor string) roadmap.Item {
		u := pageURL
		if anchor != "" {
			u += "#" + anchor
		}
		return roadmap.Item{Title: title, URL: u, Source: roadmap.SourcePage, DocURL: docURL}
	}
	rest := blocks[titleIdx+1:]
	if itemLevel > 0 {
		doc.Items = itemsBySection(qualifyTitles(splitGroups(rest, itemLevel), itemLevel), itemLevel, base, newItem)
	} else if listShaped(rest) {
		doc.Items = listShapedItems(rest, base, newItem)
	}
	if len(doc.Items) == 0 {
		doc.Items = wholePageItem(doc.Title, rest, base, newItem)
	}
	if len(doc.Items) > MaxItems {
		// The item builders stop one past the cap, so this says a
		// document really had more (the crawl warns about it).
		doc.Items = doc.Items[:MaxItems]
		doc.Capped = true
	}
	for i := range doc.Items {
		doc.Items[i].Position = i
	}
	meta := append(append([]dateMatch(nil), p.meta...), framedIn(p.title, -1)...)
	doc.Dates = findDates(blocks, meta, p.extra)
	return doc
}

// wholePageItem makes one item of a page that has text but nothing to split
// it by: titled by the page's title, else by the first sentence of its
// text. A page with no text below its title has no item.
func wholePageItem(title string, body []block, base *url.URL, newItem func(string, string) roadmap.Item) []roadmap.Item {
	if len(body) == 0 {
		return nil
	}
	if title == "" {
		title, _ = listTitle(body[0].text)
		if title == "" {
			return nil
		}
	}
	s := section{item: newItem(title, "")}
	for _, b := range body {
		if b.kind == blockHeading {
			s.item.Points = append(s.item.Points, b.text)
		}
		s.add(b)
	}
	return []roadmap.Item{s.finish(base)}
}

// layout picks the title heading (index into blocks, or -1) and the level
// of the headings that make items (0: no item headings; the roadmap is
// list-shaped).
func layout(blocks []block) (titleIdx, itemLevel int) {
	minL, nMin, first := 7, 0, -1
	for i, b := range blocks {
		if b.kind != blockHeading {
			continue
		}
		if b.level < minL {
			minL, nMin, first = b.level, 1, i
		} else if b.level == minL {
			nMin++
		}
	}
	if first < 0 {
		return -1, 0
	}
	if nMin > 1 {
		// Several top headings are the items, unless the first one, opening
		// the document, names the roadmap itself ("## The Quasar Roadmap").
		if first == firstHeading(blocks) && strings.Contains(strings.ToLower(blocks[first].text), "roadmap") {
			return first, minL
		}
		return -1, minL
	}
	next := 7
	for _, b := range blocks[first+1:] {
		if b.kind == blockHeading && b.level > minL && b.level < next {
			next = b.level
		}
	}
	if next == 7 {
		return first, 0
	}
	return first, next
}

// section accumulates the blocks of one item.
type section struct {
	item  roadmap.Item
	paras []string // paragraphs, for the summary
	lead  []string // paragraphs before the first sub-heading
	other []string // first non-paragraph texts, when there is no paragraph
	text  []string
	hrefs []string
}

func (s *section) add(b block) {
	s.text = append(s.text, b.text)
	s.hrefs = append(s.hrefs, b.links...)
	switch b.kind {
	case blockPara:
		s.paras = append(s.paras, b.text)
		if len(s.item.Points) == 0 {
			s.lead = append(s.lead, b.text)
		}
	case blockItem, blockOther:
		s.other = append(s.other, b.text)
	}
}

func (s *section) finish(base *url.URL) roadmap.Item {
	it := s.item
	it.Text = truncate(strings.Join(s.text, "\n\n"), MaxTextLen)
	if len(it.Points) >= minPointsForTopics {
		// A section made of sub-sections: its own lead is often about the
		// document ("the points below…"), so name what it covers.
		it.Summary = topicsSummary(s.lead, it.Points)
	} else if len(s.paras) > 0 {
		it.Summary = summarize(s.paras)
	} else if len(s.other) > 0 {
		it.Summary = cutSummary(strings.Join(s.other, "; "), MaxSummaryLen)
	}
	it.Links = resolveLinks(base, s.hrefs, map[string]bool{})
	return it
}

// minPointsForTopics is how many sub-headings make a section a group of
// topics whose summary lists them.
const minPointsForTopics = 3

// topicsSummary is the first sentence of the section's lead (if any)
// followed by the sub-headings it covers, within MaxSummaryLen.
func topicsSummary(lead []string, points []string) string {
	var b strings.Builder
	if len(lead) > 0 {
		first, _ := firstSentence(lead[0], 200)
		b.WriteString(first)
		if !strings.HasSuffix(first, ".") && !strings.HasSuffix(first, "…") {
			b.WriteByte('.')
		}
		b.WriteByte(' ')
	}
	b.WriteString("Covers ")
	n := 0
	for i, p := range points {
		p = strings.TrimRight(p, ".:")
		if b.Len()+len(p)+12 > MaxSummaryLen {
			break
		}
		if i > 0 {
			if i == len(points)-1 {
				b.WriteString(" and ")
			} else {
				b.WriteString(", ")
			}
		}
		b.WriteString(p)
		n++
	}
	if n < len(points) {
		b.WriteString(" and more")
	}
	b.WriteByte('.')
	return b.String()
}

// summarize joins the first paragraphs until the summary is long enough,
// then cuts it to MaxSummaryLen.
func summarize(paras []string) string {
	var b strings.Builder
	for _, p := range paras {
		if b.Len() >= minSummaryGoal {
			break
		}
		if b.Len() > 0 {
			if b.Len()+1+len(p) > MaxSummaryLen {
				break
			}
			b.WriteByte(' ')
		}
		b.WriteString(p)
	}
	return cutSummary(b.String(), MaxSummaryLen)
}

// Group sections: a section that only introduces its sub-sections
// ("Roadmap points pending a PDEP", then one sub-section per point) is
// split, so each sub-section becomes an item of its own.
const (
	minGroupChildren = 2  // sub-sections a group needs
	maxGroupLead     = 80 // words of its own lead text, at most
	groupLeadRatio   = 3  // the sub-sections hold at least this many times the lead's words
)

// splitGroups rewrites blocks so that every group section at itemLevel is
// replaced by its sub-sections, promoted to itemLevel; the group's heading
// and short lead are dropped from the items (they still count as words).
func splitGroups(blocks []block, itemLevel int) []block {
	out := make([]block, 0, len(blocks))
	for i := 0; i < len(blocks); {
		b := blocks[i]
		if b.kind != blockHeading || b.level != itemLevel {
			out = append(out, b)
			i++
			continue
		}
		j := i + 1
		for j < len(blocks) && !(blocks[j].kind == blockHeading && blocks[j].level <= itemLevel) {
			j++
		}
		sec := blocks[i+1 : j]
		childLevel := 0
		for _, x := range sec {
			if x.kind == blockHeading && (childLevel == 0 || x.level < childLevel) {
				childLevel = x.level
			}
		}
		children, leadWords, childWords := 0, 0, 0
		for _, x := range sec {
			if x.kind == blockHeading && x.level == childLevel {
				children++
				continue
			}
			if children == 0 {
				leadWords += len(strings.Fields(x.text))
			} else {
				childWords += len(strings.Fields(x.text))
			}
		}
		if childLevel == 0 || children < minGroupChildren || leadWords > maxGroupLead || leadWords*groupLeadRatio > childWords {
			out = append(out, blocks[i:j]...)
			i = j
			continue
		}
		shift := childLevel - itemLevel
		started := false
		for _, x := range sec {
			if x.kind == blockHeading && x.level == childLevel {
				started = true
			}
			if !started {
				continue
			}
			if x.kind == blockHeading {
				if x.level == childLevel {
					x.parent = b.text
				}
				x.level -= shift
			}
			out = append(out, x)
		}
		i = j
	}
	return out
}

// genericTitles are sub-section headings that mean little without their
// parent ("Overview", "2025").
var genericTitles = regexp.MustCompile(`(?i)^(?:overview|summary|introduction|background|details|general|other|others|misc|miscellaneous|goals|plans|ideas|status|next steps|future work|current work|ongoing work|work items|deliverables|milestones|priorities|short[- ]term|medium[- ]term|long[- ]term|near[- ]term|(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)?\d\d)?|q[1-4](?:\s+(?:19|20)\d\d)?)$`)

// qualifyTitles keeps item titles unique within a document: a promoted
// sub-section whose heading repeats another item heading, or is generic,
// is titled by its parent too ("Strategic deliverables: Core technology").
func qualifyTitles(blocks []block, itemLevel int) []block {
	count := map[string]int{}
	for _, b := range blocks {
		if b.kind == blockHeading && b.level == itemLevel {
			count[strings.ToLower(b.text)]++
		}
	}
	for i, b := range blocks {
		if b.kind != blockHeading || b.level != itemLevel || b.parent == "" {
			continue
		}
		if count[strings.ToLower(b.text)] > 1 || genericTitles.MatchString(strings.TrimRight(b.text, ".: ")) {
			blocks[i].text = strings.TrimRight(b.parent, ".: ") + ": " + b.text
		}
	}
	return blocks
}

// List sections: a section that is one list of substantial entries (a
// numbered list of goals, each a paragraph) yields one item per entry, as a
// list-shaped roadmap does.
const (
	minListEntries   = 3  // top-level entries a list section needs
	minEntryWords    = 20 // average words per entry, nested text included
	maxListLeadWords = 60 // words before the list, at most
)

// itemsBySection makes the items of each section at itemLevel: one item per
// section, or one per list entry for a list section.
func itemsBySection(blocks []block, itemLevel int, base *url.URL, newItem func(string, string) roadmap.Item) []roadmap.Item {
	var items []roadmap.Item
	for i := 0; i < len(blocks); {
		if blocks[i].kind != blockHeading || blocks[i].level > itemLevel {
			i++ // introduction before the first item
			continue
		}
		j := i + 1
		for j < len(blocks) && !(blocks[j].kind == blockHeading && blocks[j].level <= itemLevel) {
			j++
		}
		if blocks[i].level == itemLevel {
			if entries, ok := listSection(blocks[i+1 : j]); ok {
				anchor := blocks[i].anchor
				items = append(items, listShapedItems(entries, base, func(title, _ string) roadmap.Item {
					return newItem(title, anchor)
				})...)
			} else {
				items = append(items, sectionItems(blocks[i:j], itemLevel, base, newItem)...)
			}
		}
		if len(items) > MaxItems {
			return items[:MaxItems+1]
		}
		i = j
	}
	return items
}

// listSection reports whether a section body (no sub-headings) is a list of
// substantial, titled entries, and returns the blocks from the list on.
// Entries are titled when they open with a bold lead-in or a capitalised
// first sentence short enough to be a title; lists of fragments, of
// lowercase clauses or of one-liners stay one item.
func listSection(body []block) ([]block, bool) {
	lead, entries, titled, entryWords, first := 0, 0, 0, 0, -1
	for k, b := range body {
		switch {
		case b.kind == blockHeading:
			return nil, false
		case b.kind == blockItem:
			if first < 0 {
				first = k
			}
			if b.depth == 0 {
				entries++
				if titledEntry(b) {
					titled++
				}
			}
			entryWords += len(strings.Fields(b.text))
		case first < 0:
			lead += len(strings.Fields(b.text))
		}
	}
	if first < 0 || entries < minListEntries || lead > maxListLeadWords ||
		entryWords < minEntryWords*entries || titled*4 < entries*3 {
		return nil, false
	}
	return body[first:], true
}

// listTitle titles a list entry without a bold lead-in by its first
// sentence. "Topic: aspect" entries keep the aspect; a first sentence too
// long for a title is cut at a word with "…", and the entry's whole text
// stays as its body.
func listTitle(text string) (title, rest string) {
	title, rest = firstSentence(text, maxListTitle)
	full := collapse(text)
	after := strings.TrimSpace(strings.TrimPrefix(full, title))
	switch {
	case title == "" || rest == "":
		return strings.TrimRight(title, ":. "), rest
	case strings.HasPrefix(after, ":") && !strings.ContainsAny(rest, ".!?") && len(title)+2+len(rest) <= maxListTitle:
		return title + ": " + rest, ""
	case !strings.HasPrefix(full, title) || (after != "" && !strings.ContainsAny(after[:1], ".!?:")):
		return strings.TrimRight(title, ",;- ") + "…", full
	}
	return strings.TrimRight(title, ":. "), rest
}

// titledEntry reports whether a list entry opens with something that reads
// as a title.
func titledEntry(b block) bool {
	if b.lead != "" {
		return true
	}
	t := strings.TrimSpace(b.text)
	r, _ := utf8.DecodeRuneInString(t)
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
		return false
	}
	end := strings.IndexAny(t, ".!?:")
	if end < 0 {
		end = len(t)
	}
	return end <= maxListTitle
}

// sectionItems makes one item per heading of itemLevel; deeper headings
// become the item's Points.
func sectionItems(blocks []block, itemLevel int, base *url.URL, newItem func(string, string) roadmap.Item) []roadmap.Item {
	var items []roadmap.Item
	var cur *section
	flush := func() {
		if cur != nil {
			items = append(items, cur.finish(base))
			cur = nil
		}
	}
	for _, b := range blocks {
		if b.kind == blockHeading && b.level <= itemLevel {
			flush()
			if len(items) > MaxItems {
				break
			}
			if b.level == itemLevel {
				cur = &section{item: newItem(b.text, b.anchor)}
			}
			continue
		}
		if cur == nil {
			continue // introduction before the first item
		}
		if b.kind == blockHeading {
			cur.item.Points = append(cur.item.Points, b.text)
		}
		cur.add(b)
	}
	flush()
	return items
}

// listShapedItems makes one item per top-level list entry, titled by its
// bold lead-in or else its first sentence.
func listShapedItems(blocks []block, base *url.URL, newItem func(string, string) roadmap.Item) []roadmap.Item {
	var items []roadmap.Item
	var cur *section
	var full string
	flush := func() {
		if cur != nil {
			it := cur.finish(base)
			if it.Summary == "" {
				it.Summary = cutSummary(full, MaxSummaryLen)
			}
			items = append(items, it)
			cur = nil
		}
	}
	for _, b := range blocks {
		switch {
		case b.kind == blockItem && b.depth == 0:
			flush()
			if len(items) > MaxItems {
				return items
			}
			title, rest := b.lead, ""
			if title != "" {
				rest = strings.TrimSpace(strings.TrimPrefix(b.text, title))
				rest = strings.TrimLeft(rest, ":.-–— ")
				title = strings.TrimRight(title, ":.-–— ")
			} else {
				title, rest = listTitle(b.text)
			}
			if title == "" {
				continue
			}
			full = b.text
			cur = &section{item: newItem(title, b.anchor)}
			cur.hrefs = append(cur.hrefs, b.links...)
			if rest != "" {
				cur.text = append(cur.text, rest)
				cur.paras = append(cur.paras, rest)
			}
		case b.kind == blockItem && cur != nil:
			cur.add(b)
		default:
			flush() // a paragraph or heading between entries ends the entry
		}
	}
	flush()
	return items
}

func firstHeading(blocks []block) int {
	for i, b := range blocks {
		if b.kind == blockHeading {
			return i
		}
	}
	return -1
}

// listShaped reports whether the content is essentially a list: at least
// two top-level entries holding at least 40% of the text.
func listShaped(blocks []block) bool {
	entries, listText, all := 0, 0, 0
	for _, b := range blocks {
		all += len(b.text)
		if b.kind == blockItem {
			listText += len(b.text)
			if b.depth == 0 {
				entries++
			}
		}
	}
	return entries >= 2 && listText*5 >= all*2
}
