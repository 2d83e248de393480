import { describe, expect, it } from 'vitest';
import { ProfileError } from '../profile/errors.ts';
import { sharedProfilePath } from '../testing/sharedProfiles.ts';
import { nodeIo, type CliIo, type DecodeThread } from './io.ts';
import { loadProfiles } from './loadProfile.ts';

const files = ['timer-leak/heap_1.pb.gz', 'timer-leak/heap_2.pb.gz', 'timer-leak/heap_3.pb.gz'].map((f) => sharedProfilePath(f));

// A thread that fails the way the fake says: the real one cannot be made to crash on demand.
function ioWithThread(fail: () => Error): CliIo & { used: () => number } {
  let calls = 0;
  const thread: DecodeThread = {
    decode: () => {
      calls++;
      return Promise.reject(fail());
    },
    close: () => {},
  };
  return { ...nodeIo(), decodeThread: () => thread, used: () => calls };
}

describe('loadProfiles (the CLI decodes files on two threads)', () => {
  it('gives the profiles in the order given, decoded on the worker thread and this one', async () => {
    const profiles = await loadProfiles(files, nodeIo());
    expect(profiles.map((p) => p.fileName)).toEqual(['heap_1.pb.gz', 'heap_2.pb.gz', 'heap_3.pb.gz']);
    expect(profiles.every((p) => p.samples.length > 0)).toBe(true);
  });

  it('decodes a file itself when the thread fails for a reason other than the file', async () => {
    const io = ioWithThread(() => new Error('the decode thread exited (code 1)'));
    const profiles = await loadProfiles(files, io);
    expect(io.used()).toBeGreaterThan(0);
    expect(profiles.map((p) => p.fileName)).toEqual(['heap_1.pb.gz', 'heap_2.pb.gz', 'heap_3.pb.gz']);
  });

  it('reports a file the thread found bad, as the first failure in the order given', async () => {
    const io = ioWithThread(() => new ProfileError('heap_1.pb.gz', 'protobuf', 'is corrupt'));
    await expect(loadProfiles(files, io)).rejects.toThrow('heap_1.pb.gz: is corrupt');
  });
});
