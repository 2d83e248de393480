import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HEAP_SCENARIOS, readExact } from '../../testing/sharedProfiles.ts';
import type { TrendJson } from '../../trend/report.ts';
import { profilesDir, repoRoot, runCliCaptured } from '../testing.ts';

const scenarios = HEAP_SCENARIOS;

function grewMostFrom1To3(scenario: string): string {
  const reference = readExact(scenario, 'diff_inuse_space_1_3.json');
  return Object.entries(reference.functions).sort((a, b) => b[1].flat - a[1].flat)[0][0];
}

async function trendJson(files: readonly string[], extra: readonly string[] = []): Promise<TrendJson> {
  const run = await runCliCaptured(['trend', ...files, ...extra, '--json']);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as TrendJson;
}

describe('trend --json', () => {
  for (const scenario of scenarios) {
    it(`${scenario}: heap_1 heap_2 heap_3 puts the leaking function first, monotonic`, async () => {
      const files = [1, 2, 3].map((i) => path.join(profilesDir, scenario, `heap_${i}.pb.gz`));
      const report = await trendJson(files);
      expect(report.functions[0].name).toBe(grewMostFrom1To3(scenario));
      expect(report.functions[0].monotonic).toBe(true);
      expect(report.functions[0].slopePerMinute).toBeGreaterThan(0);
      expect(report.sampleType).toEqual({ type: 'inuse_space', unit: 'bytes' });
      expect(report.snapshots.map((s) => s.file)).toEqual(['heap_1.pb.gz', 'heap_2.pb.gz', 'heap_3.pb.gz']);
      for (const s of report.snapshots) expect(s.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(Object.keys(report)).toEqual(['sampleType', 'snapshots', 'functions', 'suspects']);
      expect(Object.keys(report.functions[0])).toEqual(['name', 'values', 'monotonic', 'slopePerMinute']);
    });
  }

  for (const scenario of scenarios) {
    it(`${scenario}: the first suspect carries the scenario's pattern, with its values in each snapshot`, async () => {
      const report = await trendJson([1, 2, 3].map((i) => path.join(profilesDir, scenario, `heap_${i}.pb.gz`)));
      expect(report.suspects[0].pattern).toBe(scenario);
      expect(report.suspects[0].values).toHaveLength(3);
      expect(report.suspects[0].monotonic).toBe(true);
      expect(Object.keys(report.suspects[0])).toEqual(['pattern', 'function', 'values', 'monotonic']);
    });
  }

  it('gives the values go tool pprof gives for each snapshot, with --sample-type', async () => {
    const dir = path.join(profilesDir, 'map-cache');
    const report = await trendJson([1, 2, 3].map((i) => path.join(dir, `heap_${i}.pb.gz`)), ['--sample-type', 'inuse_objects']);
    const lookup = report.functions.find((f) => f.name === 'main.lookup')!;
    const want = [1, 2, 3].map(
      (i) => readExact('map-cache', `single_inuse_objects_${i}.json`).functions['main.lookup'].flat,
    );
    expect(lookup.values).toEqual(want);
  });

  it('does not mark the churning function monotonic (testdata/trend from testdata/programs/churn-sessions)', async () => {
    const report = await trendJson([1, 2, 3].map((i) => path.join(repoRoot, `testdata/trend/heap_${i}.pb.gz`)));
    expect(report.functions[0]).toMatchObject({ name: 'main.openSession', monotonic: true });
    const churn = report.functions.find((f) => f.name === 'main.buildBatch')!;
    expect(churn.monotonic).toBe(false);
    expect(churn.values[1]).toBeGreaterThan(churn.values[0]);
    expect(churn.values[2]).toBeLessThan(churn.values[1]);
  });

  it('has no per-minute slope for text profiles, which carry no time, and says so on stderr', async () => {
    const files = [1, 2, 3].map((i) => path.join(repoRoot, `testdata/trend/heap_${i}.txt`));
    const run = await runCliCaptured(['trend', ...files, '--json']);
    const report = JSON.parse(run.stdout) as TrendJson;
    expect(report.snapshots.map((s) => s.time)).toEqual([null, null, null]);
    expect(report.functions[0].name).toBe('main.openSession');
    expect(report.functions[0].slopePerMinute).toBeNull();
    expect(run.stderr).toMatch(/growth is per snapshot step, not per minute/);
  });
});

describe('trend (human output and errors)', () => {
  it('prints the snapshots and the steadiest growers first', async () => {
    const dir = path.join(profilesDir, 'timer-leak');
    const run = await runCliCaptured(['trend', ...[1, 2, 3].map((i) => path.join(dir, `heap_${i}.pb.gz`))]);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('inuse_space across 3 snapshots (by profile time):');
    const firstRow = lines.find((l) => /^1\s+▁/.test(l));
    expect(firstRow).toMatch(/grew in 2 of 2 intervals, \+[\d.]+ GiB\/min .*time\.NewTimer$/);
  });

  it('exits 2 with a clear message for a heap and a goroutine profile together', async () => {
    const dir = path.join(profilesDir, 'timer-leak');
    const run = await runCliCaptured(['trend', path.join(dir, 'heap_1.pb.gz'), path.join(dir, 'goroutine_1.pb.gz')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/goroutine_1\.pb\.gz is a goroutine profile without the sample type "inuse_space"/);
  });

  it('exits 2 with the usage for a single profile', async () => {
    const run = await runCliCaptured(['trend', path.join(profilesDir, 'timer-leak/heap_1.pb.gz')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/usage: trend S1 S2 S3/);
  });
});
