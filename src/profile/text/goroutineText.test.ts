import { describe, expect, it } from 'vitest';
import { decodeProfile } from '../decodeProfile.ts';
import type { Profile, SampleLabel } from '../model.ts';
import { goroutineScenarios, readExact, readProfile, readProfileText } from './fixtures.testutil.ts';
import { functionTotals, sampleTotal } from './functionTotals.testutil.ts';
import { parseGoroutineText } from './goroutineText.ts';

const textForms = goroutineScenarios.flatMap((s) => ['goroutine_3.debug1.txt', 'goroutine_3.debug2.txt'].map((f) => [s, f] as const));

function labelOf(labels: readonly SampleLabel[] | undefined, key: string): SampleLabel | undefined {
  return labels?.find((l) => l.key === key);
}

function decodeText(scenario: string, file: string): Profile {
  return decodeProfile(readProfile(scenario, file), file);
}

// The text forms cannot show these, so they are the only allowed differences from the proto:
// - leading runtime frames (runtime.gopark, runtime.chanrecv ...): debug=1 prints no symbol for them and the
//   dump hides them (and runtime.main);
// - the goroutine that wrote the profile: the dump is written by writeGoroutineStacks, the proto by
//   writeRuntimeProfile, so its few frames differ.
const hiddenByText = (name: string): boolean => name.startsWith('runtime.');
const profileWriter = new Set(['runtime/pprof.writeGoroutineStacks', 'runtime/pprof.writeRuntimeProfile', 'runtime/pprof.runtime_goroutineProfileWithLabels']);

describe('parseGoroutineText on the real goroutine profiles', () => {
  it.each(textForms)('%s %s gives the total and per-function cum counts of goroutine_3.pb.gz', (scenario, file) => {
    const profile = decodeText(scenario, file);
    expect(profile.format).toBe('goroutine-text');
    expect(profile.kind).toBe('goroutine');
    expect(profile.sampleTypes).toEqual([{ type: 'goroutine', unit: 'count' }]);

    const proto = decodeProfile(readProfile(scenario, 'goroutine_3.pb.gz'), 'goroutine_3.pb.gz');
    expect(sampleTotal(profile, 0)).toBe(sampleTotal(proto, 0));

    const reference = readExact(scenario, 'single_goroutine_3').functions;
    const ours = functionTotals(profile, 0);
    for (const [name, ref] of Object.entries(reference)) {
      const got = ours.get(name);
      if (got === undefined) {
        expect(hiddenByText(name) || profileWriter.has(name), `${name} missing`).toBe(true);
      } else {
        expect(got.cum, name).toBe(ref.cum);
      }
    }
    for (const name of ours.keys()) {
      expect(name in reference || profileWriter.has(name), `${name} is not in the proto`).toBe(true);
    }
  });

  it('debug=1: one sample per record with its count, frames from the # lines', () => {
    const profile = decodeText('goroutine-leak', 'goroutine_3.debug1.txt');
    expect([...profile.samples.values[0]]).toEqual([4500, 3000, 1500, 1]);
    expect(profile.periodType).toEqual({ type: 'goroutine', unit: 'count' });
    expect(profile.timeMs).toBe(0);
  });

  it('debug=2: groups 9001 goroutines by stack, state and creator, keeping them as labels', () => {
    const profile = decodeText('goroutine-leak', 'goroutine_3.debug2.txt');
    expect(profile.samples.length).toBe(4);
    const byState = new Map<string, { count: number; labels: readonly SampleLabel[] | undefined }>();
    for (let i = 0; i < profile.samples.length; i++) {
      const labels = profile.samples.labels[i];
      byState.set(labelOf(labels, 'state')!.str!, { count: profile.samples.values[0][i], labels });
    }
    expect(byState.get('chan send')!.count).toBe(4500);
    expect(byState.get('chan receive')!.count).toBe(3000);
    expect(byState.get('select')!.count).toBe(1500);
    expect(byState.get('running')!.count).toBe(1);
    const send = byState.get('chan send')!.labels;
    expect(labelOf(send, 'created_by')?.str).toBe('main.query');
    expect(labelOf(send, 'created_at')?.str).toBe('profilegen/goroutine-leak/main.go:25');
    expect(labelOf(send, 'wait_minutes')?.num).toBe(0);
    expect(labelOf(byState.get('running')!.labels, 'created_by')).toBeUndefined();
  });

  it('debug=2: the creator is a label, not a frame (pprof\'s proto has only the goroutine\'s own stack)', () => {
    const profile = decodeText('timer-leak', 'goroutine_3.debug2.txt');
    expect(profile.frames.name).not.toContain('main.startHeartbeat');
    expect(profile.frames.name).toContain('main.startHeartbeat.func1');
    const proto = decodeProfile(readProfile('timer-leak', 'goroutine_3.pb.gz'), 'goroutine_3.pb.gz');
    expect(proto.frames.name).not.toContain('main.startHeartbeat');
  });

  it('debug=2: keeps file and line of each frame', () => {
    const profile = decodeText('timer-leak', 'goroutine_3.debug2.txt');
    const i = profile.frames.name.indexOf('main.startHeartbeat.func1');
    expect(profile.frames.file[i]).toBe('profilegen/timer-leak/main.go');
    expect(profile.frames.line[i]).toBe(38);
  });
});

