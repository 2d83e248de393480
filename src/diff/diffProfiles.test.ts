import { describe, expect, it } from 'vitest';
import type { Profile } from '../profile/model.ts';
import { diffProfiles } from './diffProfiles.ts';
import { DiffError } from './errors.ts';
import { profileStackValues, samplesByStack, type StackValues } from './stackValues.ts';
import { profileFromTextSamples } from './testing/textSamples.ts';
import { loadProfile } from '../testing/sharedProfiles.ts';

const load = (rel: string): Profile => loadProfile(rel);

/** "a;b" -> [base, new] self values, for readable assertions. */
function selfByPath(values: StackValues): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  for (let s = 0; s < values.stacks.length; s++) {
    if (values.selfBase[s] === 0 && values.selfNew[s] === 0) continue;
    const names: string[] = [];
    for (let t = s; t >= 0; t = values.stacks.parent[t]) names.unshift(values.frames.name[values.stacks.frame[t]]);
    out[names.join(';')] = [values.selfBase[s], values.selfNew[s]];
  }
  return out;
}

// Hand-made: these show single merge rules on stacks small enough to read; the real profiles
// check the numbers (src/cli/exact.test.ts).
describe('diffProfiles merges by stack of frame values', () => {
  const base = profileFromTextSamples(
    `
    main   main   main
    keep   gone   keep
    10     5      2
    `,
    { fileName: 'base.pb.gz' },
  );
  const next = profileFromTextSamples(
    `
    main   main
    keep   grew
    30     7
    `,
    { fileName: 'new.pb.gz' },
  );

  it('aligns equal stacks, keeps stacks only one side has, and sums duplicates', () => {
    const diff = diffProfiles(base, next);
    expect(selfByPath(diff)).toEqual({
      'main;keep': [12, 30],
      'main;grew': [0, 7],
      'main;gone': [5, 0],
    });
    expect(diff.totalBase).toBe(17);
    expect(diff.totalNew).toBe(37);
    expect(diff.hasBase).toBe(true);
    expect(diff.baseFile).toBe('base.pb.gz');
  });

  it('drops stacks that are zero on both sides', () => {
    const withZero = profileFromTextSamples(
      `
      main   main
      keep   zero
      1      0
      `,
    );
    const diff = diffProfiles(withZero, next);
    const names = Array.from(diff.stacks.frame, (f) => diff.frames.name[f]);
    expect(names).not.toContain('zero');
    // parents still come before children after dropping
    for (let s = 0; s < diff.stacks.length; s++) expect(diff.stacks.parent[s]).toBeLessThan(s);
  });

  it('normalizes as pprof 1.19 does: the new profile is scaled to the base total, rounding each sample', () => {
    const diff = diffProfiles(base, next, { normalize: true });
    // ratio = 17 / 37: 30 -> round(13.78) = 14, 7 -> round(3.22) = 3
    expect(diff.normalized).toBe(true);
    expect(diff.normalizeRatio).toBeCloseTo(17 / 37);
    expect(selfByPath(diff)).toEqual({ 'main;keep': [12, 14], 'main;grew': [0, 3], 'main;gone': [5, 0] });
    expect(diff.totalNew).toBe(17);
  });

  it('is cheap to recompute for another sample type: the union of stacks is shared', () => {
    const a = load('closure-capture/heap_1.pb.gz');
    const b = load('closure-capture/heap_3.pb.gz');
    const space = diffProfiles(a, b, { sampleType: 'inuse_space' });
    const objects = diffProfiles(a, b, { sampleType: 'alloc_objects' });
    expect(objects.frames).toBe(space.frames);
    expect(space.sampleType).toEqual({ type: 'inuse_space', unit: 'bytes' });
    expect(objects.sampleType).toEqual({ type: 'alloc_objects', unit: 'count' });
  });

  it('defaults to the new profile default sample type', () => {
    const diff = diffProfiles(load('cpu/cpu_base.pb.gz'), load('cpu/cpu_new.pb.gz'));
    expect(diff.sampleType).toEqual({ type: 'cpu', unit: 'nanoseconds' });
  });
});

