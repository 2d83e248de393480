// Legacy text heap profile (`/debug/pprof/heap?debug=1`): header, one record per stack with its
// symbolized `#` frame lines, then the `# runtime.MemStats` block. Values are unsampled as pprof does.
//   heap profile: 188: 3303936 [193: 6728192] @ heap/1048576
//   1: 2924544 [1: 2924544] @ 0x40d7ce 0x40ea59 0x4b616d
//   #	0x4b616c	main.lookup+0x16c	profilegen/map-cache/main.go:24
import { ProfileBuilder } from '../builder.ts';
import { ProfileError } from '../errors.ts';
import type { Profile, SampleLabel, ValueType } from '../model.ts';
import { splitLines, quoteLine } from './lines.ts';
import { MEMSTATS_HEADER, addMemStatsLine } from './memStats.ts';
import { isSymbolLine, parseSymbolLine } from './symbolLine.ts';
import { scaleHeapSample } from './unsample.ts';

// Same order as the proto Go writes; inuse_space (the last) is the default, as in pprof.
const HEAP_SAMPLE_TYPES: readonly ValueType[] = [
  { type: 'alloc_objects', unit: 'count' },
  { type: 'alloc_space', unit: 'bytes' },
  { type: 'inuse_objects', unit: 'count' },
  { type: 'inuse_space', unit: 'bytes' },
];

// pprof's heapHeaderRE, anchored.
const HEADER = /^\s*heap profile:\s*(\d+):\s*(\d+)\s*\[\s*(\d+):\s*(\d+)\s*\]\s*@\s*(heap[_a-z0-9]*)\/?(\d*)\s*$/;
const RECORD = /^\s*(-?\d+):\s*(-?\d+)\s*\[\s*(-?\d+):\s*(-?\d+)\s*\]\s*@((?:\s+0x[0-9a-fA-F]+)*)\s*$/;
const RECORD_SHAPE = "expected '<count>: <bytes> [<count>: <bytes>] @ <addresses>'";
// pprof stops at a memory map section; Go does not write one, other heap profilers did.
const MEMORY_MAP = /^\s*(--- Memory map: ---|MAPPED_LIBRARIES:)/;

interface Sampling {
  /** Whether values are sampled and must be scaled (pprof's "v2"). */
  readonly scaled: boolean;
  /** The MemProfileRate in bytes. */
  readonly rate: number;
}

function parseHeader(line: string, fileName: string): Sampling {
  const m = HEADER.exec(line);
  if (!m) {
    throw new ProfileError(fileName, 'text-syntax', `line 1: expected 'heap profile: <count>: <bytes> [<count>: <bytes>] @ heap/<rate>', got ${quoteLine(line)}`);
  }
  const written = m[6] === '' ? 0 : Number(m[6]);
  if (!Number.isSafeInteger(written)) {
    throw new ProfileError(fileName, 'bad-value', `line 1: sampling rate ${m[6]} is too large`);
  }
  switch (m[5]) {
    case 'heap':
      // Go writes 2*MemProfileRate here (runtime/pprof writeHeapInternal).
      return { scaled: true, rate: Math.floor(written / 2) };
    case 'heap_v2':
    case 'heapz_v2':
      return { scaled: true, rate: written };
    case 'heapprofile':
      return { scaled: false, rate: 1 };
    default:
      throw new ProfileError(fileName, 'text-syntax', `line 1: unknown heap profile sampling "${m[5]}" (expected heap, heap_v2, heapz_v2 or heapprofile)`);
  }
}

