import { describe, expect, it } from 'vitest';
import { decodeProfile } from '../profile/decodeProfile.ts';
import { readProfile } from '../profile/text/fixtures.testutil.ts';
import { selfOf } from '../flame/flameTree.ts';
import { computeView, likelyNextSampleType, viewForPage, type ViewRequest } from './pipeline.ts';

const profile = (name: string) => decodeProfile(readProfile(name), name);

describe('likelyNextSampleType (what the compute worker prepares while idle)', () => {
  it('in a heap profile, crosses between retained and allocated for the same measure', () => {
    const heap = profile('map-cache/heap_3.pb.gz');
    expect(likelyNextSampleType(heap, 'inuse_space')).toBe('alloc_space');
    expect(likelyNextSampleType(heap, 'alloc_space')).toBe('inuse_space');
    expect(likelyNextSampleType(heap, 'inuse_objects')).toBe('alloc_objects');
    expect(likelyNextSampleType(heap, 'alloc_objects')).toBe('inuse_objects');
  });

  it('elsewhere picks another type, and none when the profile has only one', () => {
    const cpu = profile('cpu/cpu_new.pb.gz');
    const types = cpu.sampleTypes.map((t) => t.type);
    expect(types.length).toBe(2);
    expect(likelyNextSampleType(cpu, types[0])).toBe(types[1]);
    expect(likelyNextSampleType(cpu, types[1])).toBe(types[0]);
    expect(likelyNextSampleType(profile('goroutine-leak/goroutine_3.pb.gz'), 'goroutine')).toBeNull();
  });
});

describe('viewForPage (what the compute worker sends)', () => {
  it('leaves out the self values, and selfOf gives every node exactly the ones the worker had', () => {
    const pairs = [
      ['map-cache/heap_1.pb.gz', 'map-cache/heap_3.pb.gz', 'inuse_space'],
      ['cpu/cpu_base.pb.gz', 'cpu/cpu_new.pb.gz', 'cpu'],
    ] as const;
    for (const [baseName, targetName, sampleType] of pairs) {
      const base = profile(baseName);
      const target = profile(targetName);
      const request: ViewRequest = { baseId: 'b', targetId: 't', sampleType, normalize: true, focus: '', ignore: '', hide: '', collapseRecursion: false };
      const full = computeView(request, base, target);
      const sent = viewForPage(full);
      if (!full.ok || !sent.ok) throw new Error('no view');
      const whole = full.result.flameTree;
      const slim = sent.result.flameTree;
      expect(slim.selfNew.length).toBe(0);
      expect(whole.size).toBeGreaterThan(5);
      let nonZero = 0;
      for (let node = 0; node < whole.size; node++) {
        const derived = selfOf(slim, node);
        expect(derived).toEqual({ base: whole.selfBase[node], next: whole.selfNew[node] });
        if (derived.next !== 0) nonZero++;
      }
      expect(nonZero).toBeGreaterThan(2);
    }
  });
});
