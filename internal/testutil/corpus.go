// Package testutil holds helpers and fake servers shared by the project's tests.
package testutil

import (
	"os"
	"path/filepath"
	"testing"
)

// CorpusDir returns the absolute path of the shared corpus of real roadmap
// documents (../shared/corpus next to the repository root), or skips the
// test with a message when it is absent.
func CorpusDir(t testing.TB) string {
	t.Helper()
	root, err := RepoRoot()
	if err != nil {
		t.Skipf("corpus: %v", err)
	}
	dir := filepath.Join(root, "..", "shared", "corpus")
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		t.Skipf("corpus %s not present; skipping test on real documents", dir)
	}
	return dir
}

// RepoRoot finds the repository root: the nearest parent directory of the
// working directory that holds go.mod.
func RepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}
