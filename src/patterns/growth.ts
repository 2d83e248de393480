// Builds the matcher's input from two profiles: every stack of either profile (root → leaf names),
// the shown sample type in base and new, and for heap profiles the companion count/bytes and object sizes.
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
    });
  }
  const unit = next.sampleTypes.find((t) => t.type === shown)?.unit ?? '';
  return { kind: next.kind, sampleType: shown, unit, stacks };
}
