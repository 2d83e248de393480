// Web Worker entry for the named tasks of tasks.ts (the per-view diff first of all) on profiles registered by
// id, sent by the main thread or straight from a decode worker. Results go back by structured clone; buffers
// a result alone holds (a view's flame tree) are transferred, the rest copied, because the diff caches share
// them between views. A view goes first and its function table right after, so the page draws sooner.
// While idle after a view, it prepares the view of the likely next sample type, so that switching to it
// costs no computation (the large pair's views take about half a second each).
import type { FunctionRow } from '../calltree/functions.ts';
import type { Profile } from '../profile/model.ts';
import type { ComputeMessage, ComputeReply } from './computeProtocol.ts';
import { runIdleRounds } from './idleRounds.ts';
import { withLazyLabels } from './packedLabels.ts';
import type { ForwardedProfile } from './profileSinks.ts';
import {
  computeView,
  likelyNextSampleType,
  prepareNextViews,
  viewForPage,
  viewRequestKey,
  type ViewOutcome,
  type ViewRequest,
  type ViewResult,
} from './pipeline.ts';
import { runTask, taskTransferables, viewProfiles, viewTaskFirst, type TaskContext, type TaskOutcome } from './tasks.ts';
import { endComputeWarmUp, warmUpComputeRound } from './warmUpCompute.ts';

declare const self: DedicatedWorkerGlobalScope;

const WARM_UP_ROUNDS = 4;
// The page draws a view just after it arrives (half a second for a large pair's first one): on two cores,
// work started at once would slow that down, so the head start waits for the page's word that it has
// painted, or this long if that word does not come.
const IDLE_WORK_FALLBACK_MS = 1000;
const IDLE_WORK_AFTER_PAINT_MS = 20;
const profiles = new Map<string, Profile>();
const context: TaskContext = { profile: (id) => profiles.get(id) };
// Profiles on their way from a decode worker (profileSinks.ts), by id.
const arriving = new Map<string, MessagePort>();
let waiting: Extract<ComputeMessage, { type: 'task' }> | null = null;
let idleWork: ReturnType<typeof setTimeout> | undefined;
// The view whose idle work waits for the page's 'painted'.
let idleRequest: { readonly request: ViewRequest; readonly requestId: number } | null = null;
// Ends the warm-up when anything else arrives.
let stopWarmUp = (): void => {};
// One view computed ahead; given away (its buffers are transferred) when asked for.
let prepared: { readonly key: string; readonly result: ViewResult } | null = null;

/** The view prepared ahead for `request`, taken out of the worker's keeping; null when there is none. */
function takePrepared(request: ViewRequest): ViewResult | null {
  const hit = prepared;
  if (!hit || hit.key !== viewRequestKey(request)) return null;
  prepared = null;
  return { ...hit.result, request, preparedAhead: true };
}

/** Once view `requestId` is drawn, and unless another request comes first, prepare what the next one may need. */
function idleWorkAfterPaint(request: ViewRequest, requestId: number): void {
  startIdleWork(request, IDLE_WORK_FALLBACK_MS);
  idleRequest = { request, requestId };
}

function startIdleWork(request: ViewRequest, delayMs: number): void {
  clearTimeout(idleWork);
  idleRequest = null;
  idleWork = setTimeout(() => {
    idleRequest = null;
    const p = viewProfiles(context, request);
    try {
      if (p) prepareNextViews(p.base, p.target);
    } catch {
      // Only a head start: the next view computes whatever is missing.
    }
    // A task of its own, so that a request already waiting goes first.
    idleWork = setTimeout(() => {
      const q = viewProfiles(context, request);
      const type = q ? likelyNextSampleType(q.target, request.sampleType) : null;
      if (!q || type === null) return;
      const next = { ...request, sampleType: type };
      const key = viewRequestKey(next);
      if (prepared?.key === key) return;
      prepared = null;
      const outcome = computeView(next, q.base, q.target);
      if (outcome.ok) prepared = { key, result: outcome.result };
    }, 0);
  }, delayMs);
}

self.onmessage = (event: MessageEvent<ComputeMessage>) => {
  const message = event.data;
  stopWarmUp();
  if (message.type === 'warm-up') {
    stopWarmUp = runIdleRounds(WARM_UP_ROUNDS, () => warmUpComputeRound(message.kind), endComputeWarmUp);
    return;
  }
  switch (message.type) {
    case 'register':
      profiles.set(message.id, withLazyLabels(message.profile, message.labels));
      return;
    case 'expect':
      expectProfile(message.id, message.port);
      return;
    case 'forget':
      profiles.delete(message.id);
      arriving.get(message.id)?.close();
      arriving.delete(message.id);
      prepared = null;
      runWaitingTask();
      return;
    case 'painted':
      if (idleRequest?.requestId === message.requestId) startIdleWork(idleRequest.request, IDLE_WORK_AFTER_PAINT_MS);
      return;
    case 'task':
      clearTimeout(idleWork);
      idleRequest = null;
      // The client runs one task at a time, so at most one waits for its profiles.
      waiting = message;
      runWaitingTask();
      return;
  }
};

function expectProfile(id: string, port: MessagePort): void {
  arriving.set(id, port);
  port.onmessage = (event: MessageEvent<ForwardedProfile>) => {
    port.close();
    if (arriving.get(id) !== port) return;
    arriving.delete(id);
    // A profile that could not be sent stays missing: the task reading it reports that.
    if ('profile' in event.data) profiles.set(id, withLazyLabels(event.data.profile, event.data.labels));
    runWaitingTask();
  };
}

function postView(requestId: number, view: ViewOutcome): void {
  const sent: TaskOutcome<ViewOutcome> = { ok: true, value: viewForPage(view) };
  self.postMessage({ type: 'outcome', requestId, outcome: sent } satisfies ComputeReply, taskTransferables('view', sent));
}

function runWaitingTask(): void {
  const message = waiting;
  if (!message || message.profileIds.some((id) => arriving.has(id))) return;
  waiting = null;
  if (message.name !== 'view') {
    const outcome = runTask(message.name, context, message.args);
    self.postMessage({ type: 'outcome', requestId: message.requestId, outcome } satisfies ComputeReply, taskTransferables(message.name, outcome));
    return;
  }
  const request = message.args as ViewRequest;
  const ahead = takePrepared(request);
  if (ahead) {
    postView(message.requestId, { ok: true, result: ahead });
  } else {
    // The flame graph first; its function table in a task of its own right after.
    const first = viewTaskFirst(context, request);
    postView(message.requestId, first.outcome);
    const functions = first.functions;
    if (functions) setTimeout(() => sendFunctions(message.requestId, functions), 0);
  }
  idleWorkAfterPaint(request, message.requestId);
}

function sendFunctions(requestId: number, functions: () => readonly FunctionRow[]): void {
  let reply: ComputeReply;
  try {
    reply = { type: 'functions', requestId, functions: functions() };
  } catch (e) {
    reply = { type: 'functions', requestId, functions: null, message: e instanceof Error ? e.message : String(e) };
  }
  self.postMessage(reply);
}
