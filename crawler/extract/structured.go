package extract

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/roadmapper/roadmapper/internal/roadmap"
)

// Limits of YAML and JSON roadmaps: crawled data is untrusted, so the size,
// the nesting and the number of nodes (aliases included, each time they
// are used) are capped before anything is built from it.
const (
	MaxStructuredSize = 2 << 20 // bytes of a YAML or JSON roadmap read as tasks
	maxTreeDepth      = 64      // nesting of maps and lists
	maxTreeNodes      = 100_000 // nodes visited, aliases counted at every use
)

// errTreeLimit is a YAML or JSON document past maxTreeDepth or maxTreeNodes.
var errTreeLimit = errors.New("nested too deeply or too many nodes")

// tnode is a YAML or JSON value after the caps: a scalar, a map (keys and
// vals in document order) or a list (vals).
type tnode struct {
	kind tkind
	s    string
	keys []string
	vals []*tnode
	line int // 1-based line in the source, 0 when unknown
}

type tkind int

const (
	tScalar tkind = iota
	tMap
	tList
)

// Keys a task entry is recognised by, in order of preference; matched
// without regard to case, "-" and "_".
var (
	titleKeys  = []string{"title", "label", "name", "task", "goal", "objective", "feature", "summary"}
	descKeys   = []string{"description", "desc", "details", "body", "text", "summary", "notes", "rationale", "motivation", "why"}
	statusKeys = []string{"status", "state", "stage", "progress"}
	dependKeys = []string{"dependson", "depends", "dependencies", "requires", "after", "blockedby"}
	dueKeys    = []string{"due", "duedate", "deadline", "target", "targetdate", "eta", "milestone", "release", "when"}
	doneFlags  = []string{"done", "completed", "complete", "finished", "closed"}
	idKeys     = []string{"id", "key", "slug", "ref"}
	dateKeys   = []string{"date", "updated", "lastupdated", "lastmodified", "modified", "lastmod", "revised", "reviewed"}
)

// doneStates are status values of a finished task, which is kept aside.
var doneStates = map[string]bool{
	"done": true, "complete": true, "completed": true, "finished": true, "closed": true, "merged": true,
	"shipped": true, "released": true, "resolved": true, "implemented": true, "delivered": true,
	"fixed": true, "landed": true, "achieved": true, "accomplished": true,
}

// parseYAMLTree reads the first YAML document of src into a capped tree.
func parseYAMLTree(src []byte) (*tnode, error) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(src))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, ErrEmpty
		}
		return nil, err
	}
	budget := maxTreeNodes
	return fromYAML(&doc, 0, &budget)
}

func fromYAML(n *yaml.Node, depth int, budget *int) (*tnode, error) {
	*budget--
	if *budget < 0 || depth > maxTreeDepth {
		return nil, errTreeLimit
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return &tnode{kind: tScalar}, nil
		}
		return fromYAML(n.Content[0], depth, budget)
	case yaml.AliasNode:
		if n.Alias == nil {
			return &tnode{kind: tScalar}, nil
		}
		return fromYAML(n.Alias, depth+1, budget) // budget counts every use
	case yaml.MappingNode:
		t := &tnode{kind: tMap, line: n.Line}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind == yaml.ScalarNode && k.Value == "<<" {
				continue // merge keys: the anchor is read where it was written
			}
			val, err := fromYAML(v, depth+1, budget)
			if err != nil {
				return nil, err
			}
			t.keys = append(t.keys, k.Value)
			t.vals = append(t.vals, val)
		}
		return t, nil
	case yaml.SequenceNode:
		t := &tnode{kind: tList, line: n.Line}
		for _, c := range n.Content {
			val, err := fromYAML(c, depth+1, budget)
			if err != nil {
				return nil, err
			}
			t.vals = append(t.vals, val)
		}
		return t, nil
	}
	if n.Tag == "!!null" {
		return &tnode{kind: tScalar, line: n.Line}, nil
	}
	return &tnode{kind: tScalar, s: n.Value, line: n.Line}, nil
}

// parseJSONTree reads one JSON value into a capped tree, token by token so
// that nesting is checked before it is built.
func parseJSONTree(src []byte) (*tnode, error) {
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	budget := maxTreeNodes
	t, err := fromJSON(dec, nil, 0, &budget)
	if errors.Is(err, io.EOF) {
		return nil, ErrEmpty
	}
	return t, err
}

func fromJSON(dec *json.Decoder, tok json.Token, depth int, budget *int) (*tnode, error) {
	*budget--
	if *budget < 0 || depth > maxTreeDepth {
		return nil, errTreeLimit
	}
	if tok == nil {
		var err error
		if tok, err = dec.Token(); err != nil {
			return nil, err
		}
	}
	switch v := tok.(type) {
	case json.Delim:
		t := &tnode{kind: tList}
		if v == '{' {
			t.kind = tMap
		}
		for dec.More() {
			if t.kind == tMap {
				k, err := dec.Token()
				if err != nil {
					return nil, err
				}
				ks, _ := k.(string)
				t.keys = append(t.keys, ks)
			}
			val, err := fromJSON(dec, nil, depth+1, budget)
			if err != nil {
				return nil, err
			}
			t.vals = append(t.vals, val)
		}
		if _, err := dec.Token(); err != nil { // the closing delimiter
			return nil, err
		}
		return t, nil
	case string:
		return &tnode{kind: tScalar, s: v}, nil
	case json.Number:
		return &tnode{kind: tScalar, s: v.String()}, nil
	case bool:
		return &tnode{kind: tScalar, s: strconv.FormatBool(v)}, nil
	}
	return &tnode{kind: tScalar}, nil // null
}

