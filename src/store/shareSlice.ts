// Content-addressed profiles and shareable views: every loaded file is hashed and kept in IndexedDB
// before it is decoded; a link's view is restored by finding its profiles (local store, embedded data,
// a same-origin profile store, or files the user drops) and applying it once they are decoded.
import type { StateCreator, StoreApi } from 'zustand';
import { encodeEmbedded } from '../share/embed.ts';
import { openLocalProfileStore, type LocalProfileStore, type StoredProfileMeta } from '../share/localStore.ts';
import {
  checkDroppedFile,
  fetchStoreBytes,
  resolveProfiles,
  shortHash,
  storeBaseUrls,
  type ResolvedFrom,
} from '../share/resolveProfiles.ts';
import type { Sha256Hex } from '../share/sha256.ts';
import { sha256HexOffThread } from '../worker/hashClient.ts';
import { defaultUrlState, type ParsedUrl, type SharedProfileRef, type UrlRoute, type UrlState } from '../share/urlState.ts';
import type { AppState } from './index.ts';
import type { ProfileId } from './profilesSlice.ts';

export type ShareNoticeKind = 'link' | 'integrity' | 'storage' | 'refused';

export interface ShareNotice {
  readonly id: number;
  readonly kind: ShareNoticeKind;
  readonly text: string;
}

/** A link's view waiting for its profiles: applied once each is decoded (or failed). */
export interface PendingView {
  readonly view: UrlState;
  /** Entry id for each of the link's profiles, by index; null while the file is missing. */
  readonly ids: readonly (ProfileId | null)[];
}

export interface ShareSlice {
  /** Hash, name and size of every loaded profile, by entry id. */
  readonly profileRefs: ReadonlyMap<ProfileId, SharedProfileRef>;
  /** Where each loaded hash came from (local store, link data, profile store, a file). */
  readonly profileSources: ReadonlyMap<Sha256Hex, ResolvedFrom>;
  /** The page shown: the diff view or a pattern explanation (`#/patterns/<id>`). */
  readonly route: UrlRoute;
  /** The open side-panel tab as named in the URL. */
  readonly panel: string | null;
  /** The profile store named by the opened link (`store=`), kept when the view is shared again. */
  readonly linkStore: string | null;
  /** True while a link's profiles are being looked up. */
  readonly resolvingLink: boolean;
  /** Files a link needs that were found nowhere: the user is asked to drop them. */
  readonly missingProfiles: readonly SharedProfileRef[];
  readonly pendingView: PendingView | null;
  readonly shareNotices: readonly ShareNotice[];
  /** Profiles kept in this browser, newest first. */
  readonly recentProfiles: readonly StoredProfileMeta[];
  /** The profiles slice's own loadBytes (decode only), kept by installShareLoading; null before. */
  readonly decodeBytes: ((fileName: string, bytes: ArrayBuffer) => void) | null;

  openLink(parsed: ParsedUrl, pageUrl: string): Promise<void>;
  /** Files dropped on the "this link needs" prompt: each is accepted only if its hash is needed. */
  provideMissingFiles(files: readonly File[]): Promise<void>;
  /** The user gives up on the files a link still needs: stop asking and show what is there. */
  skipMissingProfiles(): void;
  openPattern(id: string): void;
  closePattern(): void;
  setPanel(panel: string | null): void;
  addShareNotice(kind: ShareNoticeKind, text: string): void;
  dismissShareNotice(id: number): void;
  refreshRecent(): Promise<void>;
  openRecent(hash: Sha256Hex): Promise<void>;
  deleteRecent(hash: Sha256Hex): Promise<void>;
  /** The bytes of a loaded profile, from the local store (or memory when storing failed). */
  profileBytes(hash: Sha256Hex): Promise<Uint8Array | null>;
  /** Data for `urlFromState`'s `embedded`, for the current view's profiles. */
  embeddedData(refs: readonly SharedProfileRef[]): Promise<Map<Sha256Hex, string>>;
}

let localStore: LocalProfileStore | null = null;
function local(): LocalProfileStore {
  localStore ??= openLocalProfileStore();
  return localStore;
}
/** Test seam: a store over fake-indexeddb. */
export function useLocalProfileStoreForTests(store: LocalProfileStore): void {
  localStore = store;
}

/** Bytes the local store refused (quota) or is still writing: kept for this session so sharing still works. */
const sessionBytes = new Map<Sha256Hex, Uint8Array>();
let nextNoticeId = 1;
let lastLoadedAt = 0;
let linkSeq = 0;

