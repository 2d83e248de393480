import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { matchLeakPatterns } from './match.ts';
import { rankSuspects, suspectsByPattern } from './suspects.ts';
import { diffMatches, sharedProfiles } from './testProfiles.testutil.ts';
import type { GrowthInput } from './types.ts';

describe('rankSuspects', () => {
  it('shares add up to the total growth and suspects are sorted by delta', () => {
    const suspects = rankSuspects(diffMatches(path.join(sharedProfiles, 'context-leak'), 'heap_1.pb.gz', 'heap_3.pb.gz', 'inuse_space'));
    const share = suspects.reduce((a, s) => a + s.share, 0);
    expect(share).toBeCloseTo(1, 6);
    for (let i = 1; i < suspects.length; i++) expect(suspects[i - 1].delta).toBeGreaterThanOrEqual(suspects[i].delta);
  });

  it('ranks by trend when trends are given, and says so', () => {
    const result = diffMatches(path.join(sharedProfiles, 'timer-leak'), 'heap_1.pb.gz', 'heap_3.pb.gz', 'inuse_space');
    const byDelta = rankSuspects(result);
    expect(byDelta[0].function).toBe('time.After');
    // A steady grower ranks above a one-off jump even when its delta is smaller.
    const trends = new Map([
      ['time.After', { grewIntervals: 1, intervals: 2, slopePerMinute: 1e6 }],
      ['runtime.malg', { grewIntervals: 2, intervals: 2, slopePerMinute: 8.1 * 1024 * 1024 }],
    ]);
    const byTrend = rankSuspects(result, { trends });
    expect(byTrend[0].function).toBe('runtime.malg');
    expect(byTrend[0].trendText).toBe('grew in 2 of 2 intervals, +8.1 MiB/min');
  });

  it('folds suspects by pattern for a summary, unclassified growth as null', () => {
    const suspects = rankSuspects(diffMatches(path.join(sharedProfiles, 'goroutine-leak'), 'heap_1.pb.gz', 'heap_3.pb.gz', 'inuse_space'));
    const groups = suspectsByPattern(suspects);
    expect(groups[0].pattern).toBe('goroutine-leak');
    expect(groups.some((g) => g.pattern === null)).toBe(true);
  });

  it('growth no rule recognises is reported as unclassified at its own function', () => {
    // Hand-made: a real profile always mixes in recognisable runtime frames; this isolates the fallback.
    const input: GrowthInput = {
      kind: 'heap',
      sampleType: 'inuse_space',
      unit: 'bytes',
      stacks: [{ frames: ['runtime.main', 'main.main', 'main.compute'], base: 100, next: 300, objectsBase: 1, objectsNew: 2, spaceBase: 100, spaceNew: 300 }],
    };
    const [s] = rankSuspects(matchLeakPatterns(input));
    expect(s).toMatchObject({ pattern: null, function: 'main.compute', delta: 200, share: 1, candidates: [] });
  });
});
