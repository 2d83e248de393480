import { describe, expect, it } from 'vitest';
import { decodeProfile } from '../decodeProfile.ts';
import { ProfileError } from '../errors.ts';
import { sampleTypeIndex, type Profile } from '../model.ts';
import { heapScenarios, readExact, readProfile, readProfileText } from './fixtures.testutil.ts';
import { functionTotals, sampleTotal } from './functionTotals.testutil.ts';
import { parseHeapText } from './heapText.ts';
import { scaleHeapSample } from './unsample.ts';

const HEAP_TYPES = ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space'] as const;
const textSnapshots = heapScenarios.flatMap((s) => [1, 3].map((n) => [s, n] as const));

function decodeText(scenario: string, n: number): Profile {
  return decodeProfile(readProfile(scenario, `heap_${n}.txt`), `heap_${n}.txt`);
}

function stackTotals(profile: Profile, typeIndex: number): Map<string, number> {
  const out = new Map<string, number>();
  const { stacks, frames, samples } = profile;
  for (let s = 0; s < samples.length; s++) {
    const names: string[] = [];
    for (let k = samples.stack[s]; k >= 0; k = stacks.parent[k]) names.push(frames.name[stacks.frame[k]]);
    const key = names.join(' <- ');
    out.set(key, (out.get(key) ?? 0) + samples.values[typeIndex][s]);
  }
  for (const [k, v] of out) if (v === 0) out.delete(k);
  return out;
}

describe('parseHeapText on the real debug=1 heap profiles', () => {
  it.each(textSnapshots)('%s heap_%i.txt gives go tool pprof\'s per-function flat and cum of heap_N.pb.gz (within 1%%), same names, every sample type', (scenario, n) => {
    const profile = decodeText(scenario, n);
    expect(profile.format).toBe('heap-text');
    expect(profile.kind).toBe('heap');
    expect(profile.sampleTypes.map((t) => t.type)).toEqual(HEAP_TYPES);
    expect(profile.sampleTypes[profile.defaultSampleType].type).toBe('inuse_space');
    for (const type of HEAP_TYPES) {
      const reference = readExact(scenario, `single_${type}_${n}`).functions;
      const ours = functionTotals(profile, sampleTypeIndex(profile, type));
      const nonZero = [...ours].filter(([, t]) => t.flat !== 0 || t.cum !== 0).map(([name]) => name);
      expect(nonZero.sort(), `${type} function names`).toEqual(
        Object.entries(reference).filter(([, t]) => t.flat !== 0 || t.cum !== 0).map(([name]) => name).sort(),
      );
      for (const [name, ref] of Object.entries(reference)) {
        const got = ours.get(name) ?? { flat: 0, cum: 0 };
        expect(Math.abs(got.flat - ref.flat), `${type} ${name} flat ${got.flat} vs ${ref.flat}`).toBeLessThanOrEqual(Math.abs(ref.flat) * 0.01);
        expect(Math.abs(got.cum - ref.cum), `${type} ${name} cum ${got.cum} vs ${ref.cum}`).toBeLessThanOrEqual(Math.abs(ref.cum) * 0.01);
      }
    }
  });

  it.each(textSnapshots)('%s heap_%i.txt has the same stacks (inlined frames split, innermost first) and totals as the proto', (scenario, n) => {
    const text = decodeText(scenario, n);
    const proto = decodeProfile(readProfile(scenario, `heap_${n}.pb.gz`), `heap_${n}.pb.gz`);
    for (const type of HEAP_TYPES) {
      expect(sampleTotal(text, sampleTypeIndex(text, type))).toBe(sampleTotal(proto, sampleTypeIndex(proto, type)));
      expect(stackTotals(text, sampleTypeIndex(text, type))).toEqual(stackTotals(proto, sampleTypeIndex(proto, type)));
    }
  });

  it('keeps main.lookup, which the compiler inlined into main.main, as its own frame under main.main', () => {
    // pprof marks it "main.lookup (inline)" in map-cache/expected/traces_inuse_space_3.txt.
    const profile = decodeText('map-cache', 3);
    const stacks = [...stackTotals(profile, sampleTypeIndex(profile, 'inuse_space')).keys()];
    expect(stacks).toContain('main.lookup <- main.main <- runtime.main');
    expect(stacks).toContain('main.render <- main.lookup <- main.main <- runtime.main');
  });

  it('reads the sampling rate from the header as pprof does (heap/<2*MemProfileRate>) and sets period space/bytes', () => {
    expect(decodeText('map-cache', 3).period).toBe(524288); // heap/1048576
    expect(decodeText('closure-capture', 3).period).toBe(4096); // heap/8192
    const timer = decodeText('timer-leak', 3); // heap/2: MemProfileRate=1, every allocation recorded, no scaling
    expect(timer.period).toBe(1);
    expect(timer.periodType).toEqual({ type: 'space', unit: 'bytes' });
    expect(timer.timeMs).toBe(0);
  });

  it('keeps the object size of each record as the numeric label "bytes", like the runtime\'s proto', () => {
    const profile = decodeText('map-cache', 3);
    const sizes = profile.samples.labels.map((l) => l?.find((x) => x.key === 'bytes')?.num);
    expect(sizes).toContain(2048);
  });

  it.each(textSnapshots)('%s heap_%i.txt: the runtime.MemStats block becomes a numeric record with the numbers in the file', (scenario, n) => {
    const text = readProfileText(scenario, `heap_${n}.txt`);
    const field = (name: string): number => Number(new RegExp(`^# ${name} = (\\S+)`, 'm').exec(text)![1]);
    const stats = decodeText(scenario, n).memStats!;
    expect(stats).not.toBeNull();
    for (const key of ['Alloc', 'TotalAlloc', 'Sys', 'Mallocs', 'Frees', 'HeapAlloc', 'HeapSys', 'HeapIdle', 'HeapInuse', 'HeapReleased', 'HeapObjects', 'NextGC', 'NumGC', 'NumForcedGC', 'GCCPUFraction']) {
      expect(stats[key], key).toBe(field(key));
    }
    const stack = /^# Stack = (\d+) \/ (\d+)$/m.exec(text)!;
    expect(stats.StackInuse).toBe(Number(stack[1]));
    expect(stats.StackSys).toBe(Number(stack[2]));
    expect(stats.DebugGC).toBe(0);
    expect(stats.PauseNs).toBeUndefined(); // arrays are skipped
  });
});

