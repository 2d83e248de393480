// The call tree as the flame graph reads it: typed arrays with child lists, one synthetic root, built once
// per tree so that zoom, resize and mode switches only walk the frames that can be seen. Pure: no DOM, no d3.

/**
 * How wide a frame is drawn. 'diff' = base + new: pprof's |increase| + |decrease| (base samples count as
 * negative and are never merged with new ones), so a stack that vanished keeps its base width.
 * 'new' / 'base': one side alone. Same meaning as calltree's nodeWidths.
 */
export type WidthMode = 'diff' | 'new' | 'base';

export const WIDTH_MODES: readonly WidthMode[] = ['diff', 'new', 'base'];

export const ROOT_NAME = 'root';

/**
 * Node 0 is the synthetic root; every other node has a smaller-numbered parent, so a forward pass sees parents
 * first and a backward pass folds children into parents. Children of i: childIds[childStart[i] .. childStart[i+1]).
 */
export interface FlameTree<S = unknown> {
  readonly size: number;
  /** Two profiles (base and new) rather than one. */
  readonly differential: boolean;
  readonly parent: Int32Array;
  readonly childStart: Int32Array;
  readonly childIds: Int32Array;
  /** Nodes in the subtree, the node included. */
  readonly subtreeSize: Int32Array;
  /** Per node, an index into the frame table below (the root has its own synthetic frame). */
  readonly frameId: Int32Array;
  readonly frameName: readonly string[];
  readonly frameFile: readonly string[];
  readonly frameLine: ArrayLike<number>;
  /**
   * Each node's own values, outside its children. Empty in a tree sent to the page (viewForPage), which
   * needs them for the few nodes it describes: read them with selfOf, which derives them from the totals.
   */
  readonly selfBase: Float64Array;
  readonly selfNew: Float64Array;
  readonly totalBase: Float64Array;
  readonly totalNew: Float64Array;
  /** |totalBase| + |totalNew|: the width in 'diff' mode. */
  readonly diffWidth: Float64Array;
  /** What each node came from, handed back in callbacks (a stack id; -1 for the root). */
  readonly source: ArrayLike<S>;
}

export function widthArray(tree: FlameTree<unknown>, mode: WidthMode): Float64Array {
  switch (mode) {
    case 'diff':
      return tree.differential ? tree.diffWidth : tree.totalNew;
    case 'new':
      return tree.totalNew;
    case 'base':
      return tree.differential ? tree.totalBase : tree.totalNew;
    default: {
      const never: never = mode;
      throw new Error(`unknown width mode ${String(never)}`);
    }
  }
}

/**
 * A node's self values: from the tree's arrays, or where it has none (a tree sent to the page) its totals
 * less its children's. Exact, since profile values are integers.
 */
export function selfOf(tree: FlameTree<unknown>, node: number): { readonly base: number; readonly next: number } {
  if (tree.selfNew.length === tree.size) return { base: tree.selfBase[node], next: tree.selfNew[node] };
  let base = tree.totalBase[node];
  let next = tree.totalNew[node];
  for (let k = tree.childStart[node]; k < tree.childStart[node + 1]; k++) {
    const child = tree.childIds[k];
    base -= tree.totalBase[child];
    next -= tree.totalNew[child];
  }
  return { base, next };
}

export function nameOf(tree: FlameTree<unknown>, node: number): string {
  return tree.frameName[tree.frameId[node]];
}

/** The shape of a tree, from its parents alone: child lists and subtree sizes. */
export interface FlameStructure {
  readonly parent: Int32Array;
  readonly childStart: Int32Array;
  readonly childIds: Int32Array;
  readonly subtreeSize: Int32Array;
}

export function flameStructure(parent: Int32Array): FlameStructure {
  const size = parent.length;
  const childStart = new Int32Array(size + 1);
  for (let i = 1; i < size; i++) childStart[parent[i] + 1]++;
  for (let i = 0; i < size; i++) childStart[i + 1] += childStart[i];
  const fill = childStart.slice(0, size);
  const childIds = new Int32Array(Math.max(0, size - 1));
  for (let i = 1; i < size; i++) childIds[fill[parent[i]]++] = i;
  const subtreeSize = new Int32Array(size).fill(1);
  for (let i = size - 1; i > 0; i--) subtreeSize[parent[i]] += subtreeSize[i];
  return { parent, childStart, childIds, subtreeSize };
}

/** Totals and diff widths of a tree of `parent` from self values (which take the root's own share). */
function flameValues(
  parent: Int32Array,
  selfBase: Float64Array,
  selfNew: Float64Array,
  rootTotals?: { readonly base: number; readonly new: number },
): { totalBase: Float64Array; totalNew: Float64Array; diffWidth: Float64Array } {
  const size = parent.length;
  const totalBase = Float64Array.from(selfBase);
  const totalNew = Float64Array.from(selfNew);
  for (let i = size - 1; i > 0; i--) {
    const p = parent[i];
    totalBase[p] += totalBase[i];
    totalNew[p] += totalNew[i];
  }
  if (rootTotals && size > 0) {
    selfBase[0] += rootTotals.base - totalBase[0];
    selfNew[0] += rootTotals.new - totalNew[0];
    totalBase[0] = rootTotals.base;
    totalNew[0] = rootTotals.new;
  }
  const diffWidth = new Float64Array(size);
  for (let i = 0; i < size; i++) diffWidth[i] = Math.abs(totalBase[i]) + Math.abs(totalNew[i]);
  return { totalBase, totalNew, diffWidth };
}

