// The pure per-view computation (diff or single profile -> StackValues -> per-function table), shared by
// the compute worker and the in-page fallback. No DOM, no React: it runs wherever it is called.
import { functionTable, type FunctionRow } from '../calltree/functions.ts';
import { compileMatcher, type FrameMatcher } from '../calltree/matchers.ts';
import { collapseRecursion, focusStacks, hideFrames, ignoreStacks } from '../calltree/transforms.ts';
import { alignProfiles } from '../diff/align.ts';
import { diffProfiles } from '../diff/diffProfiles.ts';
import { profileStackValues, type StackValues } from '../diff/stackValues.ts';
// The flame tree's builder is pure typed-array code (no d3, no DOM): an exception to "worker uses nothing
// from flame", so that the 400k-node tree is built here rather than on the page's thread.
import type { FlameTree } from '../flame/flameTree.ts';
import { flameTreeFromStackValues, prepareFlameShape } from '../flame/fromStackValues.ts';
import type { Profile } from '../profile/model.ts';

export interface ViewRequest {
  readonly baseId: string | null;
  readonly targetId: string;
  readonly sampleType: string;
  readonly normalize: boolean;
  readonly focus: string;
  readonly ignore: string;
  readonly hide: string;
  readonly collapseRecursion: boolean;
}

/**
 * What the page reads of the view's StackValues: totals, sample type, warnings. The stacks themselves stay
 * where the view was computed; the flame tree carries them to the page (for a large pair, sending both
 * would copy some 180 MB per view).
 */
export type ViewSummary = Omit<StackValues, 'frames' | 'stacks' | 'selfBase' | 'selfNew'>;

export interface ViewResult {
  readonly request: ViewRequest;
  readonly values: ViewSummary;
  /**
   * One row per function, unsorted. Null for a moment after a view arrives from the worker: the flame graph
   * is drawn first and the rows follow (computeViewFirst), which on a large pair is 0.3-0.5 s sooner.
   */
  readonly functions: readonly FunctionRow[] | null;
  /** Why the function table is missing, when it could not be computed (functions is then empty). */
  readonly functionsError?: string;
  /** The view's stacks and values after every transform as the flame graph draws them (and search reads). */
  readonly flameTree: FlameTree<number>;
  /** Wall time of the computation, where it ran. */
  readonly computeMs: number;
  /** Computed while the worker was idle, before anyone asked (see likelyNextSampleType). */
  readonly preparedAhead?: boolean;
}

export type ViewOutcome =
  | { readonly ok: true; readonly result: ViewResult }
  | { readonly ok: false; readonly request: ViewRequest; readonly message: string };

/**
 * Work a likely next view of the pair will need, done while the worker is idle: the flame tree's shape over
 * the pair's whole union of stacks, which views that drop no stack use (alloc_space, alloc_objects).
 */
export function prepareNextViews(base: Profile | null, target: Profile): void {
  if (!base) return;
  const alignment = alignProfiles(base, target);
  prepareFlameShape(alignment.stacks, alignment.frames);
}

/**
 * The sample type a user most likely looks at after `current`: in a heap profile, the same measure on the
 * other side of retained vs allocated (inuse_space -> alloc_space and back), which is where a leak hunt goes
 * next; otherwise another type in the same unit, then any other. Null when the profile has one type.
 */
export function likelyNextSampleType(profile: Profile, current: string): string | null {
  const types = profile.sampleTypes;
  const has = (type: string) => types.some((t) => t.type === type);
  const swapped = current.startsWith('inuse_') ? `alloc_${current.slice(6)}` : current.startsWith('alloc_') ? `inuse_${current.slice(6)}` : null;
  if (swapped !== null && has(swapped)) return swapped;
  const unit = types.find((t) => t.type === current)?.unit;
  const others = types.filter((t) => t.type !== current);
  return (others.find((t) => t.unit === unit) ?? others[0])?.type ?? null;
}

export function viewRequestKey(r: ViewRequest): string {
  return JSON.stringify([r.baseId, r.targetId, r.sampleType, r.normalize, r.focus, r.ignore, r.hide, r.collapseRecursion]);
}

