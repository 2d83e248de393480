// Frame-name search over a call tree: the matching nodes and the value they cover, where a match
// nested under another match is counted once (// a;b;a 5, search "a" -> matched total 5, not 10).
import type { CallTree } from './callTree.ts';
import { matchFrames, type FrameMatcher } from './matchers.ts';

export interface SearchResult {
  /** Every matching node id, in id order (parents before children). */
  readonly nodes: Int32Array;
  /** Per node: 1 when the node matches. */
  readonly isMatch: Uint8Array;
  readonly matchedBase: number;
  readonly matchedNew: number;
}

export function searchTree(tree: CallTree, matcher: FrameMatcher): SearchResult {
  const { stacks, frames } = tree.values;
  const frameMatches = matchFrames(frames, matcher);
  const n = stacks.length;
  const isMatch = new Uint8Array(n);
  const underMatch = new Uint8Array(n);
  const ids: number[] = [];
  let matchedBase = 0;
  let matchedNew = 0;
  for (let s = 0; s < n; s++) {
    const p = stacks.parent[s];
    const ancestorMatched = p >= 0 && (underMatch[p] === 1 || isMatch[p] === 1);
    underMatch[s] = ancestorMatched ? 1 : 0;
    if (frameMatches[stacks.frame[s]]) {
      isMatch[s] = 1;
      ids.push(s);
      if (!ancestorMatched) {
        matchedBase += tree.totalBase[s];
        matchedNew += tree.totalNew[s];
      }
    }
  }
  return { nodes: Int32Array.from(ids), isMatch, matchedBase, matchedNew };
}
