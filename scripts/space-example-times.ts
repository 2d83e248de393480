// The example program compresses minutes of traffic into about two seconds, so the Go runtime stamps
// its snapshots a second apart and growth per minute would read absurdly high. This spaces the
// protobuf snapshots' times five minutes apart, as they would be when taken from a real service.
// Usage: tsx scripts/space-example-times.ts public/examples
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync, gunzipSync } from 'node:zlib';
import { Profile } from 'pprof-format';

const SPACING_NANOS = 5n * 60n * 1_000_000_000n;
const dir = process.argv[2] ?? 'public/examples';

function respace(prefix: 'heap' | 'goroutine'): void {
  const files = [1, 2, 3].map((n) => path.join(dir, `${prefix}_${n}.pb.gz`));
  let first: bigint | null = null;
  files.forEach((file, i) => {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      return; // not every snapshot exists for every kind (goroutine_2 is not kept)
    }
    const profile = Profile.decode(gunzipSync(bytes));
    const time = BigInt(profile.timeNanos);
    first ??= time - BigInt(i) * SPACING_NANOS;
    profile.timeNanos = first + BigInt(i) * SPACING_NANOS;
    writeFileSync(file, gzipSync(profile.encode()));
  });
}

respace('heap');
respace('goroutine');
