// The call tree (root -> leaf) of StackValues: node id = stack id, so every node carries self and
// total for base and new (delta = new - base), with children lists for drawing and walking.
import { subtreeTotals, type StackValues } from '../diff/stackValues.ts';

export interface CallTree {
  readonly values: StackValues;
  /** Per node (stack id): value of the node and everything below it. */
  readonly totalBase: Float64Array;
  readonly totalNew: Float64Array;
  /** Root node ids. */
  readonly roots: Int32Array;
  /** Children of node i are childIds[childStart[i] .. childStart[i + 1]), in stack id order. */
  readonly childStart: Int32Array;
  readonly childIds: Int32Array;
}

export function buildCallTree(values: StackValues): CallTree {
  const { stacks } = values;
  const n = stacks.length;
  const parent = stacks.parent;
  const counts = new Int32Array(n + 1);
  let rootCount = 0;
  for (let s = 0; s < n; s++) {
    const p = parent[s];
    if (p < 0) rootCount++;
    else counts[p + 1]++;
  }
  const childStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) childStart[i + 1] = childStart[i] + counts[i + 1];
  const fill = childStart.slice(0, n);
  const childIds = new Int32Array(n - rootCount);
  const roots = new Int32Array(rootCount);
  let r = 0;
  for (let s = 0; s < n; s++) {
    const p = parent[s];
    if (p < 0) roots[r++] = s;
    else childIds[fill[p]++] = s;
  }
  return {
    values,
    totalBase: subtreeTotals(stacks, values.selfBase),
    totalNew: subtreeTotals(stacks, values.selfNew),
    roots,
    childStart,
    childIds,
  };
}

export function childrenOf(tree: CallTree, node: number): Int32Array {
  return tree.childIds.subarray(tree.childStart[node], tree.childStart[node + 1]);
}

export function nodeName(tree: CallTree, node: number): string {
  return tree.values.frames.name[tree.values.stacks.frame[node]];
}

/** Root-first frame names of a node's path. */
export function nodePath(tree: CallTree, node: number): string[] {
  const names: string[] = [];
  for (let s = node; s >= 0; s = tree.values.stacks.parent[s]) names.push(nodeName(tree, s));
  return names.reverse();
}

export type WidthMode = 'diff' | 'new' | 'base';

/**
 * Flame-graph width per node. 'diff' = base + new, i.e. pprof's |increase| + |decrease| over the
 * subtree's samples (base samples count as negative values that are never merged with new ones),
 * so a stack that vanished keeps the width it had in the base. 'new' / 'base': one side alone.
 */
export function nodeWidths(tree: CallTree, mode: WidthMode): Float64Array {
  switch (mode) {
    case 'new':
      return tree.totalNew;
    case 'base':
      return tree.totalBase;
    case 'diff': {
      const out = new Float64Array(tree.totalNew.length);
      for (let i = 0; i < out.length; i++) out[i] = Math.abs(tree.totalBase[i]) + Math.abs(tree.totalNew[i]);
      return out;
    }
    default: {
      const never: never = mode;
      throw new Error(`unexpected width mode ${String(never)}`);
    }
  }
}

/** Width of the whole tree in a mode (sum over roots). */
export function rootWidth(tree: CallTree, widths: Float64Array): number {
  let total = 0;
  for (const r of tree.roots) total += widths[r];
  return total;
}
