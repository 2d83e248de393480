// churn-sessions: three snapshots in which one thing leaks steadily and another churns.
//
//   - main.openSession keeps every session (4 KiB each) in a global slice: it grows in every
//     snapshot (a leak).
//   - main.buildBatch replaces a global batch whose size goes 100 -> 400 -> 50 buffers: it goes up,
//     then down (churn, not a leak).
//   - Goroutines: main.startListener leaves 20 goroutines per phase blocked on a channel nobody
//     sends to (a leak, "chan receive"); main.runPool parks 10 -> 40 -> 5 workers on a WaitGroup
//     that the next phase releases (churn, "semacquire").
//
// Usage: go run -trimpath . OUTDIR   (writes heap_N.pb.gz, heap_N.txt, goroutine_N.pb.gz,
// goroutine_N.debug1.txt, goroutine_N.debug2.txt for N = 1, 2, 3; about 1.5 s apart).
package main

import (
	"fmt"
	"leakscope/programs/internal/profilesnap"
	"os"
	"runtime"
	"sync"
	"time"
)

// A small sampling rate: 2-4 KiB buffers are nearly always sampled, yet the files stay small.
var _ = func() int { runtime.MemProfileRate = 512; return 0 }()

type session struct {
	id  int
	buf []byte
}

var (
	sessions []*session
	batch    [][]byte
	never    = make(chan int)
	poolDone *sync.WaitGroup
)

//go:noinline
func openSession(id int) {
	sessions = append(sessions, &session{id: id, buf: make([]byte, 4096)})
}

//go:noinline
func buildBatch(n int) {
	next := make([][]byte, n)
	for i := range next {
		next[i] = make([]byte, 2048)
	}
	batch = next
}

//go:noinline
func startListener(id int) {
	go func() {
		v := <-never // BUG: nobody sends on never
		_ = v + id
	}()
}

// runPool releases the previous phase's workers and parks n new ones.
//
//go:noinline
func runPool(n int) {
	if poolDone != nil {
		poolDone.Done()
	}
	release := &sync.WaitGroup{}
	release.Add(1)
	for i := 0; i < n; i++ {
		go func() { release.Wait() }()
	}
	poolDone = release
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: churn-sessions OUTDIR")
		os.Exit(2)
	}
	dir := os.Args[1]
	if err := os.MkdirAll(dir, 0o755); err != nil {
		panic(err)
	}
	batchSizes := []int{100, 400, 50}
	poolSizes := []int{10, 40, 5}
	id := 0
	for phase := 1; phase <= 3; phase++ {
		if phase > 1 {
			time.Sleep(1500 * time.Millisecond)
		}
		for i := 0; i < 200; i++ {
			openSession(id)
			id++
		}
		buildBatch(batchSizes[phase-1])
		for i := 0; i < 20; i++ {
			startListener(i)
		}
		runPool(poolSizes[phase-1])
		time.Sleep(50 * time.Millisecond) // let the new goroutines park
		runtime.GC()
		runtime.GC()
		profilesnap.Write(dir, fmt.Sprintf("heap_%d.pb.gz", phase), "heap", 0)
		profilesnap.Write(dir, fmt.Sprintf("heap_%d.txt", phase), "heap", 1)
		profilesnap.Write(dir, fmt.Sprintf("goroutine_%d.pb.gz", phase), "goroutine", 0)
		profilesnap.Write(dir, fmt.Sprintf("goroutine_%d.debug1.txt", phase), "goroutine", 1)
		profilesnap.Write(dir, fmt.Sprintf("goroutine_%d.debug2.txt", phase), "goroutine", 2)
	}
}