// normKey folds a key for matching: "Depends_On" and "depends-on" are
// "dependson".
func normKey(k string) string {
	k = strings.ToLower(k)
	return strings.NewReplacer("_", "", "-", "", " ", "").Replace(k)
}

// field returns the value of the first of names that t (a map) has, and
// the key as written.
func (t *tnode) field(names ...string) (*tnode, string) {
	if t == nil || t.kind != tMap {
		return nil, ""
	}
	for _, name := range names {
		for i, k := range t.keys {
			if normKey(k) == name {
				return t.vals[i], k
			}
		}
	}
	return nil, ""
}

// text is a scalar's text, or a list of scalars joined with ", ".
func (t *tnode) text() string {
	if t == nil {
		return ""
	}
	switch t.kind {
	case tScalar:
		return strings.TrimSpace(t.s)
	case tList:
		var parts []string
		for _, v := range t.vals {
			if v.kind == tScalar && strings.TrimSpace(v.s) != "" {
				parts = append(parts, strings.TrimSpace(v.s))
			}
		}
		return strings.Join(parts, ", ")
	}
	return ""
}

// task is one entry of a task list or task graph.
type task struct {
	node  *tnode
	id    string
	title string
	desc  string
	done  bool
}

// readTask reads a map as a task: it needs a title (or, in a map keyed by
// id, the key) and a description, a status, dependencies or a due date.
func readTask(m *tnode, key string) (task, bool) {
	if m == nil || m.kind != tMap {
		return task{}, false
	}
	tv, titleKey := m.field(titleKeys...)
	tk := task{node: m, title: oneLine(tv.text())}
	var descNames []string
	for _, k := range descKeys {
		if k != normKey(titleKey) {
			descNames = append(descNames, k)
		}
	}
	dv, _ := m.field(descNames...)
	tk.desc = strings.ReplaceAll(dv.text(), `\n`, "\n")
	if v, _ := m.field(idKeys...); v.text() != "" {
		tk.id = v.text()
	} else {
		tk.id = key
	}
	if tk.title == "" {
		tk.title = oneLine(key)
	}
	if tk.title == "" || len(tk.title) > 300 {
		return task{}, false
	}
	sv, _ := m.field(statusKeys...)
	tk.done = doneStates[strings.ToLower(sv.text())]
	for _, f := range doneFlags {
		if v, _ := m.field(f); v != nil && strings.EqualFold(v.text(), "true") {
			tk.done = true
		}
	}
	dep, _ := m.field(dependKeys...)
	due, _ := m.field(dueKeys...)
	if tk.desc == "" && sv == nil && dep == nil && due == nil {
		return task{}, false
	}
	return tk, true
}

// oneLine folds a title written over lines ("Declarative signatures\nfor
// overloads", with a literal backslash-n as some graph tools want).
func oneLine(s string) string {
	return collapse(strings.ReplaceAll(s, `\n`, " "))
}

// taskList reads the entries of a list (or of a map keyed by id) as tasks;
// ok when at least half of the entries are tasks.
func taskList(t *tnode) ([]task, bool) {
	var tasks []task
	switch t.kind {
	case tList:
		for _, v := range t.vals {
			if tk, ok := readTask(v, ""); ok {
				tasks = append(tasks, tk)
			}
		}
	case tMap:
		for i, v := range t.vals {
			if v.kind != tMap {
				return nil, false
			}
			if tk, ok := readTask(v, t.keys[i]); ok {
				tasks = append(tasks, tk)
			}
		}
	default:
		return nil, false
	}
	if len(tasks) == 0 || len(tasks)*2 < len(t.vals) {
		return nil, false
	}
	return tasks, true
}

// bestTaskList finds the task list of a tree with the most open tasks, the
// shallowest first on a tie, without looking inside the tasks it takes.
func bestTaskList(root *tnode) []task {
	var best []task
	bestOpen := -1
	var walk func(t *tnode)
	walk = func(t *tnode) {
		if t.kind == tScalar {
			return
		}
		if tasks, ok := taskList(t); ok {
			n := 0
			for _, tk := range tasks {
				if !tk.done {
					n++
				}
			}
			if n > bestOpen {
				best, bestOpen = tasks, n
			}
			return
		}
		for _, v := range t.vals {
			walk(v)
		}
	}
	walk(root)
	return best
}

