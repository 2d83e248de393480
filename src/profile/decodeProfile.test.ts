import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzip } from 'pako';
import { describe, expect, it } from 'vitest';
import { decodePprofReference } from './decodePprof.ts';
import { decodeProfile } from './decodeProfile.ts';
import { ProfileError } from './errors.ts';
import { gunzipProfile } from './gunzip.ts';
import { decodeLimits } from './limits.ts';
import { allProfileFiles, readProfile, repoRoot } from './text/fixtures.testutil.ts';

function readRepoFile(...parts: string[]): Uint8Array {
  return new Uint8Array(readFileSync(path.join(repoRoot, ...parts)));
}

const HEAP_TYPES = ['alloc_objects:count', 'alloc_space:bytes', 'inuse_objects:count', 'inuse_space:bytes'];

interface Expected {
  format: string;
  kind: string;
  types: string[];
  defaultType: string;
}

function expectedFor(file: string): Expected {
  const name = file.split('/').pop()!;
  if (/^heap_\d+\.pb\.gz$/.test(name)) return { format: 'pprof', kind: 'heap', types: HEAP_TYPES, defaultType: 'inuse_space' };
  if (/^heap_\d+\.txt$/.test(name)) return { format: 'heap-text', kind: 'heap', types: HEAP_TYPES, defaultType: 'inuse_space' };
  if (/^goroutine_\d+\.pb\.gz$/.test(name)) return { format: 'pprof', kind: 'goroutine', types: ['goroutine:count'], defaultType: 'goroutine' };
  if (/^goroutine_\d+\.debug[12]\.txt$/.test(name)) return { format: 'goroutine-text', kind: 'goroutine', types: ['goroutine:count'], defaultType: 'goroutine' };
  if (/^cpu_\w+\.pb\.gz$/.test(name)) return { format: 'pprof', kind: 'cpu', types: ['samples:count', 'cpu:nanoseconds'], defaultType: 'cpu' };
  throw new Error(`no expectation for ${file}`);
}

describe('decodeProfile on every real profile in ../shared/profiles', () => {
  const files = allProfileFiles();

  it('finds the shared profile set', () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
  });

  it.each(files)('%s: format, kind and sample types', (file) => {
    const bytes = readProfile(file);
    const profile = decodeProfile(bytes, file.split('/').pop()!);
    const expected = expectedFor(file);
    expect(profile.format).toBe(expected.format);
    expect(profile.kind).toBe(expected.kind);
    expect(profile.sampleTypes.map((t) => `${t.type}:${t.unit}`)).toEqual(expected.types);
    expect(profile.sampleTypes[profile.defaultSampleType].type).toBe(expected.defaultType);
    expect(profile.byteSize).toBe(bytes.length);
    expect(profile.samples.length).toBeGreaterThan(0);
    expect(profile.fileName).toBe(file.split('/').pop());
  });
});

describe('decodeProfile input errors', () => {
  it('rejects an empty file', () => {
    expect(() => decodeProfile(new Uint8Array(), 'heap.pb.gz')).toThrow('heap.pb.gz: is empty (0 bytes)');
  });

  it('names a legacy text profile it cannot read and says how to get the protobuf form', () => {
    // Hand-made: the shared set has no threadcreate or mutex text profiles; these are their first lines.
    const threadcreate = new TextEncoder().encode('threadcreate profile: total 9\n8 @\n#\t0x0\n\n');
    expect(() => decodeProfile(threadcreate, 'threads.txt')).toThrow('threads.txt: is a legacy text threadcreate profile (debug=1), which is not supported');
    const mutex = new TextEncoder().encode('--- mutex:\ncycles/second=2400000000\nsampling period=1\n');
    expect(() => decodeProfile(mutex, 'mutex.txt')).toThrow('Fetch it without ?debug=1 to get the protobuf form');
  });

  it('rejects text that is not a Go profile, quoting its start', () => {
    // Hand-made: any non-profile text shows the case; the real set has none.
    const bytes = new TextEncoder().encode('hello world\nthis is a README\n');
    expect(() => decodeProfile(bytes, 'notes.txt')).toThrow(ProfileError);
    expect(() => decodeProfile(bytes, 'notes.txt')).toThrow(/notes.txt: is text but not a Go profile/);
  });
});

