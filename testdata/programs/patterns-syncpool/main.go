// patterns-syncpool: a pool whose New is a named function; frames taken from it are queued in a
// long-lived outbox slice and never Put back. Same mechanism as the syncpool-escape scenario with a
// named New, a struct type and a slice instead of a map.
package main

import (
	"fmt"
	"leakscope/programs/internal/profilesnap"
	"os"
	"runtime"
	"sync"
)

var _ = func() int { runtime.MemProfileRate = 4096; return 0 }()

type frame struct {
	hdr  [16]byte
	data []byte
}

func newFrame() any { return &frame{data: make([]byte, 0, 4096)} }

var framePool = sync.Pool{New: newFrame}

var outbox []*frame // BUG: frames escape the pool here

//go:noinline
func encode(seq int) {
	f := framePool.Get().(*frame)
	f.data = append(f.data[:0], fmt.Sprint(seq)...)
	if seq%4 != 0 {
		outbox = append(outbox, f)
		return
	}
	framePool.Put(f)
}

func main() {
	dir := os.Args[1]
	seq := 0
	for phase := 1; phase <= 3; phase++ {
		for i := 0; i < 3000; i++ {
			encode(seq)
			seq++
		}
		if phase != 2 {
			profilesnap.Snapshot(dir, phase, false)
		}
	}
}
