// Web Worker entry: SHA-256 of the bytes it is sent. Chromium's WebCrypto digest runs on the calling
// thread (about 100 ms per 16 MB here), so hashing a big profile in the page would freeze it.
import { sha256Hex } from '../share/sha256.ts';

declare const self: DedicatedWorkerGlobalScope;

export type HashRequest = { readonly id: number; readonly bytes: Uint8Array };
export type HashReply = { readonly id: number; readonly hash: string } | { readonly id: number; readonly error: string };

self.onmessage = (event: MessageEvent<HashRequest>) => {
  const { id, bytes } = event.data;
  sha256Hex(bytes).then(
    (hash) => self.postMessage({ id, hash } satisfies HashReply),
    (e: unknown) => self.postMessage({ id, error: e instanceof Error ? e.message : String(e) } satisfies HashReply),
  );
};
