// patterns-context: a worker pool derives a deadline context per job from its long-lived base
// context, keeps the cancel funcs nowhere, and hangs request metadata off it. Same mechanism as the
// context-leak scenario, written with WithDeadline and methods.
package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"time"
)

var _ = func() int { runtime.MemProfileRate = 64; return 0 }()

type traceID struct{}

type Worker struct {
	base context.Context
	done int
}

//go:noinline
func (w *Worker) process(job int) {
	ctx, _ := context.WithDeadline(w.base, time.Now().Add(2*time.Hour)) // cancel dropped
	ctx = context.WithValue(ctx, traceID{}, fmt.Sprintf("job-%d", job))
	child, _ := context.WithCancel(ctx) // cancel dropped
	if child.Err() == nil {
		w.done++
	}
}

// snapshot writes heap_<n>.pb.gz (after two GCs, so inuse_* is current) and, when goroutines is
// true, goroutine_<n>.pb.gz into dir.
func snapshot(dir string, n int, goroutines bool) {
	runtime.GC()
	runtime.GC()
	write := func(profile, name string) {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			panic(err)
		}
		if err := pprof.Lookup(profile).WriteTo(f, 0); err != nil {
			panic(err)
		}
		if err := f.Close(); err != nil {
			panic(err)
		}
	}
	write("heap", fmt.Sprintf("heap_%d.pb.gz", n))
	if goroutines {
		write("goroutine", fmt.Sprintf("goroutine_%d.pb.gz", n))
	}
}

func main() {
	dir := os.Args[1]
	base, stop := context.WithCancel(context.Background())
	defer stop()
	w := &Worker{base: base}
	for phase := 1; phase <= 3; phase++ {
		for i := 0; i < 10000; i++ {
			w.process(i)
		}
		if phase != 2 {
			snapshot(dir, phase, false)
		}
	}
}
