// patterns-map2: a dedup index map[string]string whose keys and values are formatted per event and
// never deleted. Default MemProfileRate; values come from fmt.Sprintf, so the leaf is library code.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
)

var seen = map[string]string{}

//go:noinline
func remember(event int) {
	key := fmt.Sprintf("evt-%08d", event)
	seen[key] = fmt.Sprintf("%s|%0512d", key, event) // BUG: grows forever
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
		for i := 0; i < 40000; i++ {
			remember(phase*1000000 + i)
		}
		if phase != 2 {
			snapshot(dir, phase, false)
		}
	}
}
