// Builds the matcher's input from two profiles: the stacks that grew (root → leaf names), the shown
// sample type in base and new, and for heap profiles the companion count/bytes and object sizes.
// Sized for 400k-stack profiles: numeric tries and typed arrays, and object sizes and labels are
// read only for the stacks that are kept.
import { alignProfiles } from '../diff/align.ts';
import { stackOrigin, type StackValues } from '../diff/stackValues.ts';
import type { Profile } from '../profile/model.ts';
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
  readonly parent: number[] = [];
  readonly nameId: number[] = [];
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
    trie.parent.length = stacks.length;
    trie.nameId.length = stacks.length;
    for (let s = 0; s < stacks.length; s++) {
      trie.parent[s] = stacks.parent[s];
      trie.nameId[s] = frameName[stacks.frame[s]];
    }
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
    for (let id = 0; id < this.parent.length; id++) {
      let h = this.home(this.parent[id], this.nameId[id]);
      while (this.slots[h * 3] !== 0) h = (h + 1) & mask;
      this.slots[h * 3] = id + 1;
      this.slots[h * 3 + 1] = this.parent[id];
      this.slots[h * 3 + 2] = this.nameId[id];
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
    for (let s = 0; s < this.parent.length; s++) {
      if (this.nameId[s] === id && this.parent[s] >= 0) out.add(this.names.strings[this.nameId[this.parent[s]]]);
    }
    return [...out];
  }

  path(id: number): string[] {
    const names: string[] = [];
    for (let s = id; s >= 0; s = this.parent[s]) names.push(this.names.strings[this.nameId[s]]);
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

interface Detail {
  readonly sums: Float64Array;
  readonly sizes: Map<number, { objectsBase: number; objectsNew: number }>;
  waitState?: string;
  createdBy?: string;
}

// Detail.sums: [base objects, new objects, base space, new space].
const OBJECTS = 0;
const SPACE = 2;

/** Companion counts, object sizes and goroutine labels, read in one pass over the samples, for the kept trie ids only. */
function details(c: Collected, kept: Uint8Array): Map<number, Detail> {
  const out = new Map<number, Detail>();
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
    for (let i = 0; i < stack.length; i++) {
      const s = stack[i];
      if (s < 0) continue;
      const id = side.ids[s];
      if (kept[id] === 0) continue;
      let d = out.get(id);
      if (!d) {
        d = { sums: new Float64Array(4), sizes: new Map() };
        out.set(id, d);
      }
      if (o) d.sums[OBJECTS + which] += o[i];
      if (sp) d.sums[SPACE + which] += sp[i];
      const sampleLabels = labels[i];
      if (sampleLabels) {
        for (const l of sampleLabels) {
          if (l.key === 'state' && l.str && !d.waitState) d.waitState = l.str;
          else if (l.key === 'created_by' && l.str && !d.createdBy) d.createdBy = l.str;
        }
      }
      const objects = sizeObjects ? sizeObjects[i] : 0;
      if (objects === 0) continue;
      const label = sampleLabels?.find((l) => l.key === 'bytes' && l.num !== undefined)?.num;
      const size = label ?? (allocObj >= 0 && allocSpace >= 0 && values[allocObj][i] > 0 ? Math.round(values[allocSpace][i] / values[allocObj][i]) : 0);
      if (size <= 0) continue;
      let cl = d.sizes.get(size);
      if (!cl) {
        cl = { objectsBase: 0, objectsNew: 0 };
        d.sizes.set(size, cl);
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
  const sorted = growth.slice().sort();
  const threshold = sorted[count - maxStacks];
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
  const kept = new Uint8Array(c.trie.length);
  for (const id of growing) kept[id] = 1;
  const info = details(c, kept);
  const stacks: GrowthStack[] = Array.from(growing, (id) => {
    const d = info.get(id);
    const sums = d?.sums;
    const sizes: SizeClass[] = d
      ? [...d.sizes.entries()].map(([size, s]) => ({ size, objectsBase: s.objectsBase, objectsNew: s.objectsNew })).sort((a, b) => b.size - a.size)
      : [];
    return {
      frames: c.trie.path(id),
      base: base[id],
      next: nextValues[id],
      ...(c.hasObjects ? { objectsBase: sums?.[OBJECTS + BASE] ?? 0, objectsNew: sums?.[OBJECTS + NEXT] ?? 0 } : {}),
      ...(c.hasSpace ? { spaceBase: sums?.[SPACE + BASE] ?? 0, spaceNew: sums?.[SPACE + NEXT] ?? 0 } : {}),
      sizes,
      ...(d?.waitState ? { waitState: d.waitState } : {}),
      ...(d?.createdBy ? { createdBy: d.createdBy } : {}),
    };
  });
  return { kind: next.kind, sampleType: c.sampleType, unit: c.unit, stacks, poolCallers: c.trie.callersOf('sync.(*Pool).Get') };
}

/** The stacks that grew from `base` to `next` (only those: rules and suspects read nothing else). */
export function growthFromProfiles(base: Profile, next: Profile, options: GrowthOptions = {}): GrowthInput {
  const c = collect(base, next, options.sampleType);
  const sums = [new Float64Array(c.trie.length), new Float64Array(c.trie.length)];
  c.sides.forEach((side, which) => {
    if (side.vi < 0) return;
    const { stack, values } = side.profile.samples;
    const v = values[side.vi];
    const into = sums[which];
    for (let i = 0; i < stack.length; i++) {
      const s = stack[i];
      if (s >= 0) into[side.ids[s]] += v[i];
    }
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
