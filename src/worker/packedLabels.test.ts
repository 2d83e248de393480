// Packed sample labels: what the decode and compute workers send instead of one object array per sample.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lazyLabels, packLabels, splitLabels, withLazyLabels } from './packedLabels.ts';
import { loadProfile, profilesDir } from '../testing/sharedProfiles.ts';

const load = (rel: string) => loadProfile(rel);

describe('packed sample labels', () => {
  for (const rel of ['goroutine-leak/heap_3.pb.gz', 'goroutine-leak/goroutine_3.debug2.txt']) {
    it(`unpack to the decoder's labels, sample by sample (${rel})`, () => {
      const profile = load(rel);
      const { profile: bare, labels } = splitLabels(profile);
      expect(labels).not.toBeNull();
      expect(bare.samples.labels).toEqual([]);
      // Through structuredClone, as postMessage sends them.
      const received = withLazyLabels(structuredClone(bare), structuredClone(labels));
      const got = received.samples.labels;
      expect(got.length).toBe(profile.samples.length);
      for (let i = 0; i < profile.samples.length; i++) {
        expect(got[i]).toEqual(profile.samples.labels[i]);
        expect(i in got).toBe(profile.samples.labels[i] !== undefined);
      }
      expect(got.some((l) => l?.some((x) => x.key === 'created_by'))).toBe(profile.samples.labels.some((l) => l?.some((x) => x.key === 'created_by')));
    });
  }

  it('a profile without labels packs to nothing and unpacks to an empty column', () => {
    const profile = load('cpu/' + fs.readdirSync(path.join(profilesDir, 'cpu')).find((f) => f.endsWith('.pb.gz')));
    if (profile.samples.labels.length === 0) expect(packLabels(profile.samples.labels, profile.samples.length)).toBeNull();
    expect(lazyLabels(null)).toEqual([]);
  });

  it('a lazy column packs again without unpacking (sent on to the compute worker as is)', () => {
    const profile = load('goroutine-leak/heap_3.pb.gz');
    const packed = packLabels(profile.samples.labels, profile.samples.length)!;
    expect(packLabels(lazyLabels(packed), profile.samples.length)).toBe(packed);
  });
});
