// patterns-context: a worker pool derives a deadline context per job from its long-lived base
// context, keeps the cancel funcs nowhere, and hangs request metadata off it. Same mechanism as the
// context-leak scenario, written with WithDeadline and methods.
package main

import (
	"context"
	"fmt"
	"leakscope/programs/internal/profilesnap"
	"os"
	"runtime"
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
			profilesnap.Snapshot(dir, phase, false)
		}
	}
}
