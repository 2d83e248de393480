// leakyservice: a small in-process session service with three leaks, used to make the example profiles
// the app opens on. Each phase stands for a few minutes of traffic; after each, a heap snapshot is written.
//
//   - sessions: an unbounded map cache, one entry per user, never evicted (grows every phase);
//   - pollUpstream: time.After in a select loop; before Go 1.23 each unfired timer stays in the runtime
//     timer heap until it fires (here: after an hour), so every iteration leaks a timer and its channel;
//   - handle: a fetch goroutine sends on an unbuffered channel, but the cached fast path returns without
//     receiving, so that goroutine blocks forever in chan send.
//
// Plus churn that is freed again (rendering responses), so not everything that allocates leaks.
// The workload is deterministic (no sleeps, no clocks, no randomness). MemProfileRate=1024 samples small
// objects densely, so the leaks show clearly while the files stay small; the exact numbers still vary a
// little between runs, as sampled heap profiles do. (At MemProfileRate=1 the text form grows past 300 KB,
// mostly with the profile writer's own allocations.)
//
// Usage: leakyservice OUTDIR
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"leakscope/programs/internal/profilesnap"
	"os"
	"runtime"
	"strings"
	"time"
)

var _ = func() int { runtime.MemProfileRate = 1024; return 0 }()

type request struct {
	id   int
	user string
	path string
}

type session struct {
	user    string
	token   []byte
	history []string
}

type server struct {
	sessions map[string]*session // BUG: unbounded, never evicted
	pages    map[string][]byte
	events   chan int
	applied  int
}

func newServer() *server {
	return &server{
		sessions: map[string]*session{},
		pages:    map[string][]byte{},
		events:   make(chan int, 1),
	}
}

// session returns the user's session, creating it on first sight.
func (s *server) session(user string) *session {
	if sess, ok := s.sessions[user]; ok {
		return sess
	}
	sess := &session{user: user, token: make([]byte, 512)}
	copy(sess.token, user)
	s.sessions[user] = sess
	return sess
}

// fetchProfile stands for a call to a backend; the result goes back on results.
func (s *server) fetchProfile(r request, results chan<- []byte) {
	body := []byte(fmt.Sprintf(`{"user":%q,"path":%q}`, r.user, r.path))
	results <- body // blocks forever when handle took the fast path
}

func (s *server) handle(r request) []byte {
	sess := s.session(r.user)
	sess.history = append(sess.history, r.path)
	results := make(chan []byte)
	go s.fetchProfile(r, results)
	if page, ok := s.pages[r.path]; ok && r.id%16 == 0 {
		return page // BUG: returns without receiving from results; the fetch goroutine leaks
	}
	body := <-results
	page := s.render(sess, body)
	s.pages[r.path] = page
	return page
}

// render builds a response; its buffers are garbage as soon as the request is done.
func (s *server) render(sess *session, body []byte) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	_ = enc.Encode(map[string]any{"session": sess.user, "body": string(body), "visits": len(sess.history)})
	return []byte(strings.TrimSpace(buf.String()))
}

// pollUpstream drains upstream events, with a timeout per wait.
func (s *server) pollUpstream(n int) {
	for i := 0; i < n; i++ {
		s.events <- i
		select {
		case ev := <-s.events:
			s.applied += ev & 1
		case <-time.After(time.Hour): // BUG: a new timer per iteration, alive until it fires
		}
	}
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: leakyservice OUTDIR")
		os.Exit(2)
	}
	dir := os.Args[1]
	if err := os.MkdirAll(dir, 0o755); err != nil {
		panic(err)
	}
	s := newServer()
	sink := 0
	for phase := 1; phase <= 3; phase++ {
		for i := 0; i < 3000; i++ {
			r := request{id: i, user: fmt.Sprintf("user-%d-%d", phase, i), path: fmt.Sprintf("/profile/%d", i%50)}
			sink += len(s.handle(r))
		}
		s.pollUpstream(4000)
		runtime.GC()
		runtime.GC()
		profilesnap.Write(dir, fmt.Sprintf("heap_%d.pb.gz", phase), "heap", 0)
		if phase == 3 {
			profilesnap.Write(dir, "heap_3.txt", "heap", 1)
		}
		if phase != 2 {
			profilesnap.Write(dir, fmt.Sprintf("goroutine_%d.pb.gz", phase), "goroutine", 0)
		}
		if phase == 3 {
			profilesnap.Write(dir, "goroutine_3.debug2.txt", "goroutine", 2)
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		fmt.Fprintf(os.Stderr, "phase %d: HeapInuse=%d KiB HeapObjects=%d goroutines=%d sessions=%d\n",
			phase, ms.HeapInuse>>10, ms.HeapObjects, runtime.NumGoroutine(), len(s.sessions))
	}
	_ = sink
}
