// Call-tree numbers on real profiles, checked against go tool pprof's per-function cum values:
// a search for one function counts nested matches once, so it must equal pprof's cum; so must the
// total left after a pprof-style focus on it, and what ignore leaves must be the rest.
import { describe, expect, it } from 'vitest';
import { diffProfiles } from '../diff/diffProfiles.ts';
import { profileStackValues } from '../diff/stackValues.ts';
import { buildCallTree, nodeWidths, rootWidth } from './callTree.ts';
import { functionTable } from './functions.ts';
import { compileMatcher, escapeRegex } from './matchers.ts';
import { searchTree } from './search.ts';
import { focusStacks, hideFrames, ignoreStacks } from './transforms.ts';
import { loadProfile, readExact } from '../testing/sharedProfiles.ts';

const load = (rel: string) => loadProfile(rel);

function exactName(name: string) {
  const m = compileMatcher(`^${escapeRegex(name)}$`);
  if (!m.ok) throw new Error(m.error);
  return m.matcher;
}

describe.each(['timer-leak', 'context-leak', 'goroutine-leak'])('%s heap_3', (scenario) => {
  const profile = load(`${scenario}/heap_3.pb.gz`);
  for (const type of ['inuse_space', 'alloc_objects']) {
    const values = profileStackValues(profile, type);
    const tree = buildCallTree(values);
    const ref = readExact(scenario, `single_${type}_3.json`);

    it(`${type}: search total of each function equals pprof's cum`, () => {
      for (const [name, v] of Object.entries(ref.functions)) {
        expect(searchTree(tree, exactName(name)).matchedNew, name).toBe(v.cum);
      }
    });

    it(`${type}: focus keeps the function's cum, ignore keeps the rest`, () => {
      for (const [name, v] of Object.entries(ref.functions).slice(0, 15)) {
        const focused = focusStacks(values, exactName(name));
        const ignored = ignoreStacks(values, exactName(name));
        expect(focused.totalNew, name).toBe(v.cum);
        expect(ignored.totalNew + focused.totalNew, name).toBe(values.totalNew);
      }
    });

    it(`${type}: roots add up to the profile total`, () => {
      expect(rootWidth(tree, nodeWidths(tree, 'new'))).toBe(values.totalNew);
    });
  }
});

describe('function table cache', () => {
  it('gives the same rows for every sample type and transform as a fresh computation', () => {
    const a = load('context-leak/heap_1.pb.gz');
    const b = load('context-leak/heap_3.pb.gz');
    const byName = (rows: ReturnType<typeof functionTable>) => Object.fromEntries(rows.map((r) => [r.name, r]));
    const m = compileMatcher('context');
    if (!m.ok) throw new Error(m.error);
    for (const type of ['inuse_space', 'alloc_objects', 'inuse_objects', 'alloc_space']) {
      const diff = diffProfiles(a, b, { sampleType: type });
      for (const values of [diff, focusStacks(diff, m.matcher), hideFrames(diff, m.matcher)]) {
        // A copied stack table has no recorded origin, so nothing cached applies to it.
        const fresh = { ...values, stacks: { ...values.stacks } };
        expect(byName(functionTable(values))).toEqual(byName(functionTable(fresh)));
      }
    }
  });
});

describe('a real diff tree', () => {
  it('keeps vanished stacks visible in diff width and gives search deltas equal to pprof cum deltas', () => {
    const diff = diffProfiles(load('cpu/cpu_base.pb.gz'), load('cpu/cpu_new.pb.gz'), { sampleType: 'cpu' });
    const tree = buildCallTree(diff);
    const ref = readExact('cpu', 'diff_cpu_base_new.json');
    for (const [name, v] of Object.entries(ref.functions)) {
      const found = searchTree(tree, exactName(name));
      expect(found.matchedNew - found.matchedBase, name).toBe(v.cum);
    }
    expect(rootWidth(tree, nodeWidths(tree, 'diff'))).toBe(diff.totalBase + diff.totalNew);
  });
});
