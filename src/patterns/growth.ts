// Builds the matcher's input from two profiles: the stacks that grew (root → leaf names), the shown
// sample type in base and new, and for heap profiles the companion count/bytes and object sizes.
// Sized for 400k-stack profiles: numeric tries and typed arrays, and object sizes and labels are
// read only for the stacks that are kept.
import { alignProfiles } from '../diff/align.ts';
import { addSamplesByStack, samplesByStack, stackOrigin, type StackValues } from '../diff/stackValues.ts';
import type { Profile } from '../profile/model.ts';
import { GrowableInt32 } from '../profile/growableArrays.ts';
import { StringIds } from '../profile/stringIds.ts';
import type { GrowthInput, GrowthStack, SizeClass } from './types.ts';

export interface GrowthOptions {
  /** Sample type to read; defaults to the new profile's default type. */
  readonly sampleType?: string;
  /** Keep at most this many growing stacks, largest growth first (default 20,000). */
  readonly maxStacks?: number;
}

const DEFAULT_MAX_STACKS = 20_000;

// inuse_space <-> inuse_objects, alloc_space <-> alloc_objects.
function companionType(type: string, want: 'objects' | 'space'): string | null {
  const m = /^(.*)_(space|objects)$/.exec(type);
  if (!m) return null;
  return `${m[1]}_${want}`;
}

function typeIndex(p: Profile, type: string | null): number {
  return type === null ? -1 : p.sampleTypes.findIndex((t) => t.type === type);
}

/** Stacks of several profiles merged by function names root → leaf, keyed by (parent id, name id). */
class NameTrie {
  // Open addressing over (parent, name): each slot holds [id + 1 (0 = empty), parent, name] side by side, so
  // a probe is one cache miss. Built on first use when the trie was made from a table (fromTable).
  private slots = new Int32Array(0);
  private slotBits = 0;
  // Typed columns (a 2M-stack table as number[] cost tens of ms to copy in): parent[id], nameId[id].
  private readonly parent = new GrowableInt32();
  private readonly nameId = new GrowableInt32();
  private readonly names = new StringIds();

  /**
   * The trie of a stack table whose frames all have different names (Go's: a function has one file), with
   * the table's own ids: no hashing at all. Null when two frames share a name.
   */
  static fromTable(stacks: { readonly length: number; readonly frame: Int32Array; readonly parent: Int32Array }, frameNames: readonly string[]): NameTrie | null {
    const trie = new NameTrie();
    const frameName = new Int32Array(frameNames.length);
    for (let f = 0; f < frameNames.length; f++) {
      frameName[f] = trie.names.idOf(frameNames[f]);
      if (frameName[f] !== f) return null;
    }
    trie.parent.reserve(stacks.length);
    trie.nameId.reserve(stacks.length);
    trie.parent.data.set(stacks.parent.subarray(0, stacks.length));
    const nameIds = trie.nameId.data;
    for (let s = 0; s < stacks.length; s++) nameIds[s] = frameName[stacks.frame[s]];
    trie.parent.length = stacks.length;
    trie.nameId.length = stacks.length;
    return trie;
  }

  get length(): number {
    return this.parent.length;
  }

  private home(parent: number, name: number): number {
    return Math.imul((parent + 1) ^ Math.imul(name, 0x27d4eb2d), 0x9e3779b1) >>> (32 - this.slotBits);
  }

  /** (Re)builds the index for at least `count` nodes, at most half full. */
  private index(count: number): void {
    let bits = 16;
    while (1 << bits < count * 2) bits++;
    this.slotBits = bits;
    this.slots = new Int32Array(3 << bits);
    const mask = (1 << bits) - 1;
    const parents = this.parent.data;
    const nameIds = this.nameId.data;
    for (let id = 0; id < this.parent.length; id++) {
      let h = this.home(parents[id], nameIds[id]);
      while (this.slots[h * 3] !== 0) h = (h + 1) & mask;
      this.slots[h * 3] = id + 1;
      this.slots[h * 3 + 1] = parents[id];
      this.slots[h * 3 + 2] = nameIds[id];
    }
  }

