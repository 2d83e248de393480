// patterns-goroutine2: a dispatcher hands each job a 16 KiB scratch buffer and starts a named worker
// goroutine that waits for a reply on a channel nobody writes to. Default MemProfileRate: the
// goroutine descriptors and the buffers are what the heap profile sees.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
)

type job struct {
	id      int
	scratch []byte
	reply   chan error
}

func worker(j *job) {
	if err := <-j.reply; err != nil { // BUG: nobody ever replies
		j.scratch[0] = 1
	}
}

//go:noinline
func dispatch(id int) {
	j := &job{id: id, scratch: make([]byte, 16<<10), reply: make(chan error)}
	go worker(j)
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
	for phase := 1; phase <= 3; phase++ {
		for i := 0; i < 2500; i++ {
			dispatch(i)
		}
		runtime.Gosched()
		if phase != 2 {
			snapshot(dir, phase, true)
		}
	}
}
