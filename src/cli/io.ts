// What a CLI command may touch: two output streams and the file system read. Tests pass their own.
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { ProfileError } from '../profile/errors.ts';
import type { Profile } from '../profile/model.ts';
import { withLazyLabels } from '../worker/packedLabels.ts';
import type { ThreadReply, ThreadRequest } from './threadProtocol.ts';

/** A worker thread that decodes profiles one at a time (see decodeThread.ts). */
export interface DecodeThread {
  decode(bytes: Uint8Array, fileName: string): Promise<Profile>;
  close(): void;
}

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readFile: (path: string) => Uint8Array;
  /** A decode thread, when this io can start one (tests decode on their own thread). */
  readonly decodeThread?: () => DecodeThread;
}

export function nodeIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readFile: (path) => new Uint8Array(readFileSync(path)),
    decodeThread: startDecodeThread,
  };
}

function startDecodeThread(): DecodeThread {
  // Run as TypeScript (tests, tsx), the thread must register tsx's loader before it loads the entry: threads
  // do not inherit it, and an --import flag comes too late for the entry module itself. Bundled (npm run cli,
  // scripts/cli.mjs), the thread's bundle lies beside this one.
  const typescript = import.meta.url.endsWith('.ts');
  const entry = new URL(typescript ? './decodeThread.ts' : './decodeThread.mjs', import.meta.url);
  const worker = typescript
    ? new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`, { eval: true })
    : new Worker(entry);
  // One request at a time (loadProfiles awaits each). A thread that dies fails the request in flight and
  // every later one, so the caller can decode those itself.
  let pending: { resolve: (p: Profile) => void; reject: (e: Error) => void } | null = null;
  let dead: Error | null = null;
  const fail = (e: Error) => {
    dead ??= e;
    pending?.reject(e);
    pending = null;
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the decode thread exited (code ${code})`)));
  worker.on('message', (reply: ThreadReply) => {
    const request = pending;
    pending = null;
    if (!request) return;
    if (reply.ok) request.resolve(withLazyLabels(reply.profile, reply.labels));
    else if ('profileError' in reply) request.reject(new ProfileError(reply.profileError.fileName, reply.profileError.code, reply.profileError.detail));
    else request.reject(new Error(reply.message));
  });
  return {
    decode(bytes, fileName) {
      if (dead) return Promise.reject(dead);
      return new Promise((resolve, reject) => {
        pending = { resolve, reject };
        worker.postMessage({ bytes, fileName } satisfies ThreadRequest);
      });
    },
    close() {
      worker.removeAllListeners('exit');
      void worker.terminate();
    },
  };
}

/** Exit codes: 0 fine, 1 a bug, 2 bad input or incompatible profiles, 3 a --fail-on-growth limit was exceeded. */
export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_GROWTH = 3;

/** A failure a command reports with its exit code; the message goes to stderr as it is. */
export class CliFailure extends Error {
  readonly exitCode: number;
  constructor(exitCode: number, message: string) {
    super(message);
    this.name = 'CliFailure';
    this.exitCode = exitCode;
  }
}