/**
 * Builds child lists, subtree sizes, totals and diff widths from parents and self values. O(nodes).
 * `structure`: flameStructure(parts.parent), when the caller has it already.
 */
export function finishFlameTree<S>(
  parts: Pick<FlameTree<S>, 'differential' | 'parent' | 'frameId' | 'frameName' | 'frameFile' | 'frameLine' | 'selfBase' | 'selfNew' | 'source'> & {
    /** The root's totals when they differ from the sum below it (samples with an empty stack). */
    readonly rootTotals?: { readonly base: number; readonly new: number };
    readonly structure?: FlameStructure;
  },
): FlameTree<S> {
  const { parent, selfBase, selfNew } = parts;
  const { childStart, childIds, subtreeSize } = parts.structure ?? flameStructure(parent);
  const { totalBase, totalNew, diffWidth } = flameValues(parent, selfBase, selfNew, parts.rootTotals);
  return {
    size: parent.length,
    differential: parts.differential,
    parent,
    childStart,
    childIds,
    subtreeSize,
    frameId: parts.frameId,
    frameName: parts.frameName,
    frameFile: parts.frameFile,
    frameLine: parts.frameLine,
    selfBase,
    selfNew,
    totalBase,
    totalNew,
    diffWidth,
    source: parts.source,
  };
}

/** A call tree given as nested objects (tests, small fixtures). A single profile puts values in *New. */
export interface FlameInputNode {
  readonly name: string;
  readonly file?: string;
  readonly line?: number;
  readonly selfBase: number;
  readonly selfNew: number;
  readonly children: readonly FlameInputNode[];
}

/** Breadth-first, so parents get smaller ids than their children. `source[i]` is the input node. */
export function flameTreeFromNodes(root: FlameInputNode, differential: boolean): FlameTree<FlameInputNode> {
  const order: FlameInputNode[] = [root];
  const parents: number[] = [-1];
  for (let i = 0; i < order.length; i++) {
    for (const child of order[i].children) {
      order.push(child);
      parents.push(i);
    }
  }
  const frameIndex = new Map<string, number>();
  const frameName: string[] = [];
  const frameFile: string[] = [];
  const frameLine: number[] = [];
  const frameId = new Int32Array(order.length);
  order.forEach((node, i) => {
    const key = `${node.name}\u0000${node.file ?? ''}`;
    let f = frameIndex.get(key);
    if (f === undefined) {
      f = frameName.length;
      frameIndex.set(key, f);
      frameName.push(node.name);
      frameFile.push(node.file ?? '');
      frameLine.push(node.line ?? 0);
    }
    frameId[i] = f;
  });
  return finishFlameTree({
    differential,
    parent: Int32Array.from(parents),
    frameId,
    frameName,
    frameFile,
    frameLine,
    selfBase: Float64Array.from(order, (n) => n.selfBase),
    selfNew: Float64Array.from(order, (n) => n.selfNew),
    source: order,
  });
}

/**
 * Function names from below the root down to `node`: the zoom path. The synthetic root is not part of it,
 * so the whole tree is the empty path.
 */
export function pathOf(tree: FlameTree<unknown>, node: number): string[] {
  const path: string[] = [];
  for (let i = node; i > 0; i = tree.parent[i]) path.push(nameOf(tree, i));
  return path.reverse();
}

/**
 * The node a path of names leads to, or the deepest node reached when the tree changed under it (a new sample
 * type, other profiles). Among same-named siblings (same function, other file) the widest wins.
 */
export function resolvePath(tree: FlameTree<unknown>, path: readonly string[], mode: WidthMode = 'diff'): number {
  const width = widthArray(tree, mode);
  let node = 0;
  for (const name of path) {
    let found = -1;
    for (let k = tree.childStart[node]; k < tree.childStart[node + 1]; k++) {
      const c = tree.childIds[k];
      if (nameOf(tree, c) === name && (found < 0 || width[c] > width[found])) found = c;
    }
    if (found < 0) break;
    node = found;
  }
  return node;
}

/** The widest node running `name` (the top table's "zoom to this function"), or -1. O(nodes), typed arrays. */
export function widestNodeNamed(tree: FlameTree<unknown>, name: string, mode: WidthMode = 'diff'): number {
  const frameMatch = new Uint8Array(tree.frameName.length);
  let any = false;
  for (let f = 0; f < tree.frameName.length; f++) {
    if (tree.frameName[f] === name) {
      frameMatch[f] = 1;
      any = true;
    }
  }
  if (!any) return -1;
  const width = widthArray(tree, mode);
  let best = -1;
  for (let i = 1; i < tree.size; i++) {
    if (frameMatch[tree.frameId[i]] === 1 && (best < 0 || width[i] > width[best])) best = i;
  }
  return best;
}
