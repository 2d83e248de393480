// runtime.MemStats across text heap profiles (the `# runtime.MemStats` block of debug=1 heap
// profiles): the fields that tell a leak from churn, base → new, and what their movement means.
import type { MemStats } from '../profile/model.ts';

export type MemStatUnit = 'bytes' | 'count' | 'nanoseconds';

export interface MemStatField {
  readonly stat: string;
  readonly unit: MemStatUnit;
  /** One line on what the number is. */
  readonly meaning: string;
}

export const MEMSTAT_FIELDS: readonly MemStatField[] = [
  { stat: 'HeapAlloc', unit: 'bytes', meaning: 'bytes of live and not-yet-swept heap objects; after a GC, the live heap' },
  { stat: 'HeapInuse', unit: 'bytes', meaning: 'bytes in heap spans with at least one object' },
  { stat: 'HeapObjects', unit: 'count', meaning: 'allocated heap objects' },
  { stat: 'Sys', unit: 'bytes', meaning: 'all memory obtained from the OS (heap, stacks, runtime metadata)' },
  { stat: 'HeapReleased', unit: 'bytes', meaning: 'heap memory returned to the OS' },
  { stat: 'StackInuse', unit: 'bytes', meaning: 'bytes in goroutine stack spans' },
  { stat: 'NextGC', unit: 'bytes', meaning: 'heap size at which the next GC starts' },
  { stat: 'NumGC', unit: 'count', meaning: 'completed GC cycles' },
  { stat: 'PauseTotalNs', unit: 'nanoseconds', meaning: 'total stop-the-world GC pause time' },
];

export interface MemStatsSnapshot {
  readonly fileName: string;
  readonly memStats: MemStats | null;
}

export interface MemStatRow extends MemStatField {
  /** Value in each snapshot; null where the snapshot has no MemStats or not this field. */
  readonly values: readonly (number | null)[];
  readonly base: number | null;
  readonly new: number | null;
  readonly delta: number | null;
}

export type MemStatsSignalId = 'heap-grows-after-gc' | 'sys-not-heap' | 'stacks-grow';

export interface MemStatsSignal {
  readonly id: MemStatsSignalId;
  /** leak: points at a leak; note: explains memory that is not a leak in your code. */
  readonly severity: 'leak' | 'note';
  /** The fields the signal reads, for highlighting rows. */
  readonly stats: readonly string[];
  readonly text: string;
}

export interface MemStatsTable {
  readonly snapshots: readonly string[];
  readonly rows: readonly MemStatRow[];
  readonly signals: readonly MemStatsSignal[];
  readonly notes: readonly string[];
}

/**
 * Rows for MEMSTAT_FIELDS across `snapshots` (oldest first); base is the first snapshot with
 * MemStats, new the last. Snapshots without MemStats (protobuf profiles) keep their place with nulls.
 */
export function memStatsTable(snapshots: readonly MemStatsSnapshot[], format: (value: number, unit: MemStatUnit) => string): MemStatsTable {
  const withStats = snapshots.map((s, i) => ({ s, i })).filter((x) => x.s.memStats !== null);
  const notes: string[] = [];
  const missing = snapshots.filter((s) => s.memStats === null).map((s) => s.fileName);
  if (missing.length > 0) {
    notes.push(`${missing.join(', ')} carr${missing.length === 1 ? 'ies' : 'y'} no runtime.MemStats: only text heap profiles (?debug=1) include it`);
  }
  const baseIndex = withStats.length > 0 ? withStats[0].i : -1;
  const newIndex = withStats.length > 0 ? withStats[withStats.length - 1].i : -1;
  const rows: MemStatRow[] = MEMSTAT_FIELDS.map((field) => {
    const values = snapshots.map((s) => valueOf(s.memStats, field.stat));
    const base = baseIndex >= 0 ? values[baseIndex] : null;
    const next = newIndex >= 0 ? values[newIndex] : null;
    return { ...field, values, base, new: next, delta: base !== null && next !== null && baseIndex !== newIndex ? next - base : null };
  });
  const absent = rows.filter((r) => withStats.length > 0 && r.values.every((v) => v === null)).map((r) => r.stat);
  if (absent.includes('PauseTotalNs')) {
    notes.push('PauseTotalNs is not written in text heap profiles (Go prints only the last 256 pauses)');
  }
  const others = absent.filter((s) => s !== 'PauseTotalNs');
  if (others.length > 0) notes.push(`not in these profiles: ${others.join(', ')}`);

  return { snapshots: snapshots.map((s) => s.fileName), rows, signals: readSignals(rows, withStats.map((x) => x.i), format), notes };
}

