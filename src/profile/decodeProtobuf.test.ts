import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Function as PprofFunction, Label, Line, Location, Mapping, Profile as PprofProfile, Sample, StringTable, ValueType } from 'pprof-format';
import { describe, expect, it } from 'vitest';
import { benchSpecs, generateSeries } from '../../bench/generateProfile.ts';
import { decodePprofReference } from './decodePprof.ts';
import { decodeProfile } from './decodeProfile.ts';
import { decodeProtobuf } from './decodeProtobuf.ts';
import { ProfileError } from './errors.ts';
import { expectSameModel } from './sameModel.testutil.ts';

const repoRoot = path.resolve(__dirname, '../..');
const profilesDir = path.resolve(repoRoot, '../shared/profiles');

function protobufFixtures(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) {
        if (name !== 'gen') walk(full);
      } else if (name.endsWith('.pb.gz')) {
        out.push(full);
      }
    }
  };
  walk(profilesDir);
  return out.sort();
}

function rawOf(file: string): Uint8Array {
  return new Uint8Array(gunzipSync(readFileSync(file)));
}

function decodeBothWays(raw: Uint8Array, name: string): void {
  const ours = decodeProtobuf(raw, name, raw.length);
  const reference = decodePprofReference(raw, name, raw.length);
  expectSameModel(ours, reference);
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('decodeProtobuf gives exactly the reference model', () => {
  const fixtures = protobufFixtures();

  it('finds the real protobuf profiles', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(20);
  });

  for (const file of fixtures) {
    it(`on ${path.relative(profilesDir, file)}`, () => {
      decodeBothWays(rawOf(file), path.basename(file));
    });
  }

  it('on generated Go-like heap profiles (the benchmark inputs), first and last snapshot', () => {
    for (const snapshot of generateSeries(benchSpecs.small, 2)) {
      decodeBothWays(new Uint8Array(gunzipSync(snapshot.gz)), snapshot.name);
    }
  });

  it('is what decodeProfile uses by default', () => {
    const file = fixtures[0];
    const bytes = new Uint8Array(readFileSync(file));
    const raw = rawOf(file);
    expect(decodeProfile(bytes, 'a.pb.gz')).toStrictEqual(decodeProtobuf(raw, 'a.pb.gz', bytes.length));
  });
});

// Go's runtime never writes negative values, labels with units or comments, but `go tool pprof -proto`
// writes negative values for diffs and other producers set the rest: a hand-made profile shows every field.
function handMadeProfile(): Uint8Array {
  const strings = new StringTable();
  const s = (v: string): number => strings.dedup(v);
  const fn = (id: number, name: string): PprofFunction =>
    new PprofFunction({ id, name: s(name), systemName: s(name), filename: s(`/src/${name}.go`), startLine: 1 });
  const profile = new PprofProfile({
    sampleType: [new ValueType({ type: s('inuse_objects'), unit: s('count') }), new ValueType({ type: s('inuse_space'), unit: s('bytes') })],
    function: [fn(1, 'main.main'), fn(2, 'main.leak'), fn(3, 'main.inlined'), fn(4, 'runtime.main')],
    location: [
      new Location({ id: 10, mappingId: 1, address: 0x1000, line: [new Line({ functionId: 3, line: 7 }), new Line({ functionId: 2, line: 42 })] }),
      new Location({ id: 11, mappingId: 1, address: 0x2000, line: [new Line({ functionId: 1, line: 12 })] }),
      new Location({ id: 12, mappingId: 1, address: 0x3000, line: [new Line({ functionId: 4, line: 250 })] }),
      new Location({ id: 13, mappingId: 1, address: 0xdeadbeef, line: [] }),
    ],
    sample: [
      new Sample({ locationId: [10, 11, 12], value: [-5, -5 * 2 ** 40], label: [new Label({ key: s('bytes'), num: 2 ** 40 })] }),
      new Sample({
        locationId: [13, 11, 12],
        value: [3, -(2n ** 62n)],
        label: [new Label({ key: s('request'), str: s('/api/ü') }), new Label({ key: s('size'), num: -12, numUnit: s('kilobytes') })],
      }),
      new Sample({ locationId: [11, 12], value: [-1, -9_007_199_254_740_993n] }),
      new Sample({ locationId: [], value: [0, 0] }),
    ],
    mapping: [new Mapping({ id: 1, memoryStart: 0x400000, memoryLimit: 0xffffffff_fff0n, fileOffset: 0, filename: s('/bin/app'), buildId: s('abc123') })],
    dropFrames: s('runtime\\..*'),
    keepFrames: s('main\\..*'),
    timeNanos: -1_000_000_000n,
    durationNanos: 10_000_000_000,
    periodType: new ValueType({ type: s('space'), unit: s('bytes') }),
    period: -524288,
    comment: [s('first comment'), s('second')],
    defaultSampleType: s('inuse_objects'),
    stringTable: strings,
  });
  return profile.encode();
}

