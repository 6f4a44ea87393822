package logo

import "golang.org/x/sys/unix"

// limitMemory sets the address-space limit (RLIMIT_AS) of process pid.
func limitMemory(pid int, bytes uint64) error {
	lim := unix.Rlimit{Cur: bytes, Max: bytes}
	return unix.Prlimit(pid, unix.RLIMIT_AS, &lim, nil)
}
