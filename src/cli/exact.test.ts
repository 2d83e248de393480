// `top --json` and `diff --json` against go tool pprof's exact per-function numbers
// (../shared/profiles/*/expected/exact, made by go1.19.8's pprof with `(inline)` removed).
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readExact } from '../testing/sharedProfiles.ts';
import { profilesDir, runCliCaptured } from './testing.ts';

interface Reference {
  readonly sampleType: string;
  readonly functions: Record<string, { flat: number; cum: number }>;
}

const scenarios = existsSync(profilesDir)
  ? readdirSync(profilesDir).filter((d) => existsSync(path.join(profilesDir, d, 'expected', 'exact')))
  : [];

function references(prefix: RegExp): { scenario: string; file: string; match: RegExpExecArray }[] {
  const out: { scenario: string; file: string; match: RegExpExecArray }[] = [];
  for (const scenario of scenarios) {
    for (const file of readdirSync(path.join(profilesDir, scenario, 'expected', 'exact')).sort()) {
      const match = prefix.exec(file);
      if (match) out.push({ scenario, file, match });
    }
  }
  return out;
}

function readReference(scenario: string, file: string): Reference {
  return readExact(scenario, file) as Reference;
}

/** cpu pairs are cpu_base/cpu_new; the others heap_N / goroutine_N. */
function profileFile(scenario: string, type: string, n: string): string {
  if (scenario === 'cpu') return path.join(profilesDir, scenario, `cpu_${n}.pb.gz`);
  return path.join(profilesDir, scenario, type === 'goroutine' ? `goroutine_${n}.pb.gz` : `heap_${n}.pb.gz`);
}

const singles = references(/^single_(.+)_([^_]+)\.json$/);
const diffs = references(/^(diff|diffnorm)_(.+)_([^_]+)_([^_]+)\.json$/);

describe('top --json equals go tool pprof -top on every protobuf profile and sample type', () => {
  it('finds the references', () => {
    expect(singles.length).toBeGreaterThan(50);
  });
  it.each(singles.map((r) => [`${r.scenario}/${r.file}`, r] as const))('%s', async (_name, r) => {
    const [, type, n] = r.match;
    const ref = readReference(r.scenario, r.file);
    const run = await runCliCaptured(['top', profileFile(r.scenario, type, n), '--sample-type', type, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as { sampleType: { type: string }; functions: { name: string; flat: number; cum: number }[] };
    expect(out.sampleType.type).toBe(ref.sampleType);
    const ours = Object.fromEntries(out.functions.map((f) => [f.name, { cum: f.cum, flat: f.flat }]));
    expect(ours).toEqual(ref.functions);
  });
});

describe('diff --json has go tool pprof -diff_base deltas (and -normalize for diffnorm)', () => {
  it('finds the references', () => {
    expect(diffs.length).toBeGreaterThan(50);
  });
  it.each(diffs.map((r) => [`${r.scenario}/${r.file}`, r] as const))('%s', async (_name, r) => {
    const [, mode, type, a, b] = r.match;
    const ref = readReference(r.scenario, r.file);
    const args = ['diff', profileFile(r.scenario, type, a), profileFile(r.scenario, type, b), '--sample-type', type, '--json'];
    if (mode === 'diffnorm') args.push('--normalize');
    const run = await runCliCaptured(args);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as { functions: { name: string; flatDelta: number; cumDelta: number }[] };
    const ours = new Map(out.functions.map((f) => [f.name, { cum: f.cumDelta, flat: f.flatDelta }]));
    const expected: Record<string, { cum: number; flat: number }> = {};
    const actual: Record<string, { cum: number; flat: number }> = {};
    for (const [name, v] of Object.entries(ref.functions)) {
      expected[name] = { cum: v.cum, flat: v.flat };
      actual[name] = ours.get(name) ?? { cum: 0, flat: 0 };
    }
    for (const [name, v] of ours) {
      if (!(name in ref.functions)) {
        expected[name] = { cum: 0, flat: 0 };
        actual[name] = v;
      }
    }
    // Exact for -normalize too: pprof rounds per merged sample, which samples.mergeKey reproduces.
    expect(actual).toEqual(expected);
  });
});
