// The bundled example (public/examples, written by generate-example.sh) is what the app opens on:
// every listed file must exist, stay small, and decode into the profile kind its name says.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeProfile } from '../src/profile/decodeProfile.ts';
import { sampleTypeIndex } from '../src/profile/model.ts';

const examplesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../public/examples');
const index = JSON.parse(readFileSync(path.join(examplesDir, 'index.json'), 'utf8')) as {
  files: { name: string; description: string }[];
};

function inuseSpaceOf(name: string, fn: string): number {
  const profile = decodeProfile(new Uint8Array(readFileSync(path.join(examplesDir, name))), name);
  const column = profile.samples.values[sampleTypeIndex(profile, 'inuse_space')];
  let total = 0;
  for (let s = 0; s < profile.samples.length; s++) {
    for (let k = profile.samples.stack[s]; k >= 0; k = profile.stacks.parent[k]) {
      if (profile.frames.name[profile.stacks.frame[k]] === fn) {
        total += column[s];
        break;
      }
    }
  }
  return total;
}

describe('bundled example profiles', () => {
  it('lists the three heap snapshots, the text forms and the goroutine profiles', () => {
    expect(index.files.map((f) => f.name)).toEqual([
      'heap_1.pb.gz',
      'heap_2.pb.gz',
      'heap_3.pb.gz',
      'heap_3.txt',
      'goroutine_1.pb.gz',
      'goroutine_3.pb.gz',
      'goroutine_3.debug2.txt',
    ]);
  });

  it.each(index.files.map((f) => f.name))('%s is under 200 KB and decodes', (name) => {
    const file = path.join(examplesDir, name);
    expect(statSync(file).size).toBeLessThan(200 * 1024);
    const profile = decodeProfile(new Uint8Array(readFileSync(file)), name);
    expect(profile.kind).toBe(name.startsWith('heap') ? 'heap' : 'goroutine');
    expect(profile.samples.length).toBeGreaterThan(0);
  });

  it('leaks: the session cache and the time.After timers grow from heap_1 to heap_3', () => {
    for (const fn of ['main.(*server).session', 'time.NewTimer']) {
      expect(inuseSpaceOf('heap_3.pb.gz', fn), fn).toBeGreaterThan(2 * inuseSpaceOf('heap_1.pb.gz', fn));
    }
  });
});
