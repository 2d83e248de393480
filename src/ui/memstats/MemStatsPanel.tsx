// The "MemStats" tab: runtime.MemStats from text heap profiles (?debug=1), base → new with deltas, a
// small chart per field across 3+ snapshots, and what the movements mean (leak, fragmentation,
// goroutines).
import { memStatsTable, type MemStatsTable, type MemStatUnit } from '../../memstats/memStats.ts';
import { formatBytes, formatCount, formatNanoseconds, formatSignedDelta } from '../../profile/units.ts';
import { useAppStore, type AppState } from '../../store/index.ts';
import { compareAge } from '../../store/pair.ts';
import { readyEntries, type ProfileEntry, type ReadyEntry } from '../../store/profilesSlice.ts';
import { Sparkline } from '../trend/Sparkline.tsx';
import './memstats.css';

function format(value: number, unit: MemStatUnit): string {
  return unit === 'bytes' ? formatBytes(value) : unit === 'nanoseconds' ? formatNanoseconds(value) : formatCount(value);
}

const UNIT_NAME: Record<MemStatUnit, string> = { bytes: 'bytes', count: 'count', nanoseconds: 'nanoseconds' };

export const selectHasMemStats = (s: AppState) => s.entries.some((e) => e.status === 'ready' && e.profile.memStats !== null);

interface MemStatsView {
  readonly entries: readonly ReadyEntry[];
  readonly table: MemStatsTable;
  readonly baseIndex: number;
  readonly newIndex: number;
}

let memo: { entries: readonly ProfileEntry[]; baseId: string | null; targetId: string | null; view: MemStatsView | null } | null = null;

/** Profiles that carry MemStats, oldest first; base/new = the chosen pair when both carry it, else first/last. */
export const selectMemStatsView = (s: AppState): MemStatsView | null => {
  if (memo && memo.entries === s.entries && memo.baseId === s.baseId && memo.targetId === s.targetId) return memo.view;
  const withStats = readyEntries(s.entries).filter((e) => e.profile.memStats !== null);
  withStats.sort((a, b) => compareAge({ id: a.id, order: a.order, profile: a.profile }, { id: b.id, order: b.order, profile: b.profile }));
  let view: MemStatsView | null = null;
  if (withStats.length > 0) {
    const table = memStatsTable(
      withStats.map((e) => ({ fileName: e.fileName, memStats: e.profile.memStats })),
      format,
    );
    const ids = withStats.map((e) => e.id);
    let baseIndex = s.baseId ? ids.indexOf(s.baseId) : -1;
    let newIndex = s.targetId ? ids.indexOf(s.targetId) : -1;
    if (baseIndex < 0 || newIndex < 0) {
      baseIndex = 0;
      newIndex = ids.length - 1;
    }
    view = { entries: withStats, table, baseIndex, newIndex };
  }
  memo = { entries: s.entries, baseId: s.baseId, targetId: s.targetId, view };
  return view;
};

export function MemStatsPanel() {
  const view = useAppStore(selectMemStatsView);
  if (!view) return <div className="empty">Text heap profiles (?debug=1) end with runtime.MemStats; load some to see them here.</div>;
  const { table, baseIndex, newIndex } = view;
  const single = baseIndex === newIndex;
  const chart = table.snapshots.length >= 3;
  const flagged = new Set(table.signals.flatMap((s) => s.stats));
  return (
    <div className="memstats-panel" data-testid="memstats">
      <p className="muted">
        runtime.MemStats {single ? `of ${table.snapshots[newIndex]}` : `${table.snapshots[baseIndex]} → ${table.snapshots[newIndex]}`}
        {table.snapshots.length > 2 ? `, ${table.snapshots.length} snapshots` : ''}
      </p>
      {table.signals.length > 0 && (
        <ul className="memstats-signals">
          {table.signals.map((signal) => (
            <li key={signal.id} className={`memstats-signal memstats-${signal.severity}`} data-testid="memstats-signal" data-signal={signal.id}>
              {signal.text}
            </li>
          ))}
        </ul>
      )}
      {table.signals.length === 0 && !single && <p className="muted">No leak signal in these numbers.</p>}
      <table className="memstats-table">
        <thead>
          <tr>
            <th>field</th>
            {!single && <th className="num">base</th>}
            <th className="num">{single ? 'value' : 'new'}</th>
            {!single && <th className="num">Δ</th>}
            {chart && <th>across snapshots</th>}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => {
            const base = row.values[baseIndex];
            const next = row.values[newIndex];
            const delta = base !== null && next !== null ? next - base : null;
            return (
              <tr
                key={row.stat}
                data-stat={row.stat}
                data-base={base ?? ''}
                data-new={next ?? ''}
                data-delta={delta ?? ''}
                className={flagged.has(row.stat) ? 'memstats-flagged' : undefined}
                title={`${row.stat}: ${row.meaning} (${UNIT_NAME[row.unit]})`}
              >
                <td className="memstats-name">{row.stat}</td>
                {!single && <td className="num">{base === null ? '—' : format(base, row.unit)}</td>}
                <td className="num">{next === null ? '—' : format(next, row.unit)}</td>
                {!single && (
                  <td className={`num ${delta === null || delta === 0 ? 'muted' : delta > 0 ? 'grew' : 'shrank'}`}>
                    {delta === null ? '—' : signed(delta, row.unit)}
                  </td>
                )}
                {chart && (
                  <td>
                    <Sparkline values={row.values} width={80} height={18} baseIndex={baseIndex} targetIndex={newIndex} label={`${row.stat} across snapshots`} testId="memstats-chart" />
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {table.notes.map((note) => (
        <p key={note} className="memstats-note">
          {note}
        </p>
      ))}
      <dl className="memstats-legend">
        <dt>HeapAlloc rising after every GC</dt>
        <dd>the live heap keeps growing: a leak.</dd>
        <dt>Sys high, HeapInuse flat</dt>
        <dd>fragmentation, or memory released to the OS not yet returned — not your code leaking.</dd>
        <dt>StackInuse rising</dt>
        <dd>goroutines are piling up: compare goroutine profiles.</dd>
      </dl>
    </div>
  );
}

function signed(delta: number, unit: MemStatUnit): string {
  return formatSignedDelta(delta, unit === 'bytes' ? 'bytes' : unit === 'nanoseconds' ? 'nanoseconds' : 'count');
}
