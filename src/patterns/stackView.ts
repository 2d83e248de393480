// A growth stack as rules see it: traits per frame, its deltas and shape (bytes per object, sizes),
// and where the user code sits. Built once per stack, shared by every rule.
import { frameTraits, isUserCode, type FrameTraits } from './frameTraits.ts';
import type { GrowthStack } from './types.ts';

export interface StackView {
  readonly index: number;
  readonly stack: GrowthStack;
  /** Root → leaf, a leading runtime.goexit removed. */
  readonly frames: readonly FrameTraits[];
  readonly names: readonly string[];
  readonly delta: number;
  /** Δ of the companion object count; null when the profile has none. */
  readonly objectsDelta: number | null;
  /** Δ of the companion bytes; null when the profile has none. */
  readonly spaceDelta: number | null;
  /** Δbytes / Δobjects when both grew: few huge objects vs many small ones. */
  readonly bytesPerObject: number | null;
  /** Deepest frame in user code; -1 when the stack has none. */
  readonly owner: number;
  /** The root is a goroutine's start function (not runtime.main, not the runtime): allocated inside a `go` body. */
  readonly isGoroutineBody: boolean;
  /**
   * Goroutine profiles: these goroutines are parked. Protobuf and debug=1 stacks end in runtime.gopark;
   * debug=2 text drops runtime frames and says the state in a label; debug=1 text has neither, so
   * any goroutine that is not the profiler's own counts as parked there.
   */
  readonly parked: boolean;
  /** What the parked goroutines wait on, and the index of the frame that says so (-1: from a label). */
  readonly wait: { readonly state: string; readonly index: number } | null;
}

const NOT_PARKED = /^(running|runnable|syscall|dead|idle)/;

export function buildStackView(index: number, stack: GrowthStack): StackView {
  let frames = stack.frames.map(frameTraits);
  if (frames.length > 0 && frames[0].name === 'runtime.goexit') frames = frames.slice(1);
  const names = frames.map((f) => f.name);
  const objectsDelta = stack.objectsNew !== undefined && stack.objectsBase !== undefined ? stack.objectsNew - stack.objectsBase : null;
  const spaceDelta = stack.spaceNew !== undefined && stack.spaceBase !== undefined ? stack.spaceNew - stack.spaceBase : null;
  const bytesPerObject = objectsDelta !== null && spaceDelta !== null && objectsDelta > 0 && spaceDelta > 0 ? spaceDelta / objectsDelta : null;
  let owner = -1;
  for (let i = frames.length - 1; i >= 0; i--) {
    if (isUserCode(frames[i])) {
      owner = i;
      break;
    }
  }
  const root = frames[0];
  const isGoroutineBody = root !== undefined && !root.isEntry && !root.isRuntime && frames.length >= 1 && root.name !== 'runtime.main';
  let wait: { state: string; index: number } | null = null;
  for (let i = 0; i < frames.length && !wait; i++) {
    const state = frames[i].waitState;
    if (state) wait = { state, index: i };
  }
  if (!wait && stack.waitState) wait = { state: stack.waitState.replace(/,.*$/, ''), index: -1 };
  const hasPark = frames.some((f) => f.family === 'park');
  const hasRuntime = frames.some((f) => f.isRuntime);
  const profilerOwn = frames.some((f) => f.pkg === 'runtime/pprof');
  const parked = hasPark || (stack.waitState !== undefined ? !NOT_PARKED.test(stack.waitState) : !hasRuntime && !profilerOwn);
  return {
    index,
    stack,
    parked,
    wait,
    frames,
    names,
    delta: stack.next - stack.base,
    objectsDelta,
    spaceDelta,
    bytesPerObject,
    owner,
    isGoroutineBody,
  };
}

/** Index of the first (outermost) frame satisfying `pred`, or -1. */
export function outermost(view: StackView, pred: (f: FrameTraits) => boolean): number {
  return view.frames.findIndex(pred);
}

/** Indices from `from` to the leaf whose frames satisfy `pred`. */
export function framesFrom(view: StackView, from: number, pred: (f: FrameTraits) => boolean): number[] {
  const out: number[] = [];
  for (let i = from; i < view.frames.length; i++) if (pred(view.frames[i])) out.push(i);
  return out;
}

/**
 * The code that called into frame `index`: the nearest frame above it outside the standard library
 * (main.pollLoop above time.After), else — for library-only stacks — the frame right above it.
 * -1 at an entry frame (main.main, runtime.main) or at the root.
 */
export function callerOf(view: StackView, index: number): number {
  for (let i = index - 1; i >= 0; i--) {
    const f = view.frames[i];
    if (!f.isStdlib) return f.isEntry ? -1 : i;
  }
  const above = view.frames[index - 1];
  return above && !above.isEntry && !above.isRuntime ? index - 1 : -1;
}
