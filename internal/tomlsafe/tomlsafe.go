// Package tomlsafe reads TOML files within limits before they reach the
// decoder: only regular files (never a device such as /dev/zero, a pipe or
// a directory), at most MaxBytes, and nesting of arrays and inline tables
// at most MaxDepth deep (the decoder's cost grows much faster than the
// input with nesting).
package tomlsafe

import (
	"fmt"
	"io"
	"io/fs"
	"os"
)

// Limits of a TOML document.
const (
	MaxBytes = 4 << 20
	MaxDepth = 32
)

// ReadFile reads the TOML file at path within the limits. Errors are
// *fs.PathError naming path once ("read PATH: not a regular file (a
// directory)"), so a caller that names the file itself prints only Err.
func ReadFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "read", Path: path, Err: fmt.Errorf("not a regular file (%s)", kind(fi.Mode()))}
	}
	tooLarge := &fs.PathError{Op: "read", Path: path, Err: fmt.Errorf("larger than %d MiB", MaxBytes>>20)}
	if fi.Size() > MaxBytes {
		return nil, tooLarge
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxBytes+1))
	if err != nil {
		return nil, err // an *fs.PathError naming the path
	}
	if len(data) > MaxBytes {
		return nil, tooLarge
	}
	return data, nil
}

func kind(m os.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&os.ModeDevice != 0, m&os.ModeCharDevice != 0:
		return "a device"
	case m&os.ModeNamedPipe != 0:
		return "a pipe"
	case m&os.ModeSocket != 0:
		return "a socket"
	}
	return "not a plain file"
}

// Error is a limit a document breaks, at a 1-based line (0 when the whole
// document is concerned).
type Error struct {
	Line int
	Msg  string
}

func (e *Error) Error() string { return e.Msg }

// Check reports the first limit data breaks: its size, or arrays and
// inline tables nested deeper than MaxDepth. It is a scanner that knows
// comments and the four kinds of strings, not a parser.
func Check(data []byte) *Error {
	if len(data) > MaxBytes {
		return &Error{Msg: fmt.Sprintf("larger than %d MiB", MaxBytes>>20)}
	}
	line, depth := 1, 0
	for i := 0; i < len(data); i++ {
		switch c := data[i]; c {
		case '\n':
			line++
		case '#':
			for i+1 < len(data) && data[i+1] != '\n' {
				i++
			}
		case '"', '\'':
			if i+2 < len(data) && data[i+1] == c && data[i+2] == c {
				i += 3
				for i < len(data) && !(i+2 < len(data) && data[i] == c && data[i+1] == c && data[i+2] == c) {
					if data[i] == '\n' {
						line++
					}
					if c == '"' && data[i] == '\\' {
						i++
						if i < len(data) && data[i] == '\n' {
							line++
						}
					}
					i++
				}
				i += 2
				continue
			}
			for i++; i < len(data) && data[i] != c && data[i] != '\n'; i++ {
				if c == '"' && data[i] == '\\' {
					i++
				}
			}
			if i < len(data) && data[i] == '\n' {
				line++
			}
		case '[', '{':
			depth++
			if depth > MaxDepth {
				return &Error{Line: line, Msg: fmt.Sprintf("arrays or inline tables nested over %d deep", MaxDepth)}
			}
		case ']', '}':
			depth = max(depth-1, 0)
		}
	}
	return nil
}
