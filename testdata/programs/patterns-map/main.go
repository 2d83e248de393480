// patterns-map: a session registry keyed by a per-request id, filled through a method with values
// built by a constructor, never evicted. Same mechanism as the map-cache scenario with a struct
// value, an int key and methods.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
)

var _ = func() int { runtime.MemProfileRate = 16384; return 0 }()

type session struct {
	user    string
	scratch [1536]byte
	hits    int
}

type Registry struct {
	byID map[uint64]*session
}

//go:noinline
func newSession(user string) *session {
	return &session{user: user}
}

//go:noinline
func (r *Registry) Track(id uint64, user string) *session {
	if s, ok := r.byID[id]; ok {
		s.hits++
		return s
	}
	s := newSession(user)
	r.byID[id] = s // BUG: never evicted
	return s
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
	r := &Registry{byID: map[uint64]*session{}}
	id := uint64(0)
	for phase := 1; phase <= 3; phase++ {
		for i := 0; i < 20000; i++ {
			id++
			r.Track(id*2654435761, fmt.Sprint("u", i%100))
		}
		if phase != 2 {
			snapshot(dir, phase, false)
		}
	}
}
