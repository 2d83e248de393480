// patterns-closure2: plugins attach processors (closures over a 96 KiB lookup table) to a global
// pipeline slice that is never pruned. Default MemProfileRate, so the small closure objects are
// rarely sampled; the names and the retained tables are the evidence.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
)

type processor func(b byte) byte

var pipeline []processor

//go:noinline
func attachProcessor(seed byte) {
	table := make([]byte, 96<<10)
	for i := range table {
		table[i] = byte(i) ^ seed
	}
	pipeline = append(pipeline, func(b byte) byte { return table[int(b)*37%len(table)] })
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
		for i := 0; i < 150; i++ {
			attachProcessor(byte(i))
		}
		if phase != 2 {
			snapshot(dir, phase, false)
		}
	}
}
