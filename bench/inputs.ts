// Generates the benchmark inputs once and caches them under bench/out/: for each size five snapshots
// (<size>_1 … <size>_5.pb.gz), with <size>_prev.pb.gz = the first and <size>.pb.gz = the last.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { benchSpecs, generateSeries, type BenchSize } from './generateProfile.ts';

export const SNAPSHOTS = 5;
export const benchDir = path.dirname(new URL(import.meta.url).pathname);
export const outDir = path.join(benchDir, 'out');
// Bump when the generator changes so stale cached inputs are rebuilt.
const GENERATOR_VERSION = 3;

export interface InputFiles {
  readonly size: BenchSize;
  /** Snapshots 1..5, oldest first. */
  readonly snapshots: readonly string[];
  readonly prev: string;
  readonly last: string;
  readonly samples: readonly number[];
  readonly rawBytes: readonly number[];
}

function manifestPath(size: BenchSize): string {
  return path.join(outDir, `${size}.manifest.json`);
}

export function ensureInputs(size: BenchSize, log: (line: string) => void): InputFiles {
  mkdirSync(outDir, { recursive: true });
  const spec = benchSpecs[size];
  const snapshots = Array.from({ length: SNAPSHOTS }, (_, k) => path.join(outDir, `${size}_${k + 1}.pb.gz`));
  const prev = path.join(outDir, `${size}_prev.pb.gz`);
  const last = path.join(outDir, `${size}.pb.gz`);
  const key = JSON.stringify({ GENERATOR_VERSION, spec, SNAPSHOTS });
  const manifest = manifestPath(size);
  if (existsSync(manifest)) {
    const cached = JSON.parse(readFileSync(manifest, 'utf8')) as { key: string; samples: number[]; rawBytes: number[] };
    if (cached.key === key && [...snapshots, prev, last].every((f) => existsSync(f))) {
      return { size, snapshots, prev, last, samples: cached.samples, rawBytes: cached.rawBytes };
    }
  }
  log(`generating ${size} inputs (${spec.samples} samples, ${spec.stacks} stacks, ${spec.functions} functions, depth ~${spec.depth}) …`);
  const started = performance.now();
  const series = generateSeries(spec, SNAPSHOTS);
  series.forEach((s, k) => writeFileSync(snapshots[k], s.gz));
  writeFileSync(prev, series[0].gz);
  writeFileSync(last, series[SNAPSHOTS - 1].gz);
  const samples = series.map((s) => s.samples);
  const rawBytes = series.map((s) => s.rawBytes);
  writeFileSync(manifest, JSON.stringify({ key, samples, rawBytes }));
  log(`  ${size}: ${((performance.now() - started) / 1000).toFixed(1)} s, last snapshot ${(statSync(last).size / 1e6).toFixed(2)} MB gz`);
  return { size, snapshots, prev, last, samples, rawBytes };
}