describe('parseHeapText errors', () => {
  it('names the file and the line of a malformed record (a real profile with one line broken)', () => {
    const lines = readProfileText('map-cache', 'heap_3.txt').split('\n');
    const recordLine = lines.findIndex((l, i) => i > 0 && /^\d+: \d+ \[/.test(l) && i > 50);
    lines[recordLine] = lines[recordLine].replace(' [', ' (');
    const bytes = new TextEncoder().encode(lines.join('\n'));
    expect(() => decodeProfile(bytes, 'heap_2.txt')).toThrow(
      `heap_2.txt: line ${recordLine + 1}: expected '<count>: <bytes> [<count>: <bytes>] @ <addresses>'`,
    );
  });

  it('rejects a record whose count is 0 but whose bytes are not, as pprof does', () => {
    const text = readProfileText('slice-retention', 'heap_3.txt').replace(/^(\d+): (\d+) \[/m, '0: $2 [');
    expect(() => parseHeapText(text, 'heap_3.txt', text.length)).toThrow(/heap_3.txt: line 2: in-use count is 0 but its bytes are/);
  });

  it('rejects an unknown sampling scheme in the header with a clear error', () => {
    const text = readProfileText('slice-retention', 'heap_3.txt').replace('@ heap/1048576', '@ heapsampled/1048576');
    expect(() => parseHeapText(text, 'h.txt', text.length)).toThrow(ProfileError);
    expect(() => parseHeapText(text, 'h.txt', text.length)).toThrow(/line 1: /);
  });

  it('rejects a frame line that is outside any record', () => {
    // Hand-made: Go never writes a symbol line before the first record.
    const text = 'heap profile: 1: 16 [1: 16] @ heap/1048576\n#\t0x1\tmain.f+0x1\tmain.go:1\n';
    expect(() => parseHeapText(text, 'h.txt', text.length)).toThrow('h.txt: line 2: frame line outside a record');
  });
});

describe('scaleHeapSample (pprof legacy_profile.go)', () => {
  it('scales by 1/(1-exp(-avg/rate)) and truncates like Go int64(float64)', () => {
    // 1 object of 2048 B at the default rate: probability 2048/524288 of being sampled, roughly.
    const scale = 1 / (1 - Math.exp(-2048 / 524288));
    expect(scaleHeapSample(1, 2048, 524288)).toEqual([Math.trunc(scale), Math.trunc(2048 * scale)]);
  });

  it('leaves values alone at rate 1 (every allocation recorded) and rate 0 (unknown)', () => {
    // Hand-made values: rate 0 does not occur in the real files (heap/0 would need MemProfileRate=0).
    expect(scaleHeapSample(3, 48, 1)).toEqual([3, 48]);
    expect(scaleHeapSample(3, 48, 0)).toEqual([3, 48]);
    expect(scaleHeapSample(0, 0, 524288)).toEqual([0, 0]);
  });

  it('parses a heap/0 header as unscaled values with period 0', () => {
    // Hand-made: MemProfileRate=0 disables profiling, so no real profile has it; the parser must not divide by it.
    const text = 'heap profile: 1: 2048 [1: 2048] @ heap/0\n1: 2048 [1: 2048] @ 0x2\n#\t0x1\tmain.f+0x1\tmain.go:3\n';
    const profile = parseHeapText(text, 'h.txt', text.length);
    expect(profile.period).toBe(0);
    expect([...profile.samples.values[3]]).toEqual([2048]);
    expect(profile.memStats).toBeNull();
  });
});
