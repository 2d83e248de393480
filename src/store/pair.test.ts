import { describe, expect, it } from 'vitest';
import { choosePair, type PairCandidate } from './pair.ts';
import { loadProfile } from '../testing/sharedProfiles.ts';

function load(relative: string, id: string, order: number): PairCandidate {
  return { id, order, profile: loadProfile(relative) };
}

describe('choosePair', () => {
  it('makes the older snapshot the base and the newer the target, whatever order they were loaded in', () => {
    const h3 = load('map-cache/heap_3.pb.gz', 'h3', 1);
    const h1 = load('map-cache/heap_1.pb.gz', 'h1', 2);
    expect(choosePair([h3, h1])).toEqual({ baseId: 'h1', targetId: 'h3' });
  });

  it('shows a single profile on its own', () => {
    expect(choosePair([load('map-cache/heap_1.pb.gz', 'h1', 1)])).toEqual({ baseId: null, targetId: 'h1' });
  });

  it('diffs the first and last of three snapshots', () => {
    const h1 = load('closure-capture/heap_1.pb.gz', 'h1', 1);
    const h2 = load('closure-capture/heap_2.pb.gz', 'h2', 2);
    const h3 = load('closure-capture/heap_3.pb.gz', 'h3', 3);
    expect(choosePair([h2, h3, h1])).toEqual({ baseId: 'h1', targetId: 'h3' });
  });

  it('pairs the kind with most profiles when heap and goroutine profiles are mixed', () => {
    const g1 = load('timer-leak/goroutine_1.pb.gz', 'g1', 1);
    const h1 = load('timer-leak/heap_1.pb.gz', 'h1', 2);
    const h3 = load('timer-leak/heap_3.pb.gz', 'h3', 3);
    expect(choosePair([g1, h1, h3])).toEqual({ baseId: 'h1', targetId: 'h3' });
  });

  it('falls back to load order for profiles that carry no time (text heap profiles)', () => {
    const t1 = load('map-cache/heap_1.txt', 't1', 1);
    const t3 = load('map-cache/heap_3.txt', 't3', 2);
    expect(t1.profile.timeMs).toBe(0);
    expect(choosePair([t3, t1])).toEqual({ baseId: 't1', targetId: 't3' });
  });
});
