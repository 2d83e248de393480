// Inflates gzip input with a cap on the output size, reporting where a broken stream ended.
import { Inflate } from 'pako';
import { ProfileError } from './errors.ts';
import { joinChunks } from './joinChunks.ts';
import { decodeLimits } from './limits.ts';

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

const CHUNK = 1 << 20;
const Z_BUF_ERROR = -5;

export function gunzipProfile(bytes: Uint8Array, fileName: string, maxBytes: number = decodeLimits.maxInflatedBytes): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let tooLarge = false;
  const inflate = new Inflate({ chunkSize: CHUNK });
  inflate.onData = (chunk: Uint8Array) => {
    total += chunk.length;
    if (total > maxBytes) {
      tooLarge = true;
      throw inflatesTooLarge(fileName, maxBytes);
    }
    chunks.push(chunk);
  };
  // Feed in slices so a bomb is stopped after at most one chunk past the limit.
  let fed = 0;
  try {
    while (fed < bytes.length && !inflate.ended) {
      const end = Math.min(bytes.length, fed + CHUNK);
      inflate.push(bytes.subarray(fed, end), end === bytes.length);
      fed = end;
      if (inflate.err) break;
    }
  } catch (e) {
    if (e instanceof ProfileError) throw e;
    throw new ProfileError(fileName, 'gzip', `gzip data is corrupt near byte ${fed} (${e instanceof Error ? e.message : String(e)})`);
  }
  if (tooLarge) throw new ProfileError(fileName, 'too-large', `inflates to more than ${formatMiB(maxBytes)}`);
  // zlib's Z_BUF_ERROR once all input is in: the stream needed more bytes than the file has.
  if (inflate.err === Z_BUF_ERROR && fed === bytes.length) {
    throw new ProfileError(fileName, 'gzip', `gzip stream ended early at byte ${bytes.length} (the file is truncated)`);
  }
  if (inflate.err) {
    throw new ProfileError(fileName, 'gzip', `gzip data is corrupt near byte ${fed} (${inflate.msg || 'inflate error'})`);
  }
  if (!inflate.ended) {
    throw new ProfileError(fileName, 'gzip', `gzip stream ended early at byte ${bytes.length}`);
  }
  return joinChunks(chunks, total);
}

export function inflatesTooLarge(fileName: string, maxBytes: number): ProfileError {
  return new ProfileError(fileName, 'too-large', `inflates to more than ${formatMiB(maxBytes)} (a gzip bomb, or not a profile)`);
}

function formatMiB(n: number): string {
  return `${Math.round(n / (1024 * 1024))} MiB`;
}
