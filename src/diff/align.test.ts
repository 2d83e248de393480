import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeProfile } from '../profile/decodeProfile.ts';
import type { FrameTable, Profile, StackTable } from '../profile/model.ts';
import { alignProfiles } from './align.ts';

const profilesDir = path.resolve(__dirname, '../../../shared/profiles');

function load(relative: string): Profile {
  return decodeProfile(new Uint8Array(readFileSync(path.join(profilesDir, relative))), path.basename(relative));
}

/** Stack `id` as its frames by value, root first. */
function pathOf(frames: FrameTable, stacks: StackTable, id: number): string {
  const parts: string[] = [];
  for (let s = id; s >= 0; s = stacks.parent[s]) parts.push(`${frames.name[stacks.frame[s]]}@${frames.file[stacks.frame[s]]}`);
  return parts.reverse().join(' > ');
}

describe('alignProfiles', () => {
  const pairs = [
    ['goroutine-leak/heap_1.pb.gz', 'goroutine-leak/heap_3.pb.gz'],
    ['cpu/cpu_base.pb.gz', 'cpu/cpu_new.pb.gz'],
    // Text and protobuf forms of the same program: frames by value must meet across formats.
    ['map-cache/heap_1.txt', 'map-cache/heap_3.pb.gz'],
  ];
  for (const [baseFile, nextFile] of pairs) {
    it(`unites ${baseFile} and ${nextFile}: every stack of either once, the new profile's ids kept`, () => {
      const base = load(baseFile);
      const next = load(nextFile);
      const { frames, stacks, baseStack } = alignProfiles(base, next);

      const union = new Set<string>();
      for (let s = 0; s < stacks.length; s++) {
        expect(stacks.parent[s]).toBeLessThan(s);
        expect(stacks.depth[s]).toBe(stacks.parent[s] < 0 ? 1 : stacks.depth[stacks.parent[s]] + 1);
        union.add(pathOf(frames, stacks, s));
      }
      expect(union.size).toBe(stacks.length);
      for (let s = 0; s < next.stacks.length; s++) expect(pathOf(frames, stacks, s)).toBe(pathOf(next.frames, next.stacks, s));
      const basePaths = new Set<string>();
      for (let s = 0; s < base.stacks.length; s++) {
        const p = pathOf(base.frames, base.stacks, s);
        basePaths.add(p);
        expect(pathOf(frames, stacks, baseStack[s])).toBe(p);
      }
      const nextPaths = new Set(Array.from({ length: next.stacks.length }, (_, s) => pathOf(next.frames, next.stacks, s)));
      expect(union).toEqual(new Set([...nextPaths, ...basePaths]));
      // The pair shares stacks (a real diff, not two disjoint trees).
      expect(stacks.length).toBeLessThan(next.stacks.length + base.stacks.length);
    });
  }
});
