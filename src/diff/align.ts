// The union of two profiles' frames and stacks, with each profile's stack ids mapped into it.
// Independent of the sample type, so it is computed once per pair and cached.
import type { FrameTable, Profile, StackTable } from '../profile/model.ts';
import { mergeStacks } from './mergeStacks.ts';
import { FrameTableBuilder } from './stackTableBuilder.ts';

export interface StackAlignment {
  readonly frames: FrameTable;
  readonly stacks: StackTable;
  /** base stack id -> union stack id. The new profile's ids are the union's own (identity). */
  readonly baseStack: Int32Array;
}

const cache = new WeakMap<Profile, WeakMap<Profile, StackAlignment>>();

export function alignProfiles(base: Profile, next: Profile): StackAlignment {
  let byNext = cache.get(base);
  const hit = byNext?.get(next);
  if (hit) return hit;
  const alignment = computeAlignment(base, next);
  if (!byNext) {
    byNext = new WeakMap();
    cache.set(base, byNext);
  }
  byNext.set(next, alignment);
  return alignment;
}

function computeAlignment(base: Profile, next: Profile): StackAlignment {
  // Start from the new profile's tables so its ids stay valid in the union.
  const frames = FrameTableBuilder.from(next.frames);
  const frameMap = new Int32Array(base.frames.length);
  for (let f = 0; f < base.frames.length; f++) {
    frameMap[f] = frames.intern(base.frames.name[f], base.frames.file[f], base.frames.line[f]);
  }
  const { stacks, baseStack } = mergeStacks(next.stacks, base.stacks, frameMap);
  return { frames: frames.finish(), stacks, baseStack };
}
