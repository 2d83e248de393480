import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSuspectsReport } from './suspectsReport.ts';
import { packSuspectsReport, unpackSuspectsReport } from './suspectsTransfer.ts';
import { load, sharedProfiles } from './testProfiles.testutil.ts';

const timer = (f: string) => load(path.join(sharedProfiles, 'timer-leak', f));

describe('packed suspects report', () => {
  it('comes back identical after packing, a structured clone and unpacking, byPath as a lookup', () => {
    const all = ['heap_1.pb.gz', 'heap_2.pb.gz', 'heap_3.pb.gz', 'goroutine_1.pb.gz', 'goroutine_3.pb.gz'].map(timer);
    const report = buildSuspectsReport(all[0], all[2], 'inuse_space', all);
    expect(report.byPath.size).toBeGreaterThan(0);
    const { byPath, ...rest } = report;
    const { patternsAtPath, ...unpacked } = unpackSuspectsReport(structuredClone(packSuspectsReport(report)));
    expect(unpacked).toEqual(rest);
    for (const [key, ids] of byPath) expect(patternsAtPath(key.split('\n'))).toEqual(ids);
    expect(patternsAtPath(['main.main'])).toBe(byPath.get('main.main'));
    expect(patternsAtPath(['no.such', 'path'])).toBeUndefined();
  });

  it('carries each function name once, however many stacks and paths name it', () => {
    const [h1, h3] = [timer('heap_1.pb.gz'), timer('heap_3.pb.gz')];
    const packed = packSuspectsReport(buildSuspectsReport(h1, h3, 'inuse_space', [h1, h3]));
    expect(new Set(packed.names).size).toBe(packed.names.length);
    expect(packed.names).toContain('main.main');
  });
});