// testdata/malformed and testdata/malicious are made from real profiles by scripts/make-bad-profiles.ts.
describe('decodeProfile on the malformed files the app must survive', () => {
  it.each([
    ['empty.pb.gz', 'empty', 'empty.pb.gz: is empty (0 bytes)'],
    ['truncated.pb.gz', 'gzip', 'truncated.pb.gz: gzip stream ended early at byte'],
    ['garbage.gz', 'not-a-profile', 'garbage.gz: is not a pprof profile (field 12 has wire type 3 at byte 0)'],
    ['truncated.pb', undefined, 'truncated.pb: '],
    ['badline_heap.txt', 'text-syntax', "badline_heap.txt: line 14: expected '<count>: <bytes> [<count>: <bytes>] @ <addresses>'"],
  ])('%s fails with a ProfileError naming the file and the problem', (name, code, message) => {
    let error: unknown;
    try {
      decodeProfile(readRepoFile('testdata/malformed', name), name);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProfileError);
    if (code) expect((error as ProfileError).code).toBe(code);
    expect((error as ProfileError).message).toContain(message);
  });

  it('the reference decoder says a cut-off raw protobuf is truncated, instead of a misleading reference error', () => {
    expect(() => decodeProfile(readRepoFile('testdata/malformed', 'truncated.pb'), 'truncated.pb', { decodeProtobuf: decodePprofReference })).toThrow(
      /truncated.pb: protobuf ended early: field 4 at byte \d+ needs \d+ bytes, \d+ remain \(the file is truncated\)/,
    );
  });

  it('keeps HTML/JS payload names as plain data, byte for byte', () => {
    for (const name of ['xss_heap.pb.gz', 'xss_heap_2.pb.gz']) {
      const profile = decodeProfile(readRepoFile('testdata/malicious', name), name);
      expect(profile.frames.name).toContain('<img src=x onerror=alert(1)>');
      expect(profile.frames.name).toContain('"><svg onload=alert(2)>');
      expect(profile.frames.file).toContain('javascript:alert(3)');
    }
  });
});

describe('decode limits (src/profile/limits.ts)', () => {
  it('stops a gzip bomb once the inflated size passes the cap', () => {
    // Hand-made: no real profile is a bomb. 8 MiB of zeros gzip to ~8 KB; the cap is lowered to 1 MiB
    // here so the test stays fast (the real cap is decodeLimits.maxInflatedBytes).
    const bomb = gzip(new Uint8Array(8 << 20));
    expect(() => gunzipProfile(bomb, 'bomb.pb.gz', 1 << 20)).toThrow('bomb.pb.gz: inflates to more than 1 MiB');
    expect(decodeLimits.maxInflatedBytes).toBe(512 * 1024 * 1024);
  });

  it('refuses a text stack deeper than maxStackDepth with a limit error (a real record, its frame line repeated)', () => {
    const lines = new TextDecoder().decode(readProfile('map-cache/heap_3.txt')).split('\n');
    const frame = lines.findIndex((l) => l.startsWith('#\t0x'));
    lines.splice(frame, 0, ...Array.from({ length: decodeLimits.maxStackDepth + 1 }, (_, i) => `#\t0x${(i + 16).toString(16)}\tmain.f${i}+0x1\tmain.go:${i}`));
    let error: unknown;
    try {
      decodeProfile(new TextEncoder().encode(lines.join('\n')), 'deep.txt');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProfileError);
    expect((error as ProfileError).code).toBe('limit');
    expect((error as ProfileError).message).toBe(`deep.txt: a stack is deeper than ${decodeLimits.maxStackDepth} frames`);
  });
});
