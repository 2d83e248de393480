// patterns-slice: message bodies read whole with io.ReadAll; only a 24-byte header slice of each is
// kept in a long-lived log, which pins every body. Same mechanism as the slice-retention scenario,
// with a library reader instead of make.
package main

import (
	"bytes"
	"io"
	"leakscope/programs/internal/profilesnap"
	"os"
	"runtime"
)

var _ = func() int { runtime.MemProfileRate = 8192; return 0 }()

var headers [][]byte // BUG: sub-slices of whole bodies

var blob = bytes.Repeat([]byte("0123456789abcdef"), 12<<10) // 192 KiB

//go:noinline
func receive(msg int) {
	body, err := io.ReadAll(bytes.NewReader(blob))
	if err != nil {
		panic(err)
	}
	body[0] = byte(msg)
	headers = append(headers, body[:24])
}

func main() {
	dir := os.Args[1]
	for phase := 1; phase <= 3; phase++ {
		for i := 0; i < 120; i++ {
			receive(i)
		}
		if phase != 2 {
			profilesnap.Snapshot(dir, phase, false)
		}
	}
}
