// Everything the app shows about leak patterns for one pair, from profiles alone: suspects (by trend
// when 3+ snapshots of the kind are loaded), function -> patterns, call-tree path -> patterns.
// Pure and structured-clone friendly (plain objects, arrays, Maps), so it can run in a Worker.
import type { Profile } from '../profile/model.ts';
import { computeTrend } from '../trend/computeTrend.ts';
import { growthFromProfiles } from './growth.ts';
import { matchLeakPatterns, patternsByFunction, patternsByPath } from './match.ts';
import { rankSuspects } from './suspects.ts';
import { trendsByFunction } from './trendAdapter.ts';
import type { Companions, FunctionTrend, PatternId, Suspect } from './types.ts';

export interface SuspectsReport {
  readonly suspects: readonly Suspect[];
  readonly byFunction: ReadonlyMap<string, readonly PatternId[]>;
  /** Key: pathKey(names root → node). */
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
export function companionPair(profiles: readonly Profile[], target: Profile): [Profile, Profile] | null {
  const other = profiles.filter((p) => (isHeap(target) ? p.kind === 'goroutine' : target.kind === 'goroutine' && isHeap(p)));
  if (other.length < 2) return null;
  const sorted = [...other].sort((a, b) => a.timeMs - b.timeMs);
  return [sorted[0], sorted[sorted.length - 1]];
}

/** Loaded profiles of the target's kind: the snapshots a trend is computed over. */
export function snapshotsOfKind(profiles: readonly Profile[], target: Profile): Profile[] {
  return profiles.filter((p) => p.kind === target.kind || (isHeap(p) && isHeap(target)));
}

const TREND_SAMPLE_LIMIT = 300_000;

function trendsFor(same: readonly Profile[], sampleType: string): ReadonlyMap<string, FunctionTrend> | null {
  if (same.length < 3) return null;
  // Very large series are left to the trend view; ranking then falls back to growth.
  if (same.reduce((n, p) => n + p.samples.length, 0) > TREND_SAMPLE_LIMIT) return null;
  try {
    return trendsByFunction(computeTrend(same, sampleType));
  } catch {
    return null;
  }
}

/** `others`: every loaded profile (the pair included); used for companions and the trend. */
export function buildSuspectsReport(base: Profile, target: Profile, sampleType: string, others: readonly Profile[] = []): SuspectsReport {
  const pair = companionPair(others, target);
  const same = snapshotsOfKind(others, target);
  const trends = trendsFor(same, sampleType);
  const input = growthFromProfiles(base, target, { sampleType });
  let companions: Companions = {};
  if (pair) {
    const other = growthFromProfiles(pair[0], pair[1], { sampleType: isHeap(pair[1]) ? 'inuse_space' : undefined });
    companions = isHeap(target) ? { goroutines: other } : { heap: other };
  }
  const result = matchLeakPatterns(input, { companions });
  const suspects = rankSuspects(result, trends ? { trends } : {});
  return {
    suspects,
    byFunction: patternsByFunction(result),
    byPath: patternsByPath(result),
    sampleType,
    unit: input.unit,
    baseName: base.fileName,
    targetName: target.fileName,
    trendSnapshots: trends && suspects.some((s) => s.trend) ? same.length : 0,
    companionNote: pair ? `${pair[0].fileName} → ${pair[1].fileName}` : null,
  };
}
