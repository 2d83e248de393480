// The snapshots the timeline and trend views read: the ready profiles of the same shape as the target
// (kind + sample types), oldest first, and their trend for the sample type in view. Memoized on the
// entries' identity, so every component asking gets the same objects and the trend is computed once,
// in the compute worker.
import type { Profile } from '../../profile/model.ts';
import { formatCount } from '../../profile/units.ts';
import { useAppStore, type AppState } from '../../store/index.ts';
import { compareAge, sameShape } from '../../store/pair.ts';
import { readyEntries, type ProfileEntry, type ReadyEntry } from '../../store/profilesSlice.ts';
import { selectEffectiveSampleType } from '../../store/selectors.ts';
import { sharedComputeClient } from '../../worker/computeClient.ts';
import { functionRow, rowValues, type TrendResult } from '../../trend/computeTrend.ts';
import { seriesFitAt, type SeriesFit } from '../../trend/fit.ts';

/** Below this many snapshots the chips already say everything: no timeline, no trend. */
export const MIN_TREND_SNAPSHOTS = 3;

let groupMemo: { entries: readonly ProfileEntry[]; targetId: string | null; group: readonly ReadyEntry[] } | null = null;

/** Ready profiles shaped like the target (else like the largest group), oldest first. */
export function snapshotGroup(entries: readonly ProfileEntry[], targetId: string | null): readonly ReadyEntry[] {
  if (groupMemo && groupMemo.entries === entries && groupMemo.targetId === targetId) return groupMemo.group;
  const ready = readyEntries(entries);
  const target = ready.find((e) => e.id === targetId) ?? ready[0];
  const group = target ? ready.filter((e) => sameShape(e.profile, target.profile)) : [];
  group.sort((a, b) => compareAge({ id: a.id, order: a.order, profile: a.profile }, { id: b.id, order: b.order, profile: b.profile }));
  groupMemo = { entries, targetId, group };
  return group;
}

export const selectSnapshotGroup = (s: AppState) => snapshotGroup(s.entries, s.targetId);
export const selectHasTimeline = (s: AppState) => selectSnapshotGroup(s).length >= MIN_TREND_SNAPSHOTS;

/**
 * Above this many samples in all snapshots together the trend (seconds of work at 2M samples) is not
 * computed unless asked for: it runs in the compute worker, but would hold up the views queued behind it.
 */
export const TREND_SAMPLE_LIMIT = 400_000;

export type TrendOutcome =
  | { readonly ok: true; readonly trend: TrendResult }
  | { readonly ok: false; readonly message: string }
  | { readonly ok: false; readonly pending: true; readonly message: string }
  | { readonly ok: false; readonly tooLarge: true; readonly samples: number; readonly message: string }
  | null;

let trendMemo: { group: readonly ReadyEntry[]; sampleType: string; result: TrendOutcome } | null = null;
const allowedLarge = new WeakSet<readonly ReadyEntry[]>();

/**
 * The trend of the snapshot group, or null with fewer than MIN_TREND_SNAPSHOTS snapshots. Computed in
 * the compute worker: the first call for a group starts it and answers `pending`; the store is poked
 * when the result arrives, so selectors read it on the next render.
 */
export function trendOf(group: readonly ReadyEntry[], sampleType: string | null): TrendOutcome {
  if (group.length < MIN_TREND_SNAPSHOTS || !sampleType) return null;
  if (trendMemo && trendMemo.group === group && trendMemo.sampleType === sampleType) return trendMemo.result;
  const samples = group.reduce((n, e) => n + e.profile.samples.length, 0);
  if (samples > TREND_SAMPLE_LIMIT && !allowedLarge.has(group)) {
    return {
      ok: false,
      tooLarge: true,
      samples,
      message: `These ${group.length} snapshots hold ${formatCount(samples)} samples: the trend takes a few seconds, so it is computed only on request.`,
    };
  }
  const pending: TrendOutcome = { ok: false, pending: true, message: `Computing the trend over ${group.length} snapshots…` };
  const memo: { group: readonly ReadyEntry[]; sampleType: string; result: TrendOutcome } = { group, sampleType, result: pending };
  trendMemo = memo;
  const profiles = new Map<string, Profile>(group.map((e) => [e.id, e.profile]));
  sharedComputeClient()
    .run('trend', { ids: group.map((e) => e.id), sampleType }, profiles)
    .then((outcome) => {
      if (trendMemo !== memo) return;
      if (!outcome) {
        // Superseded by a newer trend request; the next read asks again.
        trendMemo = null;
        return;
      }
      memo.result = outcome.ok
        ? { ok: true, trend: { ...outcome.value, profiles: outcome.value.snapshots.map((s) => group[s.inputIndex].profile) } }
        : { ok: false, message: outcome.message };
      useAppStore.setState({});
    });
  return pending;
}

/** Lets the trend of a large snapshot group be computed (the Trend tab's button), and re-renders. */
export function allowLargeTrend(): void {
  const s = useAppStore.getState();
  allowedLarge.add(selectSnapshotGroup(s));
  useAppStore.setState({});
}

export const selectTrend = (s: AppState): TrendOutcome => trendOf(selectSnapshotGroup(s), selectEffectiveSampleType(s));

export function useTrend(): TrendResult | null {
  const outcome = useAppStore(selectTrend);
  return outcome?.ok ? outcome.trend : null;
}

export interface FunctionSeries {
  readonly flat: readonly number[];
  readonly cum: readonly number[];
  readonly flatFit: SeriesFit;
  readonly cumFit: SeriesFit;
  readonly unit: string;
  readonly timeBasis: TrendResult['timeBasis'];
  readonly fileNames: readonly string[];
}

/** A function's values across the snapshots, for sparklines in tables and the hover panel. */
export function functionSeries(trend: TrendResult | null, name: string | null | undefined): FunctionSeries | null {
  if (!trend || !name) return null;
  const row = functionRow(trend, name);
  if (row < 0) return null;
  const n = trend.snapshots.length;
  return {
    flat: rowValues(trend.functions.flat, row, n),
    cum: rowValues(trend.functions.cum, row, n),
    flatFit: seriesFitAt(trend.functions.flatFit, row),
    cumFit: seriesFitAt(trend.functions.cumFit, row),
    unit: trend.sampleType.unit,
    timeBasis: trend.timeBasis,
    fileNames: trend.snapshots.map((s) => s.fileName),
  };
}
