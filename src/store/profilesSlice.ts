// Loaded profiles and the chosen pair. Loading goes through the decode worker pool; each file becomes
// an entry that is 'loading' (with progress), 'ready' (with its Profile) or 'error' (with the message).
import type { StateCreator } from 'zustand';
import type { Profile } from '../profile/model.ts';
import { createDecodeClient, type DecodeClient, type DecodeJob } from '../worker/decodeClient.ts';
import { portsForProfile } from '../worker/profileSinks.ts';
import type { DecodeProgress, DecodeSource } from '../worker/protocol.ts';
import type { AppState } from './index.ts';
import { choosePair, type PairCandidate } from './pair.ts';

export type ProfileId = string;

interface EntryBase {
  readonly id: ProfileId;
  readonly fileName: string;
  readonly byteSize: number;
  /** Position in load order, used when profiles carry no time. */
  readonly order: number;
}

export type ProfileEntry =
  | (EntryBase & { readonly status: 'loading'; readonly progress: DecodeProgress | null })
  | (EntryBase & { readonly status: 'ready'; readonly profile: Profile; readonly decodeMs: number })
  | (EntryBase & { readonly status: 'error'; readonly error: string; readonly code: string });

export type ReadyEntry = Extract<ProfileEntry, { status: 'ready' }>;

export interface ProfilesSlice {
  /** Every file the user gave us, in load order. */
  readonly entries: readonly ProfileEntry[];
  readonly baseId: ProfileId | null;
  readonly targetId: ProfileId | null;
  /** True once the user swapped or picked the pair; new profiles then no longer re-pick it. */
  readonly pairChosenByUser: boolean;
  /** A failure outside any one file (e.g. the example could not be fetched). */
  readonly loadNotice: string | null;
  loadFiles(files: readonly File[]): void;
  loadBytes(fileName: string, bytes: ArrayBuffer): void;
  loadExample(): Promise<void>;
  cancelLoad(id: ProfileId): void;
  removeProfile(id: ProfileId): void;
  swapPair(): void;
  setPair(baseId: ProfileId | null, targetId: ProfileId): void;
  dismissLoadNotice(): void;
  /** Starts the decode workers ahead of the first file (their start-up is then off the load's path). */
  prepareDecoders(): void;
}

let decodeClient: DecodeClient | null = null;
const runningJobs = new Map<ProfileId, DecodeJob>();
let nextId = 1;

function client(): DecodeClient {
  decodeClient ??= createDecodeClient(2);
  return decodeClient;
}

export function readyEntries(entries: readonly ProfileEntry[]): ReadyEntry[] {
  return entries.filter((e): e is ReadyEntry => e.status === 'ready');
}

function autoPair(entries: readonly ProfileEntry[]): { baseId: ProfileId | null; targetId: ProfileId | null } {
  const candidates: PairCandidate[] = readyEntries(entries).map((e) => ({ id: e.id, order: e.order, profile: e.profile }));
  return choosePair(candidates);
}

