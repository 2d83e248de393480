// Loads a pair of the shared real Go profiles as StackValues for the flame graph's tests (Node only).
import { diffProfiles } from '../../diff/diffProfiles.ts';
import { profileStackValues, type StackValues } from '../../diff/stackValues.ts';
import { loadProfile, readExact } from '../../testing/sharedProfiles.ts';

export { HEAP_SCENARIOS, loadProfile, profilesDir } from '../../testing/sharedProfiles.ts';

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
  return readExact(scenario, file).functions;
}
