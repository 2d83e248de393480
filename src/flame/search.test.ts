import { describe, expect, it } from 'vitest';
import { flameTreeFromNodes, type FlameInputNode } from './flameTree.ts';
import { flameTreeFromStackValues } from './fromStackValues.ts';
import { searchFlameTree, substringMatcher } from './search.ts';
import { HEAP_SCENARIOS, loadDiff, loadExact } from './testing/realProfiles.ts';

describe('flame search', () => {
  it('sums the outermost matches of each function to exactly go tool pprof\'s cum delta', () => {
    for (const scenario of HEAP_SCENARIOS) {
      const tree = flameTreeFromStackValues(loadDiff(scenario));
      const exact = loadExact(scenario, 'diff_inuse_space_1_3.json');
      for (const [name, ref] of Object.entries(exact)) {
        const { totals } = searchFlameTree(tree, (n) => n === name);
        expect({ scenario, name, cum: totals.delta }).toEqual({ scenario, name, cum: ref.cum });
      }
    }
  });

  it('finds Go names full of regex metacharacters as typed', () => {
    const tree = flameTreeFromStackValues(loadDiff('syncpool-escape'));
    const glob = searchFlameTree(tree, substringMatcher('glob..func')!);
    expect(glob.totals.matchedFunctions).toBeGreaterThan(0);
    const star = searchFlameTree(tree, substringMatcher('(*')!);
    expect(star.totals.matchedFrames).toBeGreaterThan(0);
    for (let i = 0; i < tree.size; i++) {
      if (star.match[i]) expect(tree.frameName[tree.frameId[i]]).toContain('(*');
    }
    expect(substringMatcher('   ')).toBeNull();
  });

  it('counts a recursive match once: a;b;a 5 with "a" covers 5, not 10', () => {
    // A real profile with recursion under control is not among the fixtures; the rule needs exactly this shape.
    const a2: FlameInputNode = { name: 'a', selfBase: 0, selfNew: 5, children: [] };
    const b: FlameInputNode = { name: 'b', selfBase: 0, selfNew: 0, children: [a2] };
    const a1: FlameInputNode = { name: 'a', selfBase: 0, selfNew: 0, children: [b] };
    const tree = flameTreeFromNodes({ name: 'root', selfBase: 0, selfNew: 0, children: [a1] }, true);
    const { totals, subtreeMatch } = searchFlameTree(tree, (n) => n === 'a');
    expect(totals).toMatchObject({ matchedFrames: 2, matchedFunctions: 1, totalNew: 5, delta: 5, shareNew: 1, topMatches: [1] });
    expect(Array.from(subtreeMatch)).toEqual([1, 1, 1, 1]);
  });
});
