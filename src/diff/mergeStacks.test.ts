import { describe, expect, it } from 'vitest';
import type { StackTable } from '../profile/model.ts';
import { mergeStacks } from './mergeStacks.ts';

// Hand-made tables: every decoded profile's trie is breadth-first, so only a table built by hand can be in
// some other order, which mergeStacks still accepts.
function table(rows: readonly [frame: number, parent: number][]): StackTable {
  const depth = new Int32Array(rows.length);
  rows.forEach(([, p], s) => (depth[s] = p < 0 ? 1 : depth[p] + 1));
  return { length: rows.length, frame: Int32Array.from(rows, (r) => r[0]), parent: Int32Array.from(rows, (r) => r[1]), depth };
}

function pathOf(stacks: StackTable, s: number): number[] {
  return s < 0 ? [] : [...pathOf(stacks, stacks.parent[s]), stacks.frame[s]];
}

describe('mergeStacks', () => {
  it('maps every base stack to the union stack of the same path, whatever order the tables list depths in', () => {
    // next: a, a>b, c (depths 1, 2, 1: not by depth); base: c, c>d, a>b listed deepest-last.
    const next = table([[0, -1], [1, 0], [2, -1]]);
    const base = table([[2, -1], [0, -1], [3, 0], [1, 1]]);
    const { stacks, baseStack } = mergeStacks(next, base, Int32Array.from([0, 1, 2, 3]));
    for (let s = 0; s < next.length; s++) expect(pathOf(stacks, s)).toEqual(pathOf(next, s));
    for (let s = 0; s < base.length; s++) expect(pathOf(stacks, baseStack[s])).toEqual(pathOf(base, s));
    expect(stacks.length).toBe(4);
  });
});
