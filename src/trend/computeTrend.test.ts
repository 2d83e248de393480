import { describe, expect, it } from 'vitest';
import { HEAP_SCENARIOS, loadProfile, readExact, repoRoot } from '../testing/sharedProfiles.ts';
import { computeTrend, functionRow, rankStacks, rowValues, stackFunctionNames, TrendInputError } from './computeTrend.ts';

function load(file: string) {
  return loadProfile(file);
}

// The function each scenario leaks through: the one `go tool pprof -diff_base heap_1 heap_3` says grew
// most by flat inuse_space (the README's scenario table names the same ones).
function grewMostFrom1To3(scenario: string): string {
  const fns = Object.entries(readExact(scenario, 'diff_inuse_space_1_3.json').functions);
  fns.sort((a, b) => b[1].flat - a[1].flat);
  return fns[0][0];
}

const scenarios = HEAP_SCENARIOS;

describe('computeTrend on three real heap snapshots', () => {
  for (const scenario of scenarios) {
    it(`${scenario}: the leaking function ranks first and is monotonic`, () => {
      const profiles = [1, 2, 3].map((i) => load(`${scenario}/heap_${i}.pb.gz`));
      const trend = computeTrend(profiles, 'inuse_space');
      const top = trend.functions.order[0];
      expect(trend.functions.name[top]).toBe(grewMostFrom1To3(scenario));
      expect(trend.functions.flatFit.monotonic[top]).toBe(1);
      expect(trend.functions.flatFit.slope[top]).toBeGreaterThan(0);
      expect(trend.timeBasis).toBe('minutes');
    });
  }

  it('gives every function the flat and cum of go tool pprof in each snapshot', () => {
    const scenario = 'context-leak';
    const profiles = [1, 2, 3].map((i) => load(`${scenario}/heap_${i}.pb.gz`));
    for (const type of ['inuse_space', 'alloc_objects']) {
      const trend = computeTrend(profiles, type);
      for (let s = 0; s < 3; s++) {
        const reference = readExact(scenario, `single_${type}_${s + 1}.json`).functions;
        for (const [name, want] of Object.entries(reference)) {
          const row = functionRow(trend, name);
          expect(row, name).toBeGreaterThanOrEqual(0);
          expect(trend.functions.flat[row * 3 + s], `${name} flat in snapshot ${s + 1}`).toBe(want.flat);
          expect(trend.functions.cum[row * 3 + s], `${name} cum in snapshot ${s + 1}`).toBe(want.cum);
        }
      }
    }
  });

  it('orders snapshots by profile time, not by the order given', () => {
    const [a, b, c] = [1, 2, 3].map((i) => load(`map-cache/heap_${i}.pb.gz`));
    const trend = computeTrend([c, a, b], 'inuse_space');
    expect(trend.snapshots.map((s) => s.fileName)).toEqual(['heap_1.pb.gz', 'heap_2.pb.gz', 'heap_3.pb.gz']);
    expect(trend.snapshots.map((s) => s.inputIndex)).toEqual([1, 2, 0]);
    const row = functionRow(trend, 'main.render');
    expect(rowValues(trend.functions.flat, row, 3)).toEqual([34145323, 64088145, 97182843]);
  });

  it('sums stack values back to each snapshot total', () => {
    const profiles = [1, 2, 3].map((i) => load(`goroutine-leak/heap_${i}.pb.gz`));
    const trend = computeTrend(profiles, 'inuse_space');
    for (let s = 0; s < 3; s++) {
      let sum = 0;
      for (let row = 0; row < trend.stacks.length; row++) sum += trend.stacks.self[row * 3 + s];
      expect(sum).toBe(trend.snapshots[s].total);
    }
  });

  it('matches a stack across snapshots by its frames: one row per distinct sample stack of the union', () => {
    const profiles = [1, 2, 3].map((i) => load(`map-cache/heap_${i}.pb.gz`));
    const trend = computeTrend(profiles, 'inuse_space');
    const paths = new Set<string>();
    for (const p of profiles) {
      for (let i = 0; i < p.samples.length; i++) {
        const names: string[] = [];
        for (let s = p.samples.stack[i]; s >= 0; s = p.stacks.parent[s]) names.push(`${p.frames.name[p.stacks.frame[s]]}@${p.frames.file[p.stacks.frame[s]]}`);
        paths.add(names.join(';'));
      }
    }
    expect(trend.stacks.length).toBe(paths.size);
  });

  it('ranks the leaking stacks first: runtime.malg and main.subscribe in goroutine-leak', () => {
    const trend = computeTrend([1, 2, 3].map((i) => load(`goroutine-leak/heap_${i}.pb.gz`)), 'inuse_space');
    const top = rankStacks(trend, 5);
    expect(stackFunctionNames(trend, top[0]).at(-1)).toBe('runtime.malg');
    const leafNames = Array.from(top, (row) => stackFunctionNames(trend, row).at(-1));
    expect(leafNames).toContain('main.subscribe');
    expect(trend.stacks.fit.monotonic[top[0]]).toBe(1);
  });

  it('does not mark churn monotonic: testdata/trend, where one function leaks and another goes up then down', () => {
    // The shared fixtures have no churning function; testdata/programs/churn-sessions makes one.
    const profiles = [1, 2, 3].map((i) =>
      loadProfile(repoRoot, `testdata/trend/heap_${i}.pb.gz`),
    );
    const trend = computeTrend(profiles, 'inuse_space');
    const names = Array.from(trend.functions.order, (f) => trend.functions.name[f]);
    expect(names[0]).toBe('main.openSession');
    const leak = functionRow(trend, 'main.openSession');
    const churn = functionRow(trend, 'main.buildBatch');
    expect(trend.functions.flatFit.monotonic[leak]).toBe(1);
    expect(trend.functions.flatFit.monotonic[churn]).toBe(0);
    const [a, b, c] = rowValues(trend.functions.flat, churn, 3);
    expect(b).toBeGreaterThan(a);
    expect(c).toBeLessThan(b);
    expect(trend.functions.flatFit.score[churn]).toBeLessThan(trend.functions.flatFit.score[leak]);
  });

  it('refuses a profile without the sample type, naming the file', () => {
    const heap = load('timer-leak/heap_1.pb.gz');
    const goroutines = load('timer-leak/goroutine_1.pb.gz');
    expect(() => computeTrend([heap, goroutines], 'inuse_space')).toThrow(TrendInputError);
    expect(() => computeTrend([heap, goroutines], 'inuse_space')).toThrow(/goroutine_1\.pb\.gz is a goroutine profile without the sample type "inuse_space"/);
  });
});
