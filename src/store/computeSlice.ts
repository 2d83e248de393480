// The computed view (diff, transforms, function table) for the current pair and pipeline options.
// A driver subscribed to the store asks the compute client whenever an input changes; the previous
// result stays visible while the next one is computed, so the layout never blanks.
import type { StateCreator, StoreApi } from 'zustand';
import { afterNextPaint } from '../worker/afterNextPaint.ts';
import { sharedComputeClient, type ComputeClient } from '../worker/computeClient.ts';
import type { FunctionRow } from '../calltree/functions.ts';
import { viewRequestKey, type ViewRequest, type ViewResult } from '../worker/pipeline.ts';
import type { Profile } from '../profile/model.ts';
import type { AppState } from './index.ts';
import { readyEntries } from './profilesSlice.ts';
import { effectiveSampleType } from './selectors.ts';

export type Computed =
  | { readonly status: 'idle' }
  | { readonly status: 'computing'; readonly request: ViewRequest; readonly previous: ViewResult | null }
  | { readonly status: 'ready'; readonly result: ViewResult }
  | { readonly status: 'error'; readonly request: ViewRequest; readonly message: string; readonly previous: ViewResult | null };

export interface ComputeSlice {
  readonly computed: Computed;
  /** Recompute the current view (after a worker failure). */
  retryCompute(): void;
}

/** The result to show: the latest finished one, also while the next is being computed. */
export function shownResult(c: Computed): ViewResult | null {
  switch (c.status) {
    case 'idle':
      return null;
    case 'ready':
      return c.result;
    case 'computing':
    case 'error':
      return c.previous;
  }
}

export const selectShownResult = (s: AppState) => shownResult(s.computed);

let retrySeq = 0;
let retryListener: (() => void) | null = null;

export const createComputeSlice: StateCreator<AppState, [], [], ComputeSlice> = () => ({
  computed: { status: 'idle' },
  retryCompute() {
    retrySeq++;
    retryListener?.();
  },
});

/** The request the current state asks for, or null when no profile is ready. */
export function currentRequest(s: AppState): ViewRequest | null {
  const target = s.entries.find((e) => e.id === s.targetId);
  if (!target || target.status !== 'ready') return null;
  const base = s.baseId ? s.entries.find((e) => e.id === s.baseId) : null;
  const p = s.pipeline;
  return {
    baseId: base && base.status === 'ready' ? base.id : null,
    targetId: target.id,
    sampleType: effectiveSampleType(target.profile, p.sampleType),
    normalize: p.normalize && !!base,
    focus: p.focus,
    ignore: p.ignore,
    hide: p.hide,
    collapseRecursion: p.collapseRecursion,
  };
}

/** Subscribes to the store and keeps `computed` in step with the inputs. Returns an unsubscribe. */
export function startComputeDriver(store: StoreApi<AppState>, client: ComputeClient = sharedComputeClient()): () => void {
  let lastKey = '';
  let knownIds = new Set<string>();

  const run = (force: boolean) => {
    const s = store.getState();
    // Tell the worker to drop profiles that were removed, and send it each new one as soon as it is decoded.
    const ready = readyEntries(s.entries);
    const ids = new Set(ready.map((e) => e.id));
    for (const id of knownIds) if (!ids.has(id)) client.forget(id);
    const fresh = ready.filter((e) => !knownIds.has(e.id));
    if (fresh.length > 0) client.register(new Map(fresh.map((e) => [e.id, e.profile])));
    knownIds = ids;

    // While files are still decoding, keep what is shown: the pair may change once they are in, and
    // drawing a one-profile view of the first file to finish would be thrown away a moment later.
    if (s.entries.some((e) => e.status === 'loading')) return;
    const request = currentRequest(s);
    const key = request ? `${viewRequestKey(request)}#${retrySeq}` : '';
    if (key === lastKey && !force) return;
    lastKey = key;
    if (!request) {
      if (s.computed.status !== 'idle') store.setState({ computed: { status: 'idle' } });
      return;
    }
    const previous = shownResult(s.computed);
    store.setState({ computed: { status: 'computing', request, previous } });
    const profiles = new Map<string, Profile>();
    for (const e of readyEntries(s.entries)) if (e.id === request.baseId || e.id === request.targetId) profiles.set(e.id, e.profile);
    const withFunctions = (result: ViewResult | null, functions: readonly FunctionRow[] | null, message?: string): ViewResult | null =>
      result && result.functions === null && viewRequestKey(result.request) === viewRequestKey(request)
        ? { ...result, functions: functions ?? [], ...(functions ? {} : { functionsError: message ?? 'unknown error' }) }
        : null;
    const onFunctions = (functions: readonly FunctionRow[] | null, message?: string): void => {
      // The rows of a view already on screen (or kept on screen while the next one is computed).
      const c = store.getState().computed;
      if (c.status === 'ready') {
        const result = withFunctions(c.result, functions, message);
        if (result) store.setState({ computed: { status: 'ready', result } });
      } else if (c.status !== 'idle') {
        const previous = withFunctions(c.previous, functions, message);
        if (previous) store.setState({ computed: { ...c, previous } });
      }
    };
    void client.compute(request, profiles, onFunctions).then((outcome) => {
      if (!outcome || key !== lastKey) return; // superseded
      const prev = shownResult(store.getState().computed);
      store.setState({
        computed: outcome.ok
          ? { status: 'ready', result: outcome.result }
          : { status: 'error', request, message: outcome.message, previous: prev },
      });
    });
  };

  retryListener = () => run(true);
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.entries !== prev.entries || s.baseId !== prev.baseId || s.targetId !== prev.targetId || s.pipeline !== prev.pipeline) run(false);
    if (s.computed !== prev.computed) releaseWhenReplaced(shownResult(prev.computed), shownResult(s.computed));
  });
  // A view whose tree is no longer shown is released once the page has painted its successor (the flame
  // graph has let go of it by then), unless it came back on screen meanwhile.
  const releaseWhenReplaced = (was: ViewResult | null, now: ViewResult | null) => {
    if (!was || was.flameTree === now?.flameTree) return;
    void afterNextPaint().then(() => {
      if (shownResult(store.getState().computed)?.flameTree !== was.flameTree) client.release(was);
    });
  };
  run(false);
  return () => {
    unsubscribe();
    retryListener = null;
    client.dispose();
  };
}