export const createShareSlice: StateCreator<AppState, [], [], ShareSlice> = (set, get, api) => {
  api.subscribe((state, previous) => {
    forgetUndecodable(state, previous);
    applyPendingWhenReady(get, set);
  });

  function notice(kind: ShareNoticeKind, text: string): void {
    set((s) => ({ shareNotices: [...s.shareNotices, { id: nextNoticeId++, kind, text }] }));
  }

  async function resolveAndLoad(parsed: ParsedUrl, pageUrl: string): Promise<void> {
    const view = parsed.state;
    // Back/forward can open a second link before the first is resolved: only the latest applies.
    const seq = ++linkSeq;
    // First, so the URL manager leaves the URL alone until the whole view is applied.
    set({ resolvingLink: true });
    const stores = storeBaseUrls(view.store, pageUrl);
    for (const text of [...parsed.notices, ...stores.notices]) notice('link', text);
    set({ route: view.route, panel: view.panel, linkStore: view.store });
    applyViewOptions(get, view);
    if (view.profiles.length === 0) {
      set({ resolvingLink: false });
      return;
    }

    const loaded = loadedIdsByHash(get());
    const toResolve = view.profiles.filter((r) => !loaded.has(r.hash));
    const resolutions = await resolveProfiles(toResolve, {
      local: local(),
      embedded: parsed.embedded,
      storeBases: stores.bases,
      fetchBytes: fetchStoreBytes,
    });
    if (seq !== linkSeq) return;
    const missing: SharedProfileRef[] = [];
    for (const r of resolutions) {
      if (r.status === 'resolved') {
        await ingest(get, set, r.ref.name, r.bytes, r.ref.hash, r.from);
      } else {
        missing.push(r.ref);
        for (const problem of r.problems) notice(problem.startsWith('Integrity error') ? 'integrity' : 'link', problem);
      }
    }
    if (seq !== linkSeq) return;
    const ids = loadedIdsByHash(get());
    set({
      resolvingLink: false,
      missingProfiles: dedupeRefs([...get().missingProfiles.filter((m) => !ids.has(m.hash)), ...missing]),
      pendingView: { view, ids: view.profiles.map((r) => ids.get(r.hash) ?? null) },
    });
    applyPendingWhenReady(get, set);
  }

  return {
    profileRefs: new Map(),
    profileSources: new Map(),
    route: { kind: 'view' },
    panel: null,
    linkStore: null,
    resolvingLink: false,
    missingProfiles: [],
    pendingView: null,
    shareNotices: [],
    recentProfiles: [],
    decodeBytes: null,

    openLink: resolveAndLoad,

    async provideMissingFiles(files) {
      for (const file of files) {
        const bytes = await readFile(file);
        if (!bytes) {
          notice('refused', `${file.name} could not be read.`);
          continue;
        }
        const check = await checkDroppedFile(file.name, bytes, get().missingProfiles);
        if (!check.ok) {
          notice('refused', check.message);
          continue;
        }
        await ingest(get, set, file.name, bytes, check.ref.hash, 'file');
      }
    },

    skipMissingProfiles() {
      set({ missingProfiles: [] });
      applyPendingWhenReady(get, set);
    },

    openPattern: (id) => set({ route: { kind: 'pattern', id } }),
    closePattern: () => set({ route: { kind: 'view' } }),
    setPanel: (panel) => set({ panel }),
    addShareNotice: notice,
    dismissShareNotice: (id) => set((s) => ({ shareNotices: s.shareNotices.filter((n) => n.id !== id) })),

    async refreshRecent() {
      const list = await local().list();
      if (list.ok) set({ recentProfiles: list.value });
    },

    async openRecent(hash) {
      const got = await local().get(hash);
      if (!got.ok) notice('storage', got.error.message);
      else if (!got.value) notice('storage', `Profile ${shortHash(hash)} is no longer in this browser's store.`);
      else await ingest(get, set, got.value.meta.name, got.value.bytes, hash, 'local');
    },

    async deleteRecent(hash) {
      const removed = await local().remove(hash);
      if (!removed.ok) notice('storage', removed.error.message);
      await get().refreshRecent();
    },

    async profileBytes(hash) {
      const got = await local().get(hash);
      if (got.ok && got.value) return got.value.bytes;
      return sessionBytes.get(hash) ?? null;
    },

    async embeddedData(refs) {
      const out = new Map<Sha256Hex, string>();
      for (const ref of refs) {
        const bytes = await get().profileBytes(ref.hash);
        if (bytes) out.set(ref.hash, encodeEmbedded(bytes));
      }
      return out;
    },
  };
};

/**
 * Routes every way a file enters the app through hashing and the local store before decoding.
 * Replaces the store's `loadFiles` / `loadBytes` with wrappers around the originals (called once,
 * at start-up); the drop zone, file input and example loader keep calling them as before.
 */
