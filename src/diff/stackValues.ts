// StackValues: one sample type of one profile, or of a base/new pair, as values per stack of a
// shared frame table and stack trie. The single type the call tree, flame graph and CLI read.
import type { FrameTable, Profile, StackTable, ValueType } from '../profile/model.ts';
import { DiffError } from './errors.ts';

export type DiffWarningCode = 'period-differs' | 'formats-differ' | 'cumulative-sample-type' | 'normalize-empty-profile';

export interface DiffWarning {
  readonly code: DiffWarningCode;
  readonly message: string;
}

export interface StackValues {
  /** Frames by value (function name + file); for a pair, the union of both profiles' frames. */
  readonly frames: FrameTable;
  /** Stack trie (parents before children); for a pair, the union of both profiles' stacks, zero stacks dropped. */
  readonly stacks: StackTable;
  /** Per stack id: the base profile's value of samples whose leaf is that stack (positive, normalized when asked). All zero for one profile. */
  readonly selfBase: Float64Array;
  /** Per stack id: the new profile's value of samples whose leaf is that stack (positive). */
  readonly selfNew: Float64Array;
  /** Sum of every base sample (samples with an empty stack included), as go tool pprof counts a total. */
  readonly totalBase: number;
  readonly totalNew: number;
  readonly sampleType: ValueType;
  /** False for one profile: every base value is zero and the "new" side is the profile. */
  readonly hasBase: boolean;
  readonly normalized: boolean;
  /** The factor applied per sample when normalized (1 otherwise); see diffProfiles for which side. */
  readonly normalizeRatio: number;
  readonly baseFile: string | null;
  readonly newFile: string;
  readonly warnings: readonly DiffWarning[];
}

/** Index of `type` in the profile's sample types, the default when omitted; a DiffError when absent. */
export function resolveSampleType(profile: Profile, type: string | undefined): number {
  if (type === undefined || type === '') return profile.defaultSampleType;
  const index = profile.sampleTypes.findIndex((t) => t.type === type);
  if (index < 0) {
    const known = profile.sampleTypes.map((t) => t.type).join(', ');
    throw new DiffError('unknown-sample-type', `${profile.fileName} has no sample type "${type}" (it has: ${known})`);
  }
  return index;
}

export function cumulativeWarnings(sampleType: ValueType): DiffWarning[] {
  if (!sampleType.type.startsWith('alloc_')) return [];
  return [
    {
      code: 'cumulative-sample-type',
      message: `${sampleType.type} is cumulative since process start: it counts everything ever allocated, including memory already freed; use inuse_* for what is retained`,
    },
  ];
}

const sampleOrders = new WeakMap<Profile, Int32Array>();

/**
 * The profile's sample indexes ordered by stack id (stable; samples without a stack left out), kept per
 * profile. Adding samples into their stacks in this order writes the per-stack sums in order: stack ids are
 * breadth-first, so in file order consecutive samples' stacks lie far apart (a cache miss per sample of a
 * large profile).
 */
export function samplesByStack(profile: Profile): Int32Array {
  let order = sampleOrders.get(profile);
  if (order) return order;
  const { stack, length } = profile.samples;
  const start = new Int32Array(profile.stacks.length + 1);
  let withStack = 0;
  for (let i = 0; i < length; i++) {
    if (stack[i] < 0) continue;
    start[stack[i] + 1]++;
    withStack++;
  }
  for (let s = 1; s < start.length; s++) start[s] += start[s - 1];
  order = new Int32Array(withStack);
  for (let i = 0; i < length; i++) if (stack[i] >= 0) order[start[stack[i]]++] = i;
  sampleOrders.set(profile, order);
  return order;
}

/**
 * Adds each sample's value in `column` into `into` at its stack id, or at `stackMap[stack id]` when given,
 * reading the samples in stack order (samplesByStack). Samples without a stack add nothing. Profile values
 * are integers (int64 in the file), so the order they are added in changes no sum.
 */
export function addSamplesByStack(profile: Profile, column: Float64Array, into: Float64Array, stackMap?: Int32Array): void {
  const order = samplesByStack(profile);
  const stack = profile.samples.stack;
  if (stackMap) {
    for (let j = 0; j < order.length; j++) into[stackMap[stack[order[j]]]] += column[order[j]];
  } else {
    for (let j = 0; j < order.length; j++) into[stack[order[j]]] += column[order[j]];
  }
}

/** One profile as StackValues: its own frames and (non-zero) stacks, `selfNew` = its values, no base. */
export function profileStackValues(profile: Profile, sampleType?: string): StackValues {
  const typeIndex = resolveSampleType(profile, sampleType);
  const column = profile.samples.values[typeIndex];
  const selfNew = new Float64Array(profile.stacks.length);
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) total += column[i];
  addSamplesByStack(profile, column, selfNew);
  const type = profile.sampleTypes[typeIndex];
  // As in pprof, samples that are zero for this type (inuse 0, alloc > 0) show no frames.
  const kept = dropZeroStacks(profile.stacks, new Float64Array(profile.stacks.length), selfNew);
  return {
    frames: profile.frames,
    stacks: kept.stacks,
    selfBase: kept.selfBase,
    selfNew: kept.selfNew,
    totalBase: 0,
    totalNew: total,
    sampleType: type,
    hasBase: false,
    normalized: false,
    normalizeRatio: 1,
    baseFile: null,
    newFile: profile.fileName,
    warnings: cumulativeWarnings(type),
  };
}

