// Property-based fuzzing of decodeProfile on mutated real profiles: bit flips, truncations, splices, random
// bytes and number rewrites, gzipped and raw. Whatever the bytes, decodeProfile returns a well-formed Profile
// or throws a ProfileError raised on purpose (not an internal TypeError wrapped by the catch-all), within a
// time bound; and the fast protobuf decoder agrees with the reference (same model, or a documented stricter check). Seeded: a failure prints its seed and path, and `FUZZ_DUMP_DIR=dir` writes the failing bytes
// there so they can become fixtures under testdata/regressions/.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { gzip, ungzip } from 'pako';
import { describe, expect, it } from 'vitest';
import { decodePprofReference } from './decodePprof.ts';
import { decodeProfile, type DecodeOptions } from './decodeProfile.ts';
import { decodeProtobuf } from './decodeProtobuf.ts';
import { ProfileError } from './errors.ts';
import type { Profile } from './model.ts';
import { expectSameModel } from './sameModel.testutil.ts';
import { readProfile, repoRoot } from './text/fixtures.testutil.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20261122);
/**
 * Per input, in CPU time of this process (not wall time, so a busy machine does not make it flaky). Real
 * profiles of these sizes decode in under 50 ms; the quadratic regexes fuzzing found took 1.2 s and more.
 */
const MAX_CPU_MS_PER_INPUT = 1000;
/** Wall-clock cap per property, far above the ~5 s each takes on an idle 2-core machine. */
const PROPERTY_TIMEOUT_MS = 240_000;
const RUNS_PER_FORMAT = Number(process.env.FUZZ_RUNS ?? 2000);

// Both protobuf decoders see every case: the fast default and pprof-format's reference.
const decoderOptions: readonly (DecodeOptions & { label: string })[] = [
  { label: 'fast', decodeProtobuf },
  { label: 'reference', decodeProtobuf: decodePprofReference },
];

/** The first `goroutines` goroutines of a real debug=2 dump: the whole file is 150 KB, too slow per case. */
function dumpPrefix(text: string, goroutines: number): string {
  const blocks = text.split('\n\n');
  return `${blocks.slice(0, goroutines).join('\n\n')}\n`;
}

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const gzSeeds = ['map-cache/heap_3.pb.gz', 'syncpool-escape/heap_1.pb.gz', 'goroutine-leak/goroutine_3.pb.gz', 'cpu/cpu_new.pb.gz', 'context-leak/heap_1.pb.gz'];
const seeds = {
  'gzip-pprof': gzSeeds.map((f) => readProfile(f)),
  'raw-pprof': gzSeeds.map((f) => ungzip(readProfile(f))),
  'heap-text': ['map-cache/heap_3.txt', 'slice-retention/heap_1.txt', 'closure-capture/heap_1.txt'].map((f) => readProfile(f)),
  'goroutine-debug1': ['timer-leak/goroutine_3.debug1.txt', 'goroutine-leak/goroutine_3.debug1.txt'].map((f) => readProfile(f)),
  'goroutine-debug2': [
    text(dumpPrefix(new TextDecoder().decode(readProfile('timer-leak/goroutine_3.debug2.txt')), 40)),
    text(dumpPrefix(new TextDecoder().decode(readProfile('goroutine-leak/goroutine_3.debug2.txt')), 25)),
  ],
} as const;
type Format = keyof typeof seeds;
const allSeeds: readonly Uint8Array[] = Object.values(seeds).flat();

type Mutation =
  | { kind: 'flip'; pos: number; bit: number }
  | { kind: 'truncate'; pos: number }
  | { kind: 'overwrite'; pos: number; bytes: Uint8Array }
  | { kind: 'insert'; pos: number; bytes: Uint8Array }
  | { kind: 'delete'; pos: number; len: number }
  | { kind: 'splice'; pos: number; from: number; fromPos: number; len: number }
  | { kind: 'duplicate'; pos: number; len: number }
  | { kind: 'number'; pos: number; value: string }
  | { kind: 'run'; pos: number; unit: string; count: number };

