// The share slice against a stand-in for the rest of the store: entries appear when bytes are handed to
// loadBytes and become ready when the test says so, as the decode worker would make them.
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { encodeEmbedded } from '../share/embed.ts';
import { openLocalProfileStore } from '../share/localStore.ts';
import { sha256HexSync } from '../share/sha256.ts';
import { stateFromUrl, urlFromState } from '../share/urlState.ts';
import type { AppState } from './index.ts';
import { createShareSlice, installShareLoading, urlStateOf, useLocalProfileStoreForTests } from './shareSlice.ts';
import { defaultPipelineOptions } from './viewSlice.ts';
import { readProfileBytes } from '../testing/sharedProfiles.ts';

const read = (f: string) => readProfileBytes(f);
const heap1 = read('slice-retention/heap_1.pb.gz');
const heap3 = read('slice-retention/heap_3.pb.gz');

let decoded: string[] = [];

function makeStore(): StoreApi<AppState> {
  let next = 1;
  const store = createStore<AppState>()((set, get, api) => {
    const stand = {
      entries: [],
      baseId: null,
      targetId: null,
      pipeline: defaultPipelineOptions,
      widthMode: 'diff',
      search: '',
      zoomPath: [],
      loadBytes(fileName: string, bytes: ArrayBuffer) {
        decoded.push(`${fileName}:${bytes.byteLength}`);
        const id = `p${next++}`;
        set((s) => ({ entries: [...s.entries, { id, fileName, byteSize: bytes.byteLength, order: next, status: 'loading', progress: null }] }) as Partial<AppState>);
      },
      setPipeline: (patch: object) => set((s) => ({ pipeline: { ...s.pipeline, ...patch } })),
      setWidthMode: (widthMode: AppState['widthMode']) => set({ widthMode }),
      setSearch: (search: string) => set({ search }),
      setZoomPath: (zoomPath: readonly string[]) => set({ zoomPath }),
      setPair: (baseId: string | null, targetId: string) => set({ baseId, targetId }),
    } as unknown as AppState;
    return { ...stand, ...createShareSlice(set, get, api) };
  });
  installShareLoading(store);
  return store;
}

function finishDecoding(store: StoreApi<AppState>): void {
  store.setState((s) => ({ entries: s.entries.map((e) => ({ ...e, status: 'ready' }) as unknown as AppState['entries'][number]) }));
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
};

beforeEach(() => {
  decoded = [];
  useLocalProfileStoreForTests(openLocalProfileStore(new IDBFactory()));
});

