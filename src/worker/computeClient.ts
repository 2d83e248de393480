// Async client for the compute worker: runs the named pure tasks of tasks.ts (the per-view diff, and
// whatever else is registered there) off the main thread. Profiles a task needs are sent to the worker
// once, on first use. Per task name only the latest request matters: while one runs, a newer request
// replaces the queued one (which resolves null); a running task that a newer request of its name has
// superseded is abandoned after SUPERSEDE_AFTER_MS by restarting the worker — a filter regex with
// catastrophic backtracking never returns, and must not wedge every later view. Falls back to computing in the page when a worker
// cannot be started; a worker that dies turns the running task into an error outcome.
import type { FunctionRow } from '../calltree/functions.ts';
import type { Profile } from '../profile/model.ts';
import type { ComputeMessage, ComputeReply } from './computeProtocol.ts';
import { afterNextPaint } from './afterNextPaint.ts';
import { splitLabels } from './packedLabels.ts';
import { addProfileSink } from './profileSinks.ts';
import { viewTransferables, type ViewOutcome, type ViewRequest, type ViewResult } from './pipeline.ts';
import { detachBuffers } from './detachBuffers.ts';
import { runTask, type TaskArgs, type TaskName, type TaskOutcome, type TaskResult } from './tasks.ts';
import type { WarmUpKind } from './warmUpCompute.ts';

export interface ComputeClient {
  /** Runs task `name` with `args`; `profiles` holds every profile the task reads by id. Null: superseded. */
  run<K extends TaskName>(name: K, args: TaskArgs<K>, profiles: ReadonlyMap<string, Profile>): Promise<TaskOutcome<TaskResult<K>> | null>;
  /**
   * The view task, outcome unwrapped. Null when a newer view request superseded this one. A view computed in
   * the worker comes without its function table (functions: null); `onFunctions` gets the rows just after.
   */
  compute(request: ViewRequest, profiles: ReadonlyMap<string, Profile>, onFunctions?: FunctionsListener): Promise<ViewOutcome | null>;
  /**
   * Sends profiles to the worker now, ahead of any task that reads them: the copy is made on the page's
   * thread, better while it waits for other files to decode than when a view is wanted.
   */
  register(profiles: ReadonlyMap<string, Profile>): void;
  /**
   * A port for the decode worker to send profile `id` on (profileSinks.ts), so the page need not copy it to
   * this worker; null without a worker. Until it arrives, the worker holds back tasks that read it.
   */
  expect(id: string): MessagePort | null;
  /** Starts the worker now, so its code is loaded before the first task; with `warmUp`, it warms up too. */
  prepare(warmUp?: WarmUpKind): void;
  /** The profile was removed: drop the worker's copy. */
  forget(id: string): void;
  /**
   * The page no longer shows this view: free its flame tree's buffers now if they came from the worker (they
   * are then the page's alone). React keeps the props of a component's previous render, so a replaced view
   * stayed reachable until every component that showed it rendered twice more: on a large pair, a second
   * 120 MB tree after each sample-type switch. A view computed in the page may share arrays with the
   * pipeline's caches and is left to the collector.
   */
  release(result: ViewResult): void;
  dispose(): void;
}

export const createComputeWorker = (): Worker =>
  new Worker(new URL('./computeWorker.ts', import.meta.url), { type: 'module', name: 'leakscope-compute' });

/** Below this, a superseded task is left to finish (cheaper than re-sending profiles to a new worker). */
const SUPERSEDE_AFTER_MS = 1000;

interface Job {
  readonly name: string;
  readonly args: unknown;
  readonly profiles: ReadonlyMap<string, Profile>;
  readonly resolve: (o: TaskOutcome<unknown> | null) => void;
  readonly onFunctions?: FunctionsListener;
}

/** Receives a view's function table after the view (null, with why, when it could not be computed). */
export type FunctionsListener = (functions: readonly FunctionRow[] | null, message?: string) => void;

export interface ComputeClientOptions {
  /**
   * Restart the worker when a superseded task runs on past SUPERSEDE_AFTER_MS (default true). A client whose
   * tasks read no user patterns always gets an answer and can skip it: restarting re-sends every profile,
   * a structured clone of tens of MB on the page's thread for a large pair.
   */
  readonly abandonSuperseded?: boolean;
}