const position = fc.nat({ max: 1 << 30 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), pos: position, bit: fc.nat({ max: 7 }) }),
  fc.record({ kind: fc.constant('truncate' as const), pos: position }),
  fc.record({ kind: fc.constant('overwrite' as const), pos: position, bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
  fc.record({ kind: fc.constant('insert' as const), pos: position, bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
  fc.record({ kind: fc.constant('delete' as const), pos: position, len: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant('splice' as const), pos: position, from: fc.nat(), fromPos: position, len: fc.integer({ min: 1, max: 512 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), pos: position, len: fc.integer({ min: 1, max: 256 }) }),
  fc.record({
    kind: fc.constant('number' as const),
    pos: position,
    value: fc.constantFrom('0', '-1', '-9223372036854775808', '18446744073709551615', '99999999999999999999999', '1e308', '0x', ''),
  }),
  // Long runs of one token: what makes a backtracking regex go quadratic (a label line of `"a\"a\"…` once took 135 s).
  fc.record({
    kind: fc.constant('run' as const),
    pos: position,
    unit: fc.constantFrom(' ', '\t', '0', '"a\\', ']:', ':1 ', '+0x', ' 0x1', '\n', '#\t0x1\tf+0x1\tf.go:1\n', '"k":"v", ', 'f(\n\tf.go:1\n', ', 1 minutes'),
    count: fc.integer({ min: 1000, max: 20000 }),
  }),
);

function mutate(input: Uint8Array, m: Mutation): Uint8Array {
  const n = input.length;
  const at = n === 0 ? 0 : m.pos % (n + 1);
  const join = (...parts: Uint8Array[]): Uint8Array => {
    const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  };
  switch (m.kind) {
    case 'flip': {
      if (n === 0) return input;
      const out = input.slice();
      out[m.pos % n] ^= 1 << m.bit;
      return out;
    }
    case 'truncate':
      return input.slice(0, at);
    case 'overwrite': {
      const out = input.slice();
      out.set(m.bytes.subarray(0, Math.max(0, n - at)), Math.min(at, n));
      return out;
    }
    case 'insert':
      return join(input.subarray(0, at), m.bytes, input.subarray(at));
    case 'delete':
      return join(input.subarray(0, at), input.subarray(at + m.len));
    case 'splice': {
      const other = allSeeds[m.from % allSeeds.length];
      const start = m.fromPos % (other.length + 1);
      return join(input.subarray(0, at), other.subarray(start, start + m.len), input.subarray(at + m.len));
    }
    case 'duplicate':
      return join(input.subarray(0, at + m.len), input.subarray(at, at + m.len), input.subarray(at + m.len));
    case 'number': {
      // Rewrite the run of ASCII digits at or after `at` (a count, a size, an address, a line number).
      let start = at;
      while (start < n && (input[start] < 0x30 || input[start] > 0x39)) start++;
      let end = start;
      while (end < n && input[end] >= 0x30 && input[end] <= 0x39) end++;
      return join(input.subarray(0, start), text(m.value), input.subarray(end));
    }
    case 'run':
      return join(input.subarray(0, at), text(m.unit.repeat(m.count)), input.subarray(at));
  }
}

/** Every id the model hands out points inside its tables; values are finite numbers. */
function assertWellFormed(p: Profile): void {
  const { frames, stacks, samples } = p;
  if (frames.name.length !== frames.length || frames.file.length !== frames.length || frames.line.length !== frames.length) {
    throw new Error('frame table columns differ in length');
  }
  for (let i = 0; i < stacks.length; i++) {
    const parent = stacks.parent[i];
    if (parent >= i || parent < -1) throw new Error(`stack ${i} has parent ${parent}`);
    if (stacks.frame[i] < 0 || stacks.frame[i] >= frames.length) throw new Error(`stack ${i} has frame ${stacks.frame[i]}`);
  }
  if (samples.values.length !== p.sampleTypes.length) throw new Error('one value column per sample type expected');
  for (const column of samples.values) {
    if (column.length !== samples.length) throw new Error('value column length differs from the sample count');
    for (const v of column) if (!Number.isFinite(v)) throw new Error(`non-finite value ${v}`);
  }
  for (let s = 0; s < samples.length; s++) {
    const stack = samples.stack[s];
    if (stack < -1 || stack >= stacks.length) throw new Error(`sample ${s} has stack ${stack}`);
  }
  if (p.defaultSampleType < 0 || (p.sampleTypes.length > 0 && p.defaultSampleType >= p.sampleTypes.length)) {
    throw new Error(`default sample type ${p.defaultSampleType} out of range`);
  }
}

const stats = { profiles: 0, errors: 0, slowestMs: 0, modelsCompared: 0, onlyReferenceAccepts: 0 };

/**
 * Where the fast decoder is stricter than pprof-format (which reads past the end of a nested message, or
 * takes a field in whichever wire type it comes), it rejects what Go's own pprof decoder
 * (github.com/google/pprof/profile/proto.go, as in go1.19) rejects too, so it is right to. Only these checks
 * may make the fast decoder fail where the reference returns a profile.
 */
const STRICTER_CHECKS: readonly { readonly message: RegExp; readonly why: string }[] = [
  { message: /field \d+ (\([^)]*\) )?has wire type \d+ at byte \d+/, why: 'a known field in the wrong wire type: Go fails with "type mismatch"' },
  { message: /truncated varint at byte \d+|varint longer than 10 bytes/, why: 'a varint cut off by the end of its message, or over 10 bytes: Go fails with "bad varint"' },
  { message: /is \d+ bytes long but only \d+ remain/, why: 'a length past the end of the enclosing message: Go fails with "too much data"' },
  { message: /truncated fixed-size field at byte \d+/, why: 'a fixed64/fixed32 cut off by the end of its message: Go fails with "not enough data"' },
  { message: /unsupported wire type \d+ at byte \d+/, why: 'wire types 3, 4, 6, 7 (groups, invalid): Go fails with "unknown wire type"' },
  {
    message: /invalid field key \d+ at byte \d+/,
    why: "field number 0 (or past 2^29) inside a message: invalid protobuf, rejected by protoc-generated decoders; Go's hand-written pprof decoder skips it instead, but no encoder writes one, so only damaged files have it",
  },
];

function dumpFailure(bytes: Uint8Array, why: string): void {
  const dir = process.env.FUZZ_DUMP_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  writeFileSync(path.join(dir, `${hash}.bin`), bytes);
  writeFileSync(path.join(dir, `${hash}.why.txt`), why);
}

type Outcome = { readonly profile: Profile } | { readonly error: ProfileError };

/**
 * Decodes with both protobuf decoders; throws (failing the property) on anything but a Profile or a deliberate
 * ProfileError, and unless the decoders agree: both return the same model, or both fail, or only the fast one
 * fails with one of the STRICTER_CHECKS.
 */
function decodesSafely(bytes: Uint8Array, fileName: string): void {
  const outcomes: Outcome[] = [];
  for (const options of decoderOptions) {
    const started = process.cpuUsage();
    let failure: string | null = null;
    try {
      const profile = decodeProfile(bytes, fileName, options);
      assertWellFormed(profile);
      stats.profiles++;
      outcomes.push({ profile });
    } catch (e) {
      if (!(e instanceof ProfileError)) {
        failure = `${options.label}: threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
      } else if (/could not be decoded \(|is too large to decode \(/.test(e.message)) {
        // decodeProfile's catch-all: an exception nobody raised on purpose.
        failure = `${options.label}: unplanned exception: ${e.message}`;
      } else if (!e.message.startsWith(`${fileName}: `)) {
        failure = `${options.label}: error does not name the file: ${e.message}`;
      } else {
        stats.errors++;
        outcomes.push({ error: e });
      }
    }
    const used = process.cpuUsage(started);
    const ms = (used.user + used.system) / 1000;
    stats.slowestMs = Math.max(stats.slowestMs, ms);
    if (!failure && ms > MAX_CPU_MS_PER_INPUT) failure = `${options.label}: took ${ms.toFixed(0)} ms of CPU`;
    if (failure) {
      dumpFailure(bytes, failure);
      throw new Error(failure);
    }
  }
  const [fast, reference] = outcomes;
  const outcomeText = (o: Outcome): string => ('profile' in o ? 'a profile' : o.error.message);
  const disagreement = `decoders disagree:\nfast: ${outcomeText(fast)}\nreference: ${outcomeText(reference)}`;
  if ('profile' in fast && 'profile' in reference) {
    // Text formats do not reach the protobuf decoders: both outcomes come from the same parser.
    if (fast.profile.format !== 'pprof') return;
    stats.modelsCompared++;
    try {
      expectSameModel(fast.profile, reference.profile);
    } catch (e) {
      dumpFailure(bytes, `decoders give different models: ${e instanceof Error ? e.message : String(e)}`);
      throw e;
    }
  } else if ('error' in fast && 'profile' in reference) {
    stats.onlyReferenceAccepts++;
    if (!STRICTER_CHECKS.some((c) => c.message.test(fast.error.message))) {
      dumpFailure(bytes, disagreement);
      throw new Error(`the fast decoder rejects what the reference accepts, by no documented stricter check: ${disagreement}`);
    }
  } else if ('profile' in fast && 'error' in reference) {
    // Never seen: the reference (pprof-format plus our checks) is not stricter than the fast decoder anywhere.
    dumpFailure(bytes, disagreement);
    throw new Error(`the fast decoder accepts what the reference rejects: ${disagreement}`);
  }
}

const fileNameFor: Record<Format, string> = {
  'gzip-pprof': 'fuzz.pb.gz',
  'raw-pprof': 'fuzz.pb',
  'heap-text': 'heap_fuzz.txt',
  'goroutine-debug1': 'goroutine_fuzz.debug1.txt',
  'goroutine-debug2': 'goroutine_fuzz.debug2.txt',
};

describe('decodeProfile on mutated real profiles', () => {
  it.each(Object.keys(seeds) as Format[])('%s: a Profile or a ProfileError, never anything else, in bounded time', (format) => {
    const formatSeeds = seeds[format];
    fc.assert(
      fc.property(
        fc.nat({ max: formatSeeds.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        (seedIndex, mutations, gzipAfter) => {
          let bytes: Uint8Array = formatSeeds[seedIndex];
          for (const m of mutations) bytes = mutate(bytes, m);
          // Gzipping after mutating sends broken content past the gzip layer, into the parsers.
          if (gzipAfter && format !== 'gzip-pprof') bytes = gzip(bytes);
          decodesSafely(bytes, fileNameFor[format]);
        },
      ),
      { seed: SEED, numRuns: RUNS_PER_FORMAT, endOnFailure: true },
    );
  }, PROPERTY_TIMEOUT_MS);

  it('random bytes, bare or behind a gzip magic, a protobuf tag or a profile header', () => {
    const prefixes = [new Uint8Array(), new Uint8Array([0x1f, 0x8b]), new Uint8Array([0x0a]), text('heap profile: '), text('goroutine profile: total 3\n'), text('goroutine 1 [')];
    fc.assert(
      fc.property(fc.nat({ max: prefixes.length - 1 }), fc.uint8Array({ maxLength: 2048 }), fc.boolean(), (p, body, gzipAfter) => {
        const bytes = new Uint8Array(prefixes[p].length + body.length);
        bytes.set(prefixes[p]);
        bytes.set(body, prefixes[p].length);
        decodesSafely(gzipAfter ? gzip(bytes) : bytes, 'random.bin');
      }),
      { seed: SEED, numRuns: RUNS_PER_FORMAT, endOnFailure: true },
    );
  }, PROPERTY_TIMEOUT_MS);

  it('regression fixtures (inputs fuzzing once broke) decode safely', () => {
    const dir = path.join(repoRoot, 'testdata/regressions');
    const files = readdirSync(dir).filter((f) => !f.endsWith('.md'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) decodesSafely(new Uint8Array(readFileSync(path.join(dir, f))), f);
  });

  it('reports what it covered', () => {
    // Both outcomes must be exercised, or the mutations are too weak (or too strong) to test anything.
    expect(stats.profiles).toBeGreaterThan(100);
    expect(stats.errors).toBeGreaterThan(100);
    // The decoders' models were compared on mutated protobuf input, not only on errors.
    expect(stats.modelsCompared).toBeGreaterThan(20);
    console.log(`fuzz: ${stats.profiles} profiles, ${stats.errors} ProfileErrors, slowest input ${stats.slowestMs.toFixed(1)} ms CPU, models compared (identical): ${stats.modelsCompared}, only the reference accepts (a documented stricter check): ${stats.onlyReferenceAccepts}, decoders: ${decoderOptions.map((d) => d.label).join(', ')}`);
  });
});
