// patterns-goroutine2: a dispatcher hands each job a 16 KiB scratch buffer and starts a named worker
// goroutine that waits for a reply on a channel nobody writes to. Default MemProfileRate: the
// goroutine descriptors and the buffers are what the heap profile sees.
package main

import (
	"leakscope/programs/internal/profilesnap"
	"os"
	"runtime"
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

func main() {
	dir := os.Args[1]
	for phase := 1; phase <= 3; phase++ {
		for i := 0; i < 2500; i++ {
			dispatch(i)
		}
		runtime.Gosched()
		if phase != 2 {
			profilesnap.Snapshot(dir, phase, true)
		}
	}
}
