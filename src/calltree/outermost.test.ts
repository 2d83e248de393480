import { describe, expect, it } from 'vitest';
import { diffProfiles } from '../diff/diffProfiles.ts';
import type { StackValues } from '../diff/stackValues.ts';
import { profileFromTextSamples } from '../diff/testing/textSamples.ts';
import { loadProfile } from '../testing/sharedProfiles.ts';
import { functionIds } from './functions.ts';
import { outermostOccurrences } from './outermost.ts';

/** The definition, one stack at a time: no ancestor runs the same function. */
function outermostByWalkingUp(values: StackValues, functionOfFrame: Int32Array): number[] {
  const { parent, frame } = values.stacks;
  return Array.from({ length: values.stacks.length }, (_, s) => {
    const fn = functionOfFrame[frame[s]];
    for (let a = parent[s]; a >= 0; a = parent[a]) if (functionOfFrame[frame[a]] === fn) return 0;
    return 1;
  });
}

function expectDefinition(values: StackValues): void {
  const { ofFrame } = functionIds(values);
  expect([...outermostOccurrences(values.stacks, ofFrame)]).toEqual(outermostByWalkingUp(values, ofFrame));
}

describe('outermostOccurrences', () => {
  it.each([
    ['goroutine-leak/heap_1.pb.gz', 'goroutine-leak/heap_3.pb.gz'],
    ['cpu/cpu_base.pb.gz', 'cpu/cpu_new.pb.gz'],
    ['syncpool-escape/heap_1.pb.gz', 'syncpool-escape/heap_3.pb.gz'],
  ])('flags exactly the stacks with no ancestor of the same function in the union of %s and %s', (a, b) => {
    expectDefinition(diffProfiles(loadProfile(a), loadProfile(b)));
  });

  // Hand-made: the real profiles recurse little, and the Bloom filter's "maybe" answers must be checked on
  // deep mutual recursion and on more functions than the filter has bits.
  it('handles deep mutual recursion and stacks of more than 128 distinct functions', () => {
    const recursive = Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? 'parse' : i % 3 === 1 ? 'expr' : `term${i % 5}`));
    const wide = Array.from({ length: 300 }, (_, i) => `fn${i}`);
    const columns = [
      ['main', ...recursive, '7'],
      ['main', ...wide, 'main', '3'],
      ['main', ...wide.slice(0, 150), 'fn7', 'fn200', '5'],
    ];
    const depth = Math.max(...columns.map((c) => c.length));
    const rows = Array.from({ length: depth }, (_, r) => columns.map((c) => (r < c.length - 1 ? c[r] : r === c.length - 1 ? c[r] : '')));
    // textSamples reads columns: one sample per column, its value last; shorter columns end early.
    const text = rows.map((row) => row.map((cell) => cell.padEnd(8)).join(' ')).join('\n');
    const values = diffProfiles(profileFromTextSamples(text), profileFromTextSamples(text));
    expect(values.stacks.length).toBeGreaterThan(300);
    expectDefinition(values);
  });
});
