// patterns-httpbody: a client checks status codes and never closes response bodies, against a
// local test server; each request keeps its connection, buffers and goroutines. Loopback only.
package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
)

var _ = func() int { runtime.MemProfileRate = 4096; return 0 }()

//go:noinline
func checkHealth(c *http.Client, url string) int {
	resp, err := c.Get(url)
	if err != nil {
		panic(err)
	}
	return resp.StatusCode // BUG: resp.Body is never closed
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
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "ok")
	}))
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 2}}
	for phase := 1; phase <= 3; phase++ {
		for i := 0; i < 300; i++ {
			checkHealth(client, srv.URL)
		}
		runtime.Gosched()
		if phase != 2 {
			snapshot(dir, phase, true)
		}
	}
}
