import { describe, expect, it } from 'vitest';
import { decodePprofReference } from '../profile/decodePprof.ts';
import { decodeProtobuf } from '../profile/decodeProtobuf.ts';
import { expectSameModel } from '../profile/sameModel.testutil.ts';
import { warmUpProfileBytes } from './warmUpProfile.ts';

describe('the warm-up profile of the decode workers', () => {
  it('is a Go-like heap profile that both decoders read alike, through every path of a real decode', () => {
    const bytes = warmUpProfileBytes();
    const p = decodeProtobuf(bytes, 'warm-up.pb', bytes.length);
    expectSameModel(p, decodePprofReference(bytes, 'warm-up.pb', bytes.length));
    expect(p.kind).toBe('heap');
    expect(p.samples.length).toBe(2000);
    // Inlined frames, shared stack tops and repeated location lists: what the decoder's fast paths handle.
    expect(p.stacks.length).toBeGreaterThan(5000);
    expect(p.samples.labels[0]).toEqual([{ key: 'bytes', num: expect.any(Number) }]);
  });
});
