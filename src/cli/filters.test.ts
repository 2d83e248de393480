// top and diff --focus / --ignore / --hide against go tool pprof's -focus / -ignore / -hide on the same files.
// The references in testdata/pprof-filters are go1.19.8 `go tool pprof -top` outputs; the first line of
// each file is the command that made it.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { profilesDir, runCliCaptured } from './testing.ts';

const dir = path.join(__dirname, 'testdata', 'pprof-filters');

interface PprofTop {
  readonly scenario: string;
  /** Profile files as pprof was given them: [base, new] for a diff, [file] for a top. */
  readonly files: string[];
  readonly args: string[];
  readonly rows: Map<string, { flat: number; cum: number }>;
}

function parseReference(file: string): PprofTop {
  const lines = readFileSync(path.join(dir, file), 'utf8').split('\n');
  const command = lines[0];
  const scenario = /profiles\/([^ ]+) &&/.exec(command)?.[1] ?? '';
  const args = ['--sample-type', /-sample_index=(\S+)/.exec(command)?.[1] ?? ''];
  for (const m of command.matchAll(/ -(focus|ignore|hide)=(\S+)/g)) args.push(`--${m[1]}`, m[2]);
  const diff = / -diff_base (\S+) (\S+)/.exec(command);
  const files = diff ? [diff[1], diff[2]] : [/ (\S+\.pb\.gz) /.exec(command)?.[1] ?? ''];
  const rows = new Map<string, { flat: number; cum: number }>();
  const header = lines.findIndex((l) => /^\s+flat\s+flat%/.test(l));
  for (const line of lines.slice(header + 1)) {
    const m = /^\s*(-?\d+)B?\s+\S+\s+\S+\s+(-?\d+)B?\s+\S+\s+(.+?)(?: \((?:partial-)?inline\))?$/.exec(line);
    if (m) rows.set(m[3], { flat: Number(m[1]), cum: Number(m[2]) });
  }
  return { scenario, files, args, rows };
}

const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();

describe('filters equal go tool pprof', () => {
  it.each(files)('%s', async (file) => {
    const ref = parseReference(file);
    expect(ref.rows.size).toBeGreaterThan(0);
    const isDiff = ref.files.length === 2;
    const files = ref.files.map((f) => path.join(profilesDir, ref.scenario, f));
    const run = await runCliCaptured([isDiff ? 'diff' : 'top', ...files, '--json', ...ref.args]);
    expect(run.code, run.stderr).toBe(0);
    type Row = { name: string; flat: number; cum: number; flatDelta: number; cumDelta: number };
    const ours = new Map<string, { flat: number; cum: number }>(
      JSON.parse(run.stdout).functions.map((f: Row) => [f.name, isDiff ? { flat: f.flatDelta, cum: f.cumDelta } : { flat: f.flat, cum: f.cum }]),
    );
    const expected: Record<string, { flat: number; cum: number }> = {};
    const actual: Record<string, { flat: number; cum: number }> = {};
    for (const [name, v] of ref.rows) {
      expected[name] = v;
      actual[name] = ours.get(name) ?? { flat: 0, cum: 0 };
    }
    for (const [name, v] of ours) {
      if (!ref.rows.has(name)) {
        expected[name] = { flat: 0, cum: 0 };
        actual[name] = v;
      }
    }
    expect(actual).toEqual(expected);
  });
});
