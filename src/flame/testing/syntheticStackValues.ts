// Large, Go-shaped diffs for measuring the flame graph (issue 9's 400k-stack scale), made here because no real
// profile of that size may be stored in the repo. Deterministic: the same seed gives the same tree.
import type { StackValues } from '../../diff/stackValues.ts';

export interface SyntheticOptions {
  readonly stacks: number;
  readonly functions?: number;
  readonly seed?: number;
}

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Samples walk a fixed random call graph (each function calls 1-6 others, the first most often) from a few
 * entry points down to a depth around 20, as Go services do; the stack trie of those walks grows until it
 * holds `stacks` stacks. Leaf values are heavy-tailed; the base differs per stack: most grow or shrink a
 * little, some stacks are new, some vanished.
 */
export function syntheticStackValues(options: SyntheticOptions): StackValues {
  const rand = prng(options.seed ?? 1);
  const functionCount = options.functions ?? 5000;
  const n = options.stacks;
  const names: string[] = [];
  const files: string[] = [];
  const callees: Int32Array[] = [];
  for (let f = 0; f < functionCount; f++) {
    const pkg = `github.com/acme/service/internal/pkg${f % 97}`;
    names.push(f % 3 === 0 ? `${pkg}.(*Type${f % 13}).Method${f}` : f % 3 === 1 ? `${pkg}.Func${f}` : `${pkg}.handler${f}.func${1 + (f % 4)}`);
    files.push(`/src/${pkg}/file${f % 11}.go`);
    const k = 1 + Math.floor(rand() * rand() * 6);
    callees.push(Int32Array.from({ length: k }, () => Math.floor(rand() * functionCount)));
  }
  const frame = new Int32Array(n);
  const parent = new Int32Array(n);
  const depth = new Int32Array(n);
  const selfBase = new Float64Array(n);
  const selfNew = new Float64Array(n);
  const index = new Map<number, number>();
  const entries = Int32Array.from({ length: 6 }, () => Math.floor(rand() * functionCount));
  let count = 0;
  let totalBase = 0;
  let totalNew = 0;
  const intern = (p: number, f: number): number => {
    const key = (p + 1) * functionCount + f;
    let s = index.get(key);
    if (s === undefined) {
      s = count++;
      index.set(key, s);
      frame[s] = f;
      parent[s] = p;
      depth[s] = p < 0 ? 1 : depth[p] + 1;
    }
    return s;
  };
  while (count < n - 64) {
    let f = entries[Math.floor(rand() * rand() * entries.length)];
    let s = intern(-1, f);
    const targetDepth = 8 + Math.floor(rand() * 12 + rand() * 12);
    while (depth[s] < targetDepth && count < n) {
      const options = callees[f];
      f = options[Math.floor(rand() * rand() * options.length)];
      s = intern(s, f);
    }
    const value = Math.round(512 / Math.pow(1 - rand() * 0.999, 1.1));
    const r = rand();
    const base = r < 0.08 ? 0 : r < 0.12 ? value * 2 : Math.round(value * (0.6 + rand() * 0.6));
    const next = r >= 0.08 && r < 0.12 ? 0 : value;
    selfBase[s] += base;
    selfNew[s] += next;
    totalBase += base;
    totalNew += next;
  }
  return {
    frames: { length: functionCount, name: names, file: files, line: new Int32Array(functionCount).fill(42) },
    stacks: { length: count, frame: frame.slice(0, count), parent: parent.slice(0, count), depth: depth.slice(0, count) },
    selfBase: selfBase.slice(0, count),
    selfNew: selfNew.slice(0, count),
    totalBase,
    totalNew,
    sampleType: { type: 'inuse_space', unit: 'bytes' },
    hasBase: true,
    normalized: false,
    normalizeRatio: 1,
    baseFile: 'synthetic_base.pb.gz',
    newFile: 'synthetic_new.pb.gz',
    warnings: [],
  };
}
