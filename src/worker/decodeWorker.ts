// Web Worker entry: reads a File (reporting bytes), inflates and decodes it off the main thread, and
// transfers the finished Profile back (after copying it to the compute workers' ports, if any). One job at a
// time; cancel = the client terminates this worker.
import { decodeProfile } from '../profile/decodeProfile.ts';
import { isProfileError } from '../profile/errors.ts';
import { gunzipProfile, isGzip } from '../profile/gunzip.ts';
import { gunzipWithStreams } from '../profile/gunzipStream.ts';
import { runIdleRounds } from './idleRounds.ts';
import { warmUpProfileBytes } from './warmUpProfile.ts';
import { packedLabelsTransferables, splitLabels } from './packedLabels.ts';
import { profileTransferables as transferablesOf } from './protocol.ts';
import type { ForwardedProfile } from './profileSinks.ts';
import type { DecodeProgress, DecodeReply, DecodeRequest, DecodeSource, DecodeStage } from './protocol.ts';

declare const self: DedicatedWorkerGlobalScope;

// Until the first file arrives, decode a made-up profile a dozen times (about 20 ms each): the first real
// decode then runs optimised code (a cold worker took up to twice as long on a 45k-sample profile, and
// three rounds left the medium bench pair's decodes some 20% slower than twelve).
let warmUpBytes: Uint8Array | null = null;
const stopWarmUp = runIdleRounds(
  12,
  () => {
    warmUpBytes ??= warmUpProfileBytes();
    splitLabels(decodeProfile(warmUpBytes, 'warm-up.pb'));
  },
  () => {
    warmUpBytes = null;
  },
);

self.onmessage = (event: MessageEvent<DecodeRequest>) => {
  const request = event.data;
  if (request.type !== 'decode') return;
  stopWarmUp();
  void runDecode(request.jobId, request.source, request.forwardTo);
};

async function runDecode(jobId: number, source: DecodeSource, forwardTo: readonly MessagePort[]): Promise<void> {
  const fileName = source.kind === 'file' ? source.file.name : source.fileName;
  const started = performance.now();
  try {
    const bytes = source.kind === 'file' ? await readWithProgress(jobId, source.file) : new Uint8Array(source.bytes);
    const total = bytes.length;
    let raw = bytes;
    if (isGzip(bytes)) {
      progress(jobId, 'inflate', total, total);
      raw = (await gunzipWithStreams(bytes, fileName)) ?? gunzipProfile(bytes, fileName);
    }
    progress(jobId, 'decode', total, total);
    // byteSize is the size of the file as given, not of the inflated stream we pass on.
    // Labels go as typed-array columns: cloning one object array per sample blocks the receiving thread.
    const { profile, labels } = splitLabels({ ...decodeProfile(raw, fileName), byteSize: total });
    // Copies to the compute workers first (the page's copy is transferred, which empties the buffers).
    forward(forwardTo, { profile, labels });
    const reply: DecodeReply = { type: 'done', jobId, profile, labels, decodeMs: performance.now() - started };
    self.postMessage(reply, [...transferablesOf(profile), ...(labels ? packedLabelsTransferables(labels) : [])]);
  } catch (e) {
    for (const port of forwardTo) port.close();
    const reply: DecodeReply = isProfileError(e)
      ? { type: 'error', jobId, message: e.message, code: e.code }
      : { type: 'error', jobId, message: `${fileName}: ${e instanceof Error ? e.message : String(e)}`, code: 'internal' };
    self.postMessage(reply);
  }
}

function forward(ports: readonly MessagePort[], message: ForwardedProfile): void {
  for (const port of ports) {
    try {
      port.postMessage(message);
    } catch (e) {
      // The task that reads it then fails with this message instead of waiting for it.
      const failed: ForwardedProfile = { failed: e instanceof Error ? e.message : String(e) };
      port.postMessage(failed);
    }
    port.close();
  }
}

async function readWithProgress(jobId: number, file: File): Promise<Uint8Array> {
  const total = file.size;
  const out = new Uint8Array(total);
  let done = 0;
  let lastReport = 0;
  progress(jobId, 'read', 0, total);
  const reader = file.stream().getReader();
  for (;;) {
    const { done: finished, value } = await reader.read();
    if (finished) break;
    // A file that grew while being read: keep what fits, the decoder reports the damage if any.
    const n = Math.min(value.length, total - done);
    out.set(value.subarray(0, n), done);
    done += n;
    const now = performance.now();
    if (now - lastReport > 50) {
      lastReport = now;
      progress(jobId, 'read', done, total);
    }
  }
  return done === total ? out : out.subarray(0, done);
}

function progress(jobId: number, stage: DecodeStage, bytesDone: number, bytesTotal: number): void {
  const p: DecodeProgress = { stage, bytesDone, bytesTotal };
  const reply: DecodeReply = { type: 'progress', jobId, progress: p };
  self.postMessage(reply);
}
