// Suspects for the pair on screen, derived from the store and memoized per (base, target, sample
// type, companions): growth stacks -> rule matches -> ranked suspects, plus lookups for markers and links.
import { growthFromProfiles } from '../../patterns/growth.ts';
import { matchLeakPatterns, pathKey, patternsByFunction, patternsByPath } from '../../patterns/match.ts';
import { rankSuspects } from '../../patterns/suspects.ts';
import { trendsByFunction } from '../../patterns/trendAdapter.ts';
import type { Companions, FunctionTrend, PatternId, Suspect } from '../../patterns/types.ts';
import type { Profile } from '../../profile/model.ts';
import type { AppState } from '../../store/index.ts';
import { readyEntries } from '../../store/profilesSlice.ts';
import { effectiveSampleType, selectBaseProfile, selectTargetProfile } from '../../store/selectors.ts';
import { computeTrend } from '../../trend/computeTrend.ts';

export interface SuspectsView {
  readonly suspects: readonly Suspect[];
  readonly byFunction: ReadonlyMap<string, readonly PatternId[]>;
  readonly byPath: ReadonlyMap<string, readonly PatternId[]>;
  readonly sampleType: string;
  readonly unit: string;
  readonly baseName: string;
  readonly targetName: string;
  /** Snapshots the ranking used when it ranked by trend; 0 otherwise. */
  readonly trendSnapshots: number;
  /** What was loaded beside the pair and used as evidence, e.g. "goroutine_1.pb.gz → goroutine_3.pb.gz". */
  readonly companionNote: string | null;
}

function isHeap(p: Profile): boolean {
  return p.kind === 'heap' || p.kind === 'allocs';
}

/** Oldest and newest profile of the other kind (heap beside goroutine, or the reverse). */
function companionPair(profiles: readonly Profile[], target: Profile): [Profile, Profile] | null {
  const other = profiles.filter((p) => (isHeap(target) ? p.kind === 'goroutine' : isHeap(p)));
  if (other.length < 2) return null;
  const sorted = [...other].sort((a, b) => a.timeMs - b.timeMs);
  return [sorted[0], sorted[sorted.length - 1]];
}

const TREND_SAMPLE_LIMIT = 300_000;

function sameKind(profiles: readonly Profile[], target: Profile): Profile[] {
  return profiles.filter((p) => p.kind === target.kind || (isHeap(p) && isHeap(target)));
}

function trendsFor(same: readonly Profile[], sampleType: string): { trends: ReadonlyMap<string, FunctionTrend>; count: number } | null {
  if (same.length < 3) return null;
  // The trend over very large profiles belongs in a worker; skip it rather than freeze the page.
  if (same.reduce((n, p) => n + p.samples.length, 0) > TREND_SAMPLE_LIMIT) return null;
  try {
    return { trends: trendsByFunction(computeTrend(same, sampleType)), count: same.length };
  } catch {
    return null;
  }
}

interface CacheEntry {
  readonly key: readonly unknown[];
  readonly view: SuspectsView;
}

let last: CacheEntry | null = null;

function sameKey(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export function computeSuspectsView(base: Profile, target: Profile, sampleType: string, others: readonly Profile[]): SuspectsView {
  const pair = companionPair(others, target);
  const same = sameKind(others, target);
  const key = [base, target, sampleType, pair?.[0], pair?.[1], ...(same.length >= 3 ? same : [])];
  if (last && sameKey(last.key, key)) return last.view;
  const trend = trendsFor(same, sampleType);
  const input = growthFromProfiles(base, target, { sampleType });
  let companions: Companions = {};
  if (pair) {
    const other = growthFromProfiles(pair[0], pair[1], { sampleType: isHeap(pair[1]) ? 'inuse_space' : undefined });
    companions = isHeap(target) ? { goroutines: other } : { heap: other };
  }
  const result = matchLeakPatterns(input, { companions });
  const suspects = rankSuspects(result, trend ? { trends: trend.trends } : {});
  const view: SuspectsView = {
    suspects,
    byFunction: patternsByFunction(result),
    byPath: patternsByPath(result),
    sampleType,
    unit: input.unit,
    baseName: base.fileName,
    targetName: target.fileName,
    trendSnapshots: trend && suspects.some((s) => s.trend) ? trend.count : 0,
    companionNote: pair ? `${pair[0].fileName} → ${pair[1].fileName}` : null,
  };
  last = { key, view };
  return view;
}

/** The suspects of the pair on screen; null with fewer than two ready profiles. */
export function selectSuspectsView(s: AppState): SuspectsView | null {
  const base = selectBaseProfile(s);
  const target = selectTargetProfile(s);
  if (!base || !target || base === target) return null;
  const sampleType = effectiveSampleType(target, s.pipeline.sampleType);
  const others = readyEntries(s.entries).map((e) => e.profile);
  return computeSuspectsView(base, target, sampleType, others);
}

export { pathKey };
