// The suspects of the pair on screen, from the store: buildSuspectsReport memoized on its inputs
// (the pair, the sample type, the profiles used as companions and trend snapshots).
import { pathKey } from '../../patterns/match.ts';
import { buildSuspectsReport, companionPair, snapshotsOfKind, type SuspectsReport } from '../../patterns/suspectsReport.ts';
import type { AppState } from '../../store/index.ts';
import { readyEntries } from '../../store/profilesSlice.ts';
import { effectiveSampleType, selectBaseProfile, selectTargetProfile } from '../../store/selectors.ts';

export type SuspectsView = SuspectsReport;

let last: { key: readonly unknown[]; view: SuspectsView } | null = null;

function sameKey(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The suspects of the pair on screen; null with fewer than two ready profiles. */
export function selectSuspectsView(s: AppState): SuspectsView | null {
  const base = selectBaseProfile(s);
  const target = selectTargetProfile(s);
  if (!base || !target || base === target) return null;
  const sampleType = effectiveSampleType(target, s.pipeline.sampleType);
  const others = readyEntries(s.entries).map((e) => e.profile);
  const pair = companionPair(others, target);
  const same = snapshotsOfKind(others, target);
  const key = [base, target, sampleType, pair?.[0], pair?.[1], ...(same.length >= 3 ? same : [])];
  if (last && sameKey(last.key, key)) return last.view;
  const view = buildSuspectsReport(base, target, sampleType, others);
  last = { key, view };
  return view;
}

export { pathKey };
