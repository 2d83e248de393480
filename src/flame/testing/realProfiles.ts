// Loads a pair of the shared real Go profiles as StackValues for the flame graph's tests (Node only).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { diffProfiles } from '../../diff/diffProfiles.ts';
import { profileStackValues, type StackValues } from '../../diff/stackValues.ts';
import { decodeProfile } from '../../profile/decodeProfile.ts';
import type { Profile } from '../../profile/model.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const profilesDir = path.resolve(repoRoot, '../shared/profiles');

export const HEAP_SCENARIOS = [
  'closure-capture',
  'syncpool-escape',
  'timer-leak',
  'goroutine-leak',
  'slice-retention',
  'map-cache',
  'context-leak',
] as const;

export function loadProfile(scenario: string, file: string): Profile {
  return decodeProfile(new Uint8Array(readFileSync(path.join(profilesDir, scenario, file))), file);
}

export function loadDiff(scenario: string, sampleType = 'inuse_space', baseFile = 'heap_1.pb.gz', newFile = 'heap_3.pb.gz'): StackValues {
  return diffProfiles(loadProfile(scenario, baseFile), loadProfile(scenario, newFile), { sampleType });
}

export function loadSingle(scenario: string, file: string, sampleType?: string): StackValues {
  return profileStackValues(loadProfile(scenario, file), sampleType);
}

export interface ExactFunction {
  readonly flat: number;
  readonly cum: number;
}

/** go tool pprof's exact per-function numbers for a file in `<scenario>/expected/exact/`. */
export function loadExact(scenario: string, file: string): Record<string, ExactFunction> {
  const json = JSON.parse(readFileSync(path.join(profilesDir, scenario, 'expected', 'exact', file), 'utf8')) as {
    functions: Record<string, ExactFunction>;
  };
  return json.functions;
}
