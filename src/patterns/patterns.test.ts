import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { growthFromProfiles } from './growth.ts';
import { matchLeakPatterns, patternsByFunction, patternsByPath } from './match.ts';
import { rankSuspects } from './suspects.ts';
import { diffMatches, exists, load, ownProfiles, sharedProfiles, suspectsOf } from './testProfiles.testutil.ts';
import type { PatternId } from './types.ts';
import { HEAP_SCENARIOS } from '../testing/sharedProfiles.ts';

const SCENARIOS: readonly PatternId[] = HEAP_SCENARIOS;

// Our own programs (testdata/programs/patterns-<dir>): the same mechanisms with other names and structure.
const OWN: ReadonlyArray<readonly [string, PatternId]> = [
  ['closure', 'closure-capture'],
  ['syncpool', 'syncpool-escape'],
  ['timer', 'timer-leak'],
  ['goroutine', 'goroutine-leak'],
  ['slice', 'slice-retention'],
  ['map', 'map-cache'],
  ['context', 'context-leak'],
  ['goroutine2', 'goroutine-leak'],
  ['map2', 'map-cache'],
  ['closure2', 'closure-capture'],
  ['slice2', 'slice-retention'],
  ['timer2', 'timer-leak'],
  ['slice3', 'slice-retention'],
  ['map3', 'map-cache'],
  ['httpbody', 'http-body-leak'],
];

const ENTRY = new Set(['main.main', 'runtime.main', 'runtime.goexit']);

describe('the first suspect of each scenario names its pattern', () => {
  for (const scenario of SCENARIOS) {
    const dir = path.join(sharedProfiles, scenario);
    it(`${scenario}: heap_1 → heap_3 (inuse_space)`, () => {
      const [first] = suspectsOf(dir, 'heap_1.pb.gz', 'heap_3.pb.gz', 'inuse_space');
      expect(first.pattern).toBe(scenario);
      expect(first.share).toBeGreaterThan(0.3);
    });
    if (exists(path.join(dir, 'goroutine_1.pb.gz'))) {
      it(`${scenario}: goroutine_1 → goroutine_3`, () => {
        const [first] = suspectsOf(dir, 'goroutine_1.pb.gz', 'goroutine_3.pb.gz');
        expect(first.pattern).toBe(scenario);
        expect(first.candidates.map((c) => c.pattern)).toContain('goroutine-leak');
      });
    }
  }
});

describe('rules generalise to the same mechanisms written differently', () => {
  for (const [dirName, pattern] of OWN) {
    const dir = path.join(ownProfiles, dirName);
    it(`${dirName}: heap_1 → heap_3 first suspect is ${pattern}`, () => {
      const [first] = suspectsOf(dir, 'heap_1.pb.gz', 'heap_3.pb.gz', 'inuse_space');
      expect(first.pattern).toBe(pattern);
    });
    if (exists(path.join(dir, 'goroutine_1.pb.gz'))) {
      // As in the app when both kinds are loaded: the heap diff of the same moments is evidence too.
      it(`${dirName}: goroutine_1 → goroutine_3 (heap diff beside it) first suspect is ${pattern}`, () => {
        const heap = growthFromProfiles(load(path.join(dir, 'heap_1.pb.gz')), load(path.join(dir, 'heap_3.pb.gz')), { sampleType: 'inuse_space' });
        const [first] = suspectsOf(dir, 'goroutine_1.pb.gz', 'goroutine_3.pb.gz', undefined, { heap });
        expect(first.pattern).toBe(pattern);
      });
    }
  }
});

