// Test-only: the shared real Go profiles live in ../shared/profiles (relative to the repo root);
// these read their bytes, decode them, and read go tool pprof's exact numbers in expected/exact.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeProfile } from '../profile/decodeProfile.ts';
import type { Profile } from '../profile/model.ts';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const profilesDir = path.resolve(repoRoot, '../shared/profiles');

/** The seven leak scenarios, each with heap_1..3 profiles. */
export const HEAP_SCENARIOS = [
  'closure-capture',
  'syncpool-escape',
  'timer-leak',
  'goroutine-leak',
  'slice-retention',
  'map-cache',
  'context-leak',
] as const;

/** The scenarios that also have goroutine profiles. */
export const GOROUTINE_SCENARIOS = ['timer-leak', 'goroutine-leak'] as const;

/** The path of a file under the shared profiles; an absolute part is taken as is. */
export function sharedProfilePath(...parts: string[]): string {
  return path.resolve(profilesDir, ...parts);
}

export function readProfileBytes(...parts: string[]): Uint8Array<ArrayBuffer> {
  return new Uint8Array(readFileSync(sharedProfilePath(...parts)));
}

/** decodeProfile of a shared profile file, named by its base name (as a dropped file would be). */
export function loadProfile(...parts: string[]): Profile {
  const file = sharedProfilePath(...parts);
  return decodeProfile(new Uint8Array(readFileSync(file)), path.basename(file));
}

export interface ExactReference {
  sampleType?: string;
  functions: Record<string, { flat: number; cum: number }>;
}

/** go tool pprof's exact per-function numbers: `<scenario>/expected/exact/<fileName>` (e.g. diff_inuse_space_1_3.json). */
export function readExact(scenario: string, fileName: string): ExactReference {
  return JSON.parse(readFileSync(sharedProfilePath(scenario, 'expected', 'exact', fileName), 'utf8')) as ExactReference;
}
