// Module-level selectors and small memoized derivations shared by components.
import type { Profile } from '../profile/model.ts';
import type { AppState } from './index.ts';
import { readyEntries, type ReadyEntry } from './profilesSlice.ts';

export const selectEntries = (s: AppState) => s.entries;
export const selectBaseId = (s: AppState) => s.baseId;
export const selectTargetId = (s: AppState) => s.targetId;
export const selectPipeline = (s: AppState) => s.pipeline;
export const selectWidthMode = (s: AppState) => s.widthMode;
export const selectSearch = (s: AppState) => s.search;
export const selectSelected = (s: AppState) => s.selected;
export const selectHovered = (s: AppState) => s.hovered;
export const selectZoomPath = (s: AppState) => s.zoomPath;
export const selectFlameStats = (s: AppState) => s.flameStats;
export const selectComputed = (s: AppState) => s.computed;
export const selectHasEntries = (s: AppState) => s.entries.length > 0;

function findReady(entries: AppState['entries'], id: string | null): ReadyEntry | null {
  if (!id) return null;
  const e = entries.find((x) => x.id === id);
  return e?.status === 'ready' ? e : null;
}

export const selectTargetEntry = (s: AppState): ReadyEntry | null => findReady(s.entries, s.targetId);
export const selectBaseEntry = (s: AppState): ReadyEntry | null => findReady(s.entries, s.baseId);
export const selectTargetProfile = (s: AppState): Profile | null => selectTargetEntry(s)?.profile ?? null;
export const selectBaseProfile = (s: AppState): Profile | null => selectBaseEntry(s)?.profile ?? null;
export const selectReadyCount = (s: AppState) => readyEntries(s.entries).length;

/**
 * Sample types in picker order: inuse_space first for heap profiles (what a leak hunt starts from),
 * then the rest of the profile's own order.
 */
export function orderedSampleTypes(profile: Profile): string[] {
  const names = profile.sampleTypes.map((t) => t.type);
  if (profile.kind !== 'heap' && profile.kind !== 'allocs') return names;
  const first = ['inuse_space', 'inuse_objects'].filter((n) => names.includes(n));
  return [...first, ...names.filter((n) => !first.includes(n))];
}

/** The sample type in effect: the requested one when the profile has it, else the profile's default. */
export function effectiveSampleType(profile: Profile, requested: string | null): string {
  if (requested && profile.sampleTypes.some((t) => t.type === requested)) return requested;
  if (profile.kind === 'heap' && profile.sampleTypes.some((t) => t.type === 'inuse_space')) return 'inuse_space';
  return profile.sampleTypes[profile.defaultSampleType]?.type ?? profile.sampleTypes[0]?.type ?? '';
}

export const selectEffectiveSampleType = (s: AppState): string | null => {
  const target = selectTargetProfile(s);
  return target ? effectiveSampleType(target, s.pipeline.sampleType) : null;
};

const totalCache = new WeakMap<Profile, Map<string, number>>();

/** Sum of every sample's value of one type (what pprof calls the profile's total). */
export function profileTotal(profile: Profile, sampleType: string): number | null {
  const index = profile.sampleTypes.findIndex((t) => t.type === sampleType);
  if (index < 0) return null;
  let byType = totalCache.get(profile);
  if (!byType) totalCache.set(profile, (byType = new Map()));
  let total = byType.get(sampleType);
  if (total === undefined) {
    total = 0;
    const column = profile.samples.values[index];
    for (let i = 0; i < column.length; i++) total += column[i];
    byType.set(sampleType, total);
  }
  return total;
}
