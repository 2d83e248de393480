// Match totals for the search box: the value of every sample whose stack passes through a function
// whose name contains the search text. A stack is counted once even when several frames match
// (a;b;a 1 with search "a" -> 1, not 2), which is what the flame graph's highlighted width adds up to.
import type { StackValues } from '../diff/stackValues.ts';

export interface SearchTotals {
  readonly matchedFunctions: number;
  readonly base: number;
  readonly new: number;
}

let lastValues: StackValues | null = null;
let lastTerm = '';
let lastResult: SearchTotals | null = null;

export function searchTotals(values: StackValues, term: string): SearchTotals | null {
  if (term === '') return null;
  if (values === lastValues && term === lastTerm) return lastResult;
  const needle = term.toLowerCase();
  const { frames, stacks } = values;
  const frameMatch = new Uint8Array(frames.length);
  const names = new Set<string>();
  for (let f = 0; f < frames.length; f++) {
    if (frames.name[f].toLowerCase().includes(needle)) {
      frameMatch[f] = 1;
      names.add(frames.name[f]);
    }
  }
  const stackMatch = new Uint8Array(stacks.length);
  let base = 0;
  let next = 0;
  // Parents have smaller ids than children, so one forward pass sees every parent first.
  for (let s = 0; s < stacks.length; s++) {
    const p = stacks.parent[s];
    const m = frameMatch[stacks.frame[s]] === 1 || (p >= 0 && stackMatch[p] === 1);
    if (m) {
      stackMatch[s] = 1;
      base += values.selfBase[s];
      next += values.selfNew[s];
    }
  }
  lastValues = values;
  lastTerm = term;
  lastResult = { matchedFunctions: names.size, base, new: next };
  return lastResult;
}
