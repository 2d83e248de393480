import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Profile as PprofProfile } from 'pprof-format';
import { describe, expect, it } from 'vitest';
import { decodeProtobuf } from './decodeProtobuf.ts';
import type { Profile, StackTable } from './model.ts';
import { buildStackTrie, type CallPaths } from './stackTrie.ts';

const profilesDir = path.resolve(__dirname, '../../../shared/profiles');

/** Root-first frame names of stack `id`. */
function namesOf(profile: Profile, id: number): string[] {
  const names: string[] = [];
  for (let s = id; s >= 0; s = profile.stacks.parent[s]) names.push(profile.frames.name[profile.stacks.frame[s]]);
  return names.reverse();
}

/** Each sample's root-first function names, read with pprof-format alone (inlined frames outermost first). */
function pprofFormatPaths(raw: Uint8Array): string[][] {
  const pb = PprofProfile.decode(raw);
  const text = (i: number | bigint): string => pb.stringTable.strings[Number(i)];
  const functionName = new Map(pb.function.map((f) => [Number(f.id), text(f.name)]));
  const locationNames = new Map(pb.location.map((l) => [Number(l.id), l.line.map((line) => functionName.get(Number(line.functionId))!).reverse()]));
  return pb.sample.map((s) => [...s.locationId].reverse().flatMap((id) => locationNames.get(Number(id))!));
}

function expectWellFormed(stacks: StackTable): void {
  const children = new Set<string>();
  for (let s = 0; s < stacks.length; s++) {
    const parent = stacks.parent[s];
    expect(parent).toBeLessThan(s);
    // Breadth-first: siblings side by side, in the order of their parents.
    if (s > 0) expect(parent).toBeGreaterThanOrEqual(stacks.parent[s - 1]);
    expect(stacks.depth[s]).toBe(parent < 0 ? 1 : stacks.depth[parent] + 1);
    const key = `${parent}/${stacks.frame[s]}`;
    expect(children.has(key)).toBe(false);
    children.add(key);
  }
}

function paths(...list: number[][]): CallPaths {
  const offsets = [0];
  for (const p of list) offsets.push(offsets[offsets.length - 1] + p.length);
  return { count: list.length, frames: Int32Array.from(list.flat()), offsets: Int32Array.from(offsets) };
}

describe('buildStackTrie', () => {
  it('gives every sample of a real inlining-heavy CPU profile the call path pprof-format lists for it', () => {
    const raw = new Uint8Array(gunzipSync(readFileSync(path.join(profilesDir, 'cpu/cpu_new.pb.gz'))));
    const profile = decodeProtobuf(raw, 'cpu_new.pb.gz', raw.length);
    const expected = pprofFormatPaths(raw);
    expect(profile.samples.length).toBe(expected.length);
    for (let i = 0; i < expected.length; i++) expect(namesOf(profile, profile.samples.stack[i])).toEqual(expected[i]);
    expectWellFormed(profile.stacks);
  });

  it('makes one node per distinct prefix, so a trie of a real heap profile has no duplicate children', () => {
    const raw = new Uint8Array(gunzipSync(readFileSync(path.join(profilesDir, 'map-cache/heap_3.pb.gz'))));
    const profile = decodeProtobuf(raw, 'heap_3.pb.gz', raw.length);
    expectWellFormed(profile.stacks);
    const prefixes = new Set<string>();
    for (let i = 0; i < profile.samples.length; i++) {
      const names = namesOf(profile, profile.samples.stack[i]);
      const files: string[] = [];
      for (let s = profile.samples.stack[i]; s >= 0; s = profile.stacks.parent[s]) files.push(profile.frames.file[profile.stacks.frame[s]]);
      files.reverse();
      for (let d = 1; d <= names.length; d++) prefixes.add(JSON.stringify([names.slice(0, d), files.slice(0, d)]));
    }
    expect(profile.stacks.length).toBe(prefixes.size);
  });

  // Hand-made paths: the properties below are about ids and repeats, which no real profile isolates.
  it('gives equal paths one leaf and the same ids whether or not a repeated path is added again', () => {
    const once = buildStackTrie(paths([0, 1, 2], [0, 1], [3], [0, 4, 2]));
    const repeated = buildStackTrie(paths([0, 1, 2], [0, 1], [0, 1, 2], [3], [0, 1], [0, 4, 2]));
    expect(repeated.stacks).toEqual(once.stacks);
    expect([...repeated.leaf]).toEqual([once.leaf[0], once.leaf[1], once.leaf[0], once.leaf[2], once.leaf[1], once.leaf[3]]);
    expectWellFormed(once.stacks);
    expect(once.stacks.length).toBe(6);
  });

  it('numbers breadth-first, keeping the order in which paths first reach the children of one parent', () => {
    // Paths rank longest first, then by index: [1, 7, 9], [0, 4], [0, 5], [1, 6]. So root 1 comes before root 0,
    // and level 2 holds 1's children ([1, 7] before [1, 6]), then 0's ([0, 4] before [0, 5]).
    const trie = buildStackTrie(paths([0, 4], [1, 7, 9], [0, 5], [1, 6]));
    const names = (s: number): number[] => (s < 0 ? [] : [...names(trie.stacks.parent[s]), trie.stacks.frame[s]]);
    expect(Array.from({ length: trie.stacks.length }, (_, s) => names(s))).toEqual([[1], [0], [1, 7], [1, 6], [0, 4], [0, 5], [1, 7, 9]]);
    expect([...trie.leaf].map(names)).toEqual([[0, 4], [1, 7, 9], [0, 5], [1, 6]]);
    expectWellFormed(trie.stacks);
  });

  it('gives an empty path no stack', () => {
    const trie = buildStackTrie(paths([], [5], []));
    expect([...trie.leaf]).toEqual([-1, 0, -1]);
    expect(trie.stacks.length).toBe(1);
    expect(buildStackTrie(paths()).stacks.length).toBe(0);
  });
});
