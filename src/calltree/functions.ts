// Per-function flat/cum of base and new, as go tool pprof's -top at function granularity: a
// function is its name; flat is charged to the leaf frame; cum counts a function once per stack.
import type { FrameTable, StackTable } from '../profile/model.ts';
import { StringIds } from '../profile/stringIds.ts';
import type { StackValues } from '../diff/stackValues.ts';
import { stackOrigin, subtreeTotals } from '../diff/stackValues.ts';

export interface FunctionRow {
  readonly name: string;
  /** File of the first frame seen with this name (display only). */
  readonly file: string;
  readonly flatBase: number;
  readonly flatNew: number;
  readonly cumBase: number;
  readonly cumNew: number;
}

/** frame id -> function id (frames sharing a name share a function), plus the names. */
export function functionIds(values: StackValues): { ofFrame: Int32Array; names: string[]; files: string[] } {
  const { frames } = values;
  const ofFrame = new Int32Array(frames.length);
  const ids = new StringIds();
  const files: string[] = [];
  for (let f = 0; f < frames.length; f++) {
    const id = ids.idOf(frames.name[f]);
    // A function's file is that of its first frame.
    if (id === files.length) files.push(frames.file[f]);
    ofFrame[f] = id;
  }
  return { ofFrame, names: ids.strings, files };
}

/**
 * For each stack, whether no ancestor runs the same function — the outermost occurrence on its path.
 * cum(f) is then the sum of subtree totals of f's outermost stacks:
 * // a;b;a 1 + a;b 2 -> a: cum 3 (the inner a of a;b;a is not outermost), b: cum 3
 * One depth-first walk with a per-function count of open occurrences: O(stacks), whatever the depth.
 */
export function outermostOccurrences(values: StackValues, functionOfFrame: Int32Array, functionCount: number): Uint8Array {
  const { stacks } = values;
  const n = stacks.length;
  const { parent, frame } = stacks;
  const outer = new Uint8Array(n);
  // Children lists (CSR) so the walk can go down.
  const childStart = new Int32Array(n + 2);
  for (let s = 0; s < n; s++) childStart[parent[s] + 2]++;
  for (let i = 1; i < n + 2; i++) childStart[i] += childStart[i - 1];
  // Slot 0 holds the roots (parent -1); node s's children sit at childStart[s + 1] .. childStart[s + 2].
  const fill = childStart.slice(0, n + 1);
  const childIds = new Int32Array(n);
  for (let s = 0; s < n; s++) childIds[fill[parent[s] + 1]++] = s;
  const open = new Int32Array(functionCount);
  const stackNode = new Int32Array(n + 1);
  const stackNext = new Int32Array(n + 1);
  // Frame -1 of the walk is the virtual root.
  let top = 0;
  stackNode[0] = -1;
  stackNext[0] = childStart[0];
  while (top >= 0) {
    const node = stackNode[top];
    const end = childStart[node + 2];
    if (stackNext[top] < end) {
      const child = childIds[stackNext[top]++];
      const fn = functionOfFrame[frame[child]];
      outer[child] = open[fn] === 0 ? 1 : 0;
      open[fn]++;
      top++;
      stackNode[top] = child;
      stackNext[top] = childStart[child + 1];
    } else {
      if (node >= 0) open[functionOfFrame[frame[node]]]--;
      top--;
    }
  }
  return outer;
}

const outermostCache = new WeakMap<StackTable, { frames: FrameTable; outer: Uint8Array }>();

/**
 * outermostOccurrences, computed once per source stack table: compacting a table drops whole zero
 * subtrees and keeps every path as it was, so the flags of a pair's union serve every sample type.
 */
function cachedOutermost(values: StackValues, functionOfFrame: Int32Array, functionCount: number): Uint8Array {
  const origin = stackOrigin(values.stacks);
  const source = origin?.source ?? values.stacks;
  let hit = outermostCache.get(source);
  if (!hit || hit.frames !== values.frames) {
    hit = { frames: values.frames, outer: outermostOccurrences({ ...values, stacks: source }, functionOfFrame, functionCount) };
    outermostCache.set(source, hit);
  }
  if (!origin) return hit.outer;
  const outer = new Uint8Array(values.stacks.length);
  for (let i = 0; i < outer.length; i++) outer[i] = hit.outer[origin.sourceId[i]];
  return outer;
}

/** One row per function that appears in any stack, unsorted. */
export function functionTable(values: StackValues): FunctionRow[] {
  const { ofFrame, names, files } = functionIds(values);
  const { stacks, selfBase, selfNew } = values;
  const totalBase = subtreeTotals(stacks, selfBase);
  const totalNew = subtreeTotals(stacks, selfNew);
  const outer = cachedOutermost(values, ofFrame, names.length);
  const k = names.length;
  const flatBase = new Float64Array(k);
  const flatNew = new Float64Array(k);
  const cumBase = new Float64Array(k);
  const cumNew = new Float64Array(k);
  const seen = new Uint8Array(k);
  for (let s = 0; s < stacks.length; s++) {
    const fn = ofFrame[stacks.frame[s]];
    seen[fn] = 1;
    flatBase[fn] += selfBase[s];
    flatNew[fn] += selfNew[s];
    if (outer[s]) {
      cumBase[fn] += totalBase[s];
      cumNew[fn] += totalNew[s];
    }
  }
  const rows: FunctionRow[] = [];
  for (let fn = 0; fn < k; fn++) {
    if (!seen[fn]) continue;
    rows.push({
      name: names[fn],
      file: files[fn],
      flatBase: flatBase[fn],
      flatNew: flatNew[fn],
      cumBase: cumBase[fn],
      cumNew: cumNew[fn],
    });
  }
  return rows;
}

/** pprof's -top order for one profile: flat descending, then cum descending, then name. */
export function byFlatNew(a: FunctionRow, b: FunctionRow): number {
  return b.flatNew - a.flatNew || b.cumNew - a.cumNew || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/** Biggest growth first: flat delta descending, then cum delta descending, then name. */
export function byFlatDelta(a: FunctionRow, b: FunctionRow): number {
  return (
    b.flatNew - b.flatBase - (a.flatNew - a.flatBase) ||
    b.cumNew - b.cumBase - (a.cumNew - a.cumBase) ||
    (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  );
}
