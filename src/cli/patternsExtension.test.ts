import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HEAP_SCENARIOS } from '../testing/sharedProfiles.ts';
import { profilesDir, repoRoot, runCliCaptured } from './testing.ts';

const SCENARIOS = HEAP_SCENARIOS;
const p = (rel: string) => path.join(profilesDir, rel);

interface SuspectJson {
  pattern: string;
  function: string;
  delta: number;
  share: number;
  stack: string[];
  patterns: string[];
}

interface DiffJsonWithPatterns {
  functions: { name: string; flatDelta: number; patterns?: string[] }[];
  suspects: SuspectJson[];
}

async function diffJson(...args: string[]): Promise<DiffJsonWithPatterns> {
  const run = await runCliCaptured(['diff', ...args, '--json']);
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as DiffJsonWithPatterns;
}

describe('diff --json: suspects and patterns', () => {
  for (const scenario of SCENARIOS) {
    it(`${scenario}: the first suspect of heap_1 → heap_3 is ${scenario}`, async () => {
      const report = await diffJson(p(`${scenario}/heap_1.pb.gz`), p(`${scenario}/heap_3.pb.gz`));
      expect(report.suspects[0].pattern).toBe(scenario);
    });
  }

  for (const scenario of ['goroutine-leak', 'timer-leak']) {
    it(`${scenario}: the first suspect of goroutine_1 → goroutine_3 is ${scenario}`, async () => {
      const report = await diffJson(p(`${scenario}/goroutine_1.pb.gz`), p(`${scenario}/goroutine_3.pb.gz`));
      expect(report.suspects[0].pattern).toBe(scenario);
    });
  }

  it('suspects are sorted by delta with exact integer deltas, shares and root → leaf stacks', async () => {
    const report = await diffJson(p('timer-leak/heap_1.pb.gz'), p('timer-leak/heap_3.pb.gz'));
    const [first] = report.suspects;
    expect(first).toMatchObject({ pattern: 'timer-leak', function: 'time.After' });
    expect(first.stack.slice(0, 4)).toEqual(['runtime.main', 'main.main', 'main.pollLoop', 'time.After']);
    expect(Number.isInteger(first.delta)).toBe(true);
    expect(first.share).toBeGreaterThan(0.9);
    expect(first.share).toBeLessThanOrEqual(1);
    for (let i = 1; i < report.suspects.length; i++) expect(report.suspects[i - 1].delta).toBeGreaterThanOrEqual(report.suspects[i].delta);
  });

  it('functions carry "patterns" only where a pattern shows, never on main.main or runtime.main', async () => {
    const report = await diffJson(p('timer-leak/heap_1.pb.gz'), p('timer-leak/heap_3.pb.gz'));
    const byName = new Map(report.functions.map((f) => [f.name, f]));
    expect(byName.get('time.NewTimer')?.patterns).toEqual(['timer-leak']);
    expect(byName.get('time.After')?.patterns).toEqual(['timer-leak']);
    expect(byName.get('main.main')?.patterns).toBeUndefined();
    expect(byName.get('runtime.main')?.patterns).toBeUndefined();
    expect(byName.get('main.pollLoop')?.patterns).toBeUndefined();
  });

  it('the core fields stay exactly as pprof gives them', async () => {
    const report = await diffJson(p('map-cache/heap_1.pb.gz'), p('map-cache/heap_3.pb.gz'));
    expect(report.functions[0].name).toBe('main.render');
    expect(Object.keys(report.functions[0]).slice(0, 7)).toEqual(['name', 'flatBase', 'flatNew', 'flatDelta', 'cumBase', 'cumNew', 'cumDelta']);
  });

  it('our own programs: the first suspect names the mechanism', async () => {
    const own = path.join(repoRoot, 'testdata/patterns');
    const cases: [string, string][] = [['closure', 'closure-capture'], ['syncpool', 'syncpool-escape'], ['timer', 'timer-leak'], ['goroutine', 'goroutine-leak'], ['slice', 'slice-retention'], ['map', 'map-cache'], ['context', 'context-leak']];
    for (const [dir, pattern] of cases) {
      const report = await diffJson(path.join(own, dir, 'heap_1.pb.gz'), path.join(own, dir, 'heap_3.pb.gz'));
      expect([dir, report.suspects[0].pattern]).toEqual([dir, pattern]);
    }
  });
});

describe('diff human output', () => {
  it('lists the suspects before the table', async () => {
    const run = await runCliCaptured(['diff', p('context-leak/heap_1.pb.gz'), p('context-leak/heap_3.pb.gz')]);
    expect(run.code).toBe(0);
    const suspectsAt = run.stdout.indexOf('Leak suspects');
    const tableAt = run.stdout.indexOf('flat Δ');
    expect(suspectsAt).toBe(0);
    expect(tableAt).toBeGreaterThan(suspectsAt);
    expect(run.stdout).toMatch(/ 1\. context-leak .*context\.WithTimeout in main\.handle/);
  });

  it('--fail-on-growth still exits 3 with suspects printed', async () => {
    const run = await runCliCaptured(['diff', p('timer-leak/heap_1.pb.gz'), p('timer-leak/heap_3.pb.gz'), '--fail-on-growth', '1MiB']);
    expect(run.code).toBe(3);
    expect(run.stdout).toContain('Leak suspects');
  });
});

describe('diff --json suspects follow --focus and --ignore', () => {
  it('--ignore drops the ignored stacks from the suspects', async () => {
    const report = await diffJson(p('timer-leak/heap_1.pb.gz'), p('timer-leak/heap_3.pb.gz'), '--ignore', 'pollLoop');
    expect(report.suspects.some((s) => s.function === 'time.After')).toBe(false);
    // What is left: the ticker goroutines (runtime.malg), caused by tickers that are never stopped.
    expect(report.suspects[0].function).toBe('runtime.malg');
    expect(report.suspects[0].patterns).toEqual(['timer-leak', 'goroutine-leak']);
  });

  it('--focus keeps only the stacks through the focused frame', async () => {
    const report = await diffJson(p('context-leak/heap_1.pb.gz'), p('context-leak/heap_3.pb.gz'), '--focus', 'WithCancel');
    expect(report.suspects.map((s) => s.function)).toEqual(['context.WithCancel']);
  });
});
