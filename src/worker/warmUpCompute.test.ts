import { describe, expect, it } from 'vitest';
import { buildSuspectsReport } from '../patterns/suspectsReport.ts';
import { computeView } from './pipeline.ts';
import { endComputeWarmUp, warmUpComputeRound, warmUpPair } from './warmUpCompute.ts';

describe('the compute workers\' warm-up', () => {
  it('diffs a pair that grew, so a round runs the whole view pipeline and the suspects matchers', () => {
    const { base, target } = warmUpPair();
    const outcome = computeView({ baseId: 'a', targetId: 'b', sampleType: 'inuse_space', normalize: false, focus: '', ignore: '', hide: '', collapseRecursion: false }, base, target);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.result.values.totalNew).toBeGreaterThan(outcome.result.values.totalBase);
    expect(outcome.result.flameTree.size).toBeGreaterThan(1000);
    expect(outcome.result.functions!.length).toBeGreaterThan(100);
    expect(buildSuspectsReport(base, target, 'inuse_space', [base, target]).suspects.length).toBeGreaterThan(0);
    expect(() => warmUpComputeRound('view')).not.toThrow();
    expect(() => warmUpComputeRound('suspects')).not.toThrow();
    endComputeWarmUp();
  });
});
