package brochure

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
)

// WriteFile renders the brochure to a temporary file in path's directory
// and renames it into place, so path never holds a half-written PDF. A
// missing directory, a directory that cannot be written or a failed render
// gives an error naming path, and leaves no file behind.
func WriteFile(path string, in Input) (Result, error) {
	dir := filepath.Dir(path)
	fi, err := os.Stat(dir)
	switch {
	case err != nil:
		return Result{}, fmt.Errorf("write brochure %s: directory %s: %w", path, dir, err)
	case !fi.IsDir():
		return Result{}, fmt.Errorf("write brochure %s: %s is not a directory", path, dir)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return Result{}, fmt.Errorf("write brochure %s: %w", path, err)
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriterSize(tmp, 64<<10)
	res, err := Render(bw, in)
	if err != nil {
		return res, fmt.Errorf("write brochure %s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		return res, fmt.Errorf("write brochure %s: %w", path, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		return res, fmt.Errorf("write brochure %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return res, fmt.Errorf("write brochure %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		done = true
		return res, fmt.Errorf("write brochure %s: %w", path, err)
	}
	done = true
	return res, nil
}