describe('diffProfiles refuses incompatible profiles with a message naming both files', () => {
  it('heap against CPU', () => {
    const run = () => diffProfiles(load('closure-capture/heap_1.pb.gz'), load('cpu/cpu_new.pb.gz'));
    expect(run).toThrow(DiffError);
    expect(run).toThrow('heap_1.pb.gz is a heap profile, cpu_new.pb.gz is a CPU profile');
  });

  it('heap against goroutine', () => {
    expect(() => diffProfiles(load('timer-leak/goroutine_1.pb.gz'), load('timer-leak/heap_3.pb.gz'))).toThrow(
      'goroutine_1.pb.gz is a goroutine profile, heap_3.pb.gz is a heap profile',
    );
  });

  it('different sample types or units', () => {
    const bytes = profileFromTextSamples('main\n1', { fileName: 'a.pb.gz', kind: 'unknown', sampleType: { type: 'x', unit: 'bytes' } });
    const count = profileFromTextSamples('main\n1', { fileName: 'b.pb.gz', kind: 'unknown', sampleType: { type: 'x', unit: 'count' } });
    expect(() => diffProfiles(bytes, count)).toThrow(/a\.pb\.gz has sample types x\/bytes but b\.pb\.gz has x\/count/);
  });

  it('an unknown sample type, listing the known ones', () => {
    expect(() => diffProfiles(load('map-cache/heap_1.pb.gz'), load('map-cache/heap_3.pb.gz'), { sampleType: 'inuse' })).toThrow(
      'heap_3.pb.gz has no sample type "inuse" (it has: alloc_objects, alloc_space, inuse_objects, inuse_space)',
    );
  });
});

describe('diffProfiles warns about what changes how to read a diff', () => {
  it('profiles taken at different MemProfileRates', () => {
    const diff = diffProfiles(load('slice-retention/heap_1.pb.gz'), load('closure-capture/heap_3.pb.gz'));
    expect(diff.warnings.map((w) => w.code)).toContain('period-differs');
    expect(diff.warnings.find((w) => w.code === 'period-differs')?.message).toContain('MemProfileRate');
  });

  it('a protobuf profile against a text one', () => {
    const diff = diffProfiles(load('goroutine-leak/goroutine_1.pb.gz'), load('goroutine-leak/goroutine_3.debug1.txt'));
    expect(diff.warnings.map((w) => w.code)).toEqual(['formats-differ']);
    expect(diff.warnings[0].message).toContain('goroutine_1.pb.gz is a protobuf profile and goroutine_3.debug1.txt a text goroutine profile');
  });

  it('alloc_* types are cumulative since process start', () => {
    const a = load('map-cache/heap_1.pb.gz');
    const b = load('map-cache/heap_3.pb.gz');
    expect(diffProfiles(a, b, { sampleType: 'alloc_space' }).warnings.map((w) => w.code)).toEqual(['cumulative-sample-type']);
    expect(diffProfiles(a, b, { sampleType: 'inuse_space' }).warnings).toEqual([]);
  });
});

describe('profileStackValues', () => {
  it('shows one profile in the same shape, with no base', () => {
    const p = load('map-cache/heap_3.pb.gz');
    const values = profileStackValues(p, 'inuse_space');
    expect(values.hasBase).toBe(false);
    expect(values.totalBase).toBe(0);
    expect(values.selfBase.every((v) => v === 0)).toBe(true);
    const column = p.samples.values[p.sampleTypes.findIndex((t) => t.type === 'inuse_space')];
    expect(values.totalNew).toBe(column.reduce((a, v) => a + v, 0));
  });
});

describe('samplesByStack', () => {
  it('lists every sample of a real heap profile once, by stack id, in file order within a stack', () => {
    // Go writes one heap sample per (stack, object size): stacks repeat.
    const profile = load('context-leak/heap_3.pb.gz');
    const order = samplesByStack(profile);
    const { stack } = profile.samples;
    expect(order.length).toBe(Array.from(stack).filter((s) => s >= 0).length);
    expect(new Set(order).size).toBe(order.length);
    for (let j = 1; j < order.length; j++) {
      const [a, b] = [order[j - 1], order[j]];
      expect(stack[a] < stack[b] || (stack[a] === stack[b] && a < b)).toBe(true);
    }
    expect(samplesByStack(profile)).toBe(order);
    expect(order.some((i, j) => j > 0 && stack[order[j - 1]] === stack[i])).toBe(true);
  });
});