export function installShareLoading(store: StoreApi<AppState>): void {
  if (store.getState().decodeBytes) return;
  const decodeBytes = store.getState().loadBytes;
  let queue: Promise<void> = Promise.resolve();
  // One file after another, so entries keep the order the files were given in.
  const enqueue = (job: () => Promise<void>) => {
    queue = queue.then(job, job);
  };
  store.setState({
    decodeBytes,
    loadFiles(files: readonly File[]) {
      // Read, hash and store all files at once, then start every decode in one go, in the order given.
      // Started one by one, the page rendered the first file's entry before the second file's decode
      // began: on two cores that render delayed the pair's diff by some 120 ms.
      const stored = files.map((file) => readAndStore(store.getState, file));
      enqueue(async () => {
        for (const ready of await Promise.all(stored)) {
          if (typeof ready === 'string') store.getState().addShareNotice('refused', ready);
          else startDecode(store.getState, store.setState, ready, 'file');
        }
      });
    },
    loadBytes(fileName: string, bytes: ArrayBuffer) {
      const stored = storeProfile(store.getState, fileName, new Uint8Array(bytes.slice(0)), null);
      enqueue(async () => {
        startDecode(store.getState, store.setState, await stored, 'file');
      });
    },
  });
}


type Get = () => AppState;
type Set = (partial: Partial<AppState> | ((s: AppState) => Partial<AppState>)) => void;

/** Hash, store, then decode: a crash or reload after this point loses nothing. Returns the entry id. */
async function ingest(
  get: Get,
  set: Set,
  name: string,
  bytes: Uint8Array,
  knownHash: Sha256Hex | null,
  from: ResolvedFrom,
): Promise<ProfileId | null> {
  return startDecode(get, set, await storeProfile(get, name, bytes, knownHash), from);
}

interface StoredBytes {
  readonly ref: SharedProfileRef;
  readonly bytes: Uint8Array;
}

/**
 * Hashes the bytes and starts writing them to the local store (a failure is a notice; they stay in memory).
 * The write is not awaited: decoding need not wait for IndexedDB (a few hundred ms for a 16 MB file), and
 * the write, once started, completes whether or not the decode does.
 */
async function storeProfile(get: Get, name: string, bytes: Uint8Array, knownHash: Sha256Hex | null): Promise<StoredBytes> {
  // In a worker: WebCrypto's digest blocks the calling thread (~100 ms per 16 MB in Chromium).
  const hash = knownHash ?? (await sha256HexOffThread(bytes));
  const ref: SharedProfileRef = { hash, name, size: bytes.length };
  if (loadedIdsByHash(get()).has(hash)) return { ref, bytes };
  // Strictly increasing, so "newest first" follows load order even within one millisecond.
  lastLoadedAt = Math.max(Date.now(), lastLoadedAt + 1);
  // Until the write lands, the bytes are kept here (a reload before then finds them missing, as it would any
  // file not yet stored).
  sessionBytes.set(hash, bytes);
  void local()
    .put({ ...ref, loadedAt: lastLoadedAt }, bytes)
    .then((stored) => {
      if (stored.ok) {
        sessionBytes.delete(hash);
        void get().refreshRecent();
      } else {
        get().addShareNotice('storage', `${name}: ${stored.error.message}`);
      }
    });
  return { ref, bytes };
}

/** Hands stored bytes to the decoder (once per hash) and records the entry's hash. */
function startDecode(get: Get, set: Set, { ref, bytes }: StoredBytes, from: ResolvedFrom): ProfileId | null {
  const existing = loadedIdsByHash(get()).get(ref.hash);
  if (existing) return existing;
  const load = get().decodeBytes ?? get().loadBytes;
  const before = new Set(get().entries.map((e) => e.id));
  // loadBytes hands the buffer to the decode worker (transferred, so detached here): give it a copy.
  load(ref.name, bytes.slice().buffer);
  const entry = get().entries.find((e) => !before.has(e.id));
  if (!entry) return null;
  set((s) => {
    const pending = s.pendingView;
    return {
      profileRefs: new Map(s.profileRefs).set(entry.id, ref),
      profileSources: new Map(s.profileSources).set(ref.hash, from),
      missingProfiles: s.missingProfiles.filter((m) => m.hash !== ref.hash),
      pendingView: pending
        ? { ...pending, ids: pending.view.profiles.map((r, i) => (r.hash === ref.hash ? entry.id : pending.ids[i])) }
        : null,
    };
  });
  void get().refreshRecent();
  return entry.id;
}

