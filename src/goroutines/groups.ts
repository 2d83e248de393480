// Goroutine profiles (protobuf, debug=1, debug=2) across snapshots, grouped by what the goroutines
// wait for (state) and where they start (entry function, with the `created by` site). A group's
// count in each snapshot shows a leak as a group that grows every time: "chan receive, main.subscribe
// .func1 created by main.subscribe: 1,000 → 3,000".
import type { Profile } from '../profile/model.ts';
import { creatorFromEntry, entryFunction } from './creator.ts';
import { inferWaitState, isBlockedState, isRuntimeFrame, type WaitState } from './waitState.ts';

export interface GoroutineStackCounts {
  /** Function names root first, without the runtime frames the goroutine is parked in. */
  readonly frames: readonly string[];
  /** Goroutines on this stack in each snapshot. */
  readonly counts: readonly number[];
}

export interface GoroutineGroup {
  /** `${state}\u0000${entry}`: the same group in every snapshot and every format. */
  readonly key: string;
  readonly state: WaitState;
  /** True when no snapshot labels the state and none of the frames reveal it (debug=1 alone). */
  readonly stateUnknown: boolean;
  /** The goroutine's entry function: the root-most frame outside the runtime. */
  readonly entry: string;
  /** `created by` function(s) as debug=2 prints them, else inferred from a closure's name, else empty. */
  readonly createdBy: readonly string[];
  readonly createdByInferred: boolean;
  /** `file:line` of the `go` statement, when debug=2 gives it. */
  readonly createdAt: string | null;
  /** The frame the goroutines are blocked in: the first one outside the runtime, from the leaf. */
  readonly blockedIn: string;
  readonly counts: readonly number[];
  /** Longest wait in minutes per snapshot; null where the format does not say (protobuf, debug=1). */
  readonly longestWaitMinutes: readonly (number | null)[];
  readonly blocked: boolean;
  readonly stacks: readonly GoroutineStackCounts[];
}

export interface GoroutineStateTotal {
  readonly state: WaitState;
  readonly counts: readonly number[];
}

export interface GoroutineGroups {
  readonly snapshots: readonly { readonly fileName: string; readonly format: Profile['format']; readonly total: number }[];
  /** Biggest growth first-to-last first, then largest last count, then key. */
  readonly groups: readonly GoroutineGroup[];
  readonly byState: readonly GoroutineStateTotal[];
  readonly notes: readonly string[];
}

export class GoroutineInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoroutineInputError';
  }
}

interface StackRecord {
  readonly userFrames: string[];
  readonly userKey: string;
  readonly entry: string;
  readonly blockedIn: string;
  state: WaitState | null;
  readonly createdBy: string | null;
  readonly createdAt: string | null;
  readonly waitMinutes: number | null;
  readonly count: number;
}

