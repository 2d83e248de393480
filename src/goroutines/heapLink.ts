// Heap and goroutine profiles taken at the same moments, read together: heap growth in runtime.malg
// (the g struct of every new goroutine) and in the functions that start goroutines is explained by
// the goroutine groups that grew. Pairs snapshots by time, else by the number in the file name
// (heap_3.pb.gz ↔ goroutine_3.debug2.txt).
import type { Profile } from '../profile/model.ts';
import { formatBytes, formatCount, formatSignedDelta } from '../profile/units.ts';
import { computeTrend, functionRow } from '../trend/computeTrend.ts';
import { diffGoroutines, type GoroutineGroupDiff } from './groups.ts';

export interface MomentPair {
  readonly heap: Profile;
  readonly goroutine: Profile;
}

const SAME_MOMENT_MS = 60_000;

/** heap_3.pb.gz -> 3, goroutine_3.debug2.txt -> 3: the last number before the first dot. */
function snapshotNumber(fileName: string): number | null {
  const m = /(\d+)(?!.*\d)/.exec(fileName.split('.')[0]);
  return m ? Number(m[1]) : null;
}

/**
 * Heap/goroutine profiles taken at the same moment, in heap order. By time when both carry one: a
 * pair must be each other's nearest (snapshots seconds apart must not pair heap_2 with goroutine_3
 * just because both are within a minute) and at most a minute apart. Otherwise by the snapshot
 * number in the file names.
 */
export function pairByMoment(heaps: readonly Profile[], goroutines: readonly Profile[]): MomentPair[] {
  const timed = (p: Profile) => p.timeMs > 0;
  const nearest = (p: Profile, among: readonly Profile[]): Profile | null => {
    let best: Profile | null = null;
    for (const q of among) if (timed(q) && (!best || Math.abs(q.timeMs - p.timeMs) < Math.abs(best.timeMs - p.timeMs))) best = q;
    return best;
  };
  const pairs: MomentPair[] = [];
  const used = new Set<Profile>();
  for (const heap of heaps) {
    let match: Profile | null = null;
    if (timed(heap)) {
      const g = nearest(heap, goroutines);
      if (g && !used.has(g) && nearest(g, heaps) === heap && Math.abs(g.timeMs - heap.timeMs) <= SAME_MOMENT_MS) match = g;
    }
    if (!match) {
      const n = snapshotNumber(heap.fileName);
      match = n === null ? null : (goroutines.find((g) => !used.has(g) && !(timed(g) && timed(heap)) && snapshotNumber(g.fileName) === n) ?? null);
    }
    if (match) {
      used.add(match);
      pairs.push({ heap, goroutine: match });
    }
  }
  return pairs;
}

export interface HeapGoroutineLink {
  readonly heapBase: string;
  readonly heapNew: string;
  readonly goroutineBase: string;
  readonly goroutineNew: string;
  /** runtime.malg flat inuse_space, base → new (bytes). */
  readonly malgBase: number;
  readonly malgNew: number;
  readonly goroutineDelta: number;
  /** Heap functions that are the creator or entry of a growing goroutine group, with their heap growth. */
  readonly related: readonly { readonly function: string; readonly heapDelta: number; readonly group: GoroutineGroupDiff }[];
  readonly summary: string;
}

/**
 * Reads the first and last moment of `pairs` together. Null with fewer than two pairs, or when the
 * heap profiles lack inuse_space.
 */
export function linkHeapToGoroutines(pairs: readonly MomentPair[]): HeapGoroutineLink | null {
  if (pairs.length < 2) return null;
  const first = pairs[0];
  const lastPair = pairs[pairs.length - 1];
  if (!first.heap.sampleTypes.some((t) => t.type === 'inuse_space')) return null;
  const trend = computeTrend([first.heap, lastPair.heap], 'inuse_space');
  const n = trend.snapshots.length;
  const flatOf = (name: string): [number, number] => {
    const row = functionRow(trend, name);
    return row < 0 ? [0, 0] : [trend.functions.flat[row * n], trend.functions.flat[row * n + n - 1]];
  };
  const [malgBase, malgNew] = flatOf('runtime.malg');
  const diff = diffGoroutines(first.goroutine, lastPair.goroutine);
  const goroutineDelta = diff.totalNew - diff.totalBase;
  const related: { function: string; heapDelta: number; group: GoroutineGroupDiff }[] = [];
  const seen = new Set<string>();
  for (const g of diff.groups) {
    if (g.delta <= 0) continue;
    for (const name of [...g.group.createdBy, g.group.entry]) {
      if (seen.has(name)) continue;
      const [a, b] = flatOf(name);
      if (b - a > 0) {
        seen.add(name);
        related.push({ function: name, heapDelta: b - a, group: g });
      }
    }
  }
  related.sort((a, b) => b.heapDelta - a.heapDelta);
  const malgDelta = malgNew - malgBase;
  const perGoroutine = goroutineDelta > 0 && malgDelta > 0 ? ` (≈ ${formatBytes(malgDelta / goroutineDelta)} of goroutine descriptors each; their stacks show in StackInuse)` : '';
  const summary =
    goroutineDelta > 0
      ? `runtime.malg grew ${formatSignedDelta(malgDelta, 'bytes')} in the heap while goroutines grew +${formatCount(goroutineDelta)}${perGoroutine}: the heap growth under runtime.malg is goroutines that never exit.`
      : `Goroutines did not grow (${formatCount(diff.totalBase)} → ${formatCount(diff.totalNew)}); runtime.malg changed ${formatSignedDelta(malgDelta, 'bytes')}.`;
  return {
    heapBase: first.heap.fileName,
    heapNew: lastPair.heap.fileName,
    goroutineBase: first.goroutine.fileName,
    goroutineNew: lastPair.goroutine.fileName,
    malgBase,
    malgNew,
    goroutineDelta,
    related,
    summary,
  };
}
