// patterns-timer: a retry scheduler that arms time.AfterFunc per failed job (fires after an hour) and
// connections whose keepAlive goroutine ranges over time.Tick forever. Same mechanism as the
// timer-leak scenario with other library calls, names and structure.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"time"
)

var _ = func() int { runtime.MemProfileRate = 1; return 0 }()

type Scheduler struct{ retried int }

//go:noinline
func (s *Scheduler) retryLater(job int) {
	time.AfterFunc(time.Hour, func() { s.retried += job })
}

type Conn struct{ id int }

// keepAlive runs in its own goroutine and never returns: time.Tick's ticker can never be stopped.
func (c *Conn) keepAlive() {
	for range time.Tick(time.Hour) {
		c.id++
	}
}

func dial(id int) *Conn {
	c := &Conn{id: id}
	go c.keepAlive()
	return c
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
	s := &Scheduler{}
	var conns []*Conn
	for phase := 1; phase <= 3; phase++ {
		for i := 0; i < 12000; i++ {
			s.retryLater(i)
		}
		for i := 0; i < 150; i++ {
			conns = append(conns, dial(i))
		}
		runtime.Gosched()
		if phase != 2 {
			snapshot(dir, phase, true)
		}
	}
	_ = conns
}
