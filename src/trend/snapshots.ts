// Puts several profiles of one kind in time order and picks the x axis of the trend: minutes since
// the first snapshot when every profile carries its time, else snapshot steps (and says so).
import type { Profile } from '../profile/model.ts';

export type TimeBasis = 'minutes' | 'steps';

export interface SnapshotOrder {
  /** Indexes into the input, oldest first. */
  readonly order: readonly number[];
  readonly timeBasis: TimeBasis;
  /** One x per ordered snapshot: minutes since the first one, or 0, 1, 2, … */
  readonly x: readonly number[];
  /** Why the axis is steps, when it is. */
  readonly note: string | null;
}

type Timed = Pick<Profile, 'timeMs' | 'fileName'>;

/** Profile time order when every profile has a time; otherwise the order given (file order). */
export function orderSnapshots(profiles: readonly Timed[]): SnapshotOrder {
  const indexes = profiles.map((_, i) => i);
  const missing = profiles.filter((p) => !(p.timeMs > 0)).map((p) => p.fileName);
  if (missing.length > 0) {
    return {
      order: indexes,
      timeBasis: 'steps',
      x: indexes,
      note: `${missing.join(', ')} ${missing.length === 1 ? 'has' : 'have'} no time stamp: snapshots kept in file order, growth is per snapshot step, not per minute`,
    };
  }
  const order = indexes.slice().sort((a, b) => profiles[a].timeMs - profiles[b].timeMs || a - b);
  const first = profiles[order[0]].timeMs;
  const x = order.map((i) => (profiles[i].timeMs - first) / 60_000);
  if (x.length > 1 && x[x.length - 1] === 0) {
    return { order, timeBasis: 'steps', x: indexes, note: 'all snapshots carry the same time stamp: growth is per snapshot step, not per minute' };
  }
  return { order, timeBasis: 'minutes', x, note: null };
}