describe('where a pattern shows', () => {
  it('timer-leak: the suspect is time.After called from main.pollLoop, with the stack down to the timer', () => {
    const [first] = suspectsOf(path.join(sharedProfiles, 'timer-leak'), 'heap_1.pb.gz', 'heap_3.pb.gz', 'inuse_space');
    expect(first.function).toBe('time.After');
    expect(first.caller).toBe('main.pollLoop');
    expect(first.stack.slice(0, 4)).toEqual(['runtime.main', 'main.main', 'main.pollLoop', 'time.After']);
    expect(first.reason).toContain('main.pollLoop');
  });

  it('syncpool-escape: the pattern shows at the pool New func under sync.(*Pool).Get', () => {
    const [first] = suspectsOf(path.join(sharedProfiles, 'syncpool-escape'), 'heap_1.pb.gz', 'heap_3.pb.gz', 'inuse_space');
    expect(first.function).toMatch(/^main\.glob\.\.func\d+$/);
    expect(first.caller).toBe('main.handleRequest');
  });

  it('syncpool-escape: buffers growing in a function that uses the pool are put back without Reset', () => {
    const suspects = suspectsOf(path.join(sharedProfiles, 'syncpool-escape'), 'heap_1.pb.gz', 'heap_3.pb.gz', 'inuse_space');
    const grow = suspects.find((s) => s.caller === 'main.logLine');
    expect(grow).toMatchObject({ pattern: 'syncpool-escape', function: 'bytes.(*Buffer).grow' });
    expect(grow?.reason).toContain('without Reset');
  });

  it('map-cache: the map-assigning function is named, with the bucket array doubling as evidence', () => {
    const [first] = suspectsOf(path.join(sharedProfiles, 'map-cache'), 'heap_1.pb.gz', 'heap_3.pb.gz', 'inuse_space');
    expect(first.function).toBe('main.lookup');
    expect(first.evidence.some((e) => /bucket array .* → /.test(e.text))).toBe(true);
  });

  it('goroutine-leak goroutine diff: one suspect per parked goroutine body, with its wait state', () => {
    const suspects = suspectsOf(path.join(sharedProfiles, 'goroutine-leak'), 'goroutine_1.pb.gz', 'goroutine_3.pb.gz');
    const byFunction = new Map(suspects.map((s) => [s.function, s]));
    expect(byFunction.get('main.query.func1')?.delta).toBe(3000);
    expect(byFunction.get('main.query.func1')?.reason).toContain('chan send');
    expect(byFunction.get('main.subscribe.func1')?.reason).toContain('chan receive');
    expect(byFunction.get('main.watch.func1')?.reason).toContain('select');
  });

  it('timer-leak goroutine diff: with the heap diff beside it, the ticker is named as evidence', () => {
    const dir = path.join(sharedProfiles, 'timer-leak');
    const heap = growthFromProfiles(load(path.join(dir, 'heap_1.pb.gz')), load(path.join(dir, 'heap_3.pb.gz')), { sampleType: 'inuse_space' });
    const [first] = suspectsOf(dir, 'goroutine_1.pb.gz', 'goroutine_3.pb.gz', undefined, { heap });
    expect(first.pattern).toBe('timer-leak');
    expect(first.reason).toContain('time.NewTicker');
  });

  it('context-leak: WithTimeout and WithCancel are separate suspects, both context-leak', () => {
    const suspects = suspectsOf(path.join(sharedProfiles, 'context-leak'), 'heap_1.pb.gz', 'heap_3.pb.gz', 'inuse_space');
    const top = suspects.slice(0, 3).map((s) => [s.pattern, s.function]);
    expect(top).toContainEqual(['context-leak', 'context.WithTimeout']);
    expect(top).toContainEqual(['context-leak', 'context.WithCancel']);
  });
});

describe('negative cases', () => {
  it('no pattern is ever attached to main.main, runtime.main or runtime.goexit', () => {
    for (const scenario of SCENARIOS) {
      const result = diffMatches(path.join(sharedProfiles, scenario), 'heap_1.pb.gz', 'heap_3.pb.gz', 'inuse_space');
      for (const name of ENTRY) expect(patternsByFunction(result).has(name)).toBe(false);
      for (const s of rankSuspects(result)) if (s.pattern) expect(ENTRY.has(s.function)).toBe(false);
    }
  });

  it('slice-retention: readRecord is not called a closure or a map, and parseBatch/main carry no pattern', () => {
    const result = diffMatches(path.join(sharedProfiles, 'slice-retention'), 'heap_1.pb.gz', 'heap_3.pb.gz', 'inuse_space');
    const fns = patternsByFunction(result);
    expect(fns.get('main.readRecord')).toEqual(['slice-retention']);
    expect(fns.has('main.parseBatch')).toBe(false);
  });

  it('map-cache: the bucket array is not mistaken for a retained buffer', () => {
    const result = diffMatches(path.join(sharedProfiles, 'map-cache'), 'heap_1.pb.gz', 'heap_3.pb.gz', 'inuse_space');
    expect(patternsByFunction(result).get('main.lookup')).toEqual(['map-cache']);
  });

  it('timer-leak: no context-leak and no sync.Pool pattern where there is neither', () => {
    const result = diffMatches(path.join(sharedProfiles, 'timer-leak'), 'heap_1.pb.gz', 'heap_3.pb.gz', 'inuse_space');
    const all = new Set([...patternsByFunction(result).values()].flat());
    expect(all.has('context-leak')).toBe(false);
    expect(all.has('syncpool-escape')).toBe(false);
  });

  it('a shrinking diff (heap_3 → heap_1) has no suspects', () => {
    for (const scenario of SCENARIOS) {
      const suspects = suspectsOf(path.join(sharedProfiles, scenario), 'heap_3.pb.gz', 'heap_1.pb.gz', 'inuse_space');
      const big = suspects.filter((s) => s.pattern === scenario && s.share > 0.2);
      expect(big).toEqual([]);
    }
  });

  it('a profile diffed with itself has no suspects', () => {
    expect(suspectsOf(path.join(sharedProfiles, 'map-cache'), 'heap_3.pb.gz', 'heap_3.pb.gz', 'inuse_space')).toEqual([]);
  });

  it('CPU profiles match no leak rule', () => {
    const input = growthFromProfiles(load(path.join(sharedProfiles, 'cpu/cpu_base.pb.gz')), load(path.join(sharedProfiles, 'cpu/cpu_new.pb.gz')));
    expect(input.kind).toBe('cpu');
    expect(matchLeakPatterns(input).matches).toEqual([]);
  });
});