// openSubtasks are the titles of open tasks nested in a task (a milestone's
// deliverables), which become its points.
func openSubtasks(t *tnode) []string {
	var out []string
	var walk func(n *tnode)
	walk = func(n *tnode) {
		if n.kind == tScalar {
			return
		}
		if tasks, ok := taskList(n); ok {
			for _, tk := range tasks {
				if !tk.done {
					out = append(out, tk.title)
				}
			}
			return
		}
		for _, v := range n.vals {
			walk(v)
		}
	}
	for _, v := range t.vals {
		walk(v)
	}
	return out
}

// buildStructured turns a YAML or JSON roadmap into a document: one item
// per open task of its task list or task graph, done tasks kept aside (not
// items, but their words count). A tree without a task list gives a
// document with no items, its words and dates, and a Note.
func buildStructured(docURL, format string, body []byte) *roadmap.Document {
	name := strings.ToUpper(format)
	doc := &roadmap.Document{URL: docURL, Format: format, Items: []roadmap.Item{}}
	if len(body) > MaxStructuredSize {
		return unread(doc, string(body), fmt.Sprintf("%s larger than %d bytes", name, MaxStructuredSize))
	}
	var root *tnode
	var err error
	if format == FormatJSON {
		root, err = parseJSONTree(body)
	} else {
		root, err = parseYAMLTree(body)
	}
	if err != nil {
		return unread(doc, string(body), name+" that does not parse: "+clip(err.Error()))
	}
	base, _ := url.Parse(docURL)
	pageURL := docURL
	if base != nil {
		u := *base
		u.Fragment, u.RawFragment = "", ""
		pageURL = u.String()
	}
	var meta []dateMatch
	if root.kind == tMap {
		for _, holder := range []*tnode{root, fieldOr(root, "meta", "metadata", "info", "about")} {
			if doc.Title == "" {
				t, _ := holder.field("title", "name")
				doc.Title = oneLine(t.text())
			}
			if v, k := holder.field(dateKeys...); v != nil {
				if d, ok := metaDate(k+": ", v.text()); ok {
					meta = append(meta, d)
				}
			}
		}
	}
	tasks := bestTaskList(root)
	if len(tasks) == 0 {
		return unread(doc, strings.Join(scalars(root, nil), "\n\n"), name+" without a list of tasks")
	}
	titles := map[string]string{}
	for _, tk := range tasks {
		if tk.id != "" {
			titles[tk.id] = tk.title
		}
	}
	var blocks []block
	for _, tk := range tasks {
		desc := parseMarkdown(tk.desc).blocks
		blocks = append(blocks, block{kind: blockHeading, level: 2, text: tk.title})
		blocks = append(blocks, desc...)
		if tk.done || len(doc.Items) >= MaxItems {
			continue
		}
		u := pageURL
		if tk.node.line > 0 && base != nil && base.Host == "github.com" {
			u += "#L" + strconv.Itoa(tk.node.line) // GitHub shows a file's line
		}
		s := section{item: roadmap.Item{Title: tk.title, URL: u, Source: roadmap.SourcePage, DocURL: docURL}}
		for _, b := range desc {
			b.text = collapse(b.text)
			if b.kind == blockHeading {
				s.item.Points = append(s.item.Points, b.text)
			}
			if b.text != "" {
				s.add(b)
			}
		}
		s.item.Points = append(s.item.Points, openSubtasks(tk.node)...)
		s.text = append(s.text, taskFacts(tk, titles)...)
		it := s.finish(base)
		it.Position = len(doc.Items)
		doc.Items = append(doc.Items, it)
	}
	for _, s := range scalars(root, nil) {
		doc.Words += len(strings.Fields(s))
	}
	doc.Dates = findDates(blocks, meta, nil)
	if len(doc.Items) == 0 {
		doc.Note = fmt.Sprintf("every one of its %d tasks is marked done", len(tasks))
	}
	return doc
}

// taskFacts are the status, dependencies and due date of a task as lines
// of its text.
func taskFacts(tk task, titles map[string]string) []string {
	var out []string
	if v, _ := tk.node.field(statusKeys...); v.text() != "" {
		out = append(out, "Status: "+clip(v.text())+".")
	}
	if v, _ := tk.node.field(dependKeys...); v != nil {
		var deps []string
		for _, d := range strings.Split(v.text(), ", ") {
			if t := titles[d]; t != "" {
				d = t
			}
			if d != "" {
				deps = append(deps, d)
			}
		}
		if len(deps) > 0 {
			out = append(out, "Depends on: "+strings.Join(deps, "; ")+".")
		}
	}
	if v, k := tk.node.field(dueKeys...); v.text() != "" {
		out = append(out, strings.ToUpper(k[:1])+strings.ReplaceAll(k[1:], "_", " ")+": "+clip(v.text())+".")
	}
	return out
}

func fieldOr(t *tnode, names ...string) *tnode {
	v, _ := t.field(names...)
	return v
}

// scalars lists the text of every string value of a tree (not its keys).
func scalars(t *tnode, out []string) []string {
	if t == nil {
		return out
	}
	if t.kind == tScalar {
		if s := strings.TrimSpace(t.s); s != "" {
			return append(out, s)
		}
		return out
	}
	for _, v := range t.vals {
		out = scalars(v, out)
	}
	return out
}
