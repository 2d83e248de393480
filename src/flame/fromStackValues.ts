// The diff's StackValues (or a calltree CallTree, which wraps them) as a FlameTree: stack s becomes node s + 1
// under one synthetic root. Stack ids already put parents first, so no reordering is needed. O(stacks).
import type { StackValues } from '../diff/stackValues.ts';
import type { StackTable } from '../profile/model.ts';
import { finishFlameTree, flameStructure, ROOT_NAME, type FlameStructure, type FlameTree } from './flameTree.ts';

interface Shape {
  readonly frames: StackValues['frames'];
  readonly frameId: Int32Array;
  readonly source: Int32Array;
  readonly frameName: readonly string[];
  readonly frameFile: readonly string[];
  readonly frameLine: Int32Array;
  readonly structure: FlameStructure;
}

// The shape of the tree of each stack table: views that differ only in their values (another sample type
// that keeps the same stacks) share it, and only the values are summed again.
const shapes = new WeakMap<StackTable, Shape>();

/** Builds (and keeps) the shape of the tree of `stacks` ahead of a view that will need it. */
export function prepareFlameShape(stacks: StackTable, frames: StackValues['frames']): void {
  shapeOf({ stacks, frames });
}

function shapeOf(values: Pick<StackValues, 'stacks' | 'frames'>): Shape {
  const hit = shapes.get(values.stacks);
  if (hit && hit.frames === values.frames) return hit;
  const { stacks, frames } = values;
  const n = stacks.length;
  const size = n + 1;
  const parent = new Int32Array(size);
  const frameId = new Int32Array(size);
  const source = new Int32Array(size);
  parent[0] = -1;
  frameId[0] = frames.length;
  source[0] = -1;
  const stackParent = stacks.parent;
  const stackFrame = stacks.frame;
  for (let s = 0; s < n; s++) {
    parent[s + 1] = stackParent[s] + 1;
    frameId[s + 1] = stackFrame[s];
    source[s + 1] = s;
  }
  const frameLine = new Int32Array(frames.length + 1);
  frameLine.set(frames.line);
  const shape: Shape = {
    frames,
    frameId,
    source,
    frameName: [...frames.name, ROOT_NAME],
    frameFile: [...frames.file, ''],
    frameLine,
    structure: flameStructure(parent),
  };
  shapes.set(stacks, shape);
  return shape;
}

/**
 * `source[i]` is the stack id of node i, -1 for the root. The tree owns every array it holds (copies of the
 * shared shape), so it can be transferred to another thread.
 */
export function flameTreeFromStackValues(values: StackValues): FlameTree<number> {
  const shape = shapeOf(values);
  const size = values.stacks.length + 1;
  const selfBase = new Float64Array(size);
  const selfNew = new Float64Array(size);
  selfBase.set(values.selfBase, 1);
  selfNew.set(values.selfNew, 1);
  const { structure } = shape;
  const parent = structure.parent.slice();
  return finishFlameTree({
    differential: values.hasBase,
    parent,
    frameId: shape.frameId.slice(),
    frameName: shape.frameName,
    frameFile: shape.frameFile,
    frameLine: shape.frameLine.slice(),
    selfBase,
    selfNew,
    source: shape.source.slice(),
    // The profiles' totals count samples with an empty stack too; the root shows them as its own value.
    rootTotals: { base: values.totalBase, new: values.totalNew },
    structure: { parent, childStart: structure.childStart.slice(), childIds: structure.childIds.slice(), subtreeSize: structure.subtreeSize.slice() },
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
