#!/usr/bin/env bash
# Regenerates the bundled example profiles (public/examples/) from the leaky Go program in
# testdata/programs/example-leak. Needs Go >= 1.19 on PATH; stdlib only, no network.
# Usage: bash scripts/generate-example.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PROGRAM="$ROOT/testdata/programs/example-leak"
OUT="$ROOT/public/examples"
MAX_BYTES=$((200 * 1024))
export GOFLAGS="-mod=mod -trimpath" GOPROXY=off GO111MODULE=on

WORK=$(mktemp -d /tmp/leakscope-example.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

(cd "$PROGRAM" && go build -o "$WORK/leakyservice" .)
"$WORK/leakyservice" "$WORK/out"

FILES="heap_1.pb.gz heap_2.pb.gz heap_3.pb.gz heap_3.txt goroutine_1.pb.gz goroutine_3.pb.gz goroutine_3.debug2.txt"
describe() {
  case "$1" in
    heap_1.pb.gz) echo "Heap profile after the first phase of traffic (the base)";;
    heap_2.pb.gz) echo "Heap profile after the second phase: sessions and timers keep growing";;
    heap_3.pb.gz) echo "Heap profile after the third phase (diff it against heap_1)";;
    heap_3.txt) echo "The third heap snapshot in legacy text form (debug=1), with runtime.MemStats";;
    goroutine_1.pb.gz) echo "Goroutine profile after the first phase";;
    goroutine_3.pb.gz) echo "Goroutine profile after the third phase: fetch goroutines stuck in chan send";;
    goroutine_3.debug2.txt) echo "Full goroutine dump (debug=2) after the third phase";;
  esac
}

mkdir -p "$OUT"
for f in $FILES; do
  size=$(stat -c %s "$WORK/out/$f")
  if [ "$size" -gt "$MAX_BYTES" ]; then
    echo "generate-example: $f is $size bytes, over the $MAX_BYTES-byte budget" >&2
    exit 1
  fi
  cp "$WORK/out/$f" "$OUT/$f"
done

# The program runs its phases seconds apart; stamp the snapshots minutes apart like real ones.
(cd "$ROOT" && npx tsx scripts/space-example-times.ts "$OUT")

{
  echo '{"files":['
  sep=''
  for f in $FILES; do
    printf '%s  {"name":"%s","description":"%s"}' "$sep" "$f" "$(describe "$f")"
    sep=$',\n'
  done
  printf '\n]}\n'
} > "$OUT/index.json"
echo "wrote $(echo $FILES | wc -w) profiles and index.json to public/examples"
