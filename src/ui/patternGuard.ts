// The suspects model (src/ui/patterns) is computed on the main thread. Above this many samples in the
// pair it would freeze the page for seconds, so the shell leaves out what would trigger it unasked
// (flame markers, pattern links in Details); the Suspects tab still computes it when opened.
import type { AppState } from '../store/index.ts';
import { selectBaseProfile, selectTargetProfile } from '../store/selectors.ts';

export const PATTERN_SAMPLE_LIMIT = 60_000;

export const selectPatternsAffordable = (s: AppState): boolean => {
  const samples = (selectBaseProfile(s)?.samples.length ?? 0) + (selectTargetProfile(s)?.samples.length ?? 0);
  return samples <= PATTERN_SAMPLE_LIMIT;
};
