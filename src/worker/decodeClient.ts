// A pool of decode workers (two by default, so both files of a pair decode at once). Jobs queue when
// every worker is busy; cancelling a running job terminates its worker and starts a fresh one.
// Results are values, never rejections: a crashed or out-of-memory worker becomes an error result.
import type { Profile } from '../profile/model.ts';
import { withLazyLabels } from './packedLabels.ts';
import type { DecodeProgress, DecodeReply, DecodeRequest, DecodeSource } from './protocol.ts';

export type DecodeResult =
  | { readonly ok: true; readonly profile: Profile; readonly decodeMs: number }
  | { readonly ok: false; readonly message: string; readonly code: string };

export interface DecodeJob {
  readonly result: Promise<DecodeResult>;
  cancel(): void;
}

export interface DecodeClient {
  /** `forwardTo`: ports that get the profile too, straight from the decode worker (profileSinks.ts). */
  decode(source: DecodeSource, onProgress?: (p: DecodeProgress) => void, forwardTo?: readonly MessagePort[]): DecodeJob;
  /** Starts the workers now, so their code is loaded and compiled before the first file arrives. */
  prepare(): void;
  dispose(): void;
}

export type WorkerFactory = () => Worker;

export const createDecodeWorker: WorkerFactory = () =>
  new Worker(new URL('./decodeWorker.ts', import.meta.url), { type: 'module', name: 'leakscope-decode' });

interface Job {
  readonly jobId: number;
  readonly source: DecodeSource;
  readonly onProgress?: (p: DecodeProgress) => void;
  readonly forwardTo: readonly MessagePort[];
  readonly settle: (r: DecodeResult) => void;
  slot: Slot | null;
  settled: boolean;
}

interface Slot {
  worker: Worker;
  job: Job | null;
}

export function createDecodeClient(poolSize = 2, createWorker: WorkerFactory = createDecodeWorker): DecodeClient {
  const slots: Slot[] = [];
  const queue: Job[] = [];
  let nextJobId = 1;
  let disposed = false;

  function fileNameOf(source: DecodeSource): string {
    return source.kind === 'file' ? source.file.name : source.fileName;
  }

  function finish(job: Job, result: DecodeResult): void {
    if (job.settled) return;
    job.settled = true;
    const slot = job.slot;
    job.slot = null;
    if (slot) slot.job = null;
    job.settle(result);
    pump();
  }

  function replaceWorker(slot: Slot): void {
    slot.worker.terminate();
    slot.worker = spawn(slot);
  }

  function spawn(slot: Slot): Worker {
    const worker = createWorker();
    worker.onmessage = (event: MessageEvent<DecodeReply>) => {
      const job = slot.job;
      const reply = event.data;
      if (!job || reply.jobId !== job.jobId) return;
      switch (reply.type) {
        case 'progress':
          job.onProgress?.(reply.progress);
          return;
        case 'done':
          finish(job, {
            ok: true,
            profile: reply.labels !== undefined ? withLazyLabels(reply.profile, reply.labels) : reply.profile,
            decodeMs: reply.decodeMs,
          });
          return;
        case 'error':
          finish(job, { ok: false, message: reply.message, code: reply.code });
          return;
      }
    };
    // An uncaught error or a failed structured clone means the worker's state is unknown: replace it.
    const onCrash = (detail: string) => {
      const job = slot.job;
      replaceWorker(slot);
      if (job) finish(job, { ok: false, message: `${fileNameOf(job.source)}: ${detail}`, code: 'worker' });
    };
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      onCrash(`the decoder stopped (${event.message || 'worker crashed, possibly out of memory'})`);
    };
    worker.onmessageerror = () => onCrash('the decoded profile could not be received');
    return worker;
  }

  function pump(): void {
    if (disposed) return;
    for (const slot of slots) {
      if (slot.job) continue;
      const job = queue.shift();
      if (!job) return;
      slot.job = job;
      job.slot = slot;
      const request: DecodeRequest = { type: 'decode', jobId: job.jobId, source: job.source, forwardTo: job.forwardTo };
      const transfer: Transferable[] = job.source.kind === 'bytes' ? [job.source.bytes, ...job.forwardTo] : [...job.forwardTo];
      try {
        slot.worker.postMessage(request, transfer);
      } catch (e) {
        finish(job, { ok: false, message: `${fileNameOf(job.source)}: ${e instanceof Error ? e.message : String(e)}`, code: 'worker' });
      }
    }
  }

  function ensureSlots(): void {
    while (slots.length < poolSize) {
      const slot: Slot = { worker: null as unknown as Worker, job: null };
      slot.worker = spawn(slot);
      slots.push(slot);
    }
  }

  return {
    prepare() {
      if (!disposed) ensureSlots();
    },
    decode(source, onProgress, forwardTo = []) {
      ensureSlots();
      let settle!: (r: DecodeResult) => void;
      const result = new Promise<DecodeResult>((resolve) => (settle = resolve));
      const job: Job = { jobId: nextJobId++, source, onProgress, forwardTo, settle, slot: null, settled: false };
      queue.push(job);
      pump();
      return {
        result,
        cancel() {
          if (job.settled) return;
          const i = queue.indexOf(job);
          if (i >= 0) queue.splice(i, 1);
          if (job.slot) replaceWorker(job.slot);
          finish(job, { ok: false, message: `${fileNameOf(source)}: loading cancelled`, code: 'cancelled' });
        },
      };
    },
    dispose() {
      disposed = true;
      for (const slot of slots) slot.worker.terminate();
      slots.length = 0;
      for (const job of queue.splice(0)) finish(job, { ok: false, message: 'decoder closed', code: 'cancelled' });
    },
  };
}
