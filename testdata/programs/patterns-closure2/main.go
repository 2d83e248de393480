// patterns-closure2: plugins attach processors (closures over a 96 KiB lookup table) to a global
// pipeline slice that is never pruned. Default MemProfileRate, so the small closure objects are
// rarely sampled; the names and the retained tables are the evidence.
package main

import (
	"leakscope/programs/internal/profilesnap"
	"os"
)

type processor func(b byte) byte

var pipeline []processor

//go:noinline
func attachProcessor(seed byte) {
	table := make([]byte, 96<<10)
	for i := range table {
		table[i] = byte(i) ^ seed
	}
	pipeline = append(pipeline, func(b byte) byte { return table[int(b)*37%len(table)] })
}

func main() {
	dir := os.Args[1]
	for phase := 1; phase <= 3; phase++ {
		for i := 0; i < 150; i++ {
			attachProcessor(byte(i))
		}
		if phase != 2 {
			profilesnap.Snapshot(dir, phase, false)
		}
	}
}
