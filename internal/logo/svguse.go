package logo

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// Limits on <use>: how deep references may nest, and how many elements a
// document may draw once every <use> is expanded. A reference cycle is
// never rendered, whatever the limits.
const (
	maxUseDepth     = 16
	maxSVGExpansion = 200_000
)

// useRef is one <use href="#target"> of a sanitised body.
type useRef struct {
	start, end int   // byte range of the element, end tag included
	owners     []int // ids whose expansion contains this <use>
	target     int   // id index of the target; -1 when not in the document
	dropped    bool
}

// boundUses makes the sanitised body safe to expand: it removes every
// <use> that closes a reference cycle, and fails when the remaining
// references nest deeper than maxUseDepth or would draw more than
// maxSVGExpansion elements. Renderers follow <use> recursively, so a cycle
// or an exponential fan-out would otherwise exhaust the stack or memory.
//
// An element belongs to the expansion of every ancestor with an id (what
// SVG means) and, inside <defs>, also of the nearest id'd element before
// it (what oksvg does: its definitions run from one id to the next), so
// the analysis is safe for both renderers.
func (d *svgDoc) boundUses() error {
	if !bytes.Contains(d.body, []byte("use")) {
		return nil
	}
	ids := map[string]int{}
	idOf := func(s string) int {
		if i, ok := ids[s]; ok {
			return i
		}
		ids[s] = len(ids)
		return len(ids) - 1
	}
	type open struct {
		id    int // -1 when none
		use   int // index into uses when a <use>; -1 otherwise
		local string
	}
	var (
		stack    []open
		uses     []useRef
		count    []int // elements in each id's expansion, before references
		targets  []string
		defDepth int // depth of the open <defs>; 0 when none
		curDef   = -1
		total    int
	)
	grow := func(i int) {
		for len(count) <= i {
			count = append(count, 0)
		}
	}
	dec := xml.NewDecoder(bytes.NewReader(d.body))
	dec.Strict = false
	for {
		off := int(dec.InputOffset())
		tok, err := dec.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("invalid SVG: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			total++
			local := strings.ToLower(t.Name.Local)
			o := open{id: -1, use: -1, local: local}
			target := ""
			for _, a := range t.Attr {
				switch {
				case a.Name.Local == "id" && a.Value != "":
					o.id = idOf(a.Value)
					grow(o.id)
				case local == "use" && strings.EqualFold(a.Name.Local, "href"):
					if v := strings.TrimSpace(a.Value); strings.HasPrefix(v, "#") {
						target = v[1:]
					}
				}
			}
			if defDepth > 0 && o.id >= 0 {
				curDef = o.id
			}
			owners := make([]int, 0, 4)
			for _, s := range stack {
				if s.id >= 0 {
					owners = append(owners, s.id)
				}
			}
			if o.id >= 0 {
				owners = append(owners, o.id)
			}
			if defDepth > 0 && curDef >= 0 && (len(owners) == 0 || owners[len(owners)-1] != curDef) {
				owners = append(owners, curDef)
			}
			for _, id := range owners {
				count[id]++
			}
			if local == "use" && target != "" {
				o.use = len(uses)
				uses = append(uses, useRef{start: off, owners: owners, target: -1})
				targets = append(targets, target)
			}
			stack = append(stack, o)
			if local == "defs" && defDepth == 0 {
				defDepth = len(stack)
				curDef = -1
			}
		case xml.EndElement:
			if len(stack) == 0 {
				continue // the root's end tag
			}
			o := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if o.use >= 0 {
				uses[o.use].end = int(dec.InputOffset())
			}
			if defDepth > len(stack) {
				defDepth, curDef = 0, -1
			}
		}
	}
	if len(uses) == 0 {
		return nil
	}
	for i := range uses {
		if j, ok := ids[targets[i]]; ok {
			uses[i].target = j
		}
	}
	g := newUseGraph(len(ids), uses)
	comp := g.components()
	for i := range uses {
		u := &uses[i]
		if u.target < 0 {
			continue
		}
		for _, o := range u.owners {
			if comp[o] == comp[u.target] {
				u.dropped = true
				break
			}
		}
	}
	g = newUseGraph(len(ids), uses)
	size := make([]int, len(ids))
	depth := make([]int, len(ids))
	done := make([]bool, len(ids))
	var visit func(id int)
	visit = func(id int) {
		if done[id] {
			return
		}
		done[id] = true
		s, dp := count[id], 0
		for _, t := range g.edges[id] {
			visit(t)
			s = min(s+size[t], maxSVGExpansion+1)
			dp = max(dp, depth[t]+1)
		}
		size[id], depth[id] = s, dp
	}
	var dropped []string
	for i := range uses {
		u := uses[i]
		if u.target < 0 {
			continue
		}
		if u.dropped {
			dropped = append(dropped, targets[i])
			continue
		}
		visit(u.target)
		total = min(total+size[u.target], maxSVGExpansion+1)
		if depth[u.target]+1 > maxUseDepth {
			return fmt.Errorf("SVG too complex: <use> references nest over %d deep", maxUseDepth)
		}
	}
	if total > maxSVGExpansion {
		return fmt.Errorf("SVG too complex: <use> expands to over %d elements", maxSVGExpansion)
	}
	if len(dropped) == 0 {
		return nil
	}
	var out bytes.Buffer
	out.Grow(len(d.body))
	last := 0
	for _, u := range uses {
		if !u.dropped || u.start < last {
			continue // a dropped <use> inside another one went with it
		}
		out.Write(d.body[last:u.start])
		last = u.end
	}
	out.Write(d.body[last:])
	d.body = out.Bytes()
	d.removed = append(d.removed, fmt.Sprintf("%d <use> in a reference cycle (#%s)", len(dropped), truncate(dropped[0], 40)))
	return nil
}