  intern(parent: number, name: number): number {
    if ((this.parent.length + 1) * 2 > 1 << this.slotBits) this.index(Math.max(this.parent.length + 1, 2 * this.parent.length));
    const slots = this.slots;
    const mask = (1 << this.slotBits) - 1;
    let h = this.home(parent, name);
    for (;;) {
      const at = h * 3;
      const slot = slots[at];
      if (slot === 0) break;
      if (slots[at + 2] === name && slots[at + 1] === parent) return slot - 1;
      h = (h + 1) & mask;
    }
    const id = this.parent.length;
    this.parent.push(parent);
    this.nameId.push(name);
    slots[h * 3] = id + 1;
    slots[h * 3 + 1] = parent;
    slots[h * 3 + 2] = name;
    return id;
  }

  /** Trie id of every stack id of a stack table (parents before children). */
  map(stacks: { readonly length: number; readonly frame: Int32Array; readonly parent: Int32Array }, frameNames: readonly string[]): Int32Array {
    const frameName = new Int32Array(frameNames.length);
    for (let f = 0; f < frameNames.length; f++) frameName[f] = this.names.idOf(frameNames[f]);
    if ((this.parent.length + stacks.length) * 2 > 1 << this.slotBits) this.index(this.parent.length + stacks.length);
    const out = new Int32Array(stacks.length);
    for (let s = 0; s < stacks.length; s++) {
      const p = stacks.parent[s];
      out[s] = this.intern(p < 0 ? -1 : out[p], frameName[stacks.frame[s]]);
    }
    return out;
  }

  /** Names of the parents of every node named `name`. */
  callersOf(name: string): string[] {
    const id = this.names.get(name);
    if (id === undefined) return [];
    const out = new Set<string>();
    const parents = this.parent.data;
    const nameIds = this.nameId.data;
    for (let s = 0; s < this.parent.length; s++) {
      if (nameIds[s] === id && parents[s] >= 0) out.add(this.names.strings[nameIds[parents[s]]]);
    }
    return [...out];
  }

  path(id: number): string[] {
    const names: string[] = [];
    for (let s = id; s >= 0; s = this.parent.data[s]) names.push(this.names.strings[this.nameId.data[s]]);
    return names.reverse();
  }
}

interface Side {
  readonly profile: Profile;
  /** Trie id of each of the profile's stack ids. */
  readonly ids: Int32Array;
  readonly vi: number;
  readonly oi: number;
  readonly si: number;
}

interface Collected {
  readonly trie: NameTrie;
  /** The pair's union of stacks (alignProfiles) and the trie id of each. */
  readonly union: { readonly stacks: object; readonly ids: Int32Array };
  readonly sides: readonly [Side, Side];
  readonly sampleType: string;
  readonly unit: string;
  readonly hasObjects: boolean;
  readonly hasSpace: boolean;
}

const BASE = 0;
const NEXT = 1;

function collect(base: Profile, next: Profile, sampleType: string | undefined): Collected {
  const shown = sampleType ?? next.sampleTypes[next.defaultSampleType]?.type ?? next.sampleTypes[0]?.type ?? '';
  const objectsType = companionType(shown, 'objects');
  const spaceType = companionType(shown, 'space');
  // The union of the pair's stacks (cached: the diff computed it) is the trie itself when function names
  // are unique, as in Go; else it goes through the trie once. Each profile's stack ids map into it.
  const alignment = alignProfiles(base, next);
  let trie = NameTrie.fromTable(alignment.stacks, alignment.frames.name);
  let unionIds: Int32Array;
  if (trie) {
    unionIds = new Int32Array(alignment.stacks.length);
    for (let s = 0; s < unionIds.length; s++) unionIds[s] = s;
  } else {
    trie = new NameTrie();
    unionIds = trie.map(alignment.stacks, alignment.frames.name);
  }
  const baseIds = new Int32Array(base.stacks.length);
  for (let s = 0; s < baseIds.length; s++) baseIds[s] = unionIds[alignment.baseStack[s]];
  const side = (profile: Profile, ids: Int32Array): Side => ({
    profile,
    ids,
    vi: typeIndex(profile, shown),
    oi: typeIndex(profile, objectsType),
    si: typeIndex(profile, spaceType),
  });
  return {
    trie,
    union: { stacks: alignment.stacks, ids: unionIds },
    // The new profile's stack ids are the union's own.
    sides: [side(base, baseIds), side(next, unionIds)],
    sampleType: shown,
    unit: next.sampleTypes.find((t) => t.type === shown)?.unit ?? '',
    hasObjects: typeIndex(next, objectsType) >= 0,
    hasSpace: typeIndex(next, spaceType) >= 0,
  };
}

