// Messages between the CLI and its decode thread (decodeThread.ts).
import type { ProfileErrorCode } from '../profile/errors.ts';
import type { Profile } from '../profile/model.ts';
import type { PackedLabels } from '../worker/packedLabels.ts';

export interface ThreadRequest {
  readonly bytes: Uint8Array;
  readonly fileName: string;
}

export type ThreadReply =
  | { readonly ok: true; readonly profile: Profile; readonly labels: PackedLabels | null }
  | { readonly ok: false; readonly profileError: { readonly fileName: string; readonly code: ProfileErrorCode; readonly detail: string } }
  | { readonly ok: false; readonly message: string };