export function computeView(request: ViewRequest, base: Profile | null, target: Profile): ViewOutcome {
  return completeView(computeViewFirst(request, base, target));
}

/** A view without its function table, and what computes the table (null when the view failed). */
export interface ViewFirst {
  readonly outcome: ViewOutcome;
  readonly functions: (() => readonly FunctionRow[]) | null;
}

/** The view with its function table filled in. */
export function completeView({ outcome, functions }: ViewFirst): ViewOutcome {
  return outcome.ok && functions ? { ok: true, result: { ...outcome.result, functions: functions() } } : outcome;
}

/**
 * The view without its function table, and what computes the table: the worker sends the view at once and
 * the rows after it, so the flame graph does not wait for them.
 */
export function computeViewFirst(request: ViewRequest, base: Profile | null, target: Profile): ViewFirst {
  const started = performance.now();
  try {
    let values = base
      ? diffProfiles(base, target, { sampleType: request.sampleType, normalize: request.normalize })
      : profileStackValues(target, request.sampleType);
    // pprof's order: focus and ignore pick samples, then hide removes frames; collapse works on what is left.
    // Unlike pprof, focus re-roots the view at the matching frame: the callers above it add nothing a
    // flame graph reader needs, and the focused subtree gets the full width.
    const filters = [
      ['focus', request.focus, (v: StackValues, m: FrameMatcher) => focusStacks(v, m, { reroot: true })],
      ['ignore', request.ignore, ignoreStacks],
      ['hide', request.hide, hideFrames],
    ] as const;
    for (const [label, pattern, apply] of filters) {
      if (pattern.trim() === '') continue;
      // 'auto': a valid regex is used as one, anything else (e.g. `(*Server).handle`) as plain text.
      const compiled = compileMatcher(pattern.trim(), 'auto');
      if (!compiled.ok) return { outcome: { ok: false, request, message: `${label}: ${compiled.error}` }, functions: null };
      values = apply(values, compiled.matcher);
    }
    if (request.collapseRecursion) values = collapseRecursion(values, { indirect: false });
    const flameTree = flameTreeFromStackValues(values);
    const { frames: _frames, stacks: _stacks, selfBase: _selfBase, selfNew: _selfNew, ...summary } = values;
    const computed = values;
    return {
      outcome: { ok: true, result: { request, values: summary, functions: null, flameTree, computeMs: performance.now() - started } },
      functions: () => functionTable(computed),
    };
  } catch (e) {
    return { outcome: { ok: false, request, message: e instanceof Error ? e.message : String(e) }, functions: null };
  }
}

/**
 * The view as a worker sends it to the page: its tree without per-node self values, which the page derives
 * for the few nodes it describes (selfOf). A quarter less to copy across and to hold: 30 MB per view on the
 * bench's large pair.
 */
export function viewForPage(outcome: ViewOutcome): ViewOutcome {
  if (!outcome.ok) return outcome;
  const tree = outcome.result.flameTree;
  // Fresh empty arrays: a shared one would be detached by the first view's transfer.
  return { ok: true, result: { ...outcome.result, flameTree: { ...tree, selfBase: new Float64Array(0), selfNew: new Float64Array(0) } } };
}

/** The buffers of a view result that nothing else holds (its flame tree's arrays), for postMessage's transfer list. */
export function viewTransferables(outcome: ViewOutcome): ArrayBuffer[] {
  if (!outcome.ok) return [];
  const t = outcome.result.flameTree;
  const arrays: ArrayLike<number>[] = [t.parent, t.childStart, t.childIds, t.subtreeSize, t.frameId, t.frameLine, t.selfBase, t.selfNew, t.totalBase, t.totalNew, t.diffWidth, t.source];
  const buffers = new Set<ArrayBuffer>();
  for (const a of arrays) {
    if (ArrayBuffer.isView(a) && a.buffer instanceof ArrayBuffer) buffers.add(a.buffer);
  }
  return [...buffers];
}
