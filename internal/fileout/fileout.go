// Package fileout is the one place roadmapper writes an output file (a
// brochure, a report): Check validates a target before any work is done,
// and Write replaces it atomically through a temporary file in the same
// directory and a rename, keeping an existing file's mode and owner.
package fileout

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// Protected is a file an output must never replace, with what it is
// ("the database", "the configuration", "a client profile") for the message.
type Protected struct {
	Path string
	What string
}

// DatabaseFiles lists the database at db and the files SQLite and the crawl
// lock keep beside it: an output must replace none of them.
func DatabaseFiles(db string) []Protected {
	if db == "" {
		return nil
	}
	out := []Protected{{db, "the database"}}
	for _, suffix := range []string{"-wal", "-shm", "-journal", ".lock"} {
		out = append(out, Protected{db + suffix, "a file of the database " + db})
	}
	return out
}

// Check validates path, before any work, as a file a command will write.
// "-" (stdout) is returned as it is. A symlink is followed and its target
// returned. It refuses: a target that is (after resolving symlinks, or as a
// hard link) one of protected; an existing target that is not a regular
// file, is not writable, or belongs to another user (replacing it would
// change its owner); a missing directory or one that does not accept new
// files. Errors name path.
func Check(path string, protected ...Protected) (string, error) {
	if path == "-" {
		return path, nil
	}
	if path == "" {
		return "", errors.New("empty output path")
	}
	if err := checkProtected(path, protected); err != nil {
		return "", err
	}
	fi, err := os.Lstat(path)
	switch {
	case err == nil:
		if fi.Mode()&os.ModeSymlink != 0 {
			target, err := filepath.EvalSymlinks(path)
			if err != nil {
				return "", fmt.Errorf("output %s is a symlink that cannot be followed: %w", path, err)
			}
			path = target
			if fi, err = os.Stat(path); err != nil {
				return "", fmt.Errorf("output %s: %w", path, err)
			}
		}
		if !fi.Mode().IsRegular() {
			return "", fmt.Errorf("output %s exists and is not a regular file", path)
		}
		if err := checkReplaceable(path, fi); err != nil {
			return "", err
		}
	case !errors.Is(err, os.ErrNotExist):
		return "", fmt.Errorf("output %s: %w", path, err)
	}
	dir := filepath.Dir(path)
	di, err := os.Stat(dir)
	if err != nil || !di.IsDir() {
		return "", fmt.Errorf("output %s: directory %s does not exist", path, dir)
	}
	probe, err := os.CreateTemp(dir, ".roadmapper-probe-*")
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return "", fmt.Errorf("output %s: cannot write in %s: %w", path, dir, err)
	}
	probe.Close()
	os.Remove(probe.Name())
	return path, nil
}

// checkReplaceable refuses an existing file that this process may not
// write, or whose owner a replacement would change.
func checkReplaceable(path string, fi os.FileInfo) error {
	st, ok := fi.Sys().(*syscall.Stat_t)
	euid := os.Geteuid()
	if ok && euid != 0 && int(st.Uid) != euid {
		return fmt.Errorf("output %s belongs to another user (uid %d); replacing it would change its owner: remove it or choose another path", path, st.Uid)
	}
	if fi.Mode().Perm()&0o200 == 0 {
		return fmt.Errorf("output %s is read-only (mode %04o); make it writable or choose another path", path, fi.Mode().Perm())
	}
	if err := syscall.Access(path, 2 /* W_OK */); err != nil {
		return fmt.Errorf("output %s is not writable: %w", path, err)
	}
	return nil
}

// checkProtected refuses path when it names one of protected.
func checkProtected(path string, protected []Protected) error {
	real := realPath(path)
	fi, statErr := os.Stat(path)
	for _, p := range protected {
		if p.Path == "" {
			continue
		}
		same := realPath(p.Path) == real
		if !same && statErr == nil {
			if pi, err := os.Stat(p.Path); err == nil && os.SameFile(fi, pi) {
				same = true
			}
		}
		if same {
			return fmt.Errorf("output %s is %s (%s): refusing to overwrite it; choose another path", path, p.What, p.Path)
		}
	}
	return nil
}

// realPath is path made absolute with every symlink resolved; for a file
// that does not exist yet, its directory is resolved.
func realPath(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = filepath.Clean(path)
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r
	}
	if r, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		return filepath.Join(r, filepath.Base(abs))
	}
	return abs
}

// RealPath is path made absolute with its symlinks resolved (its
// directory's, for a file that does not exist yet): two names of one file
// give the same RealPath.
func RealPath(path string) string { return realPath(path) }

// Write writes path through a temporary file ".NAME.*.tmp" in its
// directory and a rename, so path never holds half a file and a failure
// leaves path as it was. An existing file keeps its permission bits and
// owner (an error, not a silent change, when the owner cannot be kept);
// a new one is created 0644. Temporary files of this name left by a
// killed earlier run are removed first.
func Write(path string, write func(io.Writer) error) error {
	if fi, err := os.Lstat(path); err == nil && fi.Mode()&os.ModeSymlink != 0 {
		if target, err := filepath.EvalSymlinks(path); err == nil {
			path = target
		}
	}
	dir := filepath.Dir(path)
	di, err := os.Stat(dir)
	switch {
	case err != nil:
		return fmt.Errorf("write %s: directory %s: %w", path, dir, err)
	case !di.IsDir():
		return fmt.Errorf("write %s: %s is not a directory", path, dir)
	}
	CleanStale(path)
	tmp, err := os.CreateTemp(dir, tempPattern(path))
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	// The lock tells CleanStale of another run that this file is alive.
	_ = syscall.Flock(int(tmp.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriterSize(tmp, 64<<10)
	if err := write(bw); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := keepModeAndOwner(tmp, path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	done = true
	return nil
}

// keepModeAndOwner gives tmp the permission bits and owner of the file at
// path, or 0644 when there is none.
func keepModeAndOwner(tmp *os.File, path string) error {
	fi, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return tmp.Chmod(0o644)
	}
	if err != nil {
		return err
	}
	if err := tmp.Chmod(fi.Mode().Perm()); err != nil {
		return err
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	if int(st.Uid) == os.Geteuid() && int(st.Gid) == os.Getegid() {
		return nil
	}
	if err := tmp.Chown(int(st.Uid), int(st.Gid)); err != nil {
		if int(st.Uid) != os.Geteuid() {
			return fmt.Errorf("cannot keep its owner (uid %d): %w", st.Uid, err)
		}
		// Only the group differs and cannot be kept (not a member): the
		// file is still ours; say nothing rather than fail after the work.
		return tmp.Chmod(fi.Mode().Perm())
	}
	return nil
}

func tempPattern(path string) string { return "." + filepath.Base(path) + ".*.tmp" }

// CleanStale removes the temporary files of path (".NAME.*.tmp") that no
// running writer holds, such as those left by a kill -9. It returns how
// many it removed.
func CleanStale(path string) int {
	dir, base := filepath.Dir(path), filepath.Base(path)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	prefix := "." + base + "."
	n := 0
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasPrefix(name, prefix) || !strings.HasSuffix(name, ".tmp") {
			continue
		}
		if middle := name[len(prefix) : len(name)-len(".tmp")]; middle == "" || strings.ContainsAny(middle, "./") {
			continue
		}
		p := filepath.Join(dir, name)
		f, err := os.OpenFile(p, os.O_RDONLY, 0)
		if err != nil {
			continue
		}
		if syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) == nil {
			if os.Remove(p) == nil {
				n++
			}
		}
		f.Close()
	}
	return n
}
