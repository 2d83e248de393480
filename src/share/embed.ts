// Profile bytes carried inside a link: raw deflate, then base64url (RFC 4648 §5, no padding).
// Decoding is bounded twice: the text is refused before any work when too long, and inflation stops
// at a cap, so a hostile link cannot make the tab allocate without limit.
import { Inflate, deflateRaw } from 'pako';
import { joinChunks } from '../profile/joinChunks.ts';

/** Longest embedded text we decode at all. The share button offers embedding up to `offerEmbedMaxChars`. */
// Browsers refuse URLs much over 2 MB, and what a link embeds is the profile file as given (usually
// gzipped already), so anything inflating past 32 MiB is a bomb, not a profile: stop early, because
// this runs on the main thread while the link opens.
export const embedLimits = {
  maxEncodedChars: 2 * 1024 * 1024,
  maxInflatedBytes: 32 * 1024 * 1024,
  offerEmbedMaxChars: 100 * 1024,
} as const;

export type EmbedDecodeResult =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly reason: string };

export function encodeEmbedded(bytes: Uint8Array): string {
  return toBase64Url(deflateRaw(bytes, { level: 9 }));
}

export function decodeEmbedded(text: string, limits = embedLimits): EmbedDecodeResult {
  if (text.length > limits.maxEncodedChars) {
    return { ok: false, reason: `embedded data is ${text.length} characters, over the ${limits.maxEncodedChars} limit; not decoded` };
  }
  const compressed = fromBase64Url(text);
  if (!compressed) return { ok: false, reason: 'embedded data is not base64url' };
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflate = new Inflate({ raw: true, chunkSize: 1 << 16 });
  let tooLarge = false;
  inflate.onData = (chunk: Uint8Array) => {
    total += chunk.length;
    if (total > limits.maxInflatedBytes) {
      tooLarge = true;
      throw new RangeError('too large');
    }
    chunks.push(chunk);
  };
  try {
    inflate.push(compressed, true);
  } catch {
    // onData threw to stop a bomb, or pako threw on corrupt input; both handled below.
  }
  if (tooLarge) return { ok: false, reason: `embedded data inflates to more than ${limits.maxInflatedBytes} bytes; refused` };
  if (inflate.err || !inflate.ended) return { ok: false, reason: 'embedded data is not valid deflate' };
  return { ok: true, bytes: joinChunks(chunks, total) };
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const REVERSE = (() => {
  const r = new Int16Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) r[ALPHABET.charCodeAt(i)] = i;
  return r;
})();

export function toBase64Url(bytes: Uint8Array): string {
  const parts: string[] = [];
  let line = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    line += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63];
    if (i + 1 < bytes.length) line += ALPHABET[(n >> 6) & 63];
    if (i + 2 < bytes.length) line += ALPHABET[n & 63];
    // Flush now and then: repeated string concatenation of MBs builds deep ropes.
    if (line.length >= 8192) {
      parts.push(line);
      line = '';
    }
  }
  parts.push(line);
  return parts.join('');
}

/** Null when the text holds a character outside the alphabet or has an impossible length. */
export function fromBase64Url(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    const chunk = Math.min(4, text.length - i);
    for (let j = 0; j < 4; j++) {
      let v = 0;
      if (j < chunk) {
        const c = text.charCodeAt(i + j);
        v = c < 128 ? REVERSE[c] : -1;
        if (v < 0) return null;
      }
      n = (n << 6) | v;
    }
    out[o++] = (n >> 16) & 0xff;
    if (chunk > 2) out[o++] = (n >> 8) & 0xff;
    if (chunk > 3) out[o++] = n & 0xff;
  }
  return out.subarray(0, o);
}

