// patterns-map2: a dedup index map[string]string whose keys and values are formatted per event and
// never deleted. Default MemProfileRate; values come from fmt.Sprintf, so the leaf is library code.
package main

import (
	"fmt"
	"leakscope/programs/internal/profilesnap"
	"os"
)

var seen = map[string]string{}

//go:noinline
func remember(event int) {
	key := fmt.Sprintf("evt-%08d", event)
	seen[key] = fmt.Sprintf("%s|%0512d", key, event) // BUG: grows forever
}

func main() {
	dir := os.Args[1]
	for phase := 1; phase <= 3; phase++ {
		for i := 0; i < 40000; i++ {
			remember(phase*1000000 + i)
		}
		if phase != 2 {
			profilesnap.Snapshot(dir, phase, false)
		}
	}
}
