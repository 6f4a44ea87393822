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

	done := a.shortRunGC()
	if p := debug.SetGCPercent(-1); p != -1 {
		t.Errorf("inside a short run GOGC is %d, want off", p)
	}
	if l := debug.SetMemoryLimit(-1); l != shortRunHeap {
		t.Errorf("inside a short run the memory limit is %d, want %d", l, shortRunHeap)
	}
	inner := a.shortRunGC() // a second command in the same process
	inner()
	if p := debug.SetGCPercent(-1); p != -1 {
		t.Errorf("the inner command's end restored GOGC %d while the outer one runs", p)
	}
	done()
	if p := debug.SetGCPercent(100); p != 100 {
		t.Errorf("after the run GOGC is %d, want 100", p)
	}

	// The first collection sets the large run's pace, and the end of the
	// command puts the usual one back.
	done = a.shortRunGC()
	runtime.GC()
	deadline := time.Now().Add(5 * time.Second)
	for debug.SetGCPercent(-1) != largeRunPercent {
		debug.SetGCPercent(-1) // undo the probe (the cleanup has not run yet)
		if time.Now().After(deadline) {
			t.Fatal("the first collection did not set the large run's pace")
		}
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	debug.SetGCPercent(largeRunPercent)
	if l := debug.SetMemoryLimit(-1); l == shortRunHeap {
		t.Error("after the first collection the memory limit is still the short run's")
	}
	done()
	if p := debug.SetGCPercent(100); p != 100 {
		t.Errorf("after the large run GOGC is %d, want 100", p)
	}

	env := &App{Getenv: func(k string) string {
		if k == "GOGC" {
			return "200"
		}
		return ""
	}}
	defer env.shortRunGC()()
	if p := debug.SetGCPercent(100); p != 100 {
		t.Errorf("with GOGC set in the environment the command changed it to %d", p)
	}
}
