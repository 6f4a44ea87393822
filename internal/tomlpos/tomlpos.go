// Package tomlpos finds where tables and keys are set in a TOML document,
// so strict validation can name a line: the TOML decoder reports lines of
// syntax errors only, not of the keys it decoded. It is a line scanner, not
// a parser: run it on a document that already decoded without error.
package tomlpos

import "strings"

// Table is one table of a document: a [name] or [[name]] header and the
// keys set directly under it, or the root (Name "", Array false) holding
// the keys set before the first header.
type Table struct {
	Name  string // header name as written, trimmed, without brackets
	Array bool   // [[name]]: one element of an array of tables
	Line  int    // 1-based line of the header; of the first key for the root
	Keys  []Key
}

// Key is a bare, quoted or dotted key as written (quotes removed), with
// the 1-based line where it is set.
type Key struct {
	Name string
	Line int
}

// Header renders the table's header as written: "[[name]]", "[name]", or ""
// for the root.
func (t Table) Header() string {
	switch {
	case t.Name == "" && !t.Array:
		return ""
	case t.Array:
		return "[[" + t.Name + "]]"
	}
	return "[" + t.Name + "]"
}

// KeyLine returns the line where key is set in t, or t.Line when it is not
// set there.
func (t Table) KeyLine(key string) int {
	for _, k := range t.Keys {
		if k.Name == key {
			return k.Line
		}
	}
	return t.Line
}

// Scan returns the tables of a TOML document in order, each with the keys
// set directly in it. It follows brackets and strings, so lines inside a
// multi-line array, inline table or multi-line string are not mistaken for
// keys or headers. The root table is present only when keys are set before
// the first header.
func Scan(data string) []Table {
	var tables []Table
	cur := -1
	depth := 0    // open [ and { of a value spanning lines
	inMulti := "" // open multi-line string delimiter
	for n, line := range strings.Split(data, "\n") {
		lineNo := n + 1
		if inMulti != "" {
			i := strings.Index(line, inMulti)
			if i < 0 {
				continue
			}
			line = line[i+3:]
			inMulti = ""
			depth, inMulti = scanValue(line, depth)
			continue
		}
		trim := strings.TrimSpace(line)
		if depth == 0 {
			switch {
			case trim == "" || trim[0] == '#':
				continue
			case strings.HasPrefix(trim, "[["):
				name := trim[2:]
				if i := strings.Index(name, "]]"); i >= 0 {
					name = name[:i]
				}
				tables = append(tables, Table{Name: strings.TrimSpace(name), Array: true, Line: lineNo})
				cur = len(tables) - 1
				continue
			case trim[0] == '[':
				name := strings.Trim(strings.SplitN(trim, "]", 2)[0], "[ ")
				tables = append(tables, Table{Name: name, Line: lineNo})
				cur = len(tables) - 1
				continue
			}
			if eq := keyEnd(trim); eq > 0 {
				key := strings.Trim(strings.TrimSpace(trim[:eq]), `"'`)
				if cur < 0 {
					tables = append(tables, Table{Line: lineNo})
					cur = len(tables) - 1
				}
				tables[cur].Keys = append(tables[cur].Keys, Key{Name: key, Line: lineNo})
				depth, inMulti = scanValue(trim[eq+1:], 0)
				continue
			}
		}
		depth, inMulti = scanValue(line, depth)
	}
	return tables
}

// KeyLine finds a dotted path in tables: "table.key" is key in the
// occurrence-th (1-based) table named "table" (an array element or not), a
// path without a dot a root key, and "table" alone also matches the header.
// It returns 0 when not found.
func KeyLine(tables []Table, path string, occurrence int) int {
	seen := 0
	for _, t := range tables {
		if t.Name != "" && t.Name == path {
			seen++
			if seen >= occurrence {
				return t.Line
			}
			continue
		}
		prefix := ""
		if t.Name != "" {
			prefix = t.Name + "."
		}
		if !strings.HasPrefix(path, prefix) {
			continue
		}
		for _, k := range t.Keys {
			if prefix+k.Name == path {
				seen++
				if seen >= occurrence {
					return k.Line
				}
			}
		}
	}
	return 0
}

// keyEnd returns the index of the '=' ending a key at the start of line, or -1.
func keyEnd(line string) int {
	inQ := byte(0)
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case inQ != 0:
			if c == inQ {
				inQ = 0
			}
		case c == '"' || c == '\'':
			inQ = c
		case c == '=':
			return i
		case c == '[' || c == '{' || c == '#':
			return -1
		}
	}
	return -1
}

// scanValue follows brackets and strings through a piece of value text and
// returns the bracket depth after it and any multi-line string left open.
func scanValue(s string, depth int) (int, string) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '#':
			return depth, ""
		case '[', '{':
			depth++
		case ']', '}':
			if depth > 0 {
				depth--
			}
		case '"', '\'':
			delim := string([]byte{c, c, c})
			if strings.HasPrefix(s[i:], delim) {
				j := strings.Index(s[i+3:], delim)
				if j < 0 {
					return depth, delim
				}
				i += 3 + j + 2
				continue
			}
			for i++; i < len(s) && s[i] != c; i++ {
				if c == '"' && s[i] == '\\' {
					i++
				}
			}
		}
	}
	return depth, ""
}
