// Per-function flat/cum of base and new, as go tool pprof's -top at function granularity: a
// function is its name; flat is charged to the leaf frame; cum counts a function once per stack.
import type { StackValues } from '../diff/stackValues.ts';
import { subtreeTotals } from '../diff/stackValues.ts';

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
  const index = new Map<string, number>();
  const names: string[] = [];
  const files: string[] = [];
  for (let f = 0; f < frames.length; f++) {
    const name = frames.name[f];
    let id = index.get(name);
    if (id === undefined) {
      id = names.length;
      index.set(name, id);
      names.push(name);
      files.push(frames.file[f]);
    }
    ofFrame[f] = id;
  }
  return { ofFrame, names, files };
}

/**
 * For each stack, whether no ancestor runs the same function — the outermost occurrence on its path.
 * cum(f) is then the sum of subtree totals of f's outermost stacks:
 * // a;b;a 1 + a;b 2 -> a: cum 3 (the inner a of a;b;a is not outermost), b: cum 3
 */
export function outermostOccurrences(values: StackValues, functionOfFrame: Int32Array): Uint8Array {
  const { stacks } = values;
  const outer = new Uint8Array(stacks.length);
  const { parent, frame } = stacks;
  for (let s = 0; s < stacks.length; s++) {
    const fn = functionOfFrame[frame[s]];
    let p = parent[s];
    while (p >= 0 && functionOfFrame[frame[p]] !== fn) p = parent[p];
    outer[s] = p < 0 ? 1 : 0;
  }
  return outer;
}

/** One row per function that appears in any stack, unsorted. */
export function functionTable(values: StackValues): FunctionRow[] {
  const { ofFrame, names, files } = functionIds(values);
  const { stacks, selfBase, selfNew } = values;
  const totalBase = subtreeTotals(stacks, selfBase);
  const totalNew = subtreeTotals(stacks, selfNew);
  const outer = outermostOccurrences(values, ofFrame);
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
