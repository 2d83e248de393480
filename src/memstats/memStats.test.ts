import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatNanoseconds } from '../profile/units.ts';
import { memStatsTable, type MemStatUnit } from './memStats.ts';
import { HEAP_SCENARIOS, loadProfile, profilesDir, repoRoot } from '../testing/sharedProfiles.ts';

const read = (file: string) => readFileSync(file);
const load = (file: string) => loadProfile(file);
const format = (v: number, unit: MemStatUnit) => (unit === 'bytes' ? formatBytes(v) : unit === 'nanoseconds' ? formatNanoseconds(v) : formatCount(v));

/** A `# Name = value` line of the file itself (Stack is written `# Stack = inuse / sys`). */
function fromFile(file: string, stat: string): number {
  const text = read(file).toString('utf8');
  const name = stat === 'StackInuse' ? 'Stack' : stat;
  const m = new RegExp(`^# ${name} = (\\d+)`, 'm').exec(text);
  if (!m) throw new Error(`${stat} not in ${file}`);
  return Number(m[1]);
}

const scenarios = HEAP_SCENARIOS;
const stats = ['HeapAlloc', 'HeapInuse', 'HeapObjects', 'Sys', 'HeapReleased', 'StackInuse', 'NextGC', 'NumGC'];

describe('memStatsTable on heap_1.txt → heap_3.txt', () => {
  for (const scenario of scenarios) {
    it(`${scenario}: base, new and delta are the numbers in the files`, () => {
      const files = ['heap_1.txt', 'heap_3.txt'].map((f) => path.join(profilesDir, scenario, f));
      const table = memStatsTable(files.map(load), format);
      for (const stat of stats) {
        const row = table.rows.find((r) => r.stat === stat)!;
        const base = fromFile(files[0], stat);
        const next = fromFile(files[1], stat);
        expect([row.base, row.new, row.delta], stat).toEqual([base, next, next - base]);
      }
      // Every scenario leaks, and each snapshot follows a GC: HeapAlloc rose after every GC.
      expect(table.signals.map((s) => s.id)).toContain('heap-grows-after-gc');
    });
  }

  it('says goroutine stacks grow in the goroutine-leak scenario and not in map-cache', () => {
    const ids = (scenario: string) =>
      memStatsTable(['heap_1.txt', 'heap_3.txt'].map((f) => load(path.join(profilesDir, scenario, f))), format).signals.map((s) => s.id);
    expect(ids('goroutine-leak')).toContain('stacks-grow');
    expect(ids('map-cache')).not.toContain('stacks-grow');
  });

  it('says PauseTotalNs is not in text profiles instead of showing a zero', () => {
    const table = memStatsTable(['heap_1.txt', 'heap_3.txt'].map((f) => load(path.join(profilesDir, 'map-cache', f))), format);
    const pause = table.rows.find((r) => r.stat === 'PauseTotalNs')!;
    expect(pause.values).toEqual([null, null]);
    expect(pause.delta).toBeNull();
    expect(table.notes.join('\n')).toMatch(/PauseTotalNs is not written/);
  });

  it('keeps the place of a protobuf snapshot, which has no MemStats, and says why', () => {
    const dir = path.join(profilesDir, 'timer-leak');
    const table = memStatsTable([load(path.join(dir, 'heap_1.txt')), load(path.join(dir, 'heap_2.pb.gz')), load(path.join(dir, 'heap_3.txt'))], format);
    const heapAlloc = table.rows.find((r) => r.stat === 'HeapAlloc')!;
    expect(heapAlloc.values[1]).toBeNull();
    expect(heapAlloc.delta).toBe(fromFile(path.join(dir, 'heap_3.txt'), 'HeapAlloc') - fromFile(path.join(dir, 'heap_1.txt'), 'HeapAlloc'));
    expect(table.notes[0]).toMatch(/heap_2\.pb\.gz carries no runtime\.MemStats/);
  });
});

describe('memStatsTable over three snapshots (testdata/trend, from testdata/programs/churn-sessions)', () => {
  it('gives a value per snapshot for the small chart', () => {
    const files = [1, 2, 3].map((i) => path.join(repoRoot, `testdata/trend/heap_${i}.txt`));
    const table = memStatsTable(files.map(load), format);
    const numGC = table.rows.find((r) => r.stat === 'NumGC')!;
    expect(numGC.values).toEqual(files.map((f) => fromFile(f, 'NumGC')));
  });
});

describe('memStatsTable signals on hand-made records', () => {
  // No fixture has a flat heap with a large Sys: the leak programs all grow their heap.
  it('reads Sys high with HeapInuse flat as fragmentation or released memory', () => {
    const mib = 1024 * 1024;
    const snap = (fileName: string, heapInuse: number, sys: number) => ({
      fileName,
      memStats: { HeapAlloc: heapInuse - mib, HeapInuse: heapInuse, Sys: sys, HeapReleased: 40 * mib, StackInuse: mib, NumGC: 10 },
    });
    const table = memStatsTable([snap('a.txt', 100 * mib, 300 * mib), snap('b.txt', 101 * mib, 321 * mib)], format);
    const signal = table.signals.find((s) => s.id === 'sys-not-heap');
    expect(signal?.text).toBe('Sys is 321 MiB but HeapInuse stayed flat at 101 MiB: fragmentation, or memory released to the OS (HeapReleased 40 MiB) not yet returned — not a leak in your code.');
    // NumGC did not move: no claim about growth after GC.
    expect(table.signals.map((s) => s.id)).not.toContain('heap-grows-after-gc');
  });
});
