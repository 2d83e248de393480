// Loads real profiles for the pattern tests: ../shared/profiles (the scenarios) and testdata/patterns
// (our own programs written differently), and runs the pipeline from two files to suspects.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Profile } from '../profile/model.ts';
import { loadProfile, profilesDir, repoRoot } from '../testing/sharedProfiles.ts';
import { growthFromProfiles } from './growth.ts';
import { matchLeakPatterns, type MatchResult } from './match.ts';
import { rankSuspects } from './suspects.ts';
import type { Companions, Suspect } from './types.ts';

export { repoRoot };
export const sharedProfiles = profilesDir;
export const ownProfiles = path.resolve(repoRoot, 'testdata/patterns');

export function load(file: string): Profile {
  return loadProfile(file);
}

export function exists(file: string): boolean {
  return existsSync(file);
}

export function diffMatches(dir: string, a: string, b: string, sampleType?: string, companions?: Companions): MatchResult {
  const input = growthFromProfiles(load(path.join(dir, a)), load(path.join(dir, b)), { sampleType });
  return matchLeakPatterns(input, { companions });
}

export function suspectsOf(dir: string, a: string, b: string, sampleType?: string, companions?: Companions): Suspect[] {
  return rankSuspects(diffMatches(dir, a, b, sampleType, companions));
}
