// Per-function trend (src/trend) in the shape suspects rank by: cum series, because the frame where
// a pattern shows (time.After, context.WithTimeout) often has no flat value of its own.
import type { TrendResult } from '../trend/computeTrend.ts';
import type { FunctionTrend } from './types.ts';

export function trendsByFunction(trend: TrendResult): Map<string, FunctionTrend> {
  const out = new Map<string, FunctionTrend>();
  const f = trend.functions;
  const n = trend.snapshots.length;
  const fit = f.cumFit;
  for (let row = 0; row < f.length; row++) {
    out.set(f.name[row], {
      grewIntervals: fit.grewIntervals[row],
      intervals: fit.intervals,
      slopePerMinute: fit.slope[row],
      ...(trend.timeBasis === 'steps' ? { perSnapshot: true } : {}),
      values: Array.from(f.cum.subarray(row * n, row * n + n)),
    });
  }
  return out;
}