describe('decodeProtobuf reads every field', () => {
  it('sign-extends negative int64 values, labels, comments, mappings, drop/keep frames and the header', () => {
    const raw = handMadeProfile();
    decodeBothWays(raw, 'hand.pb');
    const p = decodeProtobuf(raw, 'hand.pb', raw.length);
    expect(Array.from(p.samples.values[0])).toEqual([-5, 3, -1, 0]);
    expect(Array.from(p.samples.values[1])).toEqual([-5 * 2 ** 40, -(2 ** 62), Number(-9_007_199_254_740_993n), 0]);
    expect(p.samples.labels[0]).toEqual([{ key: 'bytes', num: 2 ** 40 }]);
    expect(p.samples.labels[1]).toEqual([{ key: 'request', str: '/api/ü' }, { key: 'size', num: -12, unit: 'kilobytes' }]);
    expect(p.samples.labels[2]).toBeUndefined();
    expect(p.samples.stack[3]).toBe(-1);
    expect(p.comments).toEqual(['first comment', 'second']);
    expect(p.mappings).toEqual([{ start: 0x400000, limit: 0xffffffff_fff0, offset: 0, file: '/bin/app', buildId: 'abc123' }]);
    expect([p.dropFrames, p.keepFrames]).toEqual(['runtime\\..*', 'main\\..*']);
    expect(p.sampleTypes[p.defaultSampleType].type).toBe('inuse_objects');
    expect([p.period, p.timeMs, p.durationNanos]).toEqual([-524288, -1000, 10_000_000_000]);
    expect(p.periodType).toEqual({ type: 'space', unit: 'bytes' });
  });

  it('makes inlined lines separate frames, innermost nearest the leaf', () => {
    const raw = handMadeProfile();
    const p = decodeProtobuf(raw, 'hand.pb', raw.length);
    const names: string[] = [];
    for (let st = p.samples.stack[0]; st >= 0; st = p.stacks.parent[st]) names.push(p.frames.name[p.stacks.frame[st]]);
    expect(names).toEqual(['main.inlined', 'main.leak', 'main.main', 'runtime.main']);
    const second: string[] = [];
    for (let st = p.samples.stack[1]; st >= 0; st = p.stacks.parent[st]) second.push(p.frames.name[p.stacks.frame[st]]);
    expect(second[0]).toBe('0xdeadbeef');
  });

  // pprof-format always writes packed repeated fields, canonical varints and no empty runs; Go's encoder too.
  // Other writers may not, which the protobuf spec allows, so this builds those forms byte by byte.
  it('reads unpacked, empty and non-canonical location lists like packed ones, and groups equal ones', () => {
    const bytes: number[] = [];
    const varint = (v: number): void => {
      while (v >= 0x80) {
        bytes.push((v & 0x7f) | 0x80);
        v = Math.floor(v / 128);
      }
      bytes.push(v);
    };
    const message = (field: number, body: number[]): void => {
      bytes.push((field << 3) | 2);
      varint(body.length);
      bytes.push(...body);
    };
    const str = (field: number, text: string): void => message(field, Array.from(new TextEncoder().encode(text)));
    const sub = (build: () => void): number[] => {
      const saved = bytes.splice(0);
      build();
      return bytes.splice(0, bytes.length, ...saved);
    };
    const sampleType = sub(() => { bytes.push(0x08); varint(1); bytes.push(0x10); varint(2); });
    const unpacked = sub(() => { bytes.push(0x08); varint(1); bytes.push(0x08); varint(2); bytes.push(0x10); varint(7); });
    const packed = sub(() => { message(1, [1, 2]); bytes.push(0x10); varint(5); });
    // Location 1 written as the two-byte varint 0x81 0x00: the same ids in other bytes.
    const nonCanonical = sub(() => { message(1, [0x81, 0x00, 2]); bytes.push(0x10); varint(3); });
    const empty = sub(() => { message(1, []); bytes.push(0x10); varint(11); });
    const loc1 = sub(() => { bytes.push(0x08); varint(1); message(4, sub(() => { bytes.push(0x08); varint(1); })); });
    const loc2 = sub(() => { bytes.push(0x08); varint(2); message(4, sub(() => { bytes.push(0x08); varint(2); })); });
    const fn1 = sub(() => { bytes.push(0x08); varint(1); bytes.push(0x10); varint(3); });
    const fn2 = sub(() => { bytes.push(0x08); varint(2); bytes.push(0x10); varint(4); });
    message(1, sampleType);
    for (const sample of [unpacked, packed, nonCanonical, empty]) message(2, sample);
    message(4, loc1);
    message(4, loc2);
    message(5, fn1);
    message(5, fn2);
    for (const s of ['', 'objects', 'count', 'main.leaf', 'main.main']) str(6, s);
    const raw = new Uint8Array(bytes);
    decodeBothWays(raw, 'unpacked.pb');
    const p = decodeProtobuf(raw, 'unpacked.pb', raw.length);
    expect(p.frames.name[p.stacks.frame[p.samples.stack[0]]]).toBe('main.leaf');
    expect(Array.from(p.samples.values[0])).toEqual([7, 5, 3, 11]);
    expect(Array.from(p.samples.stack)).toEqual([1, 1, 1, -1]);
    expect(Array.from(p.samples.mergeKey ?? [])).toEqual([0, 0, 0, 1]);
  });
});

