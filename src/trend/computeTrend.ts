// Values of every stack and every function across several snapshots of one kind, and their trend
// fits. Functions are matched across snapshots by name (as pprof's -top does); stacks by their path
// of frame values (name + file), hashed, so "the same stack" means the same thing in every snapshot
// without merging million-node tries. All values live in row-major typed matrices (row = stack or
// function, column = snapshot, oldest first).
import { outermostOccurrences } from '../calltree/outermost.ts';
import { addSamplesByStack } from '../diff/stackValues.ts';
import type { Profile, StackTable, ValueType } from '../profile/model.ts';
import { StringIds } from '../profile/stringIds.ts';
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

/**
 * The stacks samples end at, across all snapshots: self[row * n + s] is the value of samples whose
 * stack is `row`, in snapshot s. A row's frames are read from the first snapshot that has it
 * (profile[row], local stack id stack[row]); use stackFunctionNames.
 */
export interface TrendStacks {
  readonly length: number;
  /** Index into TrendResult.snapshots of the snapshot the stack's frames are read from. */
  readonly snapshot: Int32Array;
  /** Stack id in that snapshot's profile. */
  readonly stack: Int32Array;
  readonly self: Float64Array;
  readonly fit: SeriesFitColumns;
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
  /** The profiles in snapshot order (stack rows point into them). */
  readonly profiles: readonly Profile[];
  readonly timeBasis: TimeBasis;
  /** x of each snapshot: minutes since the first, or step numbers (see timeBasis). */
  readonly x: Float64Array;
  readonly axis: FitAxis;
  readonly stacks: TrendStacks;
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
 * Orders `profiles` (by profile time, else as given) and fits each stack and function. `sampleType`
 * defaults to the first profile's default type. Throws TrendInputError, naming the file, when a
 * profile lacks the sample type or measures it in another unit.
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

  // Frames by value and functions by name, across all snapshots.
  const frameIndex = new Map<string, number>();
  const functionIds = new StringIds();
  const funcName = functionIds.strings;

  // Per-snapshot function columns first (functions are few), folded into matrices afterwards.
  const flatColumns: Float64Array[] = [];
  const cumColumns: Float64Array[] = [];
  const rowOfKey = new StackKeyTable(ordered.reduce((m, p) => Math.max(m, p.samples.length), 0));
  const sampleRows: Int32Array[] = [];
  const snapshots: TrendSnapshot[] = [];

  for (let s = 0; s < n; s++) {
    const p = ordered[s];
    const frameKey = new Int32Array(p.frames.length);
    const frameFunc = new Int32Array(p.frames.length);
    for (let f = 0; f < p.frames.length; f++) {
      const key = `${p.frames.name[f]}\u0000${p.frames.file[f]}`;
      let g = frameIndex.get(key);
      if (g === undefined) {
        g = frameIndex.size;
        frameIndex.set(key, g);
      }
      frameKey[f] = g;
      frameFunc[f] = functionIds.idOf(p.frames.name[f]);
    }

    // Self value per local stack.
    const values = p.samples.values[orderedTypes[s]];
    const sampleStack = p.samples.stack;
    const selfLocal = new Float64Array(p.stacks.length);
    let total = 0;
    for (let i = 0; i < p.samples.length; i++) total += values[i];
    addSamplesByStack(p, values, selfLocal);
    snapshots.push({ fileName: p.fileName, timeMs: p.timeMs > 0 ? p.timeMs : null, total, inputIndex: ordering.order[s] });

    const { flat, cum } = functionColumns(p.stacks, frameFunc, funcName.length, selfLocal);
    flatColumns.push(flat);
    cumColumns.push(cum);

    // Stack rows: the path hash of every local stack a sample ends at.
    const hashes = pathHashes(p.stacks, frameKey);
    const rowOfLocal = new Int32Array(p.stacks.length).fill(-1);
    for (let i = 0; i < p.samples.length; i++) {
      const leaf = sampleStack[i];
      if (leaf < 0 || rowOfLocal[leaf] >= 0) continue;
      rowOfLocal[leaf] = rowOfKey.row(hashes.hi[leaf], hashes.lo[leaf], s, leaf);
    }
    sampleRows.push(rowOfLocal);
  }

