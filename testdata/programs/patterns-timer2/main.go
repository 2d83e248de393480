// patterns-timer2: each watcher starts a ticker and a goroutine selecting on the ticker and a quit
// channel that is never closed, and Stop is never called. Only tickers and their goroutines leak:
// no time.After, no name that sounds periodic.
package main

import (
	"fmt"
	"leakscope/programs/internal/profilesnap"
	"os"
	"runtime"
	"time"
)

var _ = func() int { runtime.MemProfileRate = 4096; return 0 }()

type Watcher struct {
	quit  chan struct{}
	ticks int
}

//go:noinline
func (w *Watcher) Start() {
	t := time.NewTicker(time.Minute)
	go func() {
		for {
			select {
			case <-t.C:
				w.ticks++
			case <-w.quit: // BUG: nobody closes quit, nobody stops t
				t.Stop()
				return
			}
		}
	}()
}

func main() {
	dir := os.Args[1]
	var watchers []*Watcher
	for phase := 1; phase <= 3; phase++ {
		for i := 0; i < 2000; i++ {
			w := &Watcher{quit: make(chan struct{})}
			w.Start()
			watchers = append(watchers, w)
		}
		runtime.Gosched()
		if phase != 2 {
			profilesnap.Snapshot(dir, phase, true)
		}
	}
	fmt.Fprintln(os.Stderr, len(watchers))
}
