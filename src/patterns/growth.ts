// Builds the matcher's input from two profiles: every stack of either profile (root → leaf names),
// the shown sample type in base and new, and for heap profiles the companion count/bytes and object sizes.
import type { StackValues } from '../diff/stackValues.ts';
import type { Profile } from '../profile/model.ts';
import type { GrowthInput, GrowthStack, SizeClass } from './types.ts';

export interface GrowthOptions {
  /** Sample type to read; defaults to the new profile's default type. */
  readonly sampleType?: string;
}

// inuse_space <-> inuse_objects, alloc_space <-> alloc_objects.
function companionType(type: string, want: 'objects' | 'space'): string | null {
  const m = /^(.*)_(space|objects)$/.exec(type);
  if (!m) return null;
  return `${m[1]}_${want}`;
}

interface Acc {
  frames: string[];
  base: number;
  next: number;
  objectsBase: number;
  objectsNew: number;
  spaceBase: number;
  spaceNew: number;
  sizes: Map<number, { objectsBase: number; objectsNew: number }>;
  waitState?: string;
  createdBy?: string;
}

function typeIndex(p: Profile, type: string | null): number {
  return type === null ? -1 : p.sampleTypes.findIndex((t) => t.type === type);
}

/** Names root → leaf for every stack id of a profile, built once per profile. */
function stackPaths(p: Profile): string[][] {
  const { frame, parent } = p.stacks;
  const out: string[][] = new Array(p.stacks.length);
  for (let s = 0; s < p.stacks.length; s++) {
    const name = p.frames.name[frame[s]];
    const par = parent[s];
    out[s] = par < 0 ? [name] : [...out[par], name];
  }
  return out;
}

export function growthFromProfiles(base: Profile, next: Profile, options: GrowthOptions = {}): GrowthInput {
  const shown = options.sampleType ?? next.sampleTypes[next.defaultSampleType]?.type ?? next.sampleTypes[0]?.type ?? '';
  const objectsType = companionType(shown, 'objects');
  const spaceType = companionType(shown, 'space');
  const byKey = new Map<string, Acc>();

  const add = (p: Profile, side: 'base' | 'next'): void => {
    const vi = typeIndex(p, shown);
    if (vi < 0) return;
    const oi = typeIndex(p, objectsType);
    const si = typeIndex(p, spaceType);
    // Object size of a sample: the runtime's `bytes` label, else alloc bytes / alloc objects.
    const allocObj = typeIndex(p, 'alloc_objects');
    const allocSpace = typeIndex(p, 'alloc_space');
    const paths = stackPaths(p);
    const keys = paths.map((path) => path.join('\n'));
    const { stack, values, labels } = p.samples;
    for (let i = 0; i < p.samples.length; i++) {
      const s = stack[i];
      if (s < 0) continue;
      const key = keys[s];
      let acc = byKey.get(key);
      if (!acc) {
        acc = { frames: paths[s], base: 0, next: 0, objectsBase: 0, objectsNew: 0, spaceBase: 0, spaceNew: 0, sizes: new Map() };
        byKey.set(key, acc);
      }
      const sampleLabels = labels[i];
      if (sampleLabels) {
        for (const l of sampleLabels) {
          if (l.key === 'state' && l.str && !acc.waitState) acc.waitState = l.str;
          else if (l.key === 'created_by' && l.str && !acc.createdBy) acc.createdBy = l.str;
        }
      }
      const v = values[vi][i];
      const objects = oi >= 0 ? values[oi][i] : 0;
      const space = si >= 0 ? values[si][i] : 0;
      if (side === 'base') {
        acc.base += v;
        acc.objectsBase += objects;
        acc.spaceBase += space;
      } else {
        acc.next += v;
        acc.objectsNew += objects;
        acc.spaceNew += space;
      }
      if (oi >= 0 && objects !== 0) {
        const label = labels[i]?.find((l) => l.key === 'bytes' && l.num !== undefined)?.num;
        const size = label ?? (allocObj >= 0 && allocSpace >= 0 && values[allocObj][i] > 0 ? Math.round(values[allocSpace][i] / values[allocObj][i]) : 0);
        if (size > 0) {
          let c = acc.sizes.get(size);
          if (!c) {
            c = { objectsBase: 0, objectsNew: 0 };
            acc.sizes.set(size, c);
          }
          if (side === 'base') c.objectsBase += objects;
          else c.objectsNew += objects;
        }
      }
    }
  };
  add(base, 'base');
  add(next, 'next');

  const hasObjects = typeIndex(next, objectsType) >= 0;
  const hasSpace = typeIndex(next, spaceType) >= 0;
  const stacks: GrowthStack[] = [];
  for (const acc of byKey.values()) {
    if (acc.base === 0 && acc.next === 0) continue;
    const sizes: SizeClass[] = [...acc.sizes.entries()]
      .map(([size, c]) => ({ size, objectsBase: c.objectsBase, objectsNew: c.objectsNew }))
      .sort((a, b) => b.size - a.size);
    stacks.push({
      frames: acc.frames,
      base: acc.base,
      next: acc.next,
      ...(hasObjects ? { objectsBase: acc.objectsBase, objectsNew: acc.objectsNew } : {}),
      ...(hasSpace ? { spaceBase: acc.spaceBase, spaceNew: acc.spaceNew } : {}),
      sizes,
      ...(acc.waitState ? { waitState: acc.waitState } : {}),
      ...(acc.createdBy ? { createdBy: acc.createdBy } : {}),
    });
  }
  const unit = next.sampleTypes.find((t) => t.type === shown)?.unit ?? '';
  return { kind: next.kind, sampleType: shown, unit, stacks };
}

/**
 * The growth of a computed diff (after normalize, focus, ignore): the stacks and values of
 * `values`, with the companion counts and object sizes read from the two profiles. Stacks are
 * matched by their function names root → leaf.
 */
export function growthFromStackValues(values: StackValues, base: Profile, next: Profile): GrowthInput {
  const fromProfiles = growthFromProfiles(base, next, { sampleType: values.sampleType.type });
  const { frame, parent } = values.stacks;
  const names = values.frames.name;
  const keys: string[] = new Array(values.stacks.length);
  const kept = new Map<string, { base: number; next: number }>();
  for (let s = 0; s < values.stacks.length; s++) {
    const p = parent[s];
    keys[s] = p < 0 ? names[frame[s]] : `${keys[p]}\n${names[frame[s]]}`;
    if (values.selfBase[s] === 0 && values.selfNew[s] === 0) continue;
    const k = kept.get(keys[s]) ?? { base: 0, next: 0 };
    k.base += values.selfBase[s];
    k.next += values.selfNew[s];
    kept.set(keys[s], k);
  }
  const stacks: GrowthStack[] = [];
  for (const st of fromProfiles.stacks) {
    const v = kept.get(st.frames.join('\n'));
    if (v) stacks.push({ ...st, base: v.base, next: v.next });
  }
  return { ...fromProfiles, stacks };
}
