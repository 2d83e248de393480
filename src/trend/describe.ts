// One-line readings of a trend for people: "grew in 2 of 2 intervals, +8.1 MiB/min", and a text
// sparkline for terminals. Used by the trend CLI, the suspects list and the hover panel.
import { formatSignedDelta } from '../profile/units.ts';
import type { SeriesFit } from './fit.ts';
import type { TimeBasis } from './snapshots.ts';

/** "grew in 3 of 3 intervals, +8.1 MiB/min" (or "/step" when snapshots carry no time). */
export function describeTrend(fit: SeriesFit, unit: string, timeBasis: TimeBasis): string {
  const rate = `${formatSignedDelta(fit.slope, unit)}/${timeBasis === 'minutes' ? 'min' : 'step'}`;
  const intervals = `${fit.intervals} interval${fit.intervals === 1 ? '' : 's'}`;
  return `grew in ${fit.grewIntervals} of ${intervals}, ${rate}`;
}

const BARS = '▁▂▃▄▅▆▇█';

/** ▁▄█ from the values, scaled between their min and max (all equal: a flat middle line). */
export function textSparkline(values: readonly number[]): string {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return values
    .map((v) => (max === min ? BARS[3] : BARS[Math.min(BARS.length - 1, Math.floor(((v - min) / (max - min)) * (BARS.length - 1) + 0.5))]))
    .join('');
}
