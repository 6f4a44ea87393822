package testutil

import (
	"os"
	"path/filepath"
	"testing"
)

// recorder catches failures so the helper's verdicts can be checked.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Errorf(string, ...any) { r.failed = true }
func (r *recorder) Fatalf(string, ...any) { r.failed = true }
func (r *recorder) Helper()               {}

func TestGolden(t *testing.T) {
	dir := t.TempDir()
	wd, _ := os.Getwd()
	defer os.Chdir(wd)
	os.Chdir(dir)

	r := &recorder{TB: t}
	Golden(r, "missing.txt", []byte("x"), false)
	if !r.failed {
		t.Error("a missing golden file passed")
	}
	Golden(t, "made.txt", []byte("hello\n"), true)
	if data, err := os.ReadFile(filepath.Join("testdata", "golden", "made.txt")); err != nil || string(data) != "hello\n" {
		t.Fatalf("update did not write the file: %q %v", data, err)
	}
	r = &recorder{TB: t}
	Golden(r, "made.txt", []byte("hello\n"), false)
	if r.failed {
		t.Error("equal output failed")
	}
	Golden(r, "made.txt", []byte("changed\n"), false)
	if !r.failed {
		t.Error("changed output passed")
	}
}
