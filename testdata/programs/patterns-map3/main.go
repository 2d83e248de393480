// patterns-map3: a page cache keyed by URL holds fully rendered 24 KiB pages and never evicts; the
// values are large, so the shape alone would also fit retained buffers.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
)

var _ = func() int { runtime.MemProfileRate = 16384; return 0 }()

type Page struct {
	URL  string
	Body []byte
}

var pages = map[string]*Page{}

//go:noinline
func renderPage(url string) *Page {
	body := make([]byte, 24<<10)
	copy(body, url)
	return &Page{URL: url, Body: body}
}

//go:noinline
func getPage(url string) *Page {
	if p, ok := pages[url]; ok {
		return p
	}
	p := renderPage(url)
	pages[url] = p // BUG: unbounded
	return p
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
		for i := 0; i < 3000; i++ {
			getPage(fmt.Sprintf("/item/%d/%d", phase, i))
		}
		if phase != 2 {
			snapshot(dir, phase, false)
		}
	}
}
