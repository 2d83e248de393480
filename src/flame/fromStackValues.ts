// The diff's StackValues (or a calltree CallTree, which wraps them) as a FlameTree: stack s becomes node s + 1
// under one synthetic root. Stack ids already put parents first, so no reordering is needed. O(stacks).
import type { StackValues } from '../diff/stackValues.ts';
import { finishFlameTree, ROOT_NAME, type FlameTree } from './flameTree.ts';

/** `source[i]` is the stack id of node i, -1 for the root. */
export function flameTreeFromStackValues(values: StackValues): FlameTree<number> {
  const { stacks, frames } = values;
  const n = stacks.length;
  const size = n + 1;
  const rootFrame = frames.length;
  const parent = new Int32Array(size);
  const frameId = new Int32Array(size);
  const source = new Int32Array(size);
  const selfBase = new Float64Array(size);
  const selfNew = new Float64Array(size);
  parent[0] = -1;
  frameId[0] = rootFrame;
  source[0] = -1;
  const stackParent = stacks.parent;
  const stackFrame = stacks.frame;
  for (let s = 0; s < n; s++) {
    parent[s + 1] = stackParent[s] + 1;
    frameId[s + 1] = stackFrame[s];
    source[s + 1] = s;
  }
  selfBase.set(values.selfBase, 1);
  selfNew.set(values.selfNew, 1);
  const frameLine = new Int32Array(frames.length + 1);
  frameLine.set(frames.line);
  return finishFlameTree({
    differential: values.hasBase,
    parent,
    frameId,
    frameName: [...frames.name, ROOT_NAME],
    frameFile: [...frames.file, ''],
    frameLine,
    selfBase,
    selfNew,
    source,
    // The profiles' totals count samples with an empty stack too; the root shows them as its own value.
    rootTotals: { base: values.totalBase, new: values.totalNew },
  });
}

const cache = new WeakMap<StackValues, FlameTree<number>>();

/** One FlameTree per StackValues object, so re-renders and remounts do not rebuild it. */
export function cachedFlameTree(values: StackValues): FlameTree<number> {
  let tree = cache.get(values);
  if (!tree) {
    tree = flameTreeFromStackValues(values);
    cache.set(values, tree);
  }
  return tree;
}