describe('parseGoroutineText on forms the real files do not show', () => {
  // Hand-made: the generator's goroutines waited under a minute (no "N minutes"), ran on Go 1.19 (no
  // "in goroutine N"), had shallow stacks (no elision) and no pprof labels.
  it('debug=2: reads wait minutes (max per group), "created by ... in goroutine N" and elided frames', () => {
    const dump = [
      'goroutine 7 [chan receive, 3 minutes]:',
      'main.worker(0xc000010000)',
      '\t/src/app/main.go:38 +0x4f',
      '...additional frames elided...',
      'created by main.start in goroutine 1',
      '\t/src/app/main.go:37 +0x73',
      '',
      'goroutine 8 [chan receive, 12 minutes, locked to thread]:',
      'main.worker(0xc000010008)',
      '\t/src/app/main.go:38 +0x4f',
      '...additional frames elided...',
      'created by main.start in goroutine 1',
      '\t/src/app/main.go:37 +0x73',
      '',
      'goroutine 9 [select]:',
      'main.(*Server).loop(...)',
      '\t/src/app/server.go:10',
      'main.main()',
      '\t/src/app/main.go:5 +0x1d',
      '',
    ].join('\n');
    const profile = parseGoroutineText(dump, 'dump.txt', dump.length);
    expect(profile.samples.length).toBe(2);
    expect(profile.samples.values[0][0]).toBe(2);
    const labels = profile.samples.labels[0];
    expect(labelOf(labels, 'state')?.str).toBe('chan receive');
    expect(labelOf(labels, 'wait_minutes')?.num).toBe(12);
    expect(labelOf(labels, 'created_by')?.str).toBe('main.start');
    expect(labelOf(labels, 'created_at')?.str).toBe('/src/app/main.go:37');
    expect(profile.frames.name).toEqual(['main.worker', 'main.(*Server).loop', 'main.main']);
  });

  it('debug=1: reads pprof labels printed as "# labels: {...}"', () => {
    const text = [
      'goroutine profile: total 3',
      '3 @ 0x437956 0x4b848f 0x462ee1',
      '# labels: {"handler":"/api", "tenant":"a\\"b"}',
      '#\t0x4b848e\tmain.serve+0x4e\t/src/app/main.go:38',
      '',
    ].join('\n');
    const profile = parseGoroutineText(text, 'g.txt', text.length);
    expect(profile.samples.labels[0]).toEqual([
      { key: 'handler', str: '/api' },
      { key: 'tenant', str: 'a"b' },
    ]);
  });

  it('reports a malformed line with its line number', () => {
    const lines = readProfileText('timer-leak', 'goroutine_3.debug1.txt').split('\n');
    lines[1] = lines[1].replace(' @ ', ' at ');
    expect(() => decodeProfile(new TextEncoder().encode(lines.join('\n')), 'goroutine_3.debug1.txt')).toThrow(
      "goroutine_3.debug1.txt: line 2: expected '<count> @ <addresses>'",
    );
    const dump = readProfileText('timer-leak', 'goroutine_3.debug2.txt').split('\n');
    dump[17] = 'not a frame';
    expect(() => decodeProfile(new TextEncoder().encode(dump.join('\n')), 'goroutine_3.debug2.txt')).toThrow(
      "goroutine_3.debug2.txt: line 18: expected a function line like 'pkg.fn(...)'",
    );
  });
});
