// Inflates gzip with the platform's DecompressionStream where there is one (browsers): native zlib, several
// times faster than pako's JavaScript and with no JIT warm-up. Output over the cap throws the same error as
// gunzipProfile; any other failure (a corrupt or truncated stream, no such API) gives null, and the caller
// runs gunzipProfile, whose errors say where and why the stream broke.
import { inflatesTooLarge } from './gunzip.ts';
import { joinChunks } from './joinChunks.ts';
import { decodeLimits } from './limits.ts';

export async function gunzipWithStreams(bytes: Uint8Array, fileName: string, maxBytes: number = decodeLimits.maxInflatedBytes): Promise<Uint8Array | null> {
  if (typeof DecompressionStream !== 'function' || typeof Blob !== 'function') return null;
  let tooLarge = false;
  try {
    const reader = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > maxBytes) {
        tooLarge = true;
        await reader.cancel().catch(() => undefined);
        break;
      }
      chunks.push(value);
    }
    if (tooLarge) throw inflatesTooLarge(fileName, maxBytes);
    return joinChunks(chunks, total);
  } catch (e) {
    if (tooLarge) throw e;
    return null;
  }
}
