import { describe, expect, it } from 'vitest';
import { nameOf, pathOf, resolvePath, widestNodeNamed } from './flameTree.ts';
import { flameTreeFromStackValues } from './fromStackValues.ts';
import { HEAP_SCENARIOS, loadDiff, loadExact, loadSingle } from './testing/realProfiles.ts';

describe('flameTreeFromStackValues', () => {
  it('gives every function the flat delta go tool pprof -diff_base reports', () => {
    for (const scenario of HEAP_SCENARIOS) {
      const tree = flameTreeFromStackValues(loadDiff(scenario));
      const flat = new Map<string, number>();
      for (let i = 1; i < tree.size; i++) {
        const name = nameOf(tree, i);
        flat.set(name, (flat.get(name) ?? 0) + tree.selfNew[i] - tree.selfBase[i]);
      }
      for (const [name, ref] of Object.entries(loadExact(scenario, 'diff_inuse_space_1_3.json'))) {
        expect({ scenario, name, flat: flat.get(name) ?? 0 }).toEqual({ scenario, name, flat: ref.flat });
      }
    }
  });

  it('puts every stack under one root whose totals are the profiles\' totals, children after parents', () => {
    const values = loadDiff('goroutine-leak');
    const tree = flameTreeFromStackValues(values);
    expect(tree.size).toBe(values.stacks.length + 1);
    expect(tree.totalBase[0]).toBe(values.totalBase);
    expect(tree.totalNew[0]).toBe(values.totalNew);
    expect(tree.subtreeSize[0]).toBe(tree.size);
    for (let i = 1; i < tree.size; i++) expect(tree.parent[i]).toBeLessThan(i);
    // 'diff' width is base + new (pprof's |increase| + |decrease|), so vanished stacks keep their width.
    expect(tree.diffWidth[0]).toBe(values.totalBase + values.totalNew);
  });

  it('resolves zoom paths by name and keeps the deepest match when a path no longer exists', () => {
    const tree = flameTreeFromStackValues(loadDiff('timer-leak'));
    const node = widestNodeNamed(tree, 'time.NewTimer');
    const path = pathOf(tree, node);
    expect(path.slice(-3)).toEqual(['main.pollLoop', 'time.After', 'time.NewTimer']);
    expect(resolvePath(tree, path)).toBe(node);
    expect(resolvePath(tree, [])).toBe(0);
    expect(resolvePath(tree, [...path.slice(0, -1), 'no.such.function'])).toBe(tree.parent[node]);
    expect(widestNodeNamed(tree, 'no.such.function')).toBe(-1);
  });

  it('reads one profile as a plain flame graph', () => {
    const tree = flameTreeFromStackValues(loadSingle('slice-retention', 'heap_3.pb.gz', 'inuse_space'));
    expect(tree.differential).toBe(false);
    expect(tree.totalBase[0]).toBe(0);
    expect(tree.totalNew[0]).toBeGreaterThan(0);
  });
});