export const createProfilesSlice: StateCreator<AppState, [], [], ProfilesSlice> = (set, get) => {
  function replaceEntry(id: ProfileId, next: ProfileEntry | null): void {
    set((s) => {
      const entries = next
        ? s.entries.map((e) => (e.id === id ? next : e))
        : s.entries.filter((e) => e.id !== id);
      if (s.pairChosenByUser) {
        const ids = new Set(readyEntries(entries).map((e) => e.id));
        if (s.targetId && ids.has(s.targetId) && (s.baseId === null || ids.has(s.baseId))) return { entries };
      }
      return { entries, ...autoPair(entries), pairChosenByUser: false };
    });
  }

  /**
   * Adds the files as loading entries in one store update, then hands them all to the decode pool: an update
   * per file would let the work it triggers (rendering, hashing) run between the decode requests, delaying
   * the second file's start by a few hundred milliseconds.
   */
  function start(sources: readonly { readonly source: DecodeSource; readonly fileName: string; readonly byteSize: number }[]): void {
    const added = sources.map(({ source, fileName, byteSize }) => {
      const order = nextId++;
      const entry: ProfileEntry = { id: `p${order}`, fileName, byteSize, order, status: 'loading', progress: null };
      return { entry, source };
    });
    set((s) => ({ entries: [...s.entries, ...added.map((a) => a.entry)] }));
    for (const { entry, source } of added) decodeEntry(entry, source);
  }

  function decodeEntry(entry: ProfileEntry, source: DecodeSource): void {
    const { id, fileName, byteSize, order } = entry;
    const job = client().decode(
      source,
      (progress) => {
        const current = get().entries.find((e) => e.id === id);
        if (current?.status === 'loading') replaceEntry(id, { ...current, progress });
      },
      portsForProfile(id),
    );
    runningJobs.set(id, job);
    void job.result.then((result) => {
      runningJobs.delete(id);
      const current = get().entries.find((e) => e.id === id);
      if (!current) return; // removed while loading
      const base = { id, fileName, byteSize, order };
      replaceEntry(
        id,
        result.ok
          ? { ...base, status: 'ready', profile: result.profile, decodeMs: result.decodeMs }
          : { ...base, status: 'error', error: result.message, code: result.code },
      );
    });
  }

  return {
    entries: [],
    baseId: null,
    targetId: null,
    pairChosenByUser: false,
    loadNotice: null,

    loadFiles(files) {
      start(Array.from(files, (file) => ({ source: { kind: 'file', file } as const, fileName: file.name, byteSize: file.size })));
    },

    prepareDecoders() {
      client().prepare();
    },

    loadBytes(fileName, bytes) {
      start([{ source: { kind: 'bytes', fileName, bytes }, fileName, byteSize: bytes.byteLength }]);
    },

    async loadExample() {
      try {
        const names = await exampleFileNames();
        const fetched = await Promise.all(
          names.map(async (name) => {
            const response = await fetch(`examples/${encodeURIComponent(name)}`);
            if (!response.ok) throw new Error(`examples/${name}: HTTP ${response.status}`);
            return { name, bytes: await response.arrayBuffer() };
          }),
        );
        start(fetched.map(({ name, bytes }) => ({ source: { kind: 'bytes', fileName: name, bytes } as const, fileName: name, byteSize: bytes.byteLength })));
      } catch (e) {
        set({ loadNotice: `The example could not be loaded: ${e instanceof Error ? e.message : String(e)}` });
      }
    },

    cancelLoad(id) {
      runningJobs.get(id)?.cancel();
    },

    removeProfile(id) {
      runningJobs.get(id)?.cancel();
      runningJobs.delete(id);
      replaceEntry(id, null);
    },

    swapPair() {
      const { baseId, targetId } = get();
      if (baseId && targetId) set({ baseId: targetId, targetId: baseId, pairChosenByUser: true });
    },

    setPair(baseId, targetId) {
      set({ baseId: baseId === targetId ? null : baseId, targetId, pairChosenByUser: true });
    },

    dismissLoadNotice() {
      set({ loadNotice: null });
    },
  };
};

/**
 * The bundled example's protobuf profiles, from public/examples/index.json ({files: [{name}]}, or a
 * plain list of names). Text variants of the same snapshots are left out: they would duplicate them.
 */
async function exampleFileNames(): Promise<string[]> {
  const fallback = ['heap_1.pb.gz', 'heap_3.pb.gz'];
  try {
    const response = await fetch('examples/index.json');
    if (!response.ok) return fallback;
    const index: unknown = await response.json();
    const list = Array.isArray(index)
      ? index
      : typeof index === 'object' && index !== null
        ? ((index as Record<string, unknown>).files ?? (index as Record<string, unknown>).profiles)
        : null;
    if (!Array.isArray(list)) return fallback;
    const names = list
      .map((item: unknown) =>
        typeof item === 'string' ? item : typeof item === 'object' && item !== null ? (item as Record<string, unknown>).name : null,
      )
      .filter((n): n is string => typeof n === 'string' && /^[\w.-]+\.pb\.gz$/.test(n));
    return names.length > 0 ? names : fallback;
  } catch {
    return fallback;
  }
}
