// patterns-timer: a retry scheduler that arms time.AfterFunc per failed job (fires after an hour) and
// connections whose keepAlive goroutine ranges over time.Tick forever. Same mechanism as the
// timer-leak scenario with other library calls, names and structure.
package main

import (
	"leakscope/programs/internal/profilesnap"
	"os"
	"runtime"
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
			profilesnap.Snapshot(dir, phase, true)
		}
	}
	_ = conns
}
