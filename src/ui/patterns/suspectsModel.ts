// The suspects of the pair on screen, computed off the main thread: the compute worker's `suspects`
// task (buildSuspectsReport) runs in a worker of its own, so seconds of pattern matching on a large
// pair never hold up the views queued in the shared one. The first read for a pair starts it and
// answers `pending`; the store is poked when the result arrives, so selectors read it on the next
// render. Only the latest pair's result is kept (an older one arriving late is dropped).
import { pathKey } from '../../patterns/match.ts';
import { companionPair, snapshotsOfKind } from '../../patterns/suspectsReport.ts';
import { unpackSuspectsReport, type SuspectsReportView } from '../../patterns/suspectsTransfer.ts';
import type { Profile } from '../../profile/model.ts';
import { useAppStore, type AppState } from '../../store/index.ts';
import { readyEntries } from '../../store/profilesSlice.ts';
import { effectiveSampleType, selectBaseProfile, selectTargetProfile } from '../../store/selectors.ts';
import { createComputeClient, type ComputeClient } from '../../worker/computeClient.ts';
import { afterNextPaint } from '../../worker/afterNextPaint.ts';
import { addProfileSink } from '../../worker/profileSinks.ts';
import type { WarmUpKind } from '../../worker/warmUpCompute.ts';

/** A suspects report; call-tree path -> patterns is `patternsAtPath(names)`. */
export type SuspectsView = SuspectsReportView;

export type SuspectsOutcome =
  | { readonly status: 'pending' }
  | { readonly status: 'ready'; readonly view: SuspectsView }
  | { readonly status: 'error'; readonly message: string };

interface Memo {
  readonly key: readonly unknown[];
  outcome: SuspectsOutcome;
}

let memo: Memo | null = null;
const PENDING: SuspectsOutcome = { status: 'pending' };
let client: ComputeClient | null = null;

function sameKey(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The suspects' own worker client; the worker drops its copy of a profile once it is removed. */
function suspectsClient(): ComputeClient {
  if (client) return client;
  // Suspects read no user patterns, so a superseded run is left to finish rather than the worker restarted.
  const c = createComputeClient(undefined, { abandonSuperseded: false });
  client = c;
  addProfileSink((id) => c.expect(id));
  // Each profile goes to the worker once it is decoded, when the page is next idle (typically while the
  // view is computed): the copy then costs nothing the user waits for. The client skips profiles it has
  // sent already. Removed ones are dropped.
  let idle = false;
  const sendReady = () => {
    idle = false;
    c.register(new Map(readyEntries(useAppStore.getState().entries).map((e) => [e.id, e.profile])));
  };
  const register = (entries: AppState['entries']) => {
    if (idle || readyEntries(entries).length === 0) return;
    idle = true;
    if (typeof requestIdleCallback === 'function') requestIdleCallback(sendReady, { timeout: 2000 });
    else setTimeout(sendReady, 0);
  };
  useAppStore.subscribe((s, prev) => {
    if (s.entries === prev.entries) return;
    const now = new Set(s.entries.map((e) => e.id));
    for (const e of prev.entries) if (!now.has(e.id)) c.forget(e.id);
    register(s.entries);
  });
  register(useAppStore.getState().entries);
  return c;
}

/** Starts the suspects' worker ahead of the first pair, so its code is loaded by then; `warmUp`: see computeClient. */
export function prepareSuspectsWorker(warmUp?: WarmUpKind): void {
  suspectsClient().prepare(warmUp);
}

/**
 * The suspects of the pair on screen: null with fewer than two different ready profiles, `pending`
 * while the worker works. Cost on the main thread: a pass over the loaded entries, never over samples.
 */
export function selectSuspectsOutcome(s: AppState): SuspectsOutcome | null {
  // Started with the first read (the main screen's first render), so profiles reach it as they are decoded.
  suspectsClient();
  const base = selectBaseProfile(s);
  const target = selectTargetProfile(s);
  if (!base || !target || base === target) return null;
  const sampleType = effectiveSampleType(target, s.pipeline.sampleType);
  const ready = readyEntries(s.entries);
  const all = ready.map((e) => e.profile);
  const pair = companionPair(all, target);
  const same = snapshotsOfKind(all, target);
  // The profiles buildSuspectsReport reads beside the pair: the companion pair and 3+ snapshots for a trend.
  const used = new Set<Profile>([base, target, ...(pair ?? []), ...(same.length >= 3 ? same : [])]);
  const key = [base, target, sampleType, ...used];
  if (memo && sameKey(memo.key, key)) return memo.outcome;
  // The view goes first: on two cores the suspects would slow down the diff the user is waiting for.
  // This selector runs again when the view is in, and starts them then.
  if (s.computed.status === 'computing') return PENDING;

  const current: Memo = { key, outcome: { status: 'pending' } };
  memo = current;
  const profiles = new Map<string, Profile>();
  const idOf = new Map<Profile, string>();
  for (const e of ready) {
    if (!used.has(e.profile)) continue;
    profiles.set(e.id, e.profile);
    idOf.set(e.profile, e.id);
  }
  const args = { baseId: idOf.get(base)!, targetId: idOf.get(target)!, sampleType, otherIds: [...profiles.keys()] };
  // After the view's first paint: started at once, the suspects would take a core from the drawing.
  void afterNextPaint()
    .then(() => (memo === current ? suspectsClient().run('suspects', args, profiles) : null))
    .then((outcome) => {
      if (memo !== current) return;
      if (!outcome) {
        // Superseded by a newer request; the next read asks again.
        memo = null;
        return;
      }
      current.outcome = outcome.ok ? { status: 'ready', view: unpackSuspectsReport(outcome.value) } : { status: 'error', message: outcome.message };
      useAppStore.setState({});
    });
  return current.outcome;
}

/** The suspects of the pair on screen once computed; null while pending, on error, or without a pair. */
export function selectSuspectsView(s: AppState): SuspectsView | null {
  const outcome = selectSuspectsOutcome(s);
  return outcome?.status === 'ready' ? outcome.view : null;
}

export { pathKey };
