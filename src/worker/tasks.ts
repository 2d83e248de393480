// Pure computations the compute worker runs by name, off the main thread. To add one: a line
// `name: (ctx, args) => result` below. Arguments and results must survive structured clone (plain
// data and typed arrays, no functions or class instances); profiles are passed by id and read with
// ctx.profile(id). Only code that may run in a worker (profile … patterns, never React/DOM/store).
import type { Profile } from '../profile/model.ts';
import { computeTrend, type TrendResult } from '../trend/computeTrend.ts';
import { buildSuspectsReport } from '../patterns/suspectsReport.ts';
import { packSuspectsReport, type PackedSuspectsReport } from '../patterns/suspectsTransfer.ts';
import { completeView, computeViewFirst, viewTransferables, type ViewFirst, type ViewOutcome, type ViewRequest } from './pipeline.ts';

export interface SuspectsRequest {
  readonly baseId: string;
  readonly targetId: string;
  readonly sampleType: string;
  readonly otherIds: readonly string[];
}

export interface TaskContext {
  profile(id: string): Profile | undefined;
}

/** The profiles a view request reads, or null when one of them is not (or no longer) there. */
export function viewProfiles(ctx: TaskContext, request: ViewRequest): { readonly base: Profile | null; readonly target: Profile } | null {
  const target = ctx.profile(request.targetId);
  const base = request.baseId ? (ctx.profile(request.baseId) ?? null) : null;
  return target && (base || !request.baseId) ? { base, target } : null;
}

/** The view task in two parts, as the worker sends it (computeViewFirst): the view, then its function table. */
export function viewTaskFirst(ctx: TaskContext, request: ViewRequest): ViewFirst {
  const pair = viewProfiles(ctx, request);
  if (!pair) return { outcome: { ok: false, request, message: 'profile not available to the worker' }, functions: null };
  return computeViewFirst(request, pair.base, pair.target);
}

export const workerTasks = {
  /** The view of a pair (or one profile): diff, transforms, function table. */
  view(ctx: TaskContext, request: ViewRequest): ViewOutcome {
    return completeView(viewTaskFirst(ctx, request));
  },
  /**
   * The trend over snapshots (profile ids, any order). The result leaves out `profiles` (the caller
   * has them: snapshot k is input `snapshots[k].inputIndex`) so they are not cloned back.
   */
  trend(ctx: TaskContext, args: { readonly ids: readonly string[]; readonly sampleType: string }): Omit<TrendResult, 'profiles'> {
    const profiles = args.ids.map((id) => {
      const p = ctx.profile(id);
      if (!p) throw new Error('profile not available to the worker');
      return p;
    });
    const { profiles: _ordered, ...rest } = computeTrend(profiles, args.sampleType);
    return rest;
  },
  /**
   * The leak suspects of a pair (src/patterns buildSuspectsReport). `otherIds`: every loaded profile,
   * the pair included, used as companions (goroutine beside heap) and trend snapshots. Packed (see
   * suspectsTransfer.ts): unpackSuspectsReport on the receiving side.
   */
  suspects(ctx: TaskContext, args: SuspectsRequest): PackedSuspectsReport {
    const need = (id: string): Profile => {
      const p = ctx.profile(id);
      if (!p) throw new Error('profile not available to the worker');
      return p;
    };
    return packSuspectsReport(buildSuspectsReport(need(args.baseId), need(args.targetId), args.sampleType, args.otherIds.map(need)));
  },
} as const;

export type TaskName = keyof typeof workerTasks;

/** Per task, the buffers of its result that can be moved rather than copied to the page (none held elsewhere). */
const resultTransferables: { readonly [K in TaskName]?: (result: ReturnType<(typeof workerTasks)[K]>) => ArrayBuffer[] } = {
  view: viewTransferables,
};

export function taskTransferables(name: string, outcome: TaskOutcome<unknown>): ArrayBuffer[] {
  const pick = (resultTransferables as Record<string, ((result: unknown) => ArrayBuffer[]) | undefined>)[name];
  return outcome.ok && pick ? pick(outcome.value) : [];
}
export type TaskArgs<K extends TaskName> = Parameters<(typeof workerTasks)[K]>[1];
export type TaskResult<K extends TaskName> = ReturnType<(typeof workerTasks)[K]>;

/** A task's outcome: its value, or why it failed (an exception in the task, a dead worker). */
export type TaskOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

export function runTask(name: string, ctx: TaskContext, args: unknown): TaskOutcome<unknown> {
  const task = (workerTasks as Record<string, ((ctx: TaskContext, args: unknown) => unknown) | undefined>)[name];
  if (!task) return { ok: false, message: `unknown task "${name}"` };
  try {
    return { ok: true, value: task(ctx, args) };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}
