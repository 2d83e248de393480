// What the Goroutines tab reads: the loaded goroutine profiles oldest first, their groups (state +
// entry/creator) across all of them, which two are base and new, and — when heap profiles from the
// same moments are loaded too — how heap growth lines up with goroutine growth.
import { groupGoroutines, type GoroutineGroups } from '../../goroutines/groups.ts';
import { linkHeapToGoroutines, pairByMoment, type HeapGoroutineLink } from '../../goroutines/heapLink.ts';
import type { AppState } from '../../store/index.ts';
import { compareAge } from '../../store/pair.ts';
import { readyEntries, type ProfileEntry, type ReadyEntry } from '../../store/profilesSlice.ts';

export interface GoroutineView {
  readonly entries: readonly ReadyEntry[];
  readonly grouped: GoroutineGroups | null;
  readonly error: string | null;
  /** Indexes into entries (and each group's counts) of the base and new snapshots. */
  readonly baseIndex: number;
  readonly newIndex: number;
  readonly heapLink: HeapGoroutineLink | null;
}

function byAge(list: ReadyEntry[]): ReadyEntry[] {
  return list.sort((a, b) => compareAge({ id: a.id, order: a.order, profile: a.profile }, { id: b.id, order: b.order, profile: b.profile }));
}

let memo: { entries: readonly ProfileEntry[]; view: Omit<GoroutineView, 'baseIndex' | 'newIndex'> } | null = null;
let viewMemo: { base: Omit<GoroutineView, 'baseIndex' | 'newIndex'>; baseIndex: number; newIndex: number; view: GoroutineView } | null = null;

function computeView(entries: readonly ProfileEntry[]): Omit<GoroutineView, 'baseIndex' | 'newIndex'> {
  if (memo && memo.entries === entries) return memo.view;
  const ready = readyEntries(entries);
  const goroutines = byAge(ready.filter((e) => e.profile.kind === 'goroutine'));
  let grouped: GoroutineGroups | null = null;
  let error: string | null = null;
  let heapLink: HeapGoroutineLink | null = null;
  if (goroutines.length > 0) {
    try {
      grouped = groupGoroutines(goroutines.map((e) => e.profile));
      const heaps = byAge(ready.filter((e) => e.profile.kind === 'heap'));
      heapLink = linkHeapToGoroutines(
        pairByMoment(
          heaps.map((e) => e.profile),
          goroutines.map((e) => e.profile),
        ),
      );
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
  }
  const view = { entries: goroutines, grouped, error, heapLink };
  memo = { entries, view };
  return view;
}

export const selectHasGoroutines = (s: AppState) => s.entries.some((e) => e.status === 'ready' && e.profile.kind === 'goroutine');

/** Base and new: the chosen pair when it is a goroutine pair, else the oldest and newest goroutine profile. */
export const selectGoroutineView = (s: AppState): GoroutineView => {
  const base = computeView(s.entries);
  const ids = base.entries.map((e) => e.id);
  let baseIndex = s.baseId ? ids.indexOf(s.baseId) : -1;
  let newIndex = s.targetId ? ids.indexOf(s.targetId) : -1;
  if (baseIndex < 0 || newIndex < 0) {
    baseIndex = 0;
    newIndex = Math.max(0, ids.length - 1);
  }
  if (viewMemo && viewMemo.base === base && viewMemo.baseIndex === baseIndex && viewMemo.newIndex === newIndex) return viewMemo.view;
  const view = { ...base, baseIndex, newIndex };
  viewMemo = { base, baseIndex, newIndex, view };
  return view;
};
