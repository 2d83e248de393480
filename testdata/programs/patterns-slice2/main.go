// patterns-slice2: log lines are assembled whole with strings.Builder, then only a short substring
// (the request id) is kept in a long-lived set, which pins every assembled line.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
)

var _ = func() int { runtime.MemProfileRate = 4096; return 0 }()

var requestIDs []string // BUG: substrings of whole lines

//go:noinline
func ingestLine(n int) {
	var b strings.Builder
	fmt.Fprintf(&b, "req-%06d ", n)
	for i := 0; i < 700; i++ {
		b.WriteString("field=value; ")
	}
	line := b.String()
	requestIDs = append(requestIDs, line[:10])
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
		for i := 0; i < 1500; i++ {
			ingestLine(phase*100000 + i)
		}
		if phase != 2 {
			snapshot(dir, phase, false)
		}
	}
}