/** Groups the goroutines of each profile (oldest first, as given). */
export function groupGoroutines(profiles: readonly Profile[]): GoroutineGroups {
  for (const p of profiles) {
    if (p.kind !== 'goroutine') throw new GoroutineInputError(`${p.fileName} is a ${p.kind} profile, not a goroutine profile`);
  }
  const n = profiles.length;
  const perProfile = profiles.map(readStacks);

  // debug=1 text drops the runtime frames, so a channel wait there looks like plain code. The same
  // user stack in another snapshot (protobuf or debug=2) tells its state.
  const knownState = new Map<string, WaitState>();
  for (const records of perProfile) for (const r of records) if (r.state !== null && !knownState.has(r.userKey)) knownState.set(r.userKey, r.state);
  let unknownCount = 0;
  for (const records of perProfile) {
    for (const r of records) {
      if (r.state === null) {
        r.state = knownState.get(r.userKey) ?? null;
        if (r.state === null) unknownCount += r.count;
      }
    }
  }

  interface Building {
    key: string;
    state: WaitState;
    stateUnknown: boolean;
    entry: string;
    createdBy: Set<string>;
    createdByInferred: boolean;
    createdAt: string | null;
    blockedIn: Map<string, number>;
    counts: number[];
    waits: (number | null)[];
    stacks: Map<string, { frames: string[]; counts: number[] }>;
  }
  const groups = new Map<string, Building>();
  perProfile.forEach((records, s) => {
    for (const r of records) {
      const state = r.state ?? 'unknown';
      const key = `${state}\u0000${r.entry}`;
      let g = groups.get(key);
      if (!g) {
        g = {
          key,
          state,
          stateUnknown: r.state === null,
          entry: r.entry,
          createdBy: new Set(),
          createdByInferred: false,
          createdAt: null,
          blockedIn: new Map(),
          counts: new Array<number>(n).fill(0),
          waits: new Array<number | null>(n).fill(null),
          stacks: new Map(),
        };
        groups.set(key, g);
      }
      g.counts[s] += r.count;
      if (r.createdBy) g.createdBy.add(r.createdBy);
      if (r.createdAt && !g.createdAt) g.createdAt = r.createdAt;
      g.blockedIn.set(r.blockedIn, (g.blockedIn.get(r.blockedIn) ?? 0) + r.count);
      if (r.waitMinutes !== null) g.waits[s] = Math.max(g.waits[s] ?? 0, r.waitMinutes);
      let stack = g.stacks.get(r.userKey);
      if (!stack) {
        stack = { frames: r.userFrames, counts: new Array<number>(n).fill(0) };
        g.stacks.set(r.userKey, stack);
      }
      stack.counts[s] += r.count;
    }
  });

  const result: GoroutineGroup[] = [...groups.values()].map((g) => {
    let createdBy = [...g.createdBy].sort();
    let inferred = false;
    if (createdBy.length === 0) {
      const guess = creatorFromEntry(g.entry);
      if (guess) {
        createdBy = [guess];
        inferred = true;
      }
    }
    const blockedIn = [...g.blockedIn.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? g.entry;
    const stacks = [...g.stacks.values()].sort((a, b) => last(b.counts) - last(a.counts) || sum(b.counts) - sum(a.counts));
    return {
      key: g.key,
      state: g.state,
      stateUnknown: g.stateUnknown,
      entry: g.entry,
      createdBy,
      createdByInferred: inferred,
      createdAt: g.createdAt,
      blockedIn,
      counts: g.counts,
      longestWaitMinutes: g.waits,
      blocked: isBlockedState(g.state),
      stacks,
    };
  });
  result.sort(
    (a, b) =>
      last(b.counts) - b.counts[0] - (last(a.counts) - a.counts[0]) ||
      last(b.counts) - last(a.counts) ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );

  const stateTotals = new Map<WaitState, number[]>();
  for (const g of result) {
    let totals = stateTotals.get(g.state);
    if (!totals) stateTotals.set(g.state, (totals = new Array<number>(n).fill(0)));
    g.counts.forEach((c, s) => (totals![s] += c));
  }
  const byState = [...stateTotals.entries()]
    .map(([state, counts]) => ({ state, counts }))
    .sort((a, b) => last(b.counts) - last(a.counts) || (a.state < b.state ? -1 : 1));

  const notes: string[] = [];
  if (unknownCount > 0) {
    notes.push(
      `${unknownCount} goroutine${unknownCount === 1 ? '' : 's'} in debug=1 text show no wait state (Go omits the runtime frames there): load the protobuf or debug=2 form to see it`,
    );
  }
  if (!profiles.some((p) => p.format === 'goroutine-text' && p.samples.labels.some((l) => l?.some((x) => x.key === 'created_by')))) {
    notes.push('creators are inferred from closure names: only debug=2 dumps record the `created by` site');
  }
  return {
    snapshots: profiles.map((p, s) => ({ fileName: p.fileName, format: p.format, total: perProfile[s].reduce((t, r) => t + r.count, 0) })),
    groups: result,
    byState,
    notes,
  };
}

function readStacks(p: Profile): StackRecord[] {
  let typeIndex = p.sampleTypes.findIndex((t) => t.type === 'goroutine');
  if (typeIndex < 0) typeIndex = p.defaultSampleType;
  const values = p.samples.values[typeIndex];
  const records: StackRecord[] = [];
  const names: string[] = [];
  for (let i = 0; i < p.samples.length; i++) {
    const count = values[i];
    if (count === 0) continue;
    names.length = 0;
    for (let s = p.samples.stack[i]; s >= 0; s = p.stacks.parent[s]) names.push(p.frames.name[p.stacks.frame[s]]);
    // names is leaf first here.
    const labels = p.samples.labels[i];
    const label = (key: string) => labels?.find((l) => l.key === key);
    const stateLabel = label('state')?.str;
    const waitLabel = label('wait_minutes')?.num;
    const createdBy = label('created_by')?.str ?? null;
    const createdAt = label('created_at')?.str ?? null;
    let firstUser = 0;
    while (firstUser < names.length - 1 && isRuntimeFrame(names[firstUser])) firstUser++;
    const userFrames = names.slice(firstUser).reverse();
    const rootFirst = names.slice().reverse();
    records.push({
      userFrames,
      userKey: userFrames.join('\n'),
      entry: entryFunction(rootFirst),
      blockedIn: names[firstUser] ?? '(no frames)',
      state: stateLabel ? normalizeState(stateLabel) : inferWaitState(names),
      createdBy: createdBy ? createdBy.replace(/ in goroutine \d+$/, '') : null,
      createdAt,
      waitMinutes: p.format === 'goroutine-text' && stateLabel !== undefined ? (waitLabel ?? 0) : null,
      count,
    });
  }
  return records;
}

/** debug=2 may append details the runtime prints after the reason: "chan receive (nil chan)" is kept, "locked to thread" is not a state. */
function normalizeState(state: string): WaitState {
  return state.trim();
}

function last(a: readonly number[]): number {
  return a.length > 0 ? a[a.length - 1] : 0;
}
function sum(a: readonly number[]): number {
  let t = 0;
  for (const v of a) t += v;
  return t;
}

/** Base → new view of two snapshots of one group. */
export interface GoroutineGroupDiff {
  readonly group: GoroutineGroup;
  readonly countBase: number;
  readonly countNew: number;
  readonly delta: number;
  readonly longestWaitMinutesNew: number | null;
}

/** Groups of `base` → `next` (each a goroutine profile), biggest growth first. */
export function diffGoroutines(base: Profile, next: Profile): { readonly groups: readonly GoroutineGroupDiff[]; readonly notes: readonly string[]; readonly totalBase: number; readonly totalNew: number } {
  const grouped = groupGoroutines([base, next]);
  return {
    groups: grouped.groups.map((group) => ({
      group,
      countBase: group.counts[0],
      countNew: group.counts[1],
      delta: group.counts[1] - group.counts[0],
      longestWaitMinutesNew: group.longestWaitMinutes[1],
    })),
    notes: grouped.notes,
    totalBase: grouped.snapshots[0].total,
    totalNew: grouped.snapshots[1].total,
  };
}