describe('flame graph markers', () => {
  it('marks the node path of the pattern frame, not the frames above it', () => {
    const result = diffMatches(path.join(sharedProfiles, 'timer-leak'), 'heap_1.pb.gz', 'heap_3.pb.gz', 'inuse_space');
    const byPath = patternsByPath(result);
    expect(byPath.get('runtime.main\nmain.main\nmain.pollLoop\ntime.After')).toEqual(['timer-leak']);
    expect(byPath.get('runtime.main\nmain.main\nmain.pollLoop\ntime.After\ntime.NewTimer')).toEqual(['timer-leak']);
    expect(byPath.has('runtime.main\nmain.main\nmain.pollLoop')).toBe(false);
    expect(byPath.has('runtime.main\nmain.main')).toBe(false);
  });
});

describe('sample types', () => {
  it('inuse_objects ranks the same leaks first for the scenarios whose leak is many objects', () => {
    for (const scenario of ['timer-leak', 'context-leak', 'goroutine-leak'] as const) {
      const [first] = suspectsOf(path.join(sharedProfiles, scenario), 'heap_1.pb.gz', 'heap_3.pb.gz', 'inuse_objects');
      expect(first.pattern).toBe(scenario);
    }
  });
});

describe('growth input', () => {
  it('keeps the largest growths first when more stacks grew than it keeps, with the same details as keeping all', () => {
    const dir = path.join(sharedProfiles, 'timer-leak');
    const [base, next] = [load(path.join(dir, 'heap_1.pb.gz')), load(path.join(dir, 'heap_3.pb.gz'))];
    const all = growthFromProfiles(base, next, { sampleType: 'inuse_space' });
    const growthOf = (s: { base: number; next: number }) => s.next - s.base;
    const largest = [...all.stacks].sort((a, b) => growthOf(b) - growthOf(a)).slice(0, 5);
    const five = growthFromProfiles(base, next, { sampleType: 'inuse_space', maxStacks: 5 });
    expect(all.stacks.length).toBeGreaterThan(5);
    expect(five.stacks.map(growthOf)).toEqual(largest.map(growthOf));
    // Companion sums, sizes and labels of a kept stack do not depend on what else is kept.
    const byPath = new Map(all.stacks.map((s) => [s.frames.join(';'), s]));
    for (const s of five.stacks) expect(s).toEqual(byPath.get(s.frames.join(';')));
  });
});

describe('legacy text profiles', () => {
  for (const scenario of SCENARIOS) {
    it(`${scenario}: heap_1.txt → heap_3.txt puts ${scenario} first, like the protobuf pair`, () => {
      const [first] = suspectsOf(path.join(sharedProfiles, scenario), 'heap_1.txt', 'heap_3.txt', 'inuse_space');
      expect(first.pattern).toBe(scenario);
    });
  }

  for (const scenario of ['goroutine-leak', 'timer-leak'] as const) {
    for (const text of ['goroutine_3.debug1.txt', 'goroutine_3.debug2.txt']) {
      it(`${scenario}: goroutine_1.pb.gz → ${text} puts ${scenario} first`, () => {
        const [first] = suspectsOf(path.join(sharedProfiles, scenario), 'goroutine_1.pb.gz', text);
        expect(first.pattern).toBe(scenario);
      });
    }
  }

  it('debug=2 text names the wait state and the creator from its labels', () => {
    const suspects = suspectsOf(path.join(sharedProfiles, 'goroutine-leak'), 'goroutine_1.pb.gz', 'goroutine_3.debug2.txt');
    const query = suspects.find((s) => s.function === 'main.query.func1');
    expect(query?.reason).toContain('chan send');
    expect(query?.evidence.some((e) => e.text.includes('created by main.query'))).toBe(true);
  });
});
