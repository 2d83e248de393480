// Timing and memory helpers for the Node stages: median of several runs with the peak RSS sampled from a
// worker thread (the measured code blocks the main thread, so it cannot sample itself). No forced GC between
// runs: V8 drops type feedback on a forced full GC, and every run after one measured deoptimised code (10x).
import { Worker } from 'node:worker_threads';

export interface Timing {
  readonly runsMs: number[];
  readonly medianMs: number;
  /** CPU time (user + system, all threads of the process) per run: steadier than wall time on a busy machine. */
  readonly cpuRunsMs: number[];
  readonly medianCpuMs: number;
  /** Highest RSS seen during the runs minus the RSS just before them. */
  readonly peakRssMB: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

export function collectGarbage(): void {
  gc();
  gc();
}

/** Samples process RSS every 5 ms into a shared slot; reset() starts a new peak. */
export class RssSampler {
  private readonly peak = new Float64Array(new SharedArrayBuffer(8));
  private readonly worker: Worker;

  constructor() {
    this.worker = new Worker(
      `const { workerData } = require('node:worker_threads');
       const peak = new Float64Array(workerData);
       setInterval(() => { const r = process.memoryUsage.rss(); if (r > peak[0]) peak[0] = r; }, 5);`,
      { eval: true, workerData: this.peak.buffer },
    );
    this.worker.unref();
  }

  reset(): void {
    this.peak[0] = process.memoryUsage.rss();
  }

  peakBytes(): number {
    return Math.max(this.peak[0], process.memoryUsage.rss());
  }

  stop(): Promise<number> {
    return this.worker.terminate();
  }
}

export interface MeasureOptions {
  readonly minRuns: number;
  readonly maxRuns: number;
  /** Stop adding runs (past minRuns) once this much time has been spent. */
  readonly budgetMs: number;
}

/** Runs `fn` repeatedly and reports the median wall time and the peak extra RSS. */
export function measure<T>(fn: () => T, sampler: RssSampler, options: MeasureOptions): Timing & { last: T } {
  const runsMs: number[] = [];
  const cpuRunsMs: number[] = [];
  let peakRss = 0;
  let last: T | undefined;
  const started = performance.now();
  while (runsMs.length < options.maxRuns && (runsMs.length < options.minRuns || performance.now() - started < options.budgetMs)) {
    last = undefined;
    const before = process.memoryUsage.rss();
    sampler.reset();
    const c = cpuMs();
    const t = performance.now();
    last = fn();
    runsMs.push(performance.now() - t);
    cpuRunsMs.push(cpuMs() - c);
    peakRss = Math.max(peakRss, sampler.peakBytes() - before);
  }
  return { runsMs, medianMs: median(runsMs), cpuRunsMs, medianCpuMs: median(cpuRunsMs), peakRssMB: peakRss / 1e6, last: last as T };
}

/**
 * Like measure() for several functions on the same input, interleaved run by run (a, b, a, b …) so that
 * machine noise — this machine is shared — falls on all of them alike. `maxRuns[i]` caps function i.
 */
export function measureInterleaved(fns: readonly (() => unknown)[], sampler: RssSampler, options: MeasureOptions, maxRuns: readonly number[]): Timing[] {
  const runs: number[][] = fns.map(() => []);
  const cpuRuns: number[][] = fns.map(() => []);
  const peaks = fns.map(() => 0);
  const started = performance.now();
  for (let round = 0; round < options.maxRuns; round++) {
    if (round >= options.minRuns && performance.now() - started > options.budgetMs) break;
    fns.forEach((fn, i) => {
      if (runs[i].length >= maxRuns[i]) return;
      const before = process.memoryUsage.rss();
      sampler.reset();
      const c = cpuMs();
      const t = performance.now();
      fn();
      runs[i].push(performance.now() - t);
      cpuRuns[i].push(cpuMs() - c);
      peaks[i] = Math.max(peaks[i], sampler.peakBytes() - before);
    });
  }
  return runs.map((r, i) => ({ runsMs: r, medianMs: median(r), cpuRunsMs: cpuRuns[i], medianCpuMs: median(cpuRuns[i]), peakRssMB: peaks[i] / 1e6 }));
}
