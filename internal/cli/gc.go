package cli

import (
	"runtime"
	"runtime/debug"
	"sync"
)

// shortRunHeap is how much memory a short command may take before its
// first garbage collection (see shortRunGC).
const shortRunHeap = 64 << 20

// holdAllPercent is the collector's pace (GOGC) for the rest of a short
// command that outgrew shortRunHeap while holding what it lists (a
// listing of every item of a large registry), whose peak memory matters
// more than the collector's CPU.
const holdAllPercent = 50

// shortGC is the state of shortRunGC: commands running in one process
// (tests run several) share the collector's settings, so the first one
// in changes them and the last one out, or the first collection, puts
// them back.
var shortGC struct {
	sync.Mutex
	depth    int   // commands inside shortRunGC
	gen      int   // which period a sentinel belongs to
	changed  bool  // settings are changed now
	percent  int   // GOGC before
	memLimit int64 // memory limit before
	large    int   // GOGC once past shortRunHeap (0: percent)
}

// shortRunGC lets a command that usually ends within a fraction of a
// second after allocating a few tens of megabytes (a brochure: about 40
// MB, over which the collector would run eight cycles for a third of the
// process's CPU) skip garbage collection: none happens until the Go
// runtime holds shortRunHeap. The price is memory: a small run keeps its
// garbage until it exits (the 25-project brochure of the corpus peaks at
// the same RSS as before, ~37 MB, most of it the binary and SQLite's
// pages). A run that gets there is a large one (a registry of thousands
// of projects): from its first collection on, the collector goes at the
// usual pace, or with holdAll (a command that holds everything it lists)
// keeps the heap within half again of what is live (holdAllPercent)
// rather than twice it, for some more CPU (items --client at 5,000
// projects: peak RSS 171-222 MB at GOGC 100, 162-165 MB at 50). GOGC or
// GOMEMLIMIT set in the environment rule instead. The returned function
// restores the previous settings.
func (a *App) shortRunGC(holdAll bool) (done func()) {
	if a.Getenv("GOGC") != "" || a.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	shortGC.Lock()
	defer shortGC.Unlock()
	shortGC.depth++
	if shortGC.depth == 1 {
		shortGC.gen++
		shortGC.changed = true
		shortGC.percent = debug.SetGCPercent(-1)
		shortGC.memLimit = debug.SetMemoryLimit(shortRunHeap)
		shortGC.large = 0
		if holdAll && (shortGC.percent < 0 || shortGC.percent > holdAllPercent) {
			shortGC.large = holdAllPercent
		}
		// The first collection frees the sentinel; its cleanup sets
		// the large run's pace for the rest of the command.
		runtime.AddCleanup(&gcSentinel{}, largeRunGC, shortGC.gen)
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			shortGC.Lock()
			defer shortGC.Unlock()
			if shortGC.depth--; shortGC.depth == 0 {
				restoreGCLocked()
			}
		})
	}
}

// largeRunGC sets the pace of a short run that outgrew shortRunHeap, if
// the settings are still those of period gen: the memory limit from
// before, and GOGC from before or the holding run's. The end of the
// command puts everything back.
func largeRunGC(gen int) {
	shortGC.Lock()
	defer shortGC.Unlock()
	if gen != shortGC.gen || !shortGC.changed {
		return
	}
	if shortGC.large == 0 {
		restoreGCLocked()
		return
	}
	debug.SetGCPercent(shortGC.large)
	debug.SetMemoryLimit(shortGC.memLimit)
}

func restoreGCLocked() {
	if shortGC.changed {
		debug.SetGCPercent(shortGC.percent)
		debug.SetMemoryLimit(shortGC.memLimit)
		shortGC.changed = false
	}
}

// gcSentinel is an object only a collection frees (it holds a pointer,
// so it is never packed with other small objects).
type gcSentinel struct {
	_ *int
	_ [2]int64
}