function valueOf(stats: MemStats | null, stat: string): number | null {
  if (!stats) return null;
  const v = stats[stat];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function readSignals(rows: readonly MemStatRow[], present: readonly number[], format: (value: number, unit: MemStatUnit) => string): MemStatsSignal[] {
  if (present.length < 2) return [];
  const row = (stat: string) => rows.find((r) => r.stat === stat)!;
  const series = (stat: string): number[] | null => {
    const values = present.map((i) => row(stat).values[i]);
    return values.every((v): v is number => v !== null) ? values : null;
  };
  const bytes = (n: number) => format(n, 'bytes');
  const signals: MemStatsSignal[] = [];
  const intervals = present.length - 1;

  const heapAlloc = series('HeapAlloc');
  const numGC = series('NumGC');
  if (heapAlloc && numGC) {
    let grewAfterGC = 0;
    for (let k = 1; k < heapAlloc.length; k++) if (numGC[k] > numGC[k - 1] && heapAlloc[k] > heapAlloc[k - 1]) grewAfterGC++;
    const first = heapAlloc[0];
    const lastValue = heapAlloc[heapAlloc.length - 1];
    const gcs = numGC[numGC.length - 1] - numGC[0];
    if (grewAfterGC === intervals) {
      signals.push({
        id: 'heap-grows-after-gc',
        severity: 'leak',
        stats: ['HeapAlloc', 'NumGC'],
        text: `HeapAlloc rose after every GC (${bytes(first)} → ${bytes(lastValue)} across ${gcs} GC${gcs === 1 ? '' : 's'}, ${grewAfterGC} of ${intervals} interval${intervals === 1 ? '' : 's'}): the live heap keeps growing — a leak.`,
      });
    }
  }

  const sys = series('Sys');
  const heapInuse = series('HeapInuse');
  if (sys && heapInuse) {
    const inuseFirst = heapInuse[0];
    const inuseLast = heapInuse[heapInuse.length - 1];
    const sysLast = sys[sys.length - 1];
    const flat = Math.abs(inuseLast - inuseFirst) <= 0.1 * Math.max(inuseFirst, 1);
    if (flat && sysLast >= 2 * inuseLast) {
      const released = row('HeapReleased').new;
      signals.push({
        id: 'sys-not-heap',
        severity: 'note',
        stats: ['Sys', 'HeapInuse', 'HeapReleased'],
        text: `Sys is ${bytes(sysLast)} but HeapInuse stayed flat at ${bytes(inuseLast)}: fragmentation, or memory released to the OS${released !== null ? ` (HeapReleased ${bytes(released)})` : ''} not yet returned — not a leak in your code.`,
      });
    }
  }

  const stack = series('StackInuse');
  if (stack) {
    let grew = 0;
    for (let k = 1; k < stack.length; k++) if (stack[k] > stack[k - 1]) grew++;
    const first = stack[0];
    const lastValue = stack[stack.length - 1];
    // A few KiB of stack growth is one goroutine's stack growing; a rise in every interval, or a
    // doubling, is goroutines accumulating.
    if (lastValue > first && (grew === intervals || lastValue >= 2 * first)) {
      signals.push({
        id: 'stacks-grow',
        severity: 'leak',
        stats: ['StackInuse'],
        text: `StackInuse rose ${bytes(first)} → ${bytes(lastValue)} (in ${grew} of ${intervals} interval${intervals === 1 ? '' : 's'}): more goroutine stacks — goroutines are piling up; compare goroutine profiles.`,
      });
    }
  }
  return signals;
}
