// Package profilesnap writes the profiles the fixture programs produce, with the runtime's own writers,
// so every program snapshots the same way.
package profilesnap

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
)

// Write writes the named runtime profile to dir/name (debug 0: gzipped protobuf; 1 or 2: legacy text).
func Write(dir, name, profile string, debug int) {
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		panic(err)
	}
	if err := pprof.Lookup(profile).WriteTo(f, debug); err != nil {
		panic(err)
	}
	if err := f.Close(); err != nil {
		panic(err)
	}
}

// Snapshot writes heap_<n>.pb.gz (after two GCs, so inuse_* is current) and, when goroutines is true,
// goroutine_<n>.pb.gz into dir.
func Snapshot(dir string, n int, goroutines bool) {
	runtime.GC()
	runtime.GC()
	Write(dir, fmt.Sprintf("heap_%d.pb.gz", n), "heap", 0)
	if goroutines {
		Write(dir, fmt.Sprintf("goroutine_%d.pb.gz", n), "goroutine", 0)
	}
}
