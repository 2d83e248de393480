// Values of every stack and every function across several snapshots of one kind, and their trend
// fits. Stacks from all snapshots are merged into one trie keyed by frame value (name + file), so
// "the same stack" means the same thing in every snapshot; all values live in row-major typed
// matrices (row = leaf stack or function, column = snapshot, oldest first).
import { StackTableBuilder } from '../diff/stackTableBuilder.ts';
import type { Profile, ValueType } from '../profile/model.ts';
import { fitAxis, fitRows, rankRows, type FitAxis, type SeriesFitColumns } from './fit.ts';
import { orderSnapshots, type TimeBasis } from './snapshots.ts';

export interface TrendSnapshot {
  readonly fileName: string;
  /** Wall-clock time in ms since the epoch, null when the profile does not say. */
  readonly timeMs: number | null;
  /** Sum of all sample values of the chosen sample type. */
  readonly total: number;
  /** Position of this profile in the list given to computeTrend. */
  readonly inputIndex: number;
}

/** Merged stack trie: stack g is root → … → frame[g]; parent < child, so folds need one pass. */
export interface TrendStacks {
  readonly length: number;
  readonly frame: Int32Array;
  readonly parent: Int32Array;
  /** Function row (in TrendFunctions) of each stack's leaf frame. */
  readonly func: Int32Array;
  /** Leaf row (in TrendLeaves) of each stack that some sample ends at, else -1. */
  readonly leafRow: Int32Array;
}

/**
 * The stacks samples end at (a few hundred thousand at most, against millions of trie nodes), with
 * their values: self[row * n + s] is the value of samples whose stack is leaves.stack[row], in
 * snapshot s. Kept apart from the trie so memory grows with samples, not with trie nodes.
 */
export interface TrendLeaves {
  readonly length: number;
  readonly stack: Int32Array;
  readonly self: Float64Array;
  readonly fit: SeriesFitColumns;
}

export interface TrendFrames {
  readonly length: number;
  readonly name: readonly string[];
  readonly file: readonly string[];
}

/** Per function name, pprof's flat and cum (cum counted once per stack under recursion). */
export interface TrendFunctions {
  readonly length: number;
  readonly name: readonly string[];
  /** flat[f * n + s] */
  readonly flat: Float64Array;
  /** cum[f * n + s] */
  readonly cum: Float64Array;
  readonly flatFit: SeriesFitColumns;
  readonly cumFit: SeriesFitColumns;
  /** Every function row, best flat trend score first (then larger growth, then name). */
  readonly order: Int32Array;
}

export interface TrendResult {
  readonly sampleType: ValueType;
  /** Oldest first. */
  readonly snapshots: readonly TrendSnapshot[];
  readonly timeBasis: TimeBasis;
  /** x of each snapshot: minutes since the first, or step numbers (see timeBasis). */
  readonly x: Float64Array;
  readonly axis: FitAxis;
  readonly frames: TrendFrames;
  readonly stacks: TrendStacks;
  readonly leaves: TrendLeaves;
  readonly functions: TrendFunctions;
  /** Things the reader should know: steps instead of minutes, mixed kinds, … */
  readonly notes: readonly string[];
}

export class TrendInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrendInputError';
  }
}

/**
 * Merges `profiles` (any order; sorted by profile time, else kept in the given order) and fits each
 * stack and function. `sampleType` defaults to the first profile's default type. Throws
 * TrendInputError, naming the file, when a profile lacks the sample type or has another unit.
 */
