// patterns-map3: a page cache keyed by URL holds fully rendered 24 KiB pages and never evicts; the
// values are large, so the shape alone would also fit retained buffers.
package main

import (
	"fmt"
	"leakscope/programs/internal/profilesnap"
	"os"
	"runtime"
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

func main() {
	dir := os.Args[1]
	for phase := 1; phase <= 3; phase++ {
		for i := 0; i < 3000; i++ {
			getPage(fmt.Sprintf("/item/%d/%d", phase, i))
		}
		if phase != 2 {
			profilesnap.Snapshot(dir, phase, false)
		}
	}
}
