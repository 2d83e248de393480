// Pure transforms over StackValues, as in pprof and the Firefox Profiler: focus, ignore, hide,
// collapse recursion. Each returns new StackValues over the same frame table; inputs are untouched.
import { dropZeroStacks, type StackValues } from '../diff/stackValues.ts';
import { StackTableBuilder } from '../diff/stackTableBuilder.ts';
import { matchFrames, type FrameMatcher } from './matchers.ts';

/** Per stack: whether some frame on its path (itself or an ancestor) matches. */
function throughMatch(values: StackValues, frameMatches: Uint8Array): Uint8Array {
  const { stacks } = values;
  const through = new Uint8Array(stacks.length);
  for (let s = 0; s < stacks.length; s++) {
    const p = stacks.parent[s];
    through[s] = frameMatches[stacks.frame[s]] || (p >= 0 && through[p]) ? 1 : 0;
  }
  return through;
}

function sum(a: Float64Array): number {
  let t = 0;
  for (let i = 0; i < a.length; i++) t += a[i];
  return t;
}

/** Keeps only samples whose stack passes `keep`; totals shrink by what was dropped, as pprof's do. */
function filterSamples(values: StackValues, keep: Uint8Array): StackValues {
  const n = values.stacks.length;
  const selfBase = new Float64Array(n);
  const selfNew = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    if (keep[s]) {
      selfBase[s] = values.selfBase[s];
      selfNew[s] = values.selfNew[s];
    }
  }
  const droppedBase = sum(values.selfBase) - sum(selfBase);
  const droppedNew = sum(values.selfNew) - sum(selfNew);
  const kept = dropZeroStacks(values.stacks, selfBase, selfNew);
  return { ...values, ...kept, totalBase: values.totalBase - droppedBase, totalNew: values.totalNew - droppedNew };
}

/**
 * Moves every stack's self value onto `target[s]`, a stack of `builder`; -1 drops the value, from the
 * totals too, as pprof drops a sample whose frames were all hidden.
 */
function restack(values: StackValues, builder: StackTableBuilder, target: Int32Array): StackValues {
  const stacks = builder.finish();
  const selfBase = new Float64Array(stacks.length);
  const selfNew = new Float64Array(stacks.length);
  let droppedBase = 0;
  let droppedNew = 0;
  for (let s = 0; s < values.stacks.length; s++) {
    const t = target[s];
    if (t < 0) {
      droppedBase += values.selfBase[s];
      droppedNew += values.selfNew[s];
      continue;
    }
    selfBase[t] += values.selfBase[s];
    selfNew[t] += values.selfNew[s];
  }
  return {
    ...values,
    ...dropZeroStacks(stacks, selfBase, selfNew),
    totalBase: values.totalBase - droppedBase,
    totalNew: values.totalNew - droppedNew,
  };
}

export interface FocusOptions {
  /**
   * true (the Firefox Profiler's "focus on function"): each kept stack starts at its outermost matching
   * frame. false (pprof's -focus): kept stacks keep their callers.
   */
  readonly reroot?: boolean;
}

/** Keeps stacks that pass through a matching frame. // a;b;c 1 + a;d 2, focus b, reroot -> b;c 1 */
export function focusStacks(values: StackValues, matcher: FrameMatcher, options: FocusOptions = {}): StackValues {
  const frameMatches = matchFrames(values.frames, matcher);
  const through = throughMatch(values, frameMatches);
  if (!options.reroot) return filterSamples(values, through);
  const { stacks } = values;
  const builder = new StackTableBuilder(stacks.length);
  const target = new Int32Array(stacks.length).fill(-1);
  for (let s = 0; s < stacks.length; s++) {
    if (!through[s]) continue;
    const p = stacks.parent[s];
    const parentTarget = p >= 0 && through[p] ? target[p] : -1;
    target[s] = builder.intern(parentTarget, stacks.frame[s]);
  }
  // Stacks not through a match have target -1, so restack also takes their value out of the totals.
  return restack(values, builder, target);
}

/** Drops stacks that pass through a matching frame (pprof's -ignore). */
export function ignoreStacks(values: StackValues, matcher: FrameMatcher): StackValues {
  const through = throughMatch(values, matchFrames(values.frames, matcher));
  const keep = new Uint8Array(through.length);
  for (let s = 0; s < through.length; s++) keep[s] = through[s] ? 0 : 1;
  return filterSamples(values, keep);
}

/**
 * Removes matching frames from every stack; their values move to the nearest kept caller (pprof's
 * -hide). A stack made only of hidden frames is dropped with its value, as pprof drops such a sample.
 */
export function hideFrames(values: StackValues, matcher: FrameMatcher): StackValues {
  const frameMatches = matchFrames(values.frames, matcher);
  const { stacks } = values;
  const builder = new StackTableBuilder(stacks.length);
  const target = new Int32Array(stacks.length);
  for (let s = 0; s < stacks.length; s++) {
    const p = stacks.parent[s];
    const parentTarget = p >= 0 ? target[p] : -1;
    target[s] = frameMatches[stacks.frame[s]] ? parentTarget : builder.intern(parentTarget, stacks.frame[s]);
  }
  return restack(values, builder, target);
}

export interface CollapseOptions {
  /** Also fold indirect recursion (a;b;a;c -> a;c under the outer a), not only a;a;a -> a. */
  readonly indirect?: boolean;
}

/** Folds recursive calls of a function (same name) into its outer call. // a;a;b 1 -> a;b 1 */
export function collapseRecursion(values: StackValues, options: CollapseOptions = {}): StackValues {
  const { stacks, frames } = values;
  const builder = new StackTableBuilder(stacks.length);
  const target = new Int32Array(stacks.length);
  for (let s = 0; s < stacks.length; s++) {
    const p = stacks.parent[s];
    const name = frames.name[stacks.frame[s]];
    if (p >= 0 && frames.name[stacks.frame[p]] === name) {
      target[s] = target[p];
      continue;
    }
    if (options.indirect) {
      let a = p >= 0 ? stacks.parent[p] : -1;
      while (a >= 0 && frames.name[stacks.frame[a]] !== name) a = stacks.parent[a];
      if (a >= 0) {
        target[s] = target[a];
        continue;
      }
    }
    target[s] = builder.intern(p >= 0 ? target[p] : -1, stacks.frame[s]);
  }
  return restack(values, builder, target);
}
