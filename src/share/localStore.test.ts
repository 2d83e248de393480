import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openLocalProfileStore } from './localStore.ts';
import { sha256HexSync } from './sha256.ts';
import { readProfileBytes } from '../testing/sharedProfiles.ts';

const heap1 = readProfileBytes('map-cache/heap_1.pb.gz');
const heap3 = readProfileBytes('map-cache/heap_3.pb.gz');
const meta = (name: string, bytes: Uint8Array, loadedAt: number) => ({ hash: sha256HexSync(bytes), name, size: bytes.length, loadedAt });

afterEach(() => vi.restoreAllMocks());

describe('local profile store', () => {
  it('keeps bytes by hash across re-opening the database (a reload)', async () => {
    const factory = new IDBFactory();
    const first = openLocalProfileStore(factory);
    expect(await first.put(meta('heap_1.pb.gz', heap1, 1000), heap1)).toMatchObject({ ok: true });

    const afterReload = openLocalProfileStore(factory);
    const got = await afterReload.get(sha256HexSync(heap1));
    expect(got.ok && got.value && Buffer.from(got.value.bytes).equals(Buffer.from(heap1))).toBe(true);
    expect(got.ok && got.value?.meta.name).toBe('heap_1.pb.gz');
    expect(await afterReload.get(sha256HexSync(heap3))).toEqual({ ok: true, value: null });
  });

  it('reads back profiles an earlier version stored as byte arrays rather than Blobs', async () => {
    const factory = new IDBFactory();
    // The store's own schema, written as the version before Blob storage did.
    await new Promise<void>((resolve, reject) => {
      const open = factory.open('leakscope-profiles', 1);
      open.onupgradeneeded = () => {
        open.result.createObjectStore('meta', { keyPath: 'hash' });
        open.result.createObjectStore('bytes');
      };
      open.onsuccess = () => {
        const tx = open.result.transaction(['meta', 'bytes'], 'readwrite');
        tx.objectStore('meta').put(meta('heap_1.pb.gz', heap1, 1000));
        tx.objectStore('bytes').put(heap1.slice(), sha256HexSync(heap1));
        tx.oncomplete = () => {
          open.result.close();
          resolve();
        };
        tx.onerror = () => reject(tx.error);
      };
      open.onerror = () => reject(open.error);
    });
    const got = await openLocalProfileStore(factory).get(sha256HexSync(heap1));
    expect(got.ok && got.value && Buffer.from(got.value.bytes).equals(Buffer.from(heap1))).toBe(true);
  });

  it('lists recent profiles newest first, refreshes on re-load, and deletes', async () => {
    const store = openLocalProfileStore(new IDBFactory());
    await store.put(meta('heap_1.pb.gz', heap1, 1000), heap1);
    await store.put(meta('heap_3.pb.gz', heap3, 2000), heap3);
    let list = await store.list();
    expect(list.ok && list.value.map((m) => m.name)).toEqual(['heap_3.pb.gz', 'heap_1.pb.gz']);

    await store.put(meta('again.pb.gz', heap1, 3000), heap1);
    list = await store.list();
    expect(list.ok && list.value.map((m) => m.name)).toEqual(['again.pb.gz', 'heap_3.pb.gz']);

    expect(await store.remove(sha256HexSync(heap3))).toEqual({ ok: true, value: undefined });
    list = await store.list();
    expect(list.ok && list.value.map((m) => m.name)).toEqual(['again.pb.gz']);
    expect(await store.get(sha256HexSync(heap3))).toEqual({ ok: true, value: null });
  });

  it('reports a full quota as a value, and keeps working for reads', async () => {
    const store = openLocalProfileStore(new IDBFactory());
    await store.put(meta('heap_1.pb.gz', heap1, 1000), heap1);
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('quota', 'QuotaExceededError');
    });
    const refused = await store.put(meta('heap_3.pb.gz', heap3, 2000), heap3);
    expect(refused).toMatchObject({ ok: false, error: { kind: 'quota' } });
    vi.restoreAllMocks();
    const list = await store.list();
    expect(list.ok && list.value.map((m) => m.name)).toEqual(['heap_1.pb.gz']);
  });

  it('says so when there is no IndexedDB at all', async () => {
    const store = openLocalProfileStore(undefined);
    expect(await store.list()).toMatchObject({ ok: false, error: { kind: 'unavailable' } });
  });
});
