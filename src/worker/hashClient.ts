// SHA-256 of a profile's bytes in a worker (one, started on first use), so hashing a 16 MB file does not
// block the page. Falls back to hashing in the page where no worker can start (tests, a refused worker).
import { sha256Hex, type Sha256Hex } from '../share/sha256.ts';
import type { HashReply, HashRequest } from './hashWorker.ts';

let worker: Worker | null = null;
let workerFailed = false;
let nextId = 1;
const pending = new Map<number, { bytes: Uint8Array; resolve: (h: Sha256Hex) => void; reject: (e: Error) => void }>();

function startWorker(): Worker | null {
  if (worker || workerFailed) return worker;
  if (typeof Worker === 'undefined') {
    workerFailed = true;
    return null;
  }
  try {
    const w = new Worker(new URL('./hashWorker.ts', import.meta.url), { type: 'module', name: 'leakscope-hash' });
    w.onmessage = (event: MessageEvent<HashReply>) => {
      const reply = event.data;
      const job = pending.get(reply.id);
      if (!job) return;
      pending.delete(reply.id);
      if ('hash' in reply) job.resolve(reply.hash);
      else job.reject(new Error(reply.error));
    };
    // A worker that cannot start or dies: hash what is still waiting in the page, and from now on there.
    w.onerror = (e) => {
      e.preventDefault();
      w.terminate();
      worker = null;
      workerFailed = true;
      const waiting = [...pending.values()];
      pending.clear();
      for (const job of waiting) sha256Hex(job.bytes).then(job.resolve, job.reject);
    };
    worker = w;
  } catch {
    workerFailed = true;
  }
  return worker;
}

/** The SHA-256 of `bytes` (left intact: the worker gets a copy), computed off the page's thread when possible. */
export function sha256HexOffThread(bytes: Uint8Array): Promise<Sha256Hex> {
  const w = startWorker();
  if (!w) return sha256Hex(bytes);
  return new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { bytes, resolve, reject });
    try {
      w.postMessage({ id, bytes } satisfies HashRequest);
    } catch (e) {
      pending.delete(id);
      sha256Hex(bytes).then(resolve, reject);
    }
  });
}