export function computeTrend(profiles: readonly Profile[], sampleType?: string): TrendResult {
  if (profiles.length === 0) throw new TrendInputError('a trend needs at least two profiles, none were given');
  const first = profiles[0];
  const typeName = sampleType ?? first.sampleTypes[first.defaultSampleType]?.type;
  if (typeName === undefined) throw new TrendInputError(`${first.fileName} has no sample types`);
  const typeIndexes = profiles.map((p) => {
    const i = p.sampleTypes.findIndex((t) => t.type === typeName);
    if (i < 0) {
      const have = p.sampleTypes.map((t) => t.type).join(', ');
      throw new TrendInputError(`${p.fileName} is a ${p.kind} profile without the sample type "${typeName}" (it has: ${have || 'none'}); give snapshots of one kind`);
    }
    return i;
  });
  const valueType = first.sampleTypes[typeIndexes[0]];
  profiles.forEach((p, k) => {
    const unit = p.sampleTypes[typeIndexes[k]].unit;
    if (unit !== valueType.unit) {
      throw new TrendInputError(`${p.fileName} measures ${typeName} in ${unit}, ${first.fileName} in ${valueType.unit}`);
    }
  });

  const ordering = orderSnapshots(profiles);
  const ordered = ordering.order.map((i) => profiles[i]);
  const orderedTypes = ordering.order.map((i) => typeIndexes[i]);
  const n = ordered.length;
  const notes: string[] = [];
  if (ordering.note) notes.push(ordering.note);
  if (n < 3) notes.push(`only ${n} snapshot${n === 1 ? '' : 's'}: a trend needs 3 or more to tell steady growth from a one-off jump`);
  const kinds = new Set(ordered.map((p) => p.kind));
  if (kinds.size > 1) notes.push(`the snapshots are of different kinds (${[...kinds].join(', ')})`);

  // Global frames by value, global stacks by (parent, frame).
  const frameIndex = new Map<string, number>();
  const frameName: string[] = [];
  const frameFile: string[] = [];
  const funcIndex = new Map<string, number>();
  const funcName: string[] = [];
  let frameFunc = new Int32Array(1024);
  let stackBuilder: StackTableBuilder | null = null;

  const localToGlobal: Int32Array[] = [];
  for (const p of ordered) {
    const frameMap = new Int32Array(p.frames.length);
    for (let f = 0; f < p.frames.length; f++) {
      const name = p.frames.name[f];
      const key = `${name}\u0000${p.frames.file[f]}`;
      let g = frameIndex.get(key);
      if (g === undefined) {
        g = frameName.length;
        frameIndex.set(key, g);
        frameName.push(name);
        frameFile.push(p.frames.file[f]);
        let fn = funcIndex.get(name);
        if (fn === undefined) {
          fn = funcName.length;
          funcIndex.set(name, fn);
          funcName.push(name);
        }
        if (g === frameFunc.length) frameFunc = grow(frameFunc);
        frameFunc[g] = fn;
      }
      frameMap[f] = g;
    }
    if (!stackBuilder && frameMap.every((g, f) => g === f)) {
      // The first snapshot's frames are the first global frames, in its own order, so its trie is
      // adopted as it is: its stack ids are the merged ids.
      const extra = ordered.reduce((m, q) => Math.max(m, q.stacks.length), 0);
      stackBuilder = StackTableBuilder.from(p.stacks, extra);
      localToGlobal.push(Int32Array.from({ length: p.stacks.length }, (_, i) => i));
      continue;
    }
    stackBuilder ??= new StackTableBuilder(p.stacks.length + 1024);
    const stackMap = new Int32Array(p.stacks.length);
    const { frame, parent } = p.stacks;
    for (let s = 0; s < p.stacks.length; s++) {
      stackMap[s] = stackBuilder.intern(parent[s] < 0 ? -1 : stackMap[parent[s]], frameMap[frame[s]]);
    }
    localToGlobal.push(stackMap);
  }
  const merged = stackBuilder!.finish();
  const stackCount = merged.length;
  const frames: TrendFrames = { length: frameName.length, name: frameName, file: frameFile };
  const stackFrames = merged.frame;
  const stackParents = merged.parent;
  const stackFunc = new Int32Array(stackCount);
  for (let g = 0; g < stackCount; g++) stackFunc[g] = frameFunc[stackFrames[g]];

  // Leaf rows: one per merged stack that a sample ends at, in any snapshot.
  const leafRow = new Int32Array(stackCount).fill(-1);
  let leafCount = 0;
  for (let s = 0; s < n; s++) {
    const p = ordered[s];
    const map = localToGlobal[s];
    for (let i = 0; i < p.samples.length; i++) {
      const leaf = p.samples.stack[i];
      if (leaf >= 0 && leafRow[map[leaf]] < 0) leafRow[map[leaf]] = leafCount++;
    }
  }
  const leafStack = new Int32Array(leafCount);
  for (let g = 0; g < stackCount; g++) if (leafRow[g] >= 0) leafStack[leafRow[g]] = g;

  // Self values per leaf and snapshot; totals include samples with empty stacks.
  const self = new Float64Array(leafCount * n);
  const snapshots: TrendSnapshot[] = [];
  for (let s = 0; s < n; s++) {
    const p = ordered[s];
    const values = p.samples.values[orderedTypes[s]];
    const sampleStack = p.samples.stack;
    const map = localToGlobal[s];
    let total = 0;
    for (let i = 0; i < p.samples.length; i++) {
      const v = values[i];
      total += v;
      const leaf = sampleStack[i];
      if (leaf >= 0) self[leafRow[map[leaf]] * n + s] += v;
    }
    snapshots.push({ fileName: p.fileName, timeMs: p.timeMs > 0 ? p.timeMs : null, total, inputIndex: ordering.order[s] });
  }

  // flat: self by leaf function.
  const funcCount = funcName.length;
  const flat = new Float64Array(funcCount * n);
  for (let row = 0; row < leafCount; row++) {
    const to = stackFunc[leafStack[row]] * n;
    for (let s = 0; s < n; s++) flat[to + s] += self[row * n + s];
  }

  // cum: a node's total counts for its function only at the root-most occurrence of that function
  // on its path, so a;b;a counts once for a (pprof's rule). Which nodes are root-most is fixed by
  // the trie; totals are folded one snapshot at a time in a single reused column.
  const rootMost = new Uint8Array(stackCount);
  for (let g = 0; g < stackCount; g++) {
    const fn = stackFunc[g];
    let a = stackParents[g];
    while (a >= 0 && stackFunc[a] !== fn) a = stackParents[a];
    rootMost[g] = a < 0 ? 1 : 0;
  }
  const cum = new Float64Array(funcCount * n);
  const column = new Float64Array(stackCount);
  for (let s = 0; s < n; s++) {
    column.fill(0);
    for (let row = 0; row < leafCount; row++) column[leafStack[row]] = self[row * n + s];
    for (let g = stackCount - 1; g >= 0; g--) {
      const v = column[g];
      if (v === 0) continue;
      const parent = stackParents[g];
      if (parent >= 0) column[parent] += v;
      if (rootMost[g] === 1) cum[stackFunc[g] * n + s] += v;
    }
  }

  const axis = fitAxis(ordering.x);
  const flatFit = fitRows(flat, funcCount, axis);
  const cumFit = fitRows(cum, funcCount, axis);
  const leafFit = fitRows(self, leafCount, axis);

  const order = Int32Array.from({ length: funcCount }, (_, i) => i);
  const growth = (f: number): number => flat[f * n + n - 1] - flat[f * n];
  order.sort(
    (a, b) =>
      flatFit.score[b] - flatFit.score[a] ||
      growth(b) - growth(a) ||
      (funcName[a] < funcName[b] ? -1 : funcName[a] > funcName[b] ? 1 : 0),
  );

  return {
    sampleType: valueType,
    snapshots,
    timeBasis: ordering.timeBasis,
    x: axis.x,
    axis,
    frames,
    stacks: { length: stackCount, frame: stackFrames, parent: stackParents, func: stackFunc, leafRow },
    leaves: { length: leafCount, stack: leafStack, self, fit: leafFit },
    functions: { length: funcCount, name: funcName, flat, cum, flatFit, cumFit, order },
    notes,
  };
}

