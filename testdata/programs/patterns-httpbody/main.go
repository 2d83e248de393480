// patterns-httpbody: a client checks status codes and never closes response bodies, against a
// local test server; each request keeps its connection, buffers and goroutines. Loopback only.
package main

import (
	"fmt"
	"leakscope/programs/internal/profilesnap"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
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
			profilesnap.Snapshot(dir, phase, true)
		}
	}
}
