package cli

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// TestShortRunGC: inside shortRunGC nothing is collected until the memory
// limit; the first collection sets the large run's pace; the end of the
// command restores the settings; a GOGC from the environment is left
// alone.
func TestShortRunGC(t *testing.T) {
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)
	a := &App{Getenv: func(string) string { return "" }}

	done := a.shortRunGC(false)
	if p := debug.SetGCPercent(-1); p != -1 {
		t.Errorf("inside a short run GOGC is %d, want off", p)
	}
	if l := debug.SetMemoryLimit(-1); l != shortRunHeap {
		t.Errorf("inside a short run the memory limit is %d, want %d", l, shortRunHeap)
	}
	inner := a.shortRunGC(false) // a second command in the same process
	inner()
	if p := debug.SetGCPercent(-1); p != -1 {
		t.Errorf("the inner command's end restored GOGC %d while the outer one runs", p)
	}
	done()
	if p := debug.SetGCPercent(100); p != 100 {
		t.Errorf("after the run GOGC is %d, want 100", p)
	}

	// The first collection sets the large run's pace (the usual one, or
	// for a command holding what it lists holdAllPercent), and the end of
	// the command puts the usual one back.
	for _, c := range []struct {
		holdAll bool
		pace    int
	}{{false, 100}, {true, holdAllPercent}} {
		done = a.shortRunGC(c.holdAll)
		runtime.GC()
		deadline := time.Now().Add(5 * time.Second)
		for debug.SetGCPercent(-1) != c.pace {
			debug.SetGCPercent(-1) // undo the probe (the cleanup has not run yet)
			if time.Now().After(deadline) {
				t.Fatalf("hold all %v: the first collection did not set GOGC %d", c.holdAll, c.pace)
			}
			runtime.GC()
			time.Sleep(10 * time.Millisecond)
		}
		debug.SetGCPercent(c.pace)
		if l := debug.SetMemoryLimit(-1); l == shortRunHeap {
			t.Errorf("hold all %v: after the first collection the memory limit is still the short run's", c.holdAll)
		}
		done()
		if p := debug.SetGCPercent(100); p != 100 {
			t.Errorf("hold all %v: after the run GOGC is %d, want 100", c.holdAll, p)
		}
	}

	env := &App{Getenv: func(k string) string {
		if k == "GOGC" {
			return "200"
		}
		return ""
	}}
	defer env.shortRunGC(true)()
	if p := debug.SetGCPercent(100); p != 100 {
		t.Errorf("with GOGC set in the environment the command changed it to %d", p)
	}
}
