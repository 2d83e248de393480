// Builds the matcher's input from two profiles: the stacks that grew (root → leaf names), the shown
// sample type in base and new, and for heap profiles the companion count/bytes and object sizes.
// Sized for 400k-stack profiles: numeric tries and typed arrays, and object sizes and labels are
// read only for the stacks that are kept.
import type { StackValues } from '../diff/stackValues.ts';
import type { Profile } from '../profile/model.ts';
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
  private readonly nameIds = new Map<string, number>();
  // Open addressing over (parent, name): each slot holds [id + 1 (0 = empty), parent, name] side by side, so
  // a probe is one cache miss (a Map with number keys above 2^31 is several times slower on the 700k nodes
  // of a large pair, and three separate arrays cost three misses).
  private slots = new Int32Array(3 << 16);
  private slotBits = 16;
  readonly parent: number[] = [];
  readonly nameId: number[] = [];
  readonly names: string[] = [];

  private nameIdOf(name: string): number {
    let id = this.nameIds.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.nameIds.set(name, id);
      this.names.push(name);
    }
    return id;
  }

  get length(): number {
    return this.parent.length;
  }

  private home(parent: number, name: number): number {
    return Math.imul((parent + 1) ^ Math.imul(name, 0x27d4eb2d), 0x9e3779b1) >>> (32 - this.slotBits);
  }

  private grow(): void {
    const old = this.slots;
    this.slotBits++;
    this.slots = new Int32Array(3 << this.slotBits);
    const mask = (1 << this.slotBits) - 1;
    for (let i = 0; i < old.length; i += 3) {
      if (old[i] === 0) continue;
      let h = this.home(old[i + 1], old[i + 2]);
      while (this.slots[h * 3] !== 0) h = (h + 1) & mask;
      this.slots.set(old.subarray(i, i + 3), h * 3);
    }
  }

  intern(parent: number, name: number): number {
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
    if (this.parent.length * 2 > 1 << this.slotBits) this.grow();
    return id;
  }

  /** Trie id of every stack id of a stack table (parents before children). */
  map(stacks: { readonly length: number; readonly frame: Int32Array; readonly parent: Int32Array }, frameNames: readonly string[]): Int32Array {
    const frameName = new Int32Array(frameNames.length);
    for (let f = 0; f < frameNames.length; f++) frameName[f] = this.nameIdOf(frameNames[f]);
    const out = new Int32Array(stacks.length);
    for (let s = 0; s < stacks.length; s++) {
      const p = stacks.parent[s];
      out[s] = this.intern(p < 0 ? -1 : out[p], frameName[stacks.frame[s]]);
    }
    return out;
  }

  /** Names of the parents of every node named `name`. */
  callersOf(name: string): string[] {
    const id = this.nameIds.get(name);
    if (id === undefined) return [];
    const out = new Set<string>();
    for (let s = 0; s < this.parent.length; s++) {
      if (this.nameId[s] === id && this.parent[s] >= 0) out.add(this.names[this.nameId[this.parent[s]]]);
    }
    return [...out];
  }

  path(id: number): string[] {
    const names: string[] = [];
    for (let s = id; s >= 0; s = this.parent[s]) names.push(this.names[this.nameId[s]]);
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
  readonly sides: readonly Side[];
  /** Per trie id: [base value, new value, base objects, new objects, base space, new space]. */
  readonly sums: Float64Array;
  readonly sampleType: string;
  readonly unit: string;
  readonly hasObjects: boolean;
  readonly hasSpace: boolean;
}

const BASE = 0;
const NEXT = 1;
const FIELDS = 6;

function collect(base: Profile, next: Profile, sampleType: string | undefined): Collected {
  const shown = sampleType ?? next.sampleTypes[next.defaultSampleType]?.type ?? next.sampleTypes[0]?.type ?? '';
  const objectsType = companionType(shown, 'objects');
  const spaceType = companionType(shown, 'space');
  const trie = new NameTrie();
  const sides: Side[] = [base, next].map((profile) => ({
    profile,
    ids: trie.map(profile.stacks, profile.frames.name),
    vi: typeIndex(profile, shown),
    oi: typeIndex(profile, objectsType),
    si: typeIndex(profile, spaceType),
  }));
  const sums = new Float64Array(trie.length * FIELDS);
  sides.forEach((side, which) => {
    if (side.vi < 0) return;
    const { stack, values } = side.profile.samples;
    const v = values[side.vi];
    const o = side.oi >= 0 ? values[side.oi] : null;
    const sp = side.si >= 0 ? values[side.si] : null;
    for (let i = 0; i < stack.length; i++) {
      const s = stack[i];
      if (s < 0) continue;
      const at = side.ids[s] * FIELDS + which;
      sums[at] += v[i];
      if (o) sums[at + 2] += o[i];
      if (sp) sums[at + 4] += sp[i];
    }
  });
  return {
    trie,
    sides,
    sums,
    sampleType: shown,
    unit: next.sampleTypes.find((t) => t.type === shown)?.unit ?? '',
    hasObjects: typeIndex(next, objectsType) >= 0,
    hasSpace: typeIndex(next, spaceType) >= 0,
  };
}

