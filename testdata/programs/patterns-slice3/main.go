// patterns-slice3: chunks of 256 KiB are loaded and a 16-byte key slice of each is indexed in a map
// that is never pruned: the map grows too, but what it pins are the whole chunks.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
)

var _ = func() int { runtime.MemProfileRate = 65536; return 0 }()

var byKey = map[string][]byte{}

//go:noinline
func loadChunk(n int) []byte {
	chunk := make([]byte, 256<<10)
	for i := 0; i < len(chunk); i += 1024 {
		chunk[i] = byte(n + i)
	}
	return chunk
}

//go:noinline
func indexChunks(from, count int) {
	for i := from; i < from+count; i++ {
		chunk := loadChunk(i)
		byKey[fmt.Sprint("k", i)] = chunk[64:80] // BUG: pins the 256 KiB chunk
	}
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
		indexChunks(phase*1000, 200)
		if phase != 2 {
			snapshot(dir, phase, false)
		}
	}
}
