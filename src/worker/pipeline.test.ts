import { describe, expect, it } from 'vitest';
import { decodeProfile } from '../profile/decodeProfile.ts';
import { readProfile } from '../profile/text/fixtures.testutil.ts';
import { likelyNextSampleType } from './pipeline.ts';

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
