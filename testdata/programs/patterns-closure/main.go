// patterns-closure: an event bus whose subscribers are closures capturing a payload buffer, stored per
// topic and never unsubscribed; and per-route instrumentation closures whose captured history grows.
// Same mechanism as the closure-capture scenario, written with methods and other names.
package main

import (
	"fmt"
	"leakscope/programs/internal/profilesnap"
	"os"
	"runtime"
)

var _ = func() int { runtime.MemProfileRate = 2048; return 0 }()

type Bus struct {
	subscribers map[string][]func(msg string) int
}

// Subscribe registers a callback; the scratch buffer it captures lives as long as the bus.
//
//go:noinline
func (b *Bus) Subscribe(topic string, scratchSize int) {
	scratch := make([]byte, scratchSize)
	b.subscribers[topic] = append(b.subscribers[topic], func(msg string) int {
		return copy(scratch, msg)
	})
}

type Server struct {
	hooks []func(latency int)
}

// instrument returns a hook whose captured samples slice grows on every call.
//
//go:noinline
func (s *Server) instrument(route string) func(latency int) {
	var samples []int64
	var labels []string
	return func(latency int) {
		samples = append(samples, int64(latency))
		if len(samples)%8 == 0 {
			labels = append(labels, route+fmt.Sprint(latency))
		}
	}
}

var churn [][]byte

func noise(n int) {
	for i := 0; i < n; i++ {
		churn = append(churn[:0], make([]byte, 4096))
	}
}

func main() {
	dir := os.Args[1]
	bus := &Bus{subscribers: map[string][]func(string) int{}}
	srv := &Server{}
	for phase := 1; phase <= 3; phase++ {
		for i := 0; i < 200; i++ {
			bus.Subscribe(fmt.Sprintf("topic-%d", i%17), 32<<10)
		}
		for i := 0; i < 30; i++ {
			srv.hooks = append(srv.hooks, srv.instrument(fmt.Sprintf("/api/%d", i)))
		}
		for round := 0; round < 400; round++ {
			for _, h := range srv.hooks {
				h(round)
			}
		}
		noise(1000)
		if phase != 2 {
			profilesnap.Snapshot(dir, phase, false)
		}
	}
}
