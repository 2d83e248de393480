// Frame search over a whole FlameTree: each frame of the table is matched once, then one pass marks nodes and sums
// the matched value without double counting nested matches (as pprof and d3-flame-graph report it). Pure.
import type { FlameTree } from './flameTree.ts';

/** Tests one frame (function name and file). calltree's FrameMatcher.test has this shape. */
export type FrameTest = (name: string, file: string) => boolean;

/**
 * Plain, case-insensitive substring of the function name: Go names such as `(*Server).handle` or
 * `main.glob..func2` are full of regex metacharacters, and a search box should find them as typed.
 */
export function substringMatcher(query: string): FrameTest | null {
  const q = query.trim().toLowerCase();
  if (q === '') return null;
  return (name) => name.toLowerCase().includes(q);
}

export interface SearchTotals {
  /** Nodes whose frame matches. */
  readonly matchedFrames: number;
  /** Distinct matching function names. */
  readonly matchedFunctions: number;
  /** Value under the outermost matches (a match inside a match is counted once). */
  readonly totalBase: number;
  readonly totalNew: number;
  readonly delta: number;
  /** totalNew / the root's new total (0..1); shareBase likewise. */
  readonly shareNew: number;
  readonly shareBase: number;
  /** Outermost matching nodes, widest (in new) first: what "next match" steps through. */
  readonly topMatches: readonly number[];
}

export interface SearchIndex {
  readonly match: Uint8Array;
  readonly subtreeMatch: Uint8Array;
  readonly totals: SearchTotals;
}

// a;b;a 5 with search "a" -> matched total 5, not 10: the inner a sits under a match.
export function searchFlameTree(tree: FlameTree<unknown>, test: FrameTest): SearchIndex {
  const { frameName, frameFile } = tree;
  const frameMatch = new Uint8Array(frameName.length);
  const matchedNames = new Set<string>();
  // The last frame is the synthetic root: never a match.
  for (let f = 0; f < frameName.length; f++) {
    if (tree.frameId[0] !== f && test(frameName[f], frameFile[f])) {
      frameMatch[f] = 1;
      matchedNames.add(frameName[f]);
    }
  }
  const { size, frameId, parent, totalBase, totalNew } = tree;
  const match = new Uint8Array(size);
  const subtreeMatch = new Uint8Array(size);
  const topMatches: number[] = [];
  let matchedFrames = 0;
  let sumBase = 0;
  let sumNew = 0;
  if (matchedNames.size > 0) {
    // Per node: MATCH, and UNDER when a match sits above it; one array, so one read of the parent per node.
    const state = new Uint8Array(size);
    for (let i = 1; i < size; i++) {
      const above = state[parent[i]] !== 0;
      if (frameMatch[frameId[i]] === 0) {
        if (above) state[i] = UNDER;
        continue;
      }
      state[i] = above ? MATCH | UNDER : MATCH;
      match[i] = 1;
      matchedFrames++;
      if (!above) {
        topMatches.push(i);
        sumBase += totalBase[i];
        sumNew += totalNew[i];
      }
    }
    for (let i = size - 1; i > 0; i--) {
      if (match[i] === 1) subtreeMatch[i] = 1;
      if (subtreeMatch[i] === 1) subtreeMatch[parent[i]] = 1;
    }
  }
  topMatches.sort((a, b) => totalNew[b] + totalBase[b] - (totalNew[a] + totalBase[a]));
  const rootNew = size > 0 ? totalNew[0] : 0;
  const rootBase = size > 0 ? totalBase[0] : 0;
  return {
    match,
    subtreeMatch,
    totals: {
      matchedFrames,
      matchedFunctions: matchedNames.size,
      totalBase: sumBase,
      totalNew: sumNew,
      delta: sumNew - sumBase,
      shareNew: rootNew > 0 ? sumNew / rootNew : 0,
      shareBase: rootBase > 0 ? sumBase / rootBase : 0,
      topMatches,
    },
  };
}

const MATCH = 1;
const UNDER = 2;

const byText = new WeakMap<FlameTree<unknown>, Map<string, SearchIndex | null>>();

/**
 * searchFlameTree with substringMatcher(text), remembered per tree and text: the flame graph and the search
 * totals line ask for the same search, and on a 2M-node tree each pass costs tens of milliseconds.
 */
export function searchFlameTreeText(tree: FlameTree<unknown>, text: string): SearchIndex | null {
  let cached = byText.get(tree);
  if (!cached) {
    cached = new Map();
    byText.set(tree, cached);
  }
  if (cached.has(text)) return cached.get(text) ?? null;
  const test = substringMatcher(text);
  const index = test ? searchFlameTree(tree, test) : null;
  // A few recent texts per tree: typing builds one per keystroke.
  if (cached.size >= 8) cached.delete(cached.keys().next().value as string);
  cached.set(text, index);
  return index;
}
