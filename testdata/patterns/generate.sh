#!/usr/bin/env bash
# Regenerates the pattern fixtures: runs each testdata/programs/patterns-<name> program (stdlib only,
# any Go >= 1.19) and keeps its heap_1/heap_3 (and goroutine_1/goroutine_3) profiles here in <name>/.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
PROGRAMS=$(cd "$HERE/../programs" && pwd)
export GOFLAGS="-trimpath" GOPROXY=off
for dir in "$PROGRAMS"/patterns-*/; do
  name=$(basename "$dir"); name=${name#patterns-}
  rm -rf "${HERE:?}/$name"; mkdir -p "$HERE/$name"
  (cd "$dir" && go run . "$HERE/$name")
  echo "$name: $(ls "$HERE/$name" | tr '\n' ' ')"
done
go version > "$HERE/GO_VERSION"
