import { deflateRaw } from 'pako';
import { describe, expect, it } from 'vitest';
import { decodeEmbedded, encodeEmbedded, fromBase64Url, toBase64Url } from './embed.ts';
import { readProfileBytes } from '../testing/sharedProfiles.ts';

describe('embedded profile data', () => {
  it('round-trips real profiles, gzipped and text, byte for byte', () => {
    for (const f of ['closure-capture/heap_3.pb.gz', 'closure-capture/heap_3.txt', 'timer-leak/goroutine_3.debug1.txt']) {
      const bytes = readProfileBytes(f);
      const text = encodeEmbedded(bytes);
      expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
      const back = decodeEmbedded(text);
      expect(back.ok && Buffer.from(back.bytes).equals(Buffer.from(bytes))).toBe(true);
    }
  });

  it('writes the same base64url as Node', () => {
    for (let n = 0; n < 40; n++) {
      const b = new Uint8Array(n).map((_, i) => (i * 97 + 13) & 0xff);
      expect(toBase64Url(b)).toBe(Buffer.from(b).toString('base64url'));
      expect(Buffer.from(fromBase64Url(toBase64Url(b))!).equals(Buffer.from(b))).toBe(true);
    }
  });

  it('refuses oversized text before decoding it', () => {
    const r = decodeEmbedded('A'.repeat(101), { maxEncodedChars: 100, maxInflatedBytes: 1000, offerEmbedMaxChars: 10 });
    expect(r).toEqual({ ok: false, reason: expect.stringContaining('over the 100 limit') });
  });

  it('stops a deflate bomb at the inflation cap', () => {
    // A hand-made bomb: no real profile compresses 1000:1.
    const bomb = toBase64Url(deflateRaw(new Uint8Array(10_000_000)));
    const r = decodeEmbedded(bomb, { maxEncodedChars: 1e6, maxInflatedBytes: 1_000_000, offerEmbedMaxChars: 10 });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toContain('refused');
  });

  it('reports garbage as a value', () => {
    expect(decodeEmbedded('not*base64')).toEqual({ ok: false, reason: 'embedded data is not base64url' });
    expect(decodeEmbedded('AAAA_____')).toMatchObject({ ok: false });
    expect(decodeEmbedded('____')).toMatchObject({ ok: false, reason: 'embedded data is not valid deflate' });
  });
});
