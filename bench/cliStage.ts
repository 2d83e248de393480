// The CLI stage: wall time and peak RSS of `npm run --silent cli -- diff PREV LAST` as a child process,
// measured with GNU time (/usr/bin/time -v), against `go tool pprof -top -diff_base` on the same pair.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { median } from './measure.ts';

export interface ProcessRun {
  readonly wallMs: number;
  readonly maxRssMB: number;
  readonly exitCode: number;
}

export interface CommandResult {
  readonly command: string;
  readonly runs: ProcessRun[];
  readonly medianWallMs: number;
  readonly medianMaxRssMB: number;
  readonly error?: string;
}

const GNU_TIME = '/usr/bin/time';

function parseElapsed(text: string): number {
  // "Elapsed (wall clock) time (h:mm:ss or m:ss): 0:01.23"
  const m = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\):\s*(?:(\d+):)?(\d+):(\d+(?:\.\d+)?)/.exec(text);
  if (!m) return NaN;
  return ((Number(m[1] ?? 0) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000;
}

function parseMaxRssMB(text: string): number {
  const m = /Maximum resident set size \(kbytes\):\s*(\d+)/.exec(text);
  return m ? (Number(m[1]) * 1024) / 1e6 : NaN;
}

export function timeCommand(argv: readonly string[], cwd: string, runs: number, timeoutMs: number): CommandResult {
  const command = argv.join(' ');
  if (!existsSync(GNU_TIME)) return { command, runs: [], medianWallMs: NaN, medianMaxRssMB: NaN, error: `${GNU_TIME} not found` };
  const results: ProcessRun[] = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(GNU_TIME, ['-v', ...argv], { cwd, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 256 * 1024 * 1024 });
    if (r.error || r.status === null) {
      return { command, runs: results, medianWallMs: NaN, medianMaxRssMB: NaN, error: r.error?.message ?? `killed by ${r.signal}` };
    }
    const exitCode = r.status;
    // time -v reports the command's status; anything but 0 (or 3, "grew") means the command failed.
    if (exitCode !== 0 && exitCode !== 3) {
      return { command, runs: results, medianWallMs: NaN, medianMaxRssMB: NaN, error: `exit ${exitCode}: ${r.stderr.split('\n').slice(-12).join(' | ')}` };
    }
    results.push({ wallMs: parseElapsed(r.stderr), maxRssMB: parseMaxRssMB(r.stderr), exitCode });
  }
  return {
    command,
    runs: results,
    medianWallMs: median(results.map((r) => r.wallMs)),
    medianMaxRssMB: median(results.map((r) => r.maxRssMB)),
  };
}

export interface CliStageResult {
  readonly size: string;
  readonly ours: CommandResult;
  readonly reference: CommandResult | null;
}

export function runCliStage(repoRoot: string, size: string, prev: string, last: string, withGo: boolean): CliStageResult {
  const rel = (p: string): string => path.relative(repoRoot, p);
  const command = ['npm', 'run', '--silent', 'cli', '--', 'diff', rel(prev), rel(last)];
  // Untimed: the first run after a source changed bundles the CLI (scripts/cli.mjs), once.
  spawnSync(command[0], command.slice(1), { cwd: repoRoot, stdio: 'ignore', timeout: 300_000 });
  const ours = timeCommand(command, repoRoot, 3, 300_000);
  let reference: CommandResult | null = null;
  if (withGo) {
    // One run: it takes tens of seconds and gigabytes on the large pair.
    reference = timeCommand(['go', 'tool', 'pprof', '-top', '-diff_base', rel(prev), rel(last)], repoRoot, 1, 600_000);
  }
  return { size, ours, reference };
}
