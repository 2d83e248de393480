// patterns-slice3: chunks of 256 KiB are loaded and a 16-byte key slice of each is indexed in a map
// that is never pruned: the map grows too, but what it pins are the whole chunks.
package main

import (
	"fmt"
	"leakscope/programs/internal/profilesnap"
	"os"
	"runtime"
)

var _ = func() int { runtime.MemProfileRate = 65536; return 0 }()

var byKey = map[string][]byte{}

//go:noinline
func loadChunk(n int) []byte {
	chunk := make([]byte, 256<<10)
	for i := 0; i < len(chunk); i += 1024 {
		chunk[i] = byte(n + i)
	}
	return chunk
}

//go:noinline
func indexChunks(from, count int) {
	for i := from; i < from+count; i++ {
		chunk := loadChunk(i)
		byKey[fmt.Sprint("k", i)] = chunk[64:80] // BUG: pins the 256 KiB chunk
	}
}

func main() {
	dir := os.Args[1]
	for phase := 1; phase <= 3; phase++ {
		indexChunks(phase*1000, 200)
		if phase != 2 {
			profilesnap.Snapshot(dir, phase, false)
		}
	}
}
