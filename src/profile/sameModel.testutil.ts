// The one comparison of two decoders' models (fast decodeProtobuf vs pprof-format's reference): deep,
// strict equality of every field — header, frames, stacks, samples with their labels and mergeKey.
import { expect } from 'vitest';
import type { Profile } from './model.ts';

export function expectSameModel(fast: Profile, reference: Profile): void {
  expect(fast).toStrictEqual(reference);
}