/**
 * A file that is not a profile fails the same way every time: drop it from the local store so the
 * recent list holds only what opens. Crashed or cancelled decodes are kept (they may work next time).
 */
function forgetUndecodable(state: AppState, previous: AppState): void {
  if (state.entries === previous.entries) return;
  for (const e of state.entries) {
    if (e.status !== 'error' || e.code === 'worker' || e.code === 'cancelled') continue;
    if (previous.entries.find((p) => p.id === e.id)?.status === 'error') continue;
    const ref = state.profileRefs.get(e.id);
    if (ref) void local().remove(ref.hash).then(() => state.refreshRecent());
  }
}

function loadedIdsByHash(s: AppState): Map<Sha256Hex, ProfileId> {
  const live = new Set(s.entries.filter((e) => e.status !== 'error').map((e) => e.id));
  const out = new Map<Sha256Hex, ProfileId>();
  for (const [id, ref] of s.profileRefs) if (live.has(id) && !out.has(ref.hash)) out.set(ref.hash, id);
  return out;
}

function dedupeRefs(refs: readonly SharedProfileRef[]): SharedProfileRef[] {
  const seen = new Set<string>();
  return refs.filter((r) => !seen.has(r.hash) && !!seen.add(r.hash));
}

/** The options that do not depend on which profiles are loaded: applied at once. */
function applyViewOptions(get: Get, view: UrlState): void {
  const s = get();
  s.setPipeline({
    sampleType: view.sampleType,
    normalize: view.normalize,
    focus: view.focus,
    ignore: view.ignore,
    hide: view.hide,
    collapseRecursion: view.collapseRecursion,
  });
  s.setWidthMode(view.widthMode);
  s.setSearch(view.search);
}

/** Once every profile the pending view names has finished decoding, pick its pair and zoom. */
function applyPendingWhenReady(get: Get, set: Set): void {
  const s = get();
  const pending = s.pendingView;
  if (!pending || s.missingProfiles.length > 0) return;
  // Skipped files have no id; every file that is there must have finished decoding.
  const entries = pending.ids.filter((id): id is ProfileId => id !== null).map((id) => s.entries.find((e) => e.id === id));
  if (entries.some((e) => e?.status === 'loading')) return;
  set({ pendingView: null });
  const { view } = pending;
  const idAt = (i: number | null) => (i === null ? null : (pending.ids[i] ?? null));
  const target = idAt(view.target);
  const live = (id: ProfileId | null) => (id !== null && s.entries.some((e) => e.id === id && e.status === 'ready') ? id : null);
  if (live(target)) s.setPair(live(idAt(view.base)), target!);
  s.setZoomPath(view.zoom);
}

/** The current view as URL state. Profiles in load order; failed files are left out. */
export function urlStateOf(s: AppState): UrlState {
  const profiles: SharedProfileRef[] = [];
  const indexById = new Map<ProfileId, number>();
  for (const e of s.entries) {
    const ref = s.profileRefs.get(e.id);
    if (!ref || e.status === 'error') continue;
    indexById.set(e.id, profiles.length);
    profiles.push(ref);
  }
  const indexOf = (id: ProfileId | null) => (id === null ? null : (indexById.get(id) ?? null));
  // An automatic pair picked while files are still decoding is provisional (it is re-picked as each
  // finishes): leave it out, so a reload mid-decode re-picks it instead of pinning the partial pair.
  const provisional = !s.pairChosenByUser && s.entries.some((e) => e.status === 'loading');
  return {
    ...defaultUrlState,
    route: s.route,
    profiles,
    base: provisional ? null : indexOf(s.baseId),
    target: provisional ? null : indexOf(s.targetId),
    sampleType: s.pipeline.sampleType,
    normalize: s.pipeline.normalize,
    widthMode: s.widthMode,
    focus: s.pipeline.focus,
    ignore: s.pipeline.ignore,
    hide: s.pipeline.hide,
    collapseRecursion: s.pipeline.collapseRecursion,
    search: s.search,
    zoom: s.zoomPath,
    panel: s.panel,
    store: s.linkStore,
  };
}

/** The file's bytes, hashed and being stored; or why not, as the notice to show. */
async function readAndStore(get: Get, file: File): Promise<StoredBytes | string> {
  const bytes = await readFile(file);
  if (!bytes) return `${file.name} could not be read.`;
  try {
    return await storeProfile(get, file.name, bytes, null);
  } catch (e) {
    return `${file.name} could not be hashed (${e instanceof Error ? e.message : String(e)}).`;
  }
}

async function readFile(file: File): Promise<Uint8Array | null> {
  try {
    return new Uint8Array(await file.arrayBuffer());
  } catch {
    return null;
  }
}
