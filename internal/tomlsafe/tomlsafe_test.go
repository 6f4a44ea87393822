package tomlsafe

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadFileRefusesNonRegular(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"/dev/zero", dir} {
		if _, err := ReadFile(p); err == nil || !strings.Contains(err.Error(), p+" is not a regular file") {
			t.Errorf("ReadFile(%s) = %v", p, err)
		}
	}
	big := filepath.Join(dir, "big.toml")
	os.WriteFile(big, make([]byte, MaxBytes+1), 0o644)
	if _, err := ReadFile(big); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("big file: %v", err)
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
