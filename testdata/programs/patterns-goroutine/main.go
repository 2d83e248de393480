// patterns-goroutine: consumers started with a named function that range over channels never
// closed, and request goroutines blocked on a WaitGroup that never reaches zero or a mutex never
// unlocked. Same mechanism as the goroutine-leak scenario with other wait states and structure.
package main

import (
	"fmt"
	"leakscope/programs/internal/profilesnap"
	"os"
	"runtime"
	"sync"
)

var _ = func() int { runtime.MemProfileRate = 4096; return 0 }()

type batch struct {
	rows [][]byte
}

// consume drains a channel that nobody closes.
func consume(in <-chan *batch, sink *int) {
	local := make([]byte, 512)
	for b := range in {
		*sink += len(b.rows) + len(local)
	}
}

var stuck sync.Mutex

func init() { stuck.Lock() } // never unlocked

// fanOut waits for two helpers but only one is started.
//
//go:noinline
func fanOut(id int) {
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		_ = make([]byte, 256)
	}()
	go func() {
		wg.Wait() // BUG: the second Done never comes
		_ = fmt.Sprint(id)
	}()
}

//go:noinline
func lockedWrite(id int) {
	go func() {
		stuck.Lock()
		defer stuck.Unlock()
		_ = fmt.Sprint(id)
	}()
}

func main() {
	dir := os.Args[1]
	sink := 0
	for phase := 1; phase <= 3; phase++ {
		for i := 0; i < 1500; i++ {
			ch := make(chan *batch, 4)
			go consume(ch, &sink)
		}
		for i := 0; i < 1000; i++ {
			fanOut(i)
		}
		for i := 0; i < 500; i++ {
			lockedWrite(i)
		}
		runtime.Gosched()
		if phase != 2 {
			profilesnap.Snapshot(dir, phase, true)
		}
	}
}