  const rows = rowOfKey.length;
  const self = new Float64Array(rows * n);
  for (let s = 0; s < n; s++) {
    const p = ordered[s];
    const values = p.samples.values[orderedTypes[s]];
    const rowOfLocal = sampleRows[s];
    for (let i = 0; i < p.samples.length; i++) {
      const leaf = p.samples.stack[i];
      if (leaf >= 0) self[rowOfLocal[leaf] * n + s] += values[i];
    }
  }

  const funcCount = funcName.length;
  const flat = new Float64Array(funcCount * n);
  const cum = new Float64Array(funcCount * n);
  for (let s = 0; s < n; s++) {
    const f = flatColumns[s];
    const c = cumColumns[s];
    for (let fn = 0; fn < f.length; fn++) {
      flat[fn * n + s] = f[fn];
      cum[fn * n + s] = c[fn];
    }
  }

  const axis = fitAxis(ordering.x);
  const flatFit = fitRows(flat, funcCount, axis);
  const cumFit = fitRows(cum, funcCount, axis);
  const stackFit = fitRows(self, rows, axis);

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
    profiles: ordered,
    timeBasis: ordering.timeBasis,
    x: axis.x,
    axis,
    stacks: { length: rows, snapshot: rowOfKey.snapshot.slice(0, rows), stack: rowOfKey.local.slice(0, rows), self, fit: stackFit },
    functions: { length: funcCount, name: funcName, flat, cum, flatFit, cumFit, order },
    notes,
  };
}

/**
 * Two independent 32-bit hashes of each stack's path of frame values, root first (parents come
 * before children, so one pass). Together 64 bits identify a stack across snapshots; with 400k
 * stacks the chance that two different stacks share a key is about 1 in 10^8.
 */
function pathHashes(stacks: StackTable, frameKey: Int32Array): { hi: Int32Array; lo: Int32Array } {
  const hi = new Int32Array(stacks.length);
  const lo = new Int32Array(stacks.length);
  const { parent, frame } = stacks;
  for (let i = 0; i < stacks.length; i++) {
    const p = parent[i];
    const g = frameKey[frame[i]];
    let a = (p < 0 ? 0x3c6ef372 : hi[p]) ^ Math.imul(g + 1, 0x9e3779b1);
    a = Math.imul(a ^ (a >>> 16), 0x85ebca6b);
    a = Math.imul(a ^ (a >>> 13), 0xc2b2ae35);
    a ^= a >>> 16;
    let b = ((p < 0 ? 0x1b873593 : lo[p]) + Math.imul(g + 0x632be5ab, 0x27d4eb2d)) | 0;
    b = Math.imul(b ^ (b >>> 15), 0x2c1b3c6d);
    b = Math.imul(b ^ (b >>> 12), 0x297a2d39);
    b ^= b >>> 15;
    hi[i] = a;
    lo[i] = b;
  }
  return { hi, lo };
}

/**
 * Stack rows by 64-bit path key, open addressing over typed arrays (a Map keyed by numbers is
 * several times slower at a few hundred thousand keys). Remembers where each row was first seen.
 */
class StackKeyTable {
  length = 0;
  private slots: Int32Array;
  private bits: number;
  private keyHi: Int32Array;
  private keyLo: Int32Array;
  snapshot: Int32Array;
  local: Int32Array;

  constructor(expected: number) {
    const capacity = Math.max(1024, expected);
    this.bits = Math.ceil(Math.log2(capacity * 2));
    this.slots = new Int32Array(1 << this.bits);
    this.keyHi = new Int32Array(capacity);
    this.keyLo = new Int32Array(capacity);
    this.snapshot = new Int32Array(capacity);
    this.local = new Int32Array(capacity);
  }

