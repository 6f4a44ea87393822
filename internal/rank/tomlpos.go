package rank

import "strings"

// tomlTable is one [[name]] table of a TOML document as seen by a line
// scanner: where it starts and on which line each of its keys is set.
type tomlTable struct {
	Name string
	Line int
	Keys []tomlKey
}

// tomlKey is a bare or quoted key set in a table, with its line.
type tomlKey struct {
	Name string
	Line int
}

// scanTables finds the [[array]] tables of a TOML document and the keys set
// directly in them, with line numbers, so strict validation can name lines
// (the TOML decoder does not expose key positions). Keys outside any array
// table are reported under a table with an empty Name. It tracks brackets
// and strings, so keys inside multi-line arrays are not mistaken for keys;
// it assumes the document already decoded without error.
func scanTables(data string) []tomlTable {
	var tables []tomlTable
	cur := -1
	depth := 0    // open [ and { of a value spanning lines
	inMulti := "" // open multi-line string delimiter
	for n, line := range strings.Split(data, "\n") {
		lineNo := n + 1
		if inMulti != "" {
			if i := strings.Index(line, inMulti); i >= 0 {
				line = line[i+3:]
				inMulti = ""
				depth, inMulti = scanValue(line, depth)
			}
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
				tables = append(tables, tomlTable{Name: strings.TrimSpace(name), Line: lineNo})
				cur = len(tables) - 1
				continue
			case trim[0] == '[':
				name := strings.Trim(strings.SplitN(trim, "]", 2)[0], "[ ")
				tables = append(tables, tomlTable{Name: "[" + name + "]", Line: lineNo})
				cur = len(tables) - 1
				continue
			}
			if eq := keyEnd(trim); eq > 0 {
				key := strings.Trim(strings.TrimSpace(trim[:eq]), `"'`)
				if cur < 0 {
					tables = append(tables, tomlTable{Line: lineNo})
					cur = len(tables) - 1
				}
				tables[cur].Keys = append(tables[cur].Keys, tomlKey{Name: key, Line: lineNo})
				depth, inMulti = scanValue(trim[eq+1:], 0)
				continue
			}
		}
		depth, inMulti = scanValue(line, depth)
	}
	return tables
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
			if strings.HasPrefix(s[i:], string([]byte{c, c, c})) {
				rest := s[i+3:]
				j := strings.Index(rest, string([]byte{c, c, c}))
				if j < 0 {
					return depth, string([]byte{c, c, c})
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
