// The union of two stack tries, depth by depth: each depth's index holds only that depth's base stacks, so
// it stays in cache where an index of a whole 2M-stack trie cannot (the large bench pair aligns ~4× faster).
import { ChildIndex } from '../profile/childIndex.ts';
import type { StackTable } from '../profile/model.ts';

export interface MergedStacks {
  /** The union: the new trie's stacks with their ids, then the base-only stacks, shallowest first. */
  readonly stacks: StackTable;
  /** base stack id -> union stack id. */
  readonly baseStack: Int32Array;
}

/**
 * Stack ids ordered by depth (stable), with the start of each depth: ids[start[d - 1] .. start[d]) have depth
 * d. `ids` is null when the table is in that order already, as a decoded profile's breadth-first trie is.
 */
function byDepth(stacks: StackTable, maxDepth: number): { ids: Int32Array | null; start: Int32Array } {
  const start = new Int32Array(maxDepth + 1);
  let sorted = true;
  for (let s = 0; s < stacks.length; s++) {
    start[stacks.depth[s]]++;
    if (s > 0 && stacks.depth[s] < stacks.depth[s - 1]) sorted = false;
  }
  for (let d = 1; d <= maxDepth; d++) start[d] += start[d - 1];
  if (sorted) return { ids: null, start };
  const fill = start.slice(0, maxDepth);
  const ids = new Int32Array(stacks.length);
  for (let s = 0; s < stacks.length; s++) ids[fill[stacks.depth[s] - 1]++] = s;
  return { ids, start };
}

function deepest(stacks: StackTable): number {
  let max = 0;
  for (let s = 0; s < stacks.length; s++) max = Math.max(max, stacks.depth[s]);
  return max;
}

/**
 * Merges `base` into `next`, keeping next's ids. `frameOfBase` maps base frame ids to next's (union) frame
 * ids. Both tables must be tries (no two stacks with the same parent and frame), as every Profile's are.
 */
export function mergeStacks(next: StackTable, base: StackTable, frameOfBase: Int32Array): MergedStacks {
  const maxDepth = Math.max(deepest(next), deepest(base));
  const nextLevels = byDepth(next, maxDepth);
  const baseLevels = byDepth(base, maxDepth);
  const nextIds = nextLevels.ids;
  const baseIds = baseLevels.ids;
  const capacity = next.length + base.length;
  const frame = new Int32Array(capacity);
  const parent = new Int32Array(capacity);
  const depth = new Int32Array(capacity);
  frame.set(next.frame);
  parent.set(next.parent);
  depth.set(next.depth);
  let length = next.length;
  const baseStack = new Int32Array(base.length).fill(-1);
  const index = new ChildIndex();
  for (let d = 1; d <= maxDepth; d++) {
    // Index this depth's base stacks by their parent's union id and their union frame; the parents, one
    // depth up, are mapped already. Then every new stack of this depth finds its base twin, if any.
    const from = baseLevels.start[d - 1];
    const to = baseLevels.start[d];
    if (from === to) continue;
    index.reset(to - from);
    for (let i = from; i < to; i++) {
      const s = baseIds ? baseIds[i] : i;
      const p = base.parent[s];
      index.add(s, p < 0 ? -1 : baseStack[p], frameOfBase[base.frame[s]]);
    }
    for (let i = nextLevels.start[d - 1]; i < nextLevels.start[d]; i++) {
      const s = nextIds ? nextIds[i] : i;
      const twin = index.find(next.parent[s], next.frame[s]);
      if (twin >= 0) baseStack[twin] = s;
    }
    for (let i = from; i < to; i++) {
      const s = baseIds ? baseIds[i] : i;
      if (baseStack[s] >= 0) continue;
      const p = base.parent[s];
      frame[length] = frameOfBase[base.frame[s]];
      parent[length] = p < 0 ? -1 : baseStack[p];
      depth[length] = d;
      baseStack[s] = length++;
    }
  }
  return {
    stacks: { length, frame: frame.slice(0, length), parent: parent.slice(0, length), depth: depth.slice(0, length) },
    baseStack,
  };
}
