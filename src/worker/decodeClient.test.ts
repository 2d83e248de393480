// The decode pool's scheduling, cancel and crash handling, driven by a stand-in Worker: Node has no
// Web Workers, and these behaviours are about the pool, not the decoder (which has its own tests).
import { describe, expect, it } from 'vitest';
import { decodeProfile } from '../profile/decodeProfile.ts';
import { createDecodeClient } from './decodeClient.ts';
import type { DecodeReply, DecodeRequest } from './protocol.ts';
import { readProfileBytes } from '../testing/sharedProfiles.ts';

const heap1 = readProfileBytes('map-cache/heap_1.pb.gz');

type Behaviour = 'decode' | 'hang' | 'crash';

class FakeWorker {
  static created: FakeWorker[] = [];
  onmessage: ((e: MessageEvent<DecodeReply>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  terminated = false;
  received: DecodeRequest[] = [];
  constructor(private readonly behaviour: () => Behaviour) {
    FakeWorker.created.push(this);
  }
  postMessage(request: DecodeRequest): void {
    this.received.push(request);
    const behaviour = this.behaviour();
    setTimeout(() => {
      if (this.terminated) return;
      if (behaviour === 'crash') {
        this.onerror?.({ message: 'Out of memory', preventDefault() {} } as ErrorEvent);
        return;
      }
      if (behaviour === 'hang') return;
      const source = request.source;
      if (source.kind !== 'bytes') throw new Error('test sends bytes');
      const profile = decodeProfile(new Uint8Array(source.bytes), source.fileName);
      this.onmessage?.({ data: { type: 'done', jobId: request.jobId, profile, decodeMs: 1 } } as MessageEvent<DecodeReply>);
    }, 5);
  }
  terminate(): void {
    this.terminated = true;
  }
}

function bytes(): ArrayBuffer {
  return heap1.buffer.slice(heap1.byteOffset, heap1.byteOffset + heap1.byteLength) as ArrayBuffer;
}

describe('decode client', () => {
  it('decodes two files at once on two workers', async () => {
    FakeWorker.created = [];
    const client = createDecodeClient(2, () => new FakeWorker(() => 'decode') as unknown as Worker);
    const a = client.decode({ kind: 'bytes', fileName: 'a.pb.gz', bytes: bytes() });
    const b = client.decode({ kind: 'bytes', fileName: 'b.pb.gz', bytes: bytes() });
    expect(FakeWorker.created.map((w) => w.received.length)).toEqual([1, 1]);
    const [ra, rb] = await Promise.all([a.result, b.result]);
    expect(ra.ok && ra.profile.kind).toBe('heap');
    expect(rb.ok && rb.profile.fileName).toBe('b.pb.gz');
  });

  it('cancelling a running decode ends it at once, replaces its worker and runs the next queued file', async () => {
    FakeWorker.created = [];
    let next: Behaviour = 'hang';
    const client = createDecodeClient(1, () => new FakeWorker(() => next) as unknown as Worker);
    const stuck = client.decode({ kind: 'bytes', fileName: 'huge.pb.gz', bytes: bytes() });
    next = 'decode';
    const queued = client.decode({ kind: 'bytes', fileName: 'small.pb.gz', bytes: bytes() });
    stuck.cancel();
    expect(await stuck.result).toEqual({ ok: false, message: 'huge.pb.gz: loading cancelled', code: 'cancelled' });
    expect(FakeWorker.created[0].terminated).toBe(true);
    const r = await queued.result;
    expect(r.ok).toBe(true);
  });

  it('a worker that dies (e.g. out of memory) becomes an error for that file, and the pool keeps working', async () => {
    FakeWorker.created = [];
    let next: Behaviour = 'crash';
    const client = createDecodeClient(1, () => new FakeWorker(() => next) as unknown as Worker);
    const crashed = await client.decode({ kind: 'bytes', fileName: 'big.pb.gz', bytes: bytes() }).result;
    expect(crashed.ok).toBe(false);
    expect(!crashed.ok && crashed.message).toMatch(/^big\.pb\.gz: the decoder stopped \(Out of memory\)/);
    next = 'decode';
    const after = await client.decode({ kind: 'bytes', fileName: 'again.pb.gz', bytes: bytes() }).result;
    expect(after.ok).toBe(true);
  });
});
