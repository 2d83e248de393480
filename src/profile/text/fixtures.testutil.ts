// Test-only: where the shared real Go profiles live, and small readers for them.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { profilesDir, readExact as readSharedExact } from '../../testing/sharedProfiles.ts';

export {
  GOROUTINE_SCENARIOS as goroutineScenarios,
  HEAP_SCENARIOS as heapScenarios,
  profilesDir,
  readProfileBytes as readProfile,
  repoRoot,
} from '../../testing/sharedProfiles.ts';

export function readProfileText(...parts: string[]): string {
  return readFileSync(path.join(profilesDir, ...parts), 'utf8');
}

/** Every profile file under the shared set (expected outputs and generator sources excluded), relative paths. */
export function allProfileFiles(): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const name of readdirSync(path.join(profilesDir, rel))) {
      const child = rel ? `${rel}/${name}` : name;
      if (statSync(path.join(profilesDir, child)).isDirectory()) {
        if (name !== 'expected' && name !== 'gen') walk(child);
      } else if (/\.(pb\.gz|txt)$/.test(name)) {
        out.push(child);
      }
    }
  };
  walk('');
  return out.sort();
}

export interface ExactReference {
  readonly functions: Readonly<Record<string, { readonly flat: number; readonly cum: number }>>;
  readonly sampleType: string;
}

/** go tool pprof's exact per-function numbers: `<scenario>/expected/exact/<name>.json`. */
export function readExact(scenario: string, name: string): ExactReference {
  return readSharedExact(scenario, `${name}.json`) as ExactReference;
}