describe('decodeProtobuf on malformed input', () => {
  // Hand-made: no real profile repeats a location of a thousand inlined frames, which is the point here.
  it('refuses a small file whose samples repeat one deeply inlined location, before it fills memory', () => {
    const strings = new StringTable();
    const s = (v: string): number => strings.dedup(v);
    const functions = Array.from({ length: 1000 }, (_, i) => new PprofFunction({ id: i + 1, name: s(`pkg.f${i}`), filename: s('/src/f.go') }));
    const inlined = new Location({ id: 1, line: functions.map((f) => new Line({ functionId: f.id, line: 1 })) });
    const leaves = Array.from({ length: 3000 }, (_, i) => new Location({ id: i + 2, address: 0x1000 + i }));
    const profile = new PprofProfile({
      sampleType: [new ValueType({ type: s('inuse_space'), unit: s('bytes') })],
      function: functions,
      location: [inlined, ...leaves],
      sample: leaves.map((leaf) => new Sample({ locationId: [leaf.id, 1], value: [1] })),
      stringTable: strings,
    });
    const raw = profile.encode();
    expect(raw.length).toBeLessThan(100_000);
    const fast = thrown(() => decodeProtobuf(raw, 'inlined.pb', raw.length));
    const reference = thrown(() => decodePprofReference(raw, 'inlined.pb', raw.length));
    expect(fast).toBeInstanceOf(ProfileError);
    expect((fast as ProfileError).code).toBe('limit');
    expect((fast as ProfileError).message).toMatch(/^inlined\.pb: its call paths hold more than \d+ frames in all \(limit: 4 per byte of profile\)$/);
    expect((reference as ProfileError).message).toBe((fast as ProfileError).message);
  });

  const raw = rawOf(protobufFixtures().find((f) => f.endsWith('goroutine_1.pb.gz')) ?? protobufFixtures()[0]);

  it('turns every truncation of a real profile into a profile or a ProfileError, never another exception', () => {
    for (let len = 0; len < raw.length; len++) {
      const e = thrown(() => decodeProtobuf(raw.subarray(0, len), 'cut.pb', len));
      if (e !== undefined) expect(e).toBeInstanceOf(ProfileError);
    }
  });

  it('names the byte offset of a truncated varint', () => {
    // A sample type whose varint never ends: tag 0x0a, length 2, then field 1 with a continuation byte.
    const e = thrown(() => decodeProtobuf(new Uint8Array([0x0a, 0x02, 0x08, 0x80]), 'bad.pb', 4));
    expect(e).toBeInstanceOf(ProfileError);
    expect((e as ProfileError).message).toBe('bad.pb: truncated varint at byte 3');
  });

  it('names a string index that is out of range and the size of the table', () => {
    // sample_type {type: 99, unit: 0}, string_table [""]
    const e = thrown(() => decodeProtobuf(new Uint8Array([0x0a, 0x02, 0x08, 99, 0x32, 0x00]), 'bad.pb', 6));
    expect(e).toBeInstanceOf(ProfileError);
    expect((e as ProfileError).message).toMatch(/string index 99 out of range \(table has 1\) in sample type 0 at byte 2/);
  });

  it('reports a length that runs past the end', () => {
    const e = thrown(() => decodeProtobuf(raw.subarray(0, Math.floor(raw.length / 2)), 'half.pb', 0));
    expect(e).toBeInstanceOf(ProfileError);
    expect((e as ProfileError).code).toBe('protobuf');
    expect((e as ProfileError).message).toMatch(/at byte \d+/);
  });

  it('refuses varints longer than ten bytes and missing locations', () => {
    const tooLong = new Uint8Array([0x60, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
    expect((thrown(() => decodeProtobuf(tooLong, 'x.pb', 12)) as Error).message).toMatch(/varint longer than 10 bytes at byte 1/);
    // sample_type {1, 2}, sample {location_id: [5], value: [1]}, strings "", "a", "b"
    const missing = new Uint8Array([0x0a, 0x04, 0x08, 1, 0x10, 2, 0x12, 0x06, 0x0a, 0x01, 5, 0x12, 0x01, 1, 0x32, 0, 0x32, 1, 97, 0x32, 1, 98]);
    const e = thrown(() => decodeProtobuf(missing, 'x.pb', missing.length));
    expect(e).toBeInstanceOf(ProfileError);
    expect((e as ProfileError).message).toMatch(/sample 0 refers to missing location 5 at byte 10/);
  });

  it('survives random byte flips with a profile or a ProfileError', () => {
    let seed = 12345;
    const next = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed;
    };
    for (let round = 0; round < 300; round++) {
      const copy = raw.slice();
      for (let k = 0; k < 4; k++) copy[next() % copy.length] = next() & 0xff;
      const e = thrown(() => decodeProtobuf(copy, 'flip.pb', copy.length));
      if (e !== undefined) expect(e).toBeInstanceOf(ProfileError);
    }
  });
});

describe('samples.mergeKey groups the samples go tool pprof merges before -normalize', () => {
  it('gives equal ids exactly to samples with the same location ids and labels (context-leak/heap_2 has such pairs)', () => {
    const file = path.join(profilesDir, 'context-leak/heap_2.pb.gz');
    const profile = decodeProtobuf(rawOf(file), 'heap_2.pb.gz', 0);
    const pb = PprofProfile.decode(rawOf(file));
    const keyOf = (i: number): string =>
      JSON.stringify([pb.sample[i].locationId.map(Number), pb.sample[i].label.map((l) => [l.key, l.str, l.num, l.numUnit].map(Number))]);
    const mergeKey = profile.samples.mergeKey!;
    expect(mergeKey).toHaveLength(profile.samples.length);
    const groupOfKey = new Map<string, number>();
    let merged = 0;
    for (let i = 0; i < profile.samples.length; i++) {
      const key = keyOf(i);
      const group = groupOfKey.get(key);
      if (group === undefined) {
        expect(mergeKey[i]).toBe(groupOfKey.size);
        groupOfKey.set(key, mergeKey[i]);
      } else {
        expect(mergeKey[i]).toBe(group);
        merged++;
      }
    }
    expect(merged).toBeGreaterThan(0);
  });
});