/**
 * What the samples of the kept stacks add up to, by slot (the kept stack's position in `growing`): companion
 * sums, object sizes and goroutine labels. Dense arrays: a Map entry per stack and a lookup per sample were
 * most of the report's time on a large pair.
 */
interface Details {
  /** [base objects, new objects, base space, new space] of slot k at 4k. */
  readonly sums: Float64Array;
  readonly sizes: (Map<number, { objectsBase: number; objectsNew: number }> | undefined)[];
  readonly waitState: (string | undefined)[];
  readonly createdBy: (string | undefined)[];
}

// Offsets in Details.sums.
const OBJECTS = 0;
const SPACE = 2;

/** Companion counts, object sizes and goroutine labels, read in one pass over the samples, for the kept stacks only. */
function details(c: Collected, growing: Int32Array): Details {
  const slotOf = new Int32Array(c.trie.length).fill(-1);
  for (let k = 0; k < growing.length; k++) slotOf[growing[k]] = k;
  const out: Details = {
    sums: new Float64Array(4 * growing.length),
    sizes: new Array(growing.length),
    waitState: new Array(growing.length),
    createdBy: new Array(growing.length),
  };
  c.sides.forEach((side, which) => {
    const p = side.profile;
    const { stack, values, labels } = p.samples;
    // Object size of a sample: the runtime's `bytes` label, else alloc bytes / alloc objects.
    const allocObj = typeIndex(p, 'alloc_objects');
    const allocSpace = typeIndex(p, 'alloc_space');
    // A side without the shown type adds nothing to the companion counts (nor to base and new).
    const o = side.vi >= 0 && side.oi >= 0 ? values[side.oi] : null;
    const sp = side.vi >= 0 && side.si >= 0 ? values[side.si] : null;
    const sizeObjects = side.oi >= 0 ? values[side.oi] : null;
    // In stack order: the lookups into slotOf follow the stack ids.
    const order = samplesByStack(p);
    for (let j = 0; j < order.length; j++) {
      const i = order[j];
      const k = slotOf[side.ids[stack[i]]];
      if (k < 0) continue;
      if (o) out.sums[4 * k + OBJECTS + which] += o[i];
      if (sp) out.sums[4 * k + SPACE + which] += sp[i];
      const objects = sizeObjects ? sizeObjects[i] : 0;
      const sampleLabels = labels.length > 0 ? labels[i] : undefined;
      let label: number | undefined;
      if (sampleLabels) {
        for (const l of sampleLabels) {
          if (l.key === 'bytes' && l.num !== undefined) label ??= l.num;
          else if (l.key === 'state' && l.str && !out.waitState[k]) out.waitState[k] = l.str;
          else if (l.key === 'created_by' && l.str && !out.createdBy[k]) out.createdBy[k] = l.str;
        }
      }
      if (objects === 0) continue;
      const size = label ?? (allocObj >= 0 && allocSpace >= 0 && values[allocObj][i] > 0 ? Math.round(values[allocSpace][i] / values[allocObj][i]) : 0);
      if (size <= 0) continue;
      let bySize = out.sizes[k];
      if (!bySize) out.sizes[k] = bySize = new Map();
      let cl = bySize.get(size);
      if (!cl) {
        cl = { objectsBase: 0, objectsNew: 0 };
        bySize.set(size, cl);
      }
      if (which === BASE) cl.objectsBase += objects;
      else cl.objectsNew += objects;
    }
  });
  return out;
}

/**
 * The growing trie ids (next > base), at most `maxStacks` of them: when there are more, the largest growth
 * first (ties in id order), else in id order. Typed arrays: a large pair has a million candidates.
 */
function pickGrowing(base: Float64Array, next: Float64Array, maxStacks: number): Int32Array {
  let count = 0;
  for (let id = 0; id < base.length; id++) if (next[id] > base[id]) count++;
  const ids = new Int32Array(count);
  let j = 0;
  for (let id = 0; id < base.length; id++) if (next[id] > base[id]) ids[j++] = id;
  if (count <= maxStacks) return ids;
  const growth = new Float64Array(count);
  for (let i = 0; i < count; i++) growth[i] = next[ids[i]] - base[ids[i]];
  // The maxStacks-th largest growth: everything above it is kept, and as many of those equal to it as fit.
  const threshold = nthSmallest(growth.slice(), count - maxStacks);
  let above = 0;
  for (let i = 0; i < count; i++) if (growth[i] > threshold) above++;
  let ties = maxStacks - above;
  const chosen: number[] = [];
  for (let i = 0; i < count; i++) {
    if (growth[i] > threshold) chosen.push(i);
    else if (growth[i] === threshold && ties > 0) {
      chosen.push(i);
      ties--;
    }
  }
  chosen.sort((a, b) => growth[b] - growth[a] || a - b);
  return Int32Array.from(chosen, (i) => ids[i]);
}

