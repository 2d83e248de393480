// Test helpers for the CLI: run it in-process with captured output, and find the shared profiles.
import { readFileSync } from 'node:fs';
import type { CliIo } from './io.ts';
import { runCli } from './run.ts';

export { profilesDir, repoRoot } from '../testing/sharedProfiles.ts';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCliCaptured(argv: readonly string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    readFile: (p) => new Uint8Array(readFileSync(p)),
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}