interface Detail {
  sizes: Map<number, { objectsBase: number; objectsNew: number }>;
  waitState?: string;
  createdBy?: string;
}

/** Object sizes and goroutine labels, read only for the kept trie ids. */
function details(c: Collected, kept: ReadonlySet<number>): Map<number, Detail> {
  const out = new Map<number, Detail>();
  c.sides.forEach((side, which) => {
    const p = side.profile;
    const { stack, values, labels } = p.samples;
    // Object size of a sample: the runtime's `bytes` label, else alloc bytes / alloc objects.
    const allocObj = typeIndex(p, 'alloc_objects');
    const allocSpace = typeIndex(p, 'alloc_space');
    const o = side.oi >= 0 ? values[side.oi] : null;
    for (let i = 0; i < stack.length; i++) {
      const s = stack[i];
      if (s < 0) continue;
      const id = side.ids[s];
      if (!kept.has(id)) continue;
      let d = out.get(id);
      if (!d) {
        d = { sizes: new Map() };
        out.set(id, d);
      }
      const sampleLabels = labels[i];
      if (sampleLabels) {
        for (const l of sampleLabels) {
          if (l.key === 'state' && l.str && !d.waitState) d.waitState = l.str;
          else if (l.key === 'created_by' && l.str && !d.createdBy) d.createdBy = l.str;
        }
      }
      const objects = o ? o[i] : 0;
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

function build(c: Collected, next: Profile, candidates: { id: number; base: number; next: number }[], maxStacks: number): GrowthInput {
  const growing = candidates.filter((x) => x.next > x.base);
  if (growing.length > maxStacks) {
    growing.sort((a, b) => b.next - b.base - (a.next - a.base));
    growing.length = maxStacks;
  }
  const info = details(c, new Set(growing.map((g) => g.id)));
  const stacks: GrowthStack[] = growing.map(({ id, base, next: nextValue }) => {
    const at = id * FIELDS;
    const d = info.get(id);
    const sizes: SizeClass[] = d
      ? [...d.sizes.entries()].map(([size, s]) => ({ size, objectsBase: s.objectsBase, objectsNew: s.objectsNew })).sort((a, b) => b.size - a.size)
      : [];
    return {
      frames: c.trie.path(id),
      base,
      next: nextValue,
      ...(c.hasObjects ? { objectsBase: c.sums[at + 2 + BASE] ?? 0, objectsNew: c.sums[at + 2 + NEXT] ?? 0 } : {}),
      ...(c.hasSpace ? { spaceBase: c.sums[at + 4 + BASE] ?? 0, spaceNew: c.sums[at + 4 + NEXT] ?? 0 } : {}),
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
  const candidates: { id: number; base: number; next: number }[] = [];
  for (let id = 0; id < c.trie.length; id++) {
    const b = c.sums[id * FIELDS + BASE];
    const n = c.sums[id * FIELDS + NEXT];
    if (n > b) candidates.push({ id, base: b, next: n });
  }
  return build(c, next, candidates, options.maxStacks ?? DEFAULT_MAX_STACKS);
}

/**
 * The growth of a computed diff (after normalize, focus, ignore): the stacks and values of
 * `values`, with the companion counts and object sizes read from the two profiles. Stacks are
 * matched by their function names root → leaf.
 */
export function growthFromStackValues(values: StackValues, base: Profile, next: Profile, options: Omit<GrowthOptions, 'sampleType'> = {}): GrowthInput {
  const c = collect(base, next, values.sampleType.type);
  const ids = c.trie.map(values.stacks, values.frames.name);
  const kept = new Map<number, { id: number; base: number; next: number }>();
  for (let s = 0; s < values.stacks.length; s++) {
    if (values.selfBase[s] === 0 && values.selfNew[s] === 0) continue;
    const k = kept.get(ids[s]) ?? { id: ids[s], base: 0, next: 0 };
    k.base += values.selfBase[s];
    k.next += values.selfNew[s];
    kept.set(ids[s], k);
  }
  return build(c, next, [...kept.values()], options.maxStacks ?? DEFAULT_MAX_STACKS);
}