function build(c: Collected, next: Profile, base: Float64Array, nextValues: Float64Array, maxStacks: number): GrowthInput {
  const growing = pickGrowing(base, nextValues, maxStacks);
  const info = details(c, growing);
  const stacks: GrowthStack[] = Array.from(growing, (id, k) => {
    const bySize = info.sizes[k];
    const sizes: SizeClass[] = bySize
      ? Array.from(bySize, ([size, s]) => ({ size, objectsBase: s.objectsBase, objectsNew: s.objectsNew })).sort((a, b) => b.size - a.size)
      : [];
    const stack: { -readonly [K in keyof GrowthStack]: GrowthStack[K] } = { frames: c.trie.path(id), base: base[id], next: nextValues[id] };
    if (c.hasObjects) {
      stack.objectsBase = info.sums[4 * k + OBJECTS + BASE];
      stack.objectsNew = info.sums[4 * k + OBJECTS + NEXT];
    }
    if (c.hasSpace) {
      stack.spaceBase = info.sums[4 * k + SPACE + BASE];
      stack.spaceNew = info.sums[4 * k + SPACE + NEXT];
    }
    stack.sizes = sizes;
    if (info.waitState[k]) stack.waitState = info.waitState[k];
    if (info.createdBy[k]) stack.createdBy = info.createdBy[k];
    return stack;
  });
  return { kind: next.kind, sampleType: c.sampleType, unit: c.unit, stacks, poolCallers: c.trie.callersOf('sync.(*Pool).Get') };
}

/** The stacks that grew from `base` to `next` (only those: rules and suspects read nothing else). */
export function growthFromProfiles(base: Profile, next: Profile, options: GrowthOptions = {}): GrowthInput {
  const c = collect(base, next, options.sampleType);
  const sums = [new Float64Array(c.trie.length), new Float64Array(c.trie.length)];
  c.sides.forEach((side, which) => {
    if (side.vi >= 0) addSamplesByStack(side.profile, side.profile.samples.values[side.vi], sums[which], side.ids);
  });
  return build(c, next, sums[BASE], sums[NEXT], options.maxStacks ?? DEFAULT_MAX_STACKS);
}

/**
 * The growth of a computed diff (after normalize, focus, ignore): the stacks and values of
 * `values`, with the companion counts and object sizes read from the two profiles. Stacks are
 * matched by their function names root → leaf.
 */
export function growthFromStackValues(values: StackValues, base: Profile, next: Profile, options: Omit<GrowthOptions, 'sampleType'> = {}): GrowthInput {
  const c = collect(base, next, values.sampleType.type);
  // A view compacted from the union (dropZeroStacks keeps every path) reuses its trie ids; a transformed
  // one (focus, hide, collapse) has paths of its own.
  const origin = stackOrigin(values.stacks);
  let ids: Int32Array;
  if (values.stacks === c.union.stacks) {
    ids = c.union.ids;
  } else if (origin && origin.source === c.union.stacks) {
    ids = new Int32Array(values.stacks.length);
    for (let s = 0; s < ids.length; s++) ids[s] = c.union.ids[origin.sourceId[s]];
  } else {
    ids = c.trie.map(values.stacks, values.frames.name);
  }
  const baseSums = new Float64Array(c.trie.length);
  const nextSums = new Float64Array(c.trie.length);
  for (let s = 0; s < values.stacks.length; s++) {
    baseSums[ids[s]] += values.selfBase[s];
    nextSums[ids[s]] += values.selfNew[s];
  }
  return build(c, next, baseSums, nextSums, options.maxStacks ?? DEFAULT_MAX_STACKS);
}

/** The k-th smallest value of `a` (0-based), by quickselect; reorders `a`. */
function nthSmallest(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    // Median of three as the pivot: growth values often come in long equal or sorted runs.
    const mid = (lo + hi) >>> 1;
    const x = a[lo];
    const y = a[mid];
    const z = a[hi];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}
