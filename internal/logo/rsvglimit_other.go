//go:build !linux

package logo

// limitMemory is a no-op where prlimit(2) does not exist; rsvg-convert
// then runs under the timeout alone.
func limitMemory(pid int, bytes uint64) error { return nil }
