// One Node stage of the benchmark on one input size, run in its own process so that its memory figures
// are its own: `node --expose-gc --import tsx bench/nodeStage.ts STAGE SIZE`; prints one JSON line.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Profile as PprofProfile } from 'pprof-format';
import { buildCallTree } from '../src/calltree/callTree.ts';
import { diffProfiles } from '../src/diff/diffProfiles.ts';
import { decodeProfile } from '../src/profile/decodeProfile.ts';
import { decodeProtobuf } from '../src/profile/decodeProtobuf.ts';
import { gunzipProfile } from '../src/profile/gunzip.ts';
import type { Profile } from '../src/profile/model.ts';
import { computeTrend } from '../src/trend/computeTrend.ts';
import type { BenchSize } from './generateProfile.ts';
import { SNAPSHOTS, outDir } from './inputs.ts';
import { collectGarbage, measure, measureInterleaved, RssSampler, type MeasureOptions, type Timing } from './measure.ts';

export const nodeStages = ['gunzip', 'decode', 'decode-prev', 'diff', 'calltree', 'trend'] as const;
export type NodeStage = (typeof nodeStages)[number];

export interface StageResult {
  readonly stage: NodeStage;
  readonly size: BenchSize;
  /** What the stage reads: gzipped bytes on disk and raw protobuf bytes. */
  readonly inputGzBytes: number;
  readonly inputRawBytes: number;
  readonly ours: Timing;
  /** A reference implementation measured on the same bytes in the same process, when the stage has one. */
  readonly ref?: Timing & { readonly label: string };
  /** JS heap still held by the stage's result after a GC (e.g. the decoded model), typed-array buffers excluded. */
  readonly retainedHeapMB: number;
  /** Typed-array buffers (outside the JS heap) held by the result: the model's columns live there. */
  readonly retainedBuffersMB?: number;
}

function file(size: BenchSize, name: string): string {
  return path.join(outDir, `${size}${name}.pb.gz`);
}

function load(p: string): Uint8Array {
  return new Uint8Array(readFileSync(p));
}

function decodeFile(p: string): Profile {
  return decodeProfile(load(p), path.basename(p));
}

function optionsFor(size: BenchSize): MeasureOptions {
  if (size === 'large') return { minRuns: 3, maxRuns: 3, budgetMs: 25_000 };
  if (size === 'medium') return { minRuns: 5, maxRuns: 7, budgetMs: 15_000 };
  return { minRuns: 7, maxRuns: 11, budgetMs: 5_000 };
}

interface Prepared {
  readonly gz: number;
  readonly raw: number;
  readonly ours: () => unknown;
  readonly ref?: { label: string; run: () => unknown };
}

function prepare(stage: NodeStage, size: BenchSize): Prepared {
  switch (stage) {
    case 'gunzip': {
      const gz = load(file(size, ''));
      const raw = gunzipSync(gz);
      return {
        gz: gz.length,
        raw: raw.length,
        ours: () => gunzipProfile(gz, 'bench.pb.gz'),
        ref: { label: 'node:zlib gunzipSync (native)', run: () => gunzipSync(gz) },
      };
    }
    case 'decode':
    case 'decode-prev': {
      const gz = load(file(size, stage === 'decode' ? '' : '_prev'));
      const raw = new Uint8Array(gunzipSync(gz));
      return {
        gz: gz.length,
        raw: raw.length,
        ours: () => decodeProtobuf(raw, 'bench.pb', gz.length),
        ref: { label: 'pprof-format Profile.decode', run: () => PprofProfile.decode(raw) },
      };
    }
    case 'diff': {
      const [a, b] = [file(size, '_prev'), file(size, '')];
      const base = decodeFile(a);
      const next = decodeFile(b);
      return { gz: load(a).length + load(b).length, raw: rawSize(a) + rawSize(b), ours: () => diffProfiles(base, next) };
    }
    case 'calltree': {
      const [a, b] = [file(size, '_prev'), file(size, '')];
      const values = diffProfiles(decodeFile(a), decodeFile(b));
      return { gz: load(a).length + load(b).length, raw: rawSize(a) + rawSize(b), ours: () => buildCallTree(values) };
    }
    case 'trend': {
      const files = Array.from({ length: SNAPSHOTS }, (_, k) => file(size, `_${k + 1}`));
      const profiles = files.map(decodeFile);
      return {
        gz: files.reduce((n, f) => n + load(f).length, 0),
        raw: files.reduce((n, f) => n + rawSize(f), 0),
        ours: () => computeTrend(profiles),
      };
    }
  }
}

function timing(t: Timing): Timing {
  return { runsMs: t.runsMs, medianMs: t.medianMs, cpuRunsMs: t.cpuRunsMs, medianCpuMs: t.medianCpuMs, peakRssMB: t.peakRssMB };
}

function rawSize(p: string): number {
  return gunzipSync(readFileSync(p)).length;
}

export async function runNodeStage(stage: NodeStage, size: BenchSize): Promise<StageResult> {
  const sampler = new RssSampler();
  const prepared = prepare(stage, size);
  const options = optionsFor(size);
  collectGarbage();
  const before = process.memoryUsage();
  let result: unknown = prepared.ours();
  collectGarbage();
  const after = process.memoryUsage();
  const retainedHeapMB = (after.heapUsed - before.heapUsed) / 1e6;
  const retainedBuffersMB = (after.arrayBuffers - before.arrayBuffers) / 1e6;
  result = undefined;
  // Warm-up runs (not measured) so the medians are of optimised code, as in a long-lived page or worker.
  for (let i = 0; i < (size === 'large' ? 1 : 3); i++) {
    prepared.ours();
    prepared.ref?.run();
  }
  // Ours and the reference alternate run by run, so machine noise hits both alike.
  const [ours, ref] = prepared.ref
    ? measureInterleaved([prepared.ours, prepared.ref.run], sampler, options, [options.maxRuns, options.minRuns])
    : [measure(prepared.ours, sampler, options), undefined];
  await sampler.stop();
  void result;
  return {
    stage,
    size,
    inputGzBytes: prepared.gz,
    inputRawBytes: prepared.raw,
    ours: timing(ours),
    ref: ref && prepared.ref ? { label: prepared.ref.label, ...timing(ref) } : undefined,
    retainedHeapMB,
    retainedBuffersMB,
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const [stage, size] = process.argv.slice(2) as [NodeStage, BenchSize];
  runNodeStage(stage, size).then(
    (r) => process.stdout.write(`${JSON.stringify(r)}\n`),
    (e) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    },
  );
}
