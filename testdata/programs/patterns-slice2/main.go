// patterns-slice2: log lines are assembled whole with strings.Builder, then only a short substring
// (the request id) is kept in a long-lived set, which pins every assembled line.
package main

import (
	"fmt"
	"leakscope/programs/internal/profilesnap"
	"os"
	"runtime"
	"strings"
)

var _ = func() int { runtime.MemProfileRate = 4096; return 0 }()

var requestIDs []string // BUG: substrings of whole lines

//go:noinline
func ingestLine(n int) {
	var b strings.Builder
	fmt.Fprintf(&b, "req-%06d ", n)
	for i := 0; i < 700; i++ {
		b.WriteString("field=value; ")
	}
	line := b.String()
	requestIDs = append(requestIDs, line[:10])
}

func main() {
	dir := os.Args[1]
	for phase := 1; phase <= 3; phase++ {
		for i := 0; i < 1500; i++ {
			ingestLine(phase*100000 + i)
		}
		if phase != 2 {
			profilesnap.Snapshot(dir, phase, false)
		}
	}
}