// useGraph links each id to the ids its expansion references through
// <use> elements that were not dropped.
type useGraph struct{ edges [][]int }

func newUseGraph(n int, uses []useRef) *useGraph {
	g := &useGraph{edges: make([][]int, n)}
	for _, u := range uses {
		if u.dropped || u.target < 0 {
			continue
		}
		for _, o := range u.owners {
			g.edges[o] = append(g.edges[o], u.target)
		}
	}
	return g
}

// components labels each id with its strongly connected component
// (Tarjan's algorithm, iterative so a long chain cannot exhaust the stack).
// Two ids in one component reach each other; an id with an edge to itself
// shares its component with itself, which is what a cycle test needs.
func (g *useGraph) components() []int {
	n := len(g.edges)
	index := make([]int, n)
	low := make([]int, n)
	comp := make([]int, n)
	onStack := make([]bool, n)
	for i := range index {
		index[i] = -1
	}
	var stack []int
	next, label := 0, 0
	type frame struct{ v, e int }
	for root := 0; root < n; root++ {
		if index[root] >= 0 {
			continue
		}
		call := []frame{{root, 0}}
		index[root], low[root] = next, next
		next++
		stack = append(stack, root)
		onStack[root] = true
		for len(call) > 0 {
			f := &call[len(call)-1]
			v := f.v
			if f.e < len(g.edges[v]) {
				w := g.edges[v][f.e]
				f.e++
				switch {
				case index[w] < 0:
					index[w], low[w] = next, next
					next++
					stack = append(stack, w)
					onStack[w] = true
					call = append(call, frame{w, 0})
				case onStack[w]:
					low[v] = min(low[v], index[w])
				}
				continue
			}
			if low[v] == index[v] {
				for {
					w := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					onStack[w] = false
					comp[w] = label
					if w == v {
						break
					}
				}
				label++
			}
			call = call[:len(call)-1]
			if len(call) > 0 {
				p := call[len(call)-1].v
				low[p] = min(low[p], low[v])
			}
		}
	}
	return comp
}
