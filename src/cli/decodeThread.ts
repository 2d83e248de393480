// A worker thread that decodes one profile at a time for the CLI, so the files of a diff or a trend decode on
// two cores at once. The profile comes back as transferred typed arrays (labels packed), as in the app.
import { parentPort } from 'node:worker_threads';
import { decodeProfile } from '../profile/decodeProfile.ts';
import { isProfileError } from '../profile/errors.ts';
import { packedLabelsTransferables, splitLabels } from '../worker/packedLabels.ts';
import { profileTransferables } from '../worker/protocol.ts';
import { gunzipNative } from './gunzipNative.ts';
import type { ThreadReply, ThreadRequest } from './threadProtocol.ts';

parentPort?.on('message', ({ bytes, fileName }: ThreadRequest) => {
  let reply: ThreadReply;
  try {
    const { profile, labels } = splitLabels(decodeProfile(bytes, fileName, { gunzip: gunzipNative }));
    reply = { ok: true, profile, labels };
    parentPort?.postMessage(reply, [...profileTransferables(profile), ...(labels ? packedLabelsTransferables(labels) : [])]);
    return;
  } catch (e) {
    reply = isProfileError(e)
      ? { ok: false, profileError: { fileName: e.fileName, code: e.code, detail: e.detail } }
      : { ok: false, message: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  parentPort?.postMessage(reply);
});
