// The pure per-view computation (diff or single profile -> StackValues -> per-function table), shared by
// the compute worker and the in-page fallback. No DOM, no React: it runs wherever it is called.
import { functionTable, type FunctionRow } from '../calltree/functions.ts';
import { compileMatcher, type FrameMatcher } from '../calltree/matchers.ts';
import { collapseRecursion, focusStacks, hideFrames, ignoreStacks } from '../calltree/transforms.ts';
import { diffProfiles } from '../diff/diffProfiles.ts';
import { profileStackValues, type StackValues } from '../diff/stackValues.ts';
// The flame tree's builder is pure typed-array code (no d3, no DOM): an exception to "worker uses nothing
// from flame", so that the 400k-node tree is built here rather than on the page's thread.
import type { FlameTree } from '../flame/flameTree.ts';
import { flameTreeFromStackValues } from '../flame/fromStackValues.ts';
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

export interface ViewResult {
  readonly request: ViewRequest;
  /** The view's stacks and values after every transform: what the flame graph and search read. */
  readonly values: StackValues;
  /** One row per function, unsorted. */
  readonly functions: readonly FunctionRow[];
  /** `values` as the flame graph draws it (typed arrays: cheap to send), built where the view was computed. */
  readonly flameTree?: FlameTree<number>;
  /** Wall time of the computation, where it ran. */
  readonly computeMs: number;
}

export type ViewOutcome =
  | { readonly ok: true; readonly result: ViewResult }
  | { readonly ok: false; readonly request: ViewRequest; readonly message: string };

export function viewRequestKey(r: ViewRequest): string {
  return JSON.stringify([r.baseId, r.targetId, r.sampleType, r.normalize, r.focus, r.ignore, r.hide, r.collapseRecursion]);
}

export function computeView(request: ViewRequest, base: Profile | null, target: Profile): ViewOutcome {
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
      if (!compiled.ok) return { ok: false, request, message: `${label}: ${compiled.error}` };
      values = apply(values, compiled.matcher);
    }
    if (request.collapseRecursion) values = collapseRecursion(values, { indirect: false });
    const functions = functionTable(values);
    const flameTree = flameTreeFromStackValues(values);
    return { ok: true, result: { request, values, functions, flameTree, computeMs: performance.now() - started } };
  } catch (e) {
    return { ok: false, request, message: e instanceof Error ? e.message : String(e) };
  }
}
