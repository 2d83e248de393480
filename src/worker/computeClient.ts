// Async client for per-view computations. Runs them in a dedicated worker (profiles are sent to it
// once, on first use); only the latest request matters, so while one runs, newer requests replace the
// queued one. Falls back to computing in the page when a worker cannot be started or dies.
import type { Profile } from '../profile/model.ts';
import type { ComputeMessage, ComputeReply } from './computeProtocol.ts';
import { computeView, type ViewOutcome, type ViewRequest } from './pipeline.ts';

export interface ComputeClient {
  /**
   * Resolves with the outcome of `request`, or with null when a newer request superseded it before it
   * ran. `profiles` must hold the profiles the request names.
   */
  compute(request: ViewRequest, profiles: ReadonlyMap<string, Profile>): Promise<ViewOutcome | null>;
  /** The profile was removed: drop the worker's copy. */
  forget(id: string): void;
  dispose(): void;
}

export const createComputeWorker = (): Worker =>
  new Worker(new URL('./computeWorker.ts', import.meta.url), { type: 'module', name: 'leakscope-compute' });

interface Pending {
  readonly request: ViewRequest;
  readonly profiles: ReadonlyMap<string, Profile>;
  readonly resolve: (o: ViewOutcome | null) => void;
}

export function createComputeClient(createWorker: () => Worker = createComputeWorker): ComputeClient {
  let worker: Worker | null = null;
  let workerFailed = false;
  const registered = new Set<string>();
  let running: (Pending & { requestId: number }) | null = null;
  let queued: Pending | null = null;
  let nextRequestId = 1;
  let workerEverReplied = false;

  function startWorker(): Worker | null {
    if (worker || workerFailed) return worker;
    try {
      const w = createWorker();
      w.onmessage = (event: MessageEvent<ComputeReply>) => {
        const reply = event.data;
        workerEverReplied = true;
        if (!running || reply.requestId !== running.requestId) return;
        const done = running;
        running = null;
        done.resolve(reply.outcome);
        pump();
      };
      const onCrash = (why: string) => {
        w.terminate();
        worker = null;
        registered.clear();
        const lost = running;
        running = null;
        if (!workerEverReplied) {
          // The worker never started (e.g. module workers refused from file://): compute in the page.
          workerFailed = true;
          if (lost && !queued) queued = lost;
          else lost?.resolve(null);
        } else {
          lost?.resolve({ ok: false, request: lost.request, message: `The computation stopped (${why}); the view can be retried.` });
        }
        pump();
      };
      w.onerror = (e) => {
        e.preventDefault();
        onCrash(e.message || 'worker crashed, possibly out of memory');
      };
      w.onmessageerror = () => onCrash('its result could not be received');
      worker = w;
    } catch {
      workerFailed = true;
    }
    return worker;
  }

  function send(message: ComputeMessage): void {
    worker?.postMessage(message);
  }

  function pump(): void {
    if (running || !queued) return;
    const job = queued;
    queued = null;
    const w = startWorker();
    if (!w) {
      // No worker (e.g. a build opened from file://): compute here, after letting the page paint.
      running = { ...job, requestId: -1 };
      setTimeout(() => {
        running = null;
        const { request, profiles } = job;
        const target = profiles.get(request.targetId);
        const base = request.baseId ? (profiles.get(request.baseId) ?? null) : null;
        job.resolve(target ? computeView(request, base, target) : { ok: false, request, message: 'profile not loaded' });
        pump();
      }, 0);
      return;
    }
    for (const id of [job.request.baseId, job.request.targetId]) {
      if (!id || registered.has(id)) continue;
      const profile = job.profiles.get(id);
      if (!profile) continue;
      // The pipeline never reads sample labels; leaving them out keeps the copy to typed arrays and names.
      send({ type: 'register', id, profile: { ...profile, samples: { ...profile.samples, labels: [] } } });
      registered.add(id);
    }
    const requestId = nextRequestId++;
    running = { ...job, requestId };
    send({ type: 'compute', requestId, request: job.request });
  }

  return {
    compute(request, profiles) {
      return new Promise((resolve) => {
        queued?.resolve(null);
        queued = { request, profiles, resolve };
        pump();
      });
    },
    forget(id) {
      if (registered.delete(id)) send({ type: 'forget', id });
    },
    dispose() {
      worker?.terminate();
      worker = null;
      queued?.resolve(null);
      queued = null;
      running?.resolve(null);
      running = null;
    },
  };
}
