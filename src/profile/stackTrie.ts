// Builds a profile's stack trie (StackTable) from all of its call paths at once, one depth level at a time.
// Each level's index holds only that level's nodes, so it stays in cache where an index of a whole 2M-node
// trie cannot: on the bench's large profile this takes less than half the time of interning path by path.
import { GrowableInt32 } from './growableArrays.ts';
import { ChildIndex } from './childIndex.ts';
import type { StackTable } from './model.ts';

/** Call paths, root first: path i is frames[offsets[i] .. offsets[i + 1]). */
export interface CallPaths {
  readonly count: number;
  readonly frames: Int32Array;
  readonly offsets: Int32Array;
}

export interface StackTrie {
  readonly stacks: StackTable;
  /** Leaf stack of each path (-1 for an empty path). Equal paths get the same leaf. */
  readonly leaf: Int32Array;
}

/**
 * The trie of `paths`, its ids in breadth-first order: level by level (every root, then every depth-2
 * stack…), each level's stacks grouped by parent in the order of the parents, so `parent` never decreases
 * along a level and every pass that adds children into parents reads and writes in order (in the order
 * nodes were found, such passes missed the cache at almost every node of a 2M-node trie). Roots, and the
 * children of one parent, come in the order of the paths that first reach them (longest paths first, then
 * by path index). So the ids depend only on the sequence of frame paths: decoders that add the same paths
 * in the same order get the same trie, whether or not they add a repeated path again.
 */
export function buildStackTrie(paths: CallPaths): StackTrie {
  const { count, frames, offsets } = paths;
  let maxLength = 0;
  for (let i = 0; i < count; i++) maxLength = Math.max(maxLength, offsets[i + 1] - offsets[i]);

  // Rank the paths longest first (a counting sort), so the paths that reach depth d are ranks [0, active[d]).
  const withLength = new Int32Array(maxLength + 2);
  for (let i = 0; i < count; i++) withLength[offsets[i + 1] - offsets[i]]++;
  const nextRank = new Int32Array(maxLength + 1);
  for (let length = maxLength, r = 0; length >= 0; length--) {
    nextRank[length] = r;
    r += withLength[length];
  }
  const rank = new Int32Array(count);
  for (let i = 0; i < count; i++) rank[i] = nextRank[offsets[i + 1] - offsets[i]]++;
  const active = new Int32Array(maxLength + 1);
  for (let d = maxLength - 1, reaching = 0; d >= 0; d--) {
    reaching += withLength[d + 1];
    active[d] = reaching;
  }

  // Frames laid out level-major (all depth-0 frames by rank, then depth 1…), so each level reads in order.
  const levelStart = new Int32Array(maxLength + 1);
  for (let d = 1; d <= maxLength; d++) levelStart[d] = levelStart[d - 1] + active[d - 1];
  const byLevel = new Int32Array(levelStart[maxLength]);
  for (let i = 0; i < count; i++) {
    const r = rank[i];
    const from = offsets[i];
    const length = offsets[i + 1] - from;
    for (let d = 0; d < length; d++) byLevel[levelStart[d] + r] = frames[from + d];
  }

  const frame = new GrowableInt32();
  const parent = new GrowableInt32();
  const levelNodes = new Int32Array(maxLength + 1);
  // The node each ranked path has reached so far.
  const reached = new Int32Array(active[0] ?? 0).fill(-1);
  const index = new ChildIndex();
  for (let d = 0; d < maxLength; d++) {
    const n = active[d];
    const base = levelStart[d];
    const first = frame.length;
    // A level has at most as many nodes as paths reach it, and usually far fewer near the roots: the index
    // starts at twice the previous level's nodes and grows as this level's come, so it stays small.
    index.reset(Math.min(n, 2 * (first - (d > 0 ? levelNodes[d - 1] : 0)) + 16));
    for (let r = 0; r < n; r++) {
      const p = reached[r];
      const f = byLevel[base + r];
      let node = index.find(p, f);
      if (node < 0) {
        node = frame.length;
        frame.push(f);
        parent.push(p);
        if (index.add(node, p, f)) index.rebuild(frame.data, parent.data, first, frame.length);
      }
      reached[r] = node;
    }
    levelNodes[d + 1] = frame.length;
  }

  const total = frame.length;
  const order = breadthFirstIds(parent.data, levelNodes, maxLength, total);
  const frameOf = frame.data;
  const parentOf = parent.data;
  const stackFrame = new Int32Array(total);
  const stackParent = new Int32Array(total);
  for (let i = 0; i < total; i++) {
    const id = order[i];
    stackFrame[id] = frameOf[i];
    stackParent[id] = parentOf[i] < 0 ? -1 : order[parentOf[i]];
  }
  const depth = new Int32Array(total);
  for (let d = 0; d < maxLength; d++) depth.fill(d + 1, levelNodes[d], levelNodes[d + 1]);
  const leaf = new Int32Array(count);
  for (let i = 0; i < count; i++) leaf[i] = offsets[i + 1] > offsets[i] ? order[reached[rank[i]]] : -1;
  return {
    stacks: { length: total, frame: stackFrame, parent: stackParent, depth },
    leaf,
  };
}

/**
 * The breadth-first id of each node of a trie whose levels are the ranges [levelNodes[d], levelNodes[d + 1])
 * (parents on the level before): within a level, a stable counting sort by the parent's new id. Levels keep
 * their ranges; roots keep their ids.
 */
function breadthFirstIds(parent: Int32Array, levelNodes: Int32Array, levels: number, total: number): Int32Array {
  const order = new Int32Array(total);
  for (let i = 0; i < (levels > 0 ? levelNodes[1] : 0); i++) order[i] = i;
  let next = new Int32Array(16);
  for (let d = 1; d < levels; d++) {
    const from = levelNodes[d];
    const to = levelNodes[d + 1];
    const parentsFrom = levelNodes[d - 1];
    const parents = from - parentsFrom;
    if (next.length < parents + 1) next = new Int32Array(Math.max(parents + 1, next.length * 2));
    next.fill(0, 0, parents + 1);
    for (let i = from; i < to; i++) next[order[parent[i]] - parentsFrom + 1]++;
    // next[k]: the new id of the first child of the parent with new id parentsFrom + k.
    next[0] = from;
    for (let k = 1; k <= parents; k++) next[k] += next[k - 1];
    for (let i = from; i < to; i++) order[i] = next[order[parent[i]] - parentsFrom]++;
  }
  return order;
}