export function createComputeClient(createWorker: () => Worker = createComputeWorker, options: ComputeClientOptions = {}): ComputeClient {
  const abandonSuperseded = options.abandonSuperseded ?? true;
  let worker: Worker | null = null;
  let workerFailed = false;
  let workerEverReplied = false;
  const registered = new Set<string>();
  let running: (Job & { requestId: number; startedAt: number }) | null = null;
  let supersedeTimer: ReturnType<typeof setTimeout> | undefined;
  /** Waiting jobs, at most one per task name, in arrival order. */
  const queued = new Map<string, Job>();
  let nextRequestId = 1;
  /** Views sent without their function table, by request id: who gets the rows when they come. */
  const functionsListeners = new Map<number, FunctionsListener>();
  /** Flame trees that arrived from the worker: their buffers were transferred, nothing else in the page shares them. */
  const ownTrees = new WeakSet<object>();

  /** The worker is gone: the function tables it still owed will not come. */
  function dropPendingFunctions(why: string): void {
    const waiting = [...functionsListeners.values()];
    functionsListeners.clear();
    for (const listener of waiting) listener(null, why);
  }

  function startWorker(): Worker | null {
    if (worker || workerFailed) return worker;
    try {
      const w = createWorker();
      w.onmessage = (event: MessageEvent<ComputeReply>) => {
        workerEverReplied = true;
        const reply = event.data;
        if (reply.type === 'functions') {
          const listener = functionsListeners.get(reply.requestId);
          functionsListeners.delete(reply.requestId);
          listener?.(reply.functions, reply.message);
          return;
        }
        if (!running || reply.requestId !== running.requestId) return;
        const done = running;
        running = null;
        if (done.name === 'view') {
          // Rows follow only a view that came without them (not one prepared ahead, nor a failed one).
          const view = reply.outcome.ok ? (reply.outcome.value as ViewOutcome) : null;
          if (view?.ok) ownTrees.add(view.result.flameTree);
          if (!(view?.ok && view.result.functions === null)) functionsListeners.delete(done.requestId);
          const requestId = done.requestId;
          void afterNextPaint().then(() => worker?.postMessage({ type: 'painted', requestId } satisfies ComputeMessage));
        }
        done.resolve(reply.outcome);
        pump();
      };
      const onCrash = (why: string) => {
        w.terminate();
        worker = null;
        registered.clear();
        dropPendingFunctions(`the computation stopped (${why})`);
        const lost = running;
        running = null;
        if (!workerEverReplied) {
          // The worker never started (e.g. module workers refused from file://): compute in the page.
          workerFailed = true;
          if (lost && !queued.has(lost.name)) queued.set(lost.name, lost);
          else lost?.resolve(null);
        } else {
          lost?.resolve({ ok: false, message: `The computation stopped (${why}); the view can be retried.` });
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

  function pump(): void {
    if (running) return;
    const next = queued.entries().next();
    if (next.done) return;
    const [name, job] = next.value;
    queued.delete(name);
    const w = startWorker();
    if (!w) {
      // No worker: compute here, after letting the page paint.
      running = { ...job, requestId: -1, startedAt: performance.now() };
      setTimeout(() => {
        running = null;
        job.resolve(runTask(job.name, { profile: (id) => job.profiles.get(id) }, job.args));
        pump();
      }, 0);
      return;
    }
    sendProfiles(w, job.profiles);
    const requestId = nextRequestId++;
    running = { ...job, requestId, startedAt: performance.now() };
    const message: ComputeMessage = { type: 'task', requestId, name: job.name, args: job.args, profileIds: [...job.profiles.keys()] };
    if (job.onFunctions) functionsListeners.set(requestId, job.onFunctions);
    w.postMessage(message);
  }

  function sendProfiles(w: Worker, profiles: ReadonlyMap<string, Profile>): void {
    for (const [id, profile] of profiles) {
      if (registered.has(id)) continue;
      // Labels go packed (typed arrays, copied as blocks); the worker unpacks a sample's labels when a task reads them.
      const split = splitLabels(profile);
      const message: ComputeMessage = { type: 'register', id, profile: split.profile, labels: split.labels };
      w.postMessage(message);
      registered.add(id);
    }
  }

  /** Restarts the worker when its running task has been superseded for long enough (see the module comment). */
  function abandonSupersededTask(): void {
    clearTimeout(supersedeTimer);
    const current = running;
    if (!abandonSuperseded || !current || current.requestId < 0 || !queued.has(current.name)) return;
    const waited = performance.now() - current.startedAt;
    if (waited < SUPERSEDE_AFTER_MS) {
      supersedeTimer = setTimeout(abandonSupersededTask, SUPERSEDE_AFTER_MS - waited);
      return;
    }
    worker?.terminate();
    worker = null;
    registered.clear();
    running = null;
    dropPendingFunctions('the computation was restarted');
    current.resolve(null);
    pump();
  }

  function run(name: string, args: unknown, profiles: ReadonlyMap<string, Profile>, onFunctions?: FunctionsListener): Promise<TaskOutcome<unknown> | null> {
    return new Promise((resolve) => {
      queued.get(name)?.resolve(null);
      queued.set(name, { name, args, profiles, resolve, onFunctions });
      pump();
      abandonSupersededTask();
    });
  }

  return {
    run: run as ComputeClient['run'],
    async compute(request, profiles, onFunctions) {
      const outcome = (await run('view', request, profiles, onFunctions)) as TaskOutcome<ViewOutcome> | null;
      if (!outcome) return null;
      return outcome.ok ? outcome.value : { ok: false, request, message: outcome.message };
    },
    register(profiles) {
      const w = startWorker();
      if (w) sendProfiles(w, profiles);
    },
    expect(id) {
      const w = startWorker();
      if (!w || registered.has(id) || typeof MessageChannel !== 'function') return null;
      const channel = new MessageChannel();
      w.postMessage({ type: 'expect', id, port: channel.port1 } satisfies ComputeMessage, [channel.port1]);
      registered.add(id);
      return channel.port2;
    },
    prepare(warmUp) {
      const w = startWorker();
      if (w && warmUp) w.postMessage({ type: 'warm-up', kind: warmUp } satisfies ComputeMessage);
    },
    release(result) {
      if (!ownTrees.delete(result.flameTree)) return;
      detachBuffers(viewTransferables({ ok: true, result }));
    },
    forget(id) {
      if (registered.delete(id)) worker?.postMessage({ type: 'forget', id } satisfies ComputeMessage);
    },
    dispose() {
      clearTimeout(supersedeTimer);
      worker?.terminate();
      worker = null;
      for (const job of queued.values()) job.resolve(null);
      queued.clear();
      running?.resolve(null);
      running = null;
    },
  };
}

let shared: ComputeClient | null = null;

/** The page's one compute client (one worker): the view driver and any feature running a task share it. */
export function sharedComputeClient(): ComputeClient {
  if (!shared) {
    const client = createComputeClient();
    addProfileSink((id) => client.expect(id));
    shared = client;
  }
  return shared;
}
