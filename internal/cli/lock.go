package cli

import (
	"errors"
	"fmt"
	"os"
	"syscall"

	"github.com/roadmapper/roadmapper/internal/fileout"
)

// lockCrawl takes an exclusive lock beside the database so that two crawls
// never run at once (a nightly job overlapping the previous one, or a
// brochure's crawl during the nightly run). It returns the release func.
func (a *App) lockCrawl() (func(), error) {
	db, err := a.databasePath()
	if err != nil {
		return nil, err
	}
	// Lock beside the real file: a symlink (or a symlinked directory) to
	// the database must not give a second crawl a lock of its own.
	path := fileout.RealPath(db) + ".lock"
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, withCode(ExitFailure, fmt.Errorf("another crawl is running on %s (lock %s); try again when it ends", db, path))
		}
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
