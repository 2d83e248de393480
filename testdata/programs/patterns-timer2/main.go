// patterns-timer2: each watcher starts a ticker and a goroutine selecting on the ticker and a quit
// channel that is never closed, and Stop is never called. Only tickers and their goroutines leak:
// no time.After, no name that sounds periodic.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
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
	var watchers []*Watcher
	for phase := 1; phase <= 3; phase++ {
		for i := 0; i < 2000; i++ {
			w := &Watcher{quit: make(chan struct{})}
			w.Start()
			watchers = append(watchers, w)
		}
		runtime.Gosched()
		if phase != 2 {
			snapshot(dir, phase, true)
		}
	}
	fmt.Fprintln(os.Stderr, len(watchers))
}
