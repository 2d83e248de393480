import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSuspectsReport } from './suspectsReport.ts';
import { load, sharedProfiles } from './testProfiles.testutil.ts';

const timer = (f: string) => load(path.join(sharedProfiles, 'timer-leak', f));

describe('buildSuspectsReport', () => {
  it('ranks by growth for a pair', () => {
    const [h1, h3] = [timer('heap_1.pb.gz'), timer('heap_3.pb.gz')];
    const report = buildSuspectsReport(h1, h3, 'inuse_space', [h1, h3]);
    expect(report.trendSnapshots).toBe(0);
    expect(report.suspects[0]).toMatchObject({ pattern: 'timer-leak', function: 'time.After' });
    expect(report.byFunction.get('time.NewTimer')).toEqual(['timer-leak']);
  });

  it('ranks by trend with three snapshots, and uses a goroutine pair loaded beside as evidence', () => {
    const heaps = ['heap_1.pb.gz', 'heap_2.pb.gz', 'heap_3.pb.gz'].map(timer);
    const goroutines = ['goroutine_1.pb.gz', 'goroutine_3.pb.gz'].map(timer);
    const report = buildSuspectsReport(heaps[0], heaps[2], 'inuse_space', [...heaps, ...goroutines]);
    expect(report.trendSnapshots).toBe(3);
    expect(report.companionNote).toBe('goroutine_1.pb.gz → goroutine_3.pb.gz');
    expect(report.suspects[0].pattern).toBe('timer-leak');
    expect(report.suspects[0].trendText).toMatch(/^grew in 2 of 2 intervals, \+/);
  });

  it('a goroutine pair with the heap pair beside it names the ticker', () => {
    const all = ['heap_1.pb.gz', 'heap_3.pb.gz', 'goroutine_1.pb.gz', 'goroutine_3.pb.gz'].map(timer);
    const report = buildSuspectsReport(all[2], all[3], 'goroutine', all);
    expect(report.companionNote).toBe('heap_1.pb.gz → heap_3.pb.gz');
    expect(report.suspects[0].reason).toContain('time.NewTicker');
  });

  it('survives a structured clone (it may be computed in a Worker)', () => {
    const [h1, h3] = [timer('heap_1.pb.gz'), timer('heap_3.pb.gz')];
    const report = buildSuspectsReport(h1, h3, 'inuse_space', [h1, h3]);
    expect(structuredClone(report)).toEqual(report);
  });
});
