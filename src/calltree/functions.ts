// Per-function flat/cum of base and new, as go tool pprof's -top at function granularity: a
// function is its name; flat is charged to the leaf frame; cum counts a function once per stack.
import type { FrameTable, StackTable } from '../profile/model.ts';
import { StringIds } from '../profile/stringIds.ts';
import type { StackValues } from '../diff/stackValues.ts';
import { stackOrigin, subtreeTotals } from '../diff/stackValues.ts';
import { outermostOccurrences } from './outermost.ts';

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

const outermostCache = new WeakMap<StackTable, { frames: FrameTable; outer: Uint8Array }>();

/**
 * outermostOccurrences, computed once per source stack table: compacting a table drops whole zero
 * subtrees and keeps every path as it was, so the flags of a pair's union serve every sample type.
 */
function cachedOutermost(values: StackValues, functionOfFrame: Int32Array): Uint8Array {
  const origin = stackOrigin(values.stacks);
  const source = origin?.source ?? values.stacks;
  let hit = outermostCache.get(source);
  if (!hit || hit.frames !== values.frames) {
    hit = { frames: values.frames, outer: outermostOccurrences(source, functionOfFrame) };
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
  const outer = cachedOutermost(values, ofFrame);
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