export function parseHeapText(text: string, fileName: string, byteSize: number): Profile {
  const lines = splitLines(text);
  let first = 1;
  while (first <= lines.count && lines.at(first).trim() === '') first++;
  if (first > lines.count) throw new ProfileError(fileName, 'empty', 'is empty');
  const sampling = parseHeader(lines.at(first), fileName);

  const builder = new ProfileBuilder(fileName, HEAP_SAMPLE_TYPES.length);
  const values = new Float64Array(HEAP_SAMPLE_TYPES.length);
  let memStats: Record<string, number> | null = null;

  // The record being read: its values and label wait until its frame lines are complete.
  let pending: { values: number[]; addresses: string[]; label: SampleLabel[] | undefined; frames: number[] } | null = null;
  const flush = (): void => {
    if (!pending) return;
    let frames = pending.frames;
    if (frames.length === 0) {
      // No symbol lines (a stripped binary): keep the stack as return addresses - 1, like pprof.
      frames = pending.addresses.map((a) => builder.internFrame(`0x${(parseInt(a, 16) - 1).toString(16)}`, '', 0));
    }
    for (let i = 0; i < values.length; i++) values[i] = pending.values[i];
    builder.addSample(builder.addLeafFirstPath(frames), values, pending.label);
    pending = null;
  };

  for (let n = first + 1; n <= lines.count; n++) {
    const line = lines.at(n);
    if (memStats) {
      if (line.trim() === '' || addMemStatsLine(line, memStats)) continue;
      throw new ProfileError(fileName, 'text-syntax', `line ${n}: expected '# <MemStats field> = <value>', got ${quoteLine(line)}`);
    }
    if (isSymbolLine(line)) {
      const frame = parseSymbolLine(line);
      if (!pending || !frame) {
        throw new ProfileError(fileName, 'text-syntax', pending ? `line ${n}: malformed frame line ${quoteLine(line)}` : `line ${n}: frame line outside a record`);
      }
      pending.frames.push(builder.internFrame(frame.name, frame.file, frame.line));
      continue;
    }
    flush();
    const trimmed = line.trim();
    if (trimmed === '') continue;
    if (MEMSTATS_HEADER.test(trimmed)) {
      memStats = {};
      continue;
    }
    if (MEMORY_MAP.test(line)) break;
    if (trimmed.startsWith('#')) continue; // other comments carry nothing we use
    const m = RECORD.exec(line);
    if (!m) throw new ProfileError(fileName, 'text-syntax', `line ${n}: ${RECORD_SHAPE}, got ${quoteLine(line)}`);
    pending = parseRecord(m, n, sampling, fileName);
  }
  flush();

  return builder.build({
    fileName,
    format: 'heap-text',
    kind: 'heap',
    byteSize,
    sampleTypes: HEAP_SAMPLE_TYPES,
    defaultSampleType: HEAP_SAMPLE_TYPES.length - 1,
    periodType: { type: 'space', unit: 'bytes' },
    period: sampling.rate,
    timeMs: 0,
    durationNanos: 0,
    comments: [],
    dropFrames: '',
    keepFrames: '',
    mappings: [],
    memStats,
  });
}

function parseRecord(m: RegExpExecArray, n: number, sampling: Sampling, fileName: string) {
  const [inuseCount, inuseBytes, allocCount, allocBytes] = [m[1], m[2], m[3], m[4]].map(Number);
  const check = (count: number, bytes: number, what: string): void => {
    if (!Number.isSafeInteger(count) || !Number.isSafeInteger(bytes) || count < 0 || bytes < 0) {
      throw new ProfileError(fileName, 'bad-value', `line ${n}: ${what} values must be non-negative integers (got ${count}: ${bytes})`);
    }
    if (count === 0 && bytes !== 0) {
      throw new ProfileError(fileName, 'bad-value', `line ${n}: ${what} count is 0 but its bytes are ${bytes}`);
    }
  };
  check(inuseCount, inuseBytes, 'in-use');
  check(allocCount, allocBytes, 'allocated');
  const scale = (count: number, bytes: number): [number, number] =>
    sampling.scaled ? scaleHeapSample(count, bytes, sampling.rate) : [count, bytes];
  const alloc = scale(allocCount, allocBytes);
  const inuse = scale(inuseCount, inuseBytes);
  // The runtime labels each proto sample with its object size: alloc bytes / alloc objects, unscaled.
  const blockSize = allocCount > 0 ? Math.trunc(allocBytes / allocCount) : 0;
  return {
    values: [alloc[0], alloc[1], inuse[0], inuse[1]],
    addresses: m[5].trim() === '' ? [] : m[5].trim().split(/\s+/),
    label: blockSize !== 0 ? [{ key: 'bytes', num: blockSize }] : undefined,
    frames: [] as number[],
  };
}
