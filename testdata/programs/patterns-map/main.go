// patterns-map: a session registry keyed by a per-request id, filled through a method with values
// built by a constructor, never evicted. Same mechanism as the map-cache scenario with a struct
// value, an int key and methods.
package main

import (
	"fmt"
	"leakscope/programs/internal/profilesnap"
	"os"
	"runtime"
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
			profilesnap.Snapshot(dir, phase, false)
		}
	}
}