  /** The row of key (hi, lo), created (first seen in snapshot s as local stack `local`) when new. */
  row(hi: number, lo: number, s: number, local: number): number {
    const mask = this.slots.length - 1;
    let h = Math.imul(hi ^ Math.imul(lo, 0x9e3779b1), 0x85ebca6b) >>> (32 - this.bits);
    for (;;) {
      const slot = this.slots[h];
      if (slot === 0) break;
      if (this.keyHi[slot - 1] === hi && this.keyLo[slot - 1] === lo) return slot - 1;
      h = (h + 1) & mask;
    }
    const row = this.length++;
    if (row === this.keyHi.length) {
      this.keyHi = growInt32(this.keyHi);
      this.keyLo = growInt32(this.keyLo);
      this.snapshot = growInt32(this.snapshot);
      this.local = growInt32(this.local);
    }
    this.keyHi[row] = hi;
    this.keyLo[row] = lo;
    this.snapshot[row] = s;
    this.local[row] = local;
    this.slots[h] = row + 1;
    if (this.length * 2 > this.slots.length) this.rehash();
    return row;
  }

  private rehash(): void {
    this.bits++;
    const slots = new Int32Array(1 << this.bits);
    const mask = slots.length - 1;
    for (let row = 0; row < this.length; row++) {
      let h = Math.imul(this.keyHi[row] ^ Math.imul(this.keyLo[row], 0x9e3779b1), 0x85ebca6b) >>> (32 - this.bits);
      while (slots[h] !== 0) h = (h + 1) & mask;
      slots[h] = row + 1;
    }
    this.slots = slots;
  }
}

function growInt32(a: Int32Array): Int32Array {
  const next = new Int32Array(a.length * 2);
  next.set(a);
  return next;
}

/**
 * flat and cum per function of one profile. flat: self by leaf function. cum: subtree totals of each
 * function's outermost occurrences on a path, so a;b;a counts once for a (pprof's rule):
 * // a;b;a 1 + a;b 2 -> a: cum 3, b: cum 3
 */
function functionColumns(stacks: StackTable, frameFunc: Int32Array, funcCount: number, selfLocal: Float64Array): { flat: Float64Array; cum: Float64Array } {
  const count = stacks.length;
  const { parent, frame } = stacks;
  const flat = new Float64Array(funcCount);
  const cum = new Float64Array(funcCount);
  const total = selfLocal.slice();
  for (let i = count - 1; i >= 0; i--) {
    if (selfLocal[i] !== 0) flat[frameFunc[frame[i]]] += selfLocal[i];
    if (parent[i] >= 0) total[parent[i]] += total[i];
  }
  const outer = outermostOccurrences(stacks, frameFunc);
  for (let i = 0; i < count; i++) if (outer[i] && total[i] !== 0) cum[frameFunc[frame[i]]] += total[i];
  return { flat, cum };
}

/** The values of row `row` of a trend matrix, oldest snapshot first. */
export function rowValues(matrix: Float64Array, row: number, snapshotCount: number): number[] {
  return Array.from(matrix.subarray(row * snapshotCount, row * snapshotCount + snapshotCount));
}

/** Stack rows with a positive trend score, steadiest growth first. */
export function rankStacks(trend: TrendResult, limit = 100): Int32Array {
  return rankRows(trend.stacks.fit, trend.stacks.self, trend.snapshots.length, limit);
}

/** Function names of stack row `row`, root first. */
export function stackFunctionNames(trend: TrendResult, row: number): string[] {
  const p = trend.profiles[trend.stacks.snapshot[row]];
  const names: string[] = [];
  for (let s = trend.stacks.stack[row]; s >= 0; s = p.stacks.parent[s]) names.push(p.frames.name[p.stacks.frame[s]]);
  return names.reverse();
}

/** Row of a function by name, -1 when no snapshot has it. */
export function functionRow(trend: TrendResult, name: string): number {
  return trend.functions.name.indexOf(name);
}