/** The sum of self values of each stack and its descendants (one reverse pass: children have larger ids). */
export function subtreeTotals(stacks: StackTable, self: Float64Array): Float64Array {
  const total = Float64Array.from(self);
  const parent = stacks.parent;
  for (let s = stacks.length - 1; s >= 0; s--) {
    const p = parent[s];
    if (p >= 0) total[p] += total[s];
  }
  return total;
}

/** Where a compacted stack table came from: ids of `source` per kept stack (paths are unchanged). */
export interface StackOrigin {
  readonly source: StackTable;
  readonly sourceId: Int32Array;
}

const origins = new WeakMap<StackTable, StackOrigin>();

/**
 * The table a stack table was compacted from by dropZeroStacks, if any (followed to the first one),
 * so per-path facts computed once for a pair's union of stacks serve every sample type.
 */
export function stackOrigin(stacks: StackTable): StackOrigin | undefined {
  return origins.get(stacks);
}

/**
 * Drops stacks whose subtree is zero on both sides (pprof drops zero samples after a merge), keeping
 * ids in order so parents still come before children. Returns the input when nothing is zero.
 */
export function dropZeroStacks(
  stacks: StackTable,
  selfBase: Float64Array,
  selfNew: Float64Array,
): { stacks: StackTable; selfBase: Float64Array; selfNew: Float64Array } {
  const n = stacks.length;
  const keep = new Uint8Array(n);
  const parent = stacks.parent;
  let kept = 0;
  for (let s = n - 1; s >= 0; s--) {
    if (selfBase[s] !== 0 || selfNew[s] !== 0) keep[s] = 1;
    if (keep[s]) {
      kept++;
      const p = parent[s];
      if (p >= 0) keep[p] = 1;
    }
  }
  if (kept === n) return { stacks, selfBase, selfNew };
  const base = new Float64Array(kept);
  const next = new Float64Array(kept);
  const reused = cachedCompaction(stacks, keep, kept);
  if (reused) {
    const local = reused.localIds;
    for (let j = 0; j < kept; j++) {
      base[j] = selfBase[local[j]];
      next[j] = selfNew[local[j]];
    }
    return { stacks: reused.compacted, selfBase: base, selfNew: next };
  }
  const remap = new Int32Array(n);
  const localIds = new Int32Array(kept);
  const frame = new Int32Array(kept);
  const newParent = new Int32Array(kept);
  const depth = new Int32Array(kept);
  let j = 0;
  for (let s = 0; s < n; s++) {
    if (!keep[s]) {
      remap[s] = -1;
      continue;
    }
    remap[s] = j;
    localIds[j] = s;
    frame[j] = stacks.frame[s];
    newParent[j] = parent[s] < 0 ? -1 : remap[parent[s]];
    depth[j] = stacks.depth[s];
    base[j] = selfBase[s];
    next[j] = selfNew[s];
    j++;
  }
  const compacted: StackTable = { length: kept, frame, parent: newParent, depth };
  const parentOrigin = origins.get(stacks);
  if (parentOrigin) {
    const sourceId = new Int32Array(kept);
    for (let i = 0; i < kept; i++) sourceId[i] = parentOrigin.sourceId[localIds[i]];
    origins.set(compacted, { source: parentOrigin.source, sourceId });
  } else {
    origins.set(compacted, { source: stacks, sourceId: localIds });
  }
  rememberCompaction(stacks, { keep, kept, compacted, localIds });
  return { stacks: compacted, selfBase: base, selfNew: next };
}

interface Compaction {
  readonly keep: Uint8Array;
  readonly kept: number;
  readonly compacted: StackTable;
  /** Id in the source table of each compacted stack. */
  readonly localIds: Int32Array;
}

// The last compactions of each source table, by the stacks they keep: sample types that keep the same stacks
// (inuse_space and inuse_objects; alloc_space and alloc_objects) then share one compacted table, and with it
// everything cached by table (the flame tree's structure, the function table's flags).
const compactions = new WeakMap<StackTable, Compaction[]>();
const COMPACTIONS_KEPT = 2;

function cachedCompaction(source: StackTable, keep: Uint8Array, kept: number): Compaction | null {
  for (const c of compactions.get(source) ?? []) {
    if (c.kept !== kept) continue;
    let same = true;
    for (let i = 0; i < keep.length && same; i++) same = c.keep[i] === keep[i];
    if (same) return c;
  }
  return null;
}

function rememberCompaction(source: StackTable, c: Compaction): void {
  const list = compactions.get(source) ?? [];
  list.unshift(c);
  list.length = Math.min(list.length, COMPACTIONS_KEPT);
  compactions.set(source, list);
}
