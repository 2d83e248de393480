// patterns-slice: message bodies read whole with io.ReadAll; only a 24-byte header slice of each is
// kept in a long-lived log, which pins every body. Same mechanism as the slice-retention scenario,
// with a library reader instead of make.
package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
)

var _ = func() int { runtime.MemProfileRate = 8192; return 0 }()

var headers [][]byte // BUG: sub-slices of whole bodies

var blob = bytes.Repeat([]byte("0123456789abcdef"), 12<<10) // 192 KiB

//go:noinline
func receive(msg int) {
	body, err := io.ReadAll(bytes.NewReader(blob))
	if err != nil {
		panic(err)
	}
	body[0] = byte(msg)
	headers = append(headers, body[:24])
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
		for i := 0; i < 120; i++ {
			receive(i)
		}
		if phase != 2 {
			snapshot(dir, phase, false)
		}
	}
}