describe('share slice', () => {
  it('hashes and stores each file before handing it to the decoder, keeping the given order', async () => {
    const store = makeStore();
    store.getState().loadFiles([new File([heap3], 'b.pb.gz'), new File([heap1], 'a.pb.gz')]);
    await until(() => store.getState().entries.length === 2);
    expect(decoded).toEqual([`b.pb.gz:${heap3.length}`, `a.pb.gz:${heap1.length}`]);
    await until(() => store.getState().recentProfiles.length === 2);
    expect(new Set(store.getState().recentProfiles.map((m) => m.hash))).toEqual(new Set([sha256HexSync(heap1), sha256HexSync(heap3)]));
    expect(await store.getState().profileBytes(sha256HexSync(heap1))).toEqual(heap1);
  });

  it('restores a link with embedded data: profiles in the link order, then pair, options and zoom', async () => {
    const sharer = makeStore();
    sharer.getState().loadFiles([new File([heap1], 'heap_1.pb.gz'), new File([heap3], 'heap_3.pb.gz')]);
    await until(() => sharer.getState().entries.length === 2);
    finishDecoding(sharer);
    const [a, b] = sharer.getState().entries.map((e) => e.id);
    sharer.setState({ baseId: a, targetId: b, search: 'readRecord', zoomPath: ['runtime.main', 'main.main'], widthMode: 'new' });
    const view = urlStateOf(sharer.getState());
    const link = urlFromState(view, { embedded: await sharer.getState().embeddedData(view.profiles) });

    useLocalProfileStoreForTests(openLocalProfileStore(new IDBFactory())); // a fresh browser
    decoded = [];
    const recipient = makeStore();
    await recipient.getState().openLink(stateFromUrl(link), 'http://example.test/');
    expect(decoded).toEqual([`heap_1.pb.gz:${heap1.length}`, `heap_3.pb.gz:${heap3.length}`]);
    expect(recipient.getState().pendingView).not.toBeNull();
    expect(recipient.getState().search).toBe('readRecord');
    finishDecoding(recipient);
    const s = recipient.getState();
    expect(s.pendingView).toBeNull();
    expect([s.baseId, s.targetId]).toEqual(s.entries.map((e) => e.id));
    expect(s.zoomPath).toEqual(['runtime.main', 'main.main']);
    expect(urlFromState(urlStateOf(s))).toBe(urlFromState(view));
  });

  it('asks for the files it cannot find, refuses a wrong one and completes with the right one', async () => {
    const ref = (bytes: Uint8Array, name: string) => ({ hash: sha256HexSync(bytes), name, size: bytes.length });
    const link = urlFromState({ ...stateFromUrl('').state, profiles: [ref(heap1, 'heap_1.pb.gz'), ref(heap3, 'heap_3.pb.gz')], base: 0, target: 1 });
    const store = makeStore();
    await store.getState().openLink(stateFromUrl(link), 'file:///leakscope.html');
    expect(store.getState().missingProfiles.map((m) => m.name)).toEqual(['heap_1.pb.gz', 'heap_3.pb.gz']);

    await store.getState().provideMissingFiles([new File([read('map-cache/heap_1.pb.gz')], 'other.pb.gz')]);
    expect(store.getState().shareNotices.at(-1)).toMatchObject({ kind: 'refused', text: expect.stringContaining('other.pb.gz is not one of the files') });
    expect(decoded).toEqual([]);

    await store.getState().provideMissingFiles([new File([heap3], 'x.pb.gz'), new File([heap1], 'y.pb.gz')]);
    expect(store.getState().missingProfiles).toEqual([]);
    finishDecoding(store);
    const s = store.getState();
    // The pair follows the link's roles, not the order the files were dropped in.
    expect(s.entries.find((e) => e.id === s.baseId)?.fileName).toBe('y.pb.gz');
    expect(s.entries.find((e) => e.id === s.targetId)?.fileName).toBe('x.pb.gz');
  });

  it('drops a file that is not a profile from the recent list once decoding says so, keeps a crashed one', async () => {
    const store = makeStore();
    store.getState().loadFiles([new File(['not a profile'], 'notes.txt'), new File([heap1], 'heap_1.pb.gz')]);
    await until(() => store.getState().recentProfiles.length === 2);
    const [bad, crashed] = store.getState().entries.map((e) => e.id);
    const fail = (id: string, code: string) =>
      store.setState((s) => ({
        entries: s.entries.map((e) => (e.id === id ? ({ ...e, status: 'error', error: 'x', code } as unknown as typeof e) : e)),
      }));
    fail(bad, 'not-a-profile');
    fail(crashed, 'worker');
    await until(() => store.getState().recentProfiles.length === 1);
    expect(store.getState().recentProfiles[0].name).toBe('heap_1.pb.gz');
  });

  it('refuses embedded data that does not match its hash', async () => {
    const h = sha256HexSync(heap1);
    const link = `#/?v=1&p=${h}~${heap1.length}~heap_1.pb.gz&target=0&d=0~${encodeEmbedded(heap3)}`;
    const store = makeStore();
    await store.getState().openLink(stateFromUrl(link), 'file:///x.html');
    expect(decoded).toEqual([]);
    expect(store.getState().missingProfiles.map((m) => m.hash)).toEqual([h]);
    expect(store.getState().shareNotices.map((n) => n.text)).toEqual([expect.stringContaining('does not match its hash')]);
  });
});
