// Messages between the main thread and the compute worker. Profiles are registered once by id and
// then referred to by id, so a sample-type switch sends a few bytes, not the profiles again.
import type { FunctionRow } from '../calltree/functions.ts';
import type { Profile } from '../profile/model.ts';
import type { PackedLabels } from './packedLabels.ts';
import type { TaskOutcome } from './tasks.ts';
import type { WarmUpKind } from './warmUpCompute.ts';

export type ComputeMessage =
  /** The profile goes without its sample labels; `labels` carries them packed (see packedLabels.ts). */
  | { readonly type: 'register'; readonly id: string; readonly profile: Profile; readonly labels: PackedLabels | null }
  /** Profile `id` comes on `port`, from the decode worker (profileSinks.ts); tasks reading it wait for it. */
  | { readonly type: 'expect'; readonly id: string; readonly port: MessagePort }
  | { readonly type: 'forget'; readonly id: string }
  | { readonly type: 'task'; readonly requestId: number; readonly name: string; readonly args: unknown; readonly profileIds: readonly string[] }
  /** The page has drawn view `requestId`: the worker's idle work may start (earlier, it would slow the drawing). */
  | { readonly type: 'painted'; readonly requestId: number }
  /** Made-up work while the page is idle (warmUpCompute.ts); any other message ends it. */
  | { readonly type: 'warm-up'; readonly kind: WarmUpKind };

export type ComputeReply =
  | { readonly type: 'outcome'; readonly requestId: number; readonly outcome: TaskOutcome<unknown> }
  /** The function table of view `requestId`, sent after its outcome (null: it could not be computed). */
  | { readonly type: 'functions'; readonly requestId: number; readonly functions: readonly FunctionRow[] | null; readonly message?: string };
