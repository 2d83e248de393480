// Hand-made fits: the wording is what is under test, for both time axes.
import { describe, expect, it } from 'vitest';
import { describeTrend, textSparkline } from './describe.ts';
import { fitAxis, fitSeries } from './fit.ts';

const mib = 1024 * 1024;

describe('describeTrend', () => {
  it('reads "grew in N of M intervals" with the slope per minute', () => {
    const fit = fitSeries([0, 8.1 * mib, 16.2 * mib, 24.3 * mib], fitAxis([0, 1, 2, 3]));
    expect(describeTrend(fit, 'bytes', 'minutes')).toBe('grew in 3 of 3 intervals, +8.1 MiB/min');
  });

  it('says per step when the snapshots carry no time, and signs shrinkage with a minus', () => {
    const fit = fitSeries([30, 20, 10], fitAxis([0, 1, 2]));
    expect(describeTrend(fit, 'count', 'steps')).toBe('grew in 0 of 2 intervals, \u221210/step');
  });
});

describe('textSparkline', () => {
  it('scales between the smallest and largest value', () => {
    expect(textSparkline([0, 5, 10])).toBe('▁▅█');
    expect(textSparkline([3, 3, 3])).toBe('▄▄▄');
    expect(textSparkline([0, 10, 0])).toBe('▁█▁');
  });
});
