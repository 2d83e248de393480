import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzip } from 'pako';
import { describe, expect, it } from 'vitest';
import { gunzipProfile } from './gunzip.ts';
import { gunzipWithStreams } from './gunzipStream.ts';
import { readProfile, repoRoot } from './text/fixtures.testutil.ts';

// Node has DecompressionStream too, so the browser's fast path runs here as it does in the decode worker.
describe('gunzipWithStreams', () => {
  it('inflates real profiles to the same bytes as pako', async () => {
    for (const name of ['map-cache/heap_3.pb.gz', 'goroutine-leak/goroutine_3.pb.gz', 'cpu/cpu_new.pb.gz']) {
      const bytes = readProfile(name);
      expect(await gunzipWithStreams(bytes, name)).toEqual(gunzipProfile(bytes, name));
    }
  });

  it('gives null on a truncated stream, so that gunzipProfile can say where it ended', async () => {
    const bytes = new Uint8Array(readFileSync(path.join(repoRoot, 'testdata/malformed/truncated.pb.gz')));
    expect(await gunzipWithStreams(bytes, 'truncated.pb.gz')).toBeNull();
    expect(() => gunzipProfile(bytes, 'truncated.pb.gz')).toThrow(/gzip stream ended early/);
  });

  it('stops a gzip bomb at the cap with the same error as gunzipProfile', async () => {
    // Hand-made, as in decodeProfile.test.ts: no real profile is a bomb.
    const bomb = gzip(new Uint8Array(8 << 20));
    await expect(gunzipWithStreams(bomb, 'bomb.pb.gz', 1 << 20)).rejects.toThrow('bomb.pb.gz: inflates to more than 1 MiB');
  });
});
