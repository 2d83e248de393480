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
 * The trie of `paths`. Ids are given level by level (every root, then every depth-2 stack…), and within a
 * level in the order of the paths that first reach each node, longest paths first, then by path index. So
 * the ids depend only on the sequence of frame paths: decoders that add the same paths in the same order get
 * the same trie, whether or not they add a repeated path again.
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

  const depth = new Int32Array(frame.length);
  for (let d = 0; d < maxLength; d++) depth.fill(d + 1, levelNodes[d], levelNodes[d + 1]);
  const leaf = new Int32Array(count);
  for (let i = 0; i < count; i++) leaf[i] = offsets[i + 1] > offsets[i] ? reached[rank[i]] : -1;
  return {
    stacks: { length: frame.length, frame: frame.finish(), parent: parent.finish(), depth },
    leaf,
  };
}
