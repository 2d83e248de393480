// Hand-made series: the shapes (steady, jump, churn) are the point, and no fixture holds all three.
import { describe, expect, it } from 'vitest';
import { fitAxis, fitRows, fitSeries, rankRows } from './fit.ts';

const steps5 = fitAxis([0, 1, 2, 3, 4]);

describe('fitSeries', () => {
  it('marks steady growth monotonic with a perfect fit', () => {
    const fit = fitSeries([0, 5, 10, 15, 20], steps5);
    expect(fit).toMatchObject({ monotonic: true, grewIntervals: 4, intervals: 4, slope: 5, r2: 1, score: 5 });
  });

  it('does not mark churn (up then down) monotonic and gives it no score', () => {
    const fit = fitSeries([0, 10, 0], fitAxis([0, 1, 2]));
    expect(fit.monotonic).toBe(false);
    expect(fit.grewIntervals).toBe(1);
    expect(fit.score).toBe(0);
  });

  it('ranks a steady leak above a one-off jump of the same size', () => {
    const steady = fitSeries([0, 5, 10, 15, 20], steps5);
    const jump = fitSeries([0, 0, 0, 0, 20], steps5);
    expect(jump.monotonic).toBe(false);
    expect(steady.score).toBeGreaterThan(jump.score);
    // Even a jump five times the size stays below the steady leak.
    expect(steady.score).toBeGreaterThan(fitSeries([0, 0, 0, 0, 100], steps5).score);
  });

  it('uses the time axis for the slope: 30 MiB over 10 minutes is 3 MiB/min', () => {
    const mib = 1024 * 1024;
    const fit = fitSeries([0, 15 * mib, 30 * mib], fitAxis([0, 5, 10]));
    expect(fit.slope).toBeCloseTo(3 * mib, 6);
  });

  it('gives a flat series no slope, no fit and no score', () => {
    expect(fitSeries([7, 7, 7], fitAxis([0, 1, 2]))).toMatchObject({ monotonic: false, slope: 0, r2: 0, score: 0 });
  });
});

describe('rankRows', () => {
  it('orders rows by score and leaves out those that did not grow', () => {
    const matrix = Float64Array.from([0, 10, 0, /* churn */ 0, 1, 2, /* small leak */ 0, 10, 20 /* leak */]);
    const cols = fitRows(matrix, 3, fitAxis([0, 1, 2]));
    expect(Array.from(rankRows(cols, matrix, 3))).toEqual([2, 1]);
  });
});
