// Messages between the main thread and the decode / compute workers. Plain data only: Profiles travel
// with their typed-array buffers in the transfer list, never as cloned object graphs of samples.
import type { Profile } from '../profile/model.ts';
import type { PackedLabels } from './packedLabels.ts';

export type DecodeStage = 'read' | 'inflate' | 'decode';

export interface DecodeProgress {
  readonly stage: DecodeStage;
  /** Bytes of the file read so far (stage 'read'); equal to bytesTotal afterwards. */
  readonly bytesDone: number;
  readonly bytesTotal: number;
}

export type DecodeSource =
  | { readonly kind: 'file'; readonly file: File }
  | { readonly kind: 'bytes'; readonly fileName: string; readonly bytes: ArrayBuffer };

export type DecodeRequest = {
  readonly type: 'decode';
  readonly jobId: number;
  readonly source: DecodeSource;
  /** Where the decoded profile also goes, before the page gets it (profileSinks.ts). */
  readonly forwardTo: readonly MessagePort[];
};

export type DecodeReply =
  | { readonly type: 'progress'; readonly jobId: number; readonly progress: DecodeProgress }
  | {
      readonly type: 'done';
      readonly jobId: number;
      /** Sent without its sample labels when `labels` is given: those travel packed, see packedLabels.ts. */
      readonly profile: Profile;
      readonly labels?: PackedLabels | null;
      readonly decodeMs: number;
    }
  | { readonly type: 'error'; readonly jobId: number; readonly message: string; readonly code: string };

/** Every ArrayBuffer a Profile owns, for postMessage's transfer list (each buffer listed once). */
export function profileTransferables(profile: Profile): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const add = (a: { buffer: ArrayBufferLike }) => {
    if (a.buffer instanceof ArrayBuffer) buffers.add(a.buffer);
  };
  add(profile.frames.line);
  add(profile.stacks.frame);
  add(profile.stacks.parent);
  add(profile.stacks.depth);
  add(profile.samples.stack);
  for (const v of profile.samples.values) add(v);
  if (profile.samples.mergeKey) add(profile.samples.mergeKey);
  return [...buffers];
}
