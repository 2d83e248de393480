// Every loaded profile kept in IndexedDB by content hash, written before it is decoded, so a crash or a
// reload loses nothing. Failures (quota, private mode, no IndexedDB) come back as values.
import type { Sha256Hex } from './sha256.ts';

export interface StoredProfileMeta {
  readonly hash: Sha256Hex;
  /** As the user's file was called; untrusted, display as text. */
  readonly name: string;
  readonly size: number;
  /** When it was last loaded, ms since the epoch. */
  readonly loadedAt: number;
}

export interface StoredProfile {
  readonly meta: StoredProfileMeta;
  readonly bytes: Uint8Array;
}

export type LocalStoreErrorKind = 'quota' | 'unavailable' | 'failed';

export interface LocalStoreError {
  readonly kind: LocalStoreErrorKind;
  readonly message: string;
}

export type StoreResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: LocalStoreError };

export interface LocalProfileStore {
  /** Stores the bytes under their hash; loading the same file again only refreshes name and time. */
  put(meta: StoredProfileMeta, bytes: Uint8Array): Promise<StoreResult<StoredProfileMeta>>;
  get(hash: Sha256Hex): Promise<StoreResult<StoredProfile | null>>;
  /** Newest first. Reads metadata only, never the bytes. */
  list(): Promise<StoreResult<StoredProfileMeta[]>>;
  remove(hash: Sha256Hex): Promise<StoreResult<void>>;
}

const DB_VERSION = 1;
const META = 'meta';
const BYTES = 'bytes';

export function openLocalProfileStore(
  factory: IDBFactory | undefined = globalThis.indexedDB,
  dbName = 'leakscope-profiles',
): LocalProfileStore {
  let dbPromise: Promise<StoreResult<IDBDatabase>> | null = null;

  function db(): Promise<StoreResult<IDBDatabase>> {
    dbPromise ??= openDb(factory, dbName).then((r) => {
      if (!r.ok) dbPromise = null; // retry on the next call: the failure may be temporary
      return r;
    });
    return dbPromise;
  }

  async function run<T>(
    mode: IDBTransactionMode,
    stores: string[],
    body: (tx: IDBTransaction) => () => T,
  ): Promise<StoreResult<T>> {
    const opened = await db();
    if (!opened.ok) return opened;
    return new Promise((resolve) => {
      let tx: IDBTransaction;
      let result: () => T;
      try {
        tx = opened.value.transaction(stores, mode);
        result = body(tx);
      } catch (e) {
        resolve({ ok: false, error: toStoreError(e) });
        return;
      }
      tx.oncomplete = () => resolve({ ok: true, value: result() });
      tx.onabort = () => resolve({ ok: false, error: toStoreError(tx.error) });
      tx.onerror = (event) => event.preventDefault(); // reported once, by onabort
    });
  }

  return {
    async put(meta, bytes) {
      // As a Blob: the page then copies the bytes once, and the browser writes them off its thread. Stored
      // as an array, the value was serialised on the page's thread (85 ms for a 16 MB profile).
      const blob = new Blob([bytes as Uint8Array<ArrayBuffer>]);
      return run('readwrite', [META, BYTES], (tx) => {
        tx.objectStore(META).put(meta);
        const bytesStore = tx.objectStore(BYTES);
        const existing = bytesStore.count(meta.hash);
        existing.onsuccess = () => {
          if (existing.result === 0) bytesStore.put(blob, meta.hash);
        };
        return () => meta;
      });
    },

    async get(hash) {
      const read = await run('readonly', [META, BYTES], (tx) => {
        const meta = tx.objectStore(META).get(hash);
        const bytes = tx.objectStore(BYTES).get(hash);
        return () => (meta.result && bytes.result ? { meta: meta.result as StoredProfileMeta, stored: bytes.result as unknown } : null);
      });
      if (!read.ok || read.value === null) return read as StoreResult<null>;
      try {
        return { ok: true, value: { meta: read.value.meta, bytes: await toUint8Array(read.value.stored) } };
      } catch (e) {
        return { ok: false, error: toStoreError(e) };
      }
    },

    async list() {
      return run('readonly', [META], (tx) => {
        const all = tx.objectStore(META).getAll();
        return () => (all.result as StoredProfileMeta[]).slice().sort((a, b) => b.loadedAt - a.loadedAt);
      });
    },

    async remove(hash) {
      return run('readwrite', [META, BYTES], (tx) => {
        tx.objectStore(META).delete(hash);
        tx.objectStore(BYTES).delete(hash);
        return () => undefined;
      });
    },
  };
}

function openDb(factory: IDBFactory | undefined, name: string): Promise<StoreResult<IDBDatabase>> {
  if (!factory) {
    return Promise.resolve({
      ok: false,
      error: { kind: 'unavailable', message: 'This browser offers no local storage (IndexedDB) here; profiles will not be kept.' },
    });
  }
  return new Promise((resolve) => {
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(name, DB_VERSION);
    } catch (e) {
      resolve({ ok: false, error: { kind: 'unavailable', message: `Local storage is not available: ${describe(e)}` } });
      return;
    }
    request.onupgradeneeded = () => {
      const database = request.result;
      if (!database.objectStoreNames.contains(META)) database.createObjectStore(META, { keyPath: 'hash' });
      if (!database.objectStoreNames.contains(BYTES)) database.createObjectStore(BYTES);
    };
    request.onsuccess = () => {
      const database = request.result;
      // Another tab upgrading the schema must not be blocked by us.
      database.onversionchange = () => database.close();
      resolve({ ok: true, value: database });
    };
    request.onerror = () =>
      resolve({ ok: false, error: { kind: 'unavailable', message: `Local storage is not available: ${describe(request.error)}` } });
    request.onblocked = () =>
      resolve({ ok: false, error: { kind: 'unavailable', message: 'Local storage is busy in another tab; close it and reload.' } });
  });
}

function toStoreError(e: unknown): LocalStoreError {
  const name = e instanceof DOMException || e instanceof Error ? e.name : '';
  if (name === 'QuotaExceededError') {
    return {
      kind: 'quota',
      message: 'The browser refused to store this profile (storage quota exceeded). It is open, but will not survive a reload; delete old profiles from the recent list to make room.',
    };
  }
  return { kind: 'failed', message: `Local storage failed: ${describe(e)}` };
}

function describe(e: unknown): string {
  if (e instanceof Error || e instanceof DOMException) return e.message || e.name;
  return e === null || e === undefined ? 'unknown error' : String(e);
}

/** Stored bytes as an array: Blobs since they are written as such, arrays before. */
async function toUint8Array(value: unknown): Promise<Uint8Array> {
  if (value instanceof Blob) return new Uint8Array(await value.arrayBuffer());
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return new Uint8Array(0);
}
