import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeProfile } from '../profile/decodeProfile.ts';
import { profilesDir, readProfileBytes, repoRoot } from '../testing/sharedProfiles.ts';
import { diffGoroutines, groupGoroutines, GoroutineInputError } from './groups.ts';

const load = (dir: string, file: string) => decodeProfile(readProfileBytes(dir, file), file);
const shared = (file: string) => load(profilesDir, file);

// The blocked groups each scenario leaks, as its program (../shared/profiles/gen) writes them.
const leaks = {
  'goroutine-leak': [
    { state: 'chan send', entry: 'main.query.func1', createdBy: 'main.query', base: 1500, next: 4500 },
    { state: 'chan receive', entry: 'main.subscribe.func1', createdBy: 'main.subscribe', base: 1000, next: 3000 },
    { state: 'select', entry: 'main.watch.func1', createdBy: 'main.watch', base: 500, next: 1500 },
  ],
  'timer-leak': [{ state: 'chan receive', entry: 'main.startHeartbeat.func1', createdBy: 'main.startHeartbeat', base: 300, next: 900 }],
} as const;

describe('diffGoroutines on the real goroutine-leak and timer-leak profiles', () => {
  for (const [scenario, expected] of Object.entries(leaks)) {
    for (const target of ['goroutine_3.pb.gz', 'goroutine_3.debug2.txt', 'goroutine_3.debug1.txt']) {
      it(`${scenario}: goroutine_1.pb.gz → ${target} shows each blocked group with its state and creator`, () => {
        const diff = diffGoroutines(shared(`${scenario}/goroutine_1.pb.gz`), shared(`${scenario}/${target}`));
        expected.forEach((want, i) => {
          const got = diff.groups[i];
          expect(got.group.state).toBe(want.state);
          expect(got.group.entry).toBe(want.entry);
          expect(got.group.createdBy).toEqual([want.createdBy]);
          expect(got.group.createdByInferred).toBe(!target.endsWith('debug2.txt'));
          expect(got.group.blocked).toBe(true);
          expect([got.countBase, got.countNew]).toEqual([want.base, want.next]);
        });
        expect(diff.totalNew - diff.totalBase).toBe(expected.reduce((t, w) => t + w.next - w.base, 0));
      });
    }
  }

  it('takes the creator site and the wait time from debug=2', () => {
    const diff = diffGoroutines(shared('timer-leak/goroutine_1.pb.gz'), shared('timer-leak/goroutine_3.debug2.txt'));
    const heartbeat = diff.groups[0].group;
    expect(heartbeat.createdAt).toBe('profilegen/timer-leak/main.go:37');
    // The program ran for seconds: Go prints no minutes, so the longest wait is 0, not unknown.
    expect(heartbeat.longestWaitMinutes).toEqual([null, 0]);
  });

  it('refuses a heap profile with a message naming it', () => {
    expect(() => groupGoroutines([shared('timer-leak/heap_1.pb.gz')])).toThrow(GoroutineInputError);
    expect(() => groupGoroutines([shared('timer-leak/heap_1.pb.gz')])).toThrow(/heap_1\.pb\.gz is a heap profile/);
  });
});

describe('groupGoroutines over three snapshots (testdata/trend, from testdata/programs/churn-sessions)', () => {
  // The shared fixtures have no goroutine churn; this program parks 10 -> 40 -> 5 pool workers.
  const trendDir = path.join(repoRoot, 'testdata/trend');
  for (const form of ['pb.gz', 'debug2.txt']) {
    it(`tells the leaking listeners from the churning pool (${form})`, () => {
      const grouped = groupGoroutines([1, 2, 3].map((i) => load(trendDir, `goroutine_${i}.${form}`)));
      const listeners = grouped.groups[0];
      expect(listeners.state).toBe('chan receive');
      expect(listeners.entry).toBe('main.startListener.func1');
      expect(listeners.createdBy).toEqual(['main.startListener']);
      expect(listeners.counts).toEqual([20, 40, 60]);
      const pool = grouped.groups.find((g) => g.entry === 'main.runPool.func1');
      expect(pool?.state).toBe('semacquire');
      expect(pool?.counts).toEqual([10, 40, 5]);
    });
  }
});
