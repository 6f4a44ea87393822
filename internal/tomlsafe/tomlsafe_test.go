package tomlsafe

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadFileRefusesNonRegular(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.toml")
	os.WriteFile(big, make([]byte, MaxBytes+1), 0o644)
	for _, tt := range []struct{ path, want string }{
		{"/dev/zero", "not a regular file (a device)"},
		{dir, "not a regular file (a directory)"},
		{big, "larger than 4 MiB"},
	} {
		_, err := ReadFile(tt.path)
		// A *fs.PathError, so callers that name the file print only why.
		var pe *fs.PathError
		if !errors.As(err, &pe) || pe.Path != tt.path || pe.Err.Error() != tt.want {
			t.Errorf("ReadFile(%s) = %v, want a path error %q", tt.path, err, tt.want)
			continue
		}
		if n := strings.Count(err.Error(), tt.path); n != 1 {
			t.Errorf("ReadFile(%s): %q names the path %d times", tt.path, err, n)
		}
	}
	ok := filepath.Join(dir, "ok.toml")
	os.WriteFile(ok, []byte("a = 1\n"), 0o644)
	if b, err := ReadFile(ok); err != nil || string(b) != "a = 1\n" {
		t.Errorf("plain file: %q %v", b, err)
	}
}

func TestCheckNesting(t *testing.T) {
	deep := "a = " + strings.Repeat("{b = ", 40) + "1" + strings.Repeat("}", 40) + "\n"
	tests := []struct {
		doc  string
		line int // 0: accepted
	}{
		{"x = 1\n\n" + deep, 3},
		{"x = [" + strings.Repeat("[", 40) + strings.Repeat("]", 41) + "\n", 1},
		{"[[project]]\nslug = \"a\"\n[crawl]\nt = [[1, 2], {a = [3]}]\n", 0},
		// Brackets in strings and comments do not count.
		{"s = \"" + strings.Repeat("[", 50) + "\"\n# " + strings.Repeat("{", 50) + "\nm = '''\n" + strings.Repeat("[", 50) + "\n'''\n", 0},
		{"e = \"\\\"" + strings.Repeat("[", 50) + "\"\n", 0},
		{"ml = \"\"\"\nx \\\"\"\"" + strings.Repeat("{", 50) + "\n\"\"\"\nz = " + strings.Repeat("[", 40) + "\n", 4},
	}
	for i, tt := range tests {
		e := Check([]byte(tt.doc))
		switch {
		case tt.line == 0 && e != nil:
			t.Errorf("%d: refused at line %d: %s", i, e.Line, e.Msg)
		case tt.line != 0 && (e == nil || e.Line != tt.line):
			t.Errorf("%d: got %+v, want a refusal at line %d", i, e, tt.line)
		}
	}
}
