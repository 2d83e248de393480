// Tells the formats apart by their first bytes instead of trying each parser in turn.

export type SniffedFormat = 'pprof' | 'heap-text' | 'goroutine-text' | 'unknown-text';

const HEAP_TEXT = /^heap profile: /;
const GOROUTINE_DEBUG1 = /^goroutine profile: total /;
const GOROUTINE_DEBUG2 = /^goroutine \d+ \[/;

export function sniffFormat(raw: Uint8Array): SniffedFormat {
  const head = new TextDecoder('utf-8', { fatal: false }).decode(raw.subarray(0, 256)).replace(/^\uFEFF/, '').trimStart();
  if (HEAP_TEXT.test(head)) return 'heap-text';
  if (GOROUTINE_DEBUG1.test(head) || GOROUTINE_DEBUG2.test(head)) return 'goroutine-text';
  // A pprof Profile starts with field 1 (sample_type, length-delimited): tag byte 0x0a. Anything
  // that looks like printable text instead is reported as unknown text, not fed to the decoder.
  if (looksLikeText(raw)) return 'unknown-text';
  return 'pprof';
}

function looksLikeText(raw: Uint8Array): boolean {
  const n = Math.min(raw.length, 64);
  if (n === 0) return false;
  for (let i = 0; i < n; i++) {
    const b = raw[i];
    if (b < 0x09 || (b > 0x0d && b < 0x20)) return false;
  }
  return true;
}