function grow(a: Int32Array): Int32Array<ArrayBuffer> {
  const next = new Int32Array(a.length * 2);
  next.set(a);
  return next;
}

/** The values of row `row` of a trend matrix, oldest snapshot first. */
export function rowValues(matrix: Float64Array, row: number, snapshotCount: number): number[] {
  return Array.from(matrix.subarray(row * snapshotCount, row * snapshotCount + snapshotCount));
}

/**
 * Totals of every merged stack (self of the stack and everything below it) in snapshot s, computed
 * on demand: one column of stacks.length values.
 */
export function stackTotalsAt(trend: TrendResult, s: number): Float64Array {
  const n = trend.snapshots.length;
  const column = new Float64Array(trend.stacks.length);
  const { leaves, stacks } = trend;
  for (let row = 0; row < leaves.length; row++) column[leaves.stack[row]] = leaves.self[row * n + s];
  for (let g = stacks.length - 1; g >= 0; g--) if (stacks.parent[g] >= 0) column[stacks.parent[g]] += column[g];
  return column;
}

/** Leaf rows with a positive trend score, steadiest growth first. */
export function rankLeaves(trend: TrendResult, limit = 100): Int32Array {
  return rankRows(trend.leaves.fit, trend.leaves.self, trend.snapshots.length, limit);
}

/** Function names of stack g, root first. */
export function stackFunctionNames(trend: TrendResult, g: number): string[] {
  const names: string[] = [];
  for (let s = g; s >= 0; s = trend.stacks.parent[s]) names.push(trend.frames.name[trend.stacks.frame[s]]);
  return names.reverse();
}

/** Row of a function by name, -1 when no snapshot has it. */
export function functionRow(trend: TrendResult, name: string): number {
  return trend.functions.name.indexOf(name);
}
