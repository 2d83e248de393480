// Per-function flat and cum, base / new / delta, sortable by any column and filterable. Virtualised:
// only the rows in view are in the DOM, so thousands of functions scroll smoothly. Clicking a row
// selects the function and asks the flame graph to zoom to it.
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/shallow';
import type { FunctionRow } from '../calltree/functions.ts';
import { formatCount, formatSignedDelta, formatValue } from '../profile/units.ts';
import { selectShownResult } from '../store/computeSlice.ts';
import { useAppStore, type AppState } from '../store/index.ts';
import { FunctionSparkline } from './trend/FunctionSparkline.tsx';

type ColumnId = 'name' | 'flatBase' | 'flatNew' | 'flatDelta' | 'cumBase' | 'cumNew' | 'cumDelta';

interface Column {
  readonly id: ColumnId;
  readonly label: string;
  readonly value: (r: FunctionRow) => number | string;
  readonly diffOnly?: boolean;
}

const COLUMNS: readonly Column[] = [
  { id: 'name', label: 'Function', value: (r) => r.name },
  { id: 'flatBase', label: 'flat base', value: (r) => r.flatBase, diffOnly: true },
  { id: 'flatNew', label: 'flat new', value: (r) => r.flatNew },
  { id: 'flatDelta', label: 'flat Δ', value: (r) => r.flatNew - r.flatBase, diffOnly: true },
  { id: 'cumBase', label: 'cum base', value: (r) => r.cumBase, diffOnly: true },
  { id: 'cumNew', label: 'cum new', value: (r) => r.cumNew },
  { id: 'cumDelta', label: 'cum Δ', value: (r) => r.cumNew - r.cumBase, diffOnly: true },
];

const ROW_HEIGHT = 24;
const OVERSCAN = 8;

const selectTableState = (s: AppState) => ({
  result: selectShownResult(s),
  selectedName: s.selected?.name ?? null,
  zoomTo: s.zoomTo,
});

interface Sort {
  readonly column: ColumnId;
  readonly descending: boolean;
}

export function TopTable() {
  const { result: latest, selectedName, zoomTo } = useAppStore(useShallow(selectTableState));
  // The table follows a new view in a render of its own, after the flame graph has been drawn: sorting
  // thousands of rows must not delay the picture the user is waiting for.
  const result = useDeferredValue(latest);
  const hasBase = result?.values.hasBase ?? false;
  const unit = result?.values.sampleType.unit ?? '';
  const [sort, setSort] = useState<Sort>({ column: 'flatDelta', descending: true });
  const [filter, setFilter] = useState('');
  const columns = COLUMNS.filter((c) => hasBase || !c.diffOnly);
  // With one profile there is no delta column: sort by its flat value instead.
  const effectiveSort: Sort = columns.some((c) => c.id === sort.column) ? sort : { column: 'flatNew', descending: true };

  const functions = result?.functions ?? null;
  const rows = useMemo(() => {
    if (!functions) return [];
    const needle = filter.trim().toLowerCase();
    const filtered = needle ? functions.filter((r) => r.name.toLowerCase().includes(needle)) : [...functions];
    const col = COLUMNS.find((c) => c.id === effectiveSort.column)!;
    const sign = effectiveSort.descending ? -1 : 1;
    if (col.id === 'name') {
      return filtered.sort((a, b) => sign * a.name.localeCompare(b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    }
    // Numeric columns: keys computed once, then an index sort (thousands of rows on every result).
    const keys = Float64Array.from(filtered, (r) => col.value(r) as number);
    const order = Array.from(filtered.keys());
    order.sort((i, j) => sign * (keys[i] - keys[j]) || (filtered[i].name < filtered[j].name ? -1 : filtered[i].name > filtered[j].name ? 1 : 0));
    return order.map((i) => filtered[i]);
  }, [functions, filter, effectiveSort.column, effectiveSort.descending]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const viewportHeight = useElementHeight(scrollRef);
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + viewportHeight) / ROW_HEIGHT) + OVERSCAN);

  // A new order or filter starts from the top, as a user expects from a table. Not on mount: the table starts
  // there, and writing scrollTop forces a layout (70 ms in the render that first shows the main screen).
  const sortedOnce = useRef(false);
  useEffect(() => {
    if (!sortedOnce.current) {
      sortedOnce.current = true;
      return;
    }
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
    setScrollTop(0);
  }, [filter, effectiveSort.column, effectiveSort.descending]);

  const gridClass = `top-grid ${hasBase ? 'top-grid-diff' : 'top-grid-single'}`;

  return (
    <div className="top-table" data-testid="top-table">
      <div className="top-table-tools">
        <input
          type="search"
          data-testid="top-filter"
          placeholder="Filter functions"
          value={filter}
          spellCheck={false}
          onChange={(e) => setFilter(e.currentTarget.value)}
        />
        <span className="muted">
          {formatCount(rows.length)} function{rows.length === 1 ? '' : 's'}
        </span>
      </div>
      <div className={`${gridClass} top-head`} role="row">
        {columns.map((c) => {
          const active = effectiveSort.column === c.id;
          return (
            <button
              key={c.id}
              type="button"
              role="columnheader"
              className={`top-cell ${c.id === 'name' ? 'top-name' : 'num'}${active ? ' sorted' : ''}`}
              data-column={c.id}
              aria-sort={active ? (effectiveSort.descending ? 'descending' : 'ascending') : 'none'}
              onClick={() =>
                setSort(active ? { column: c.id, descending: !effectiveSort.descending } : { column: c.id, descending: c.id !== 'name' })
              }
            >
              {hasBase ? c.label : c.label.replace(/ new$/, '')}
              {active ? (effectiveSort.descending ? ' ▾' : ' ▴') : ''}
            </button>
          );
        })}
      </div>
      <div className="top-body" ref={scrollRef} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
        {!result && <div className="empty">No profile yet.</div>}
        {result && !functions && (
          <div className="empty" data-testid="top-table-pending">
            Summing the functions…
          </div>
        )}
        {result?.functionsError && (
          <div className="empty" data-testid="top-table-error">
            The function table could not be computed ({result.functionsError}). Change a filter or the sample type to try again.
          </div>
        )}
        <div className="top-spacer" style={{ height: rows.length * ROW_HEIGHT }}>
          {rows.slice(first, last).map((r, i) => {
            const flatDelta = r.flatNew - r.flatBase;
            const cumDelta = r.cumNew - r.cumBase;
            return (
              <div
                key={r.name}
                role="row"
                className={`${gridClass} top-row${r.name === selectedName ? ' selected' : ''}`}
                style={{ transform: `translateY(${(first + i) * ROW_HEIGHT}px)` }}
                data-testid="top-row"
                data-function={r.name}
                data-flat-delta={flatDelta}
                data-cum-delta={cumDelta}
                title={r.file ? `${r.name}\n${r.file}` : r.name}
                onClick={() => zoomTo(r.name)}
              >
                {columns.map((c) => (
                  <span key={c.id} className={`top-cell ${c.id === 'name' ? 'top-name' : 'num'}${deltaClass(c.id, flatDelta, cumDelta)}`}>
                    {c.id === 'name' ? (
                      <>
                        <FunctionSparkline name={r.name} />
                        <bdi>{r.name}</bdi>
                      </>
                    ) : (
                      cellText(c, r, unit)
                    )}
                  </span>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

function deltaClass(id: ColumnId, flatDelta: number, cumDelta: number): string {
  const d = id === 'flatDelta' ? flatDelta : id === 'cumDelta' ? cumDelta : 0;
  if (id !== 'flatDelta' && id !== 'cumDelta') return '';
  return d > 0 ? ' grew' : d < 0 ? ' shrank' : ' zero';
}

function cellText(c: Column, r: FunctionRow, unit: string): string {
  const v = c.value(r);
  if (typeof v === 'string') return v;
  return c.id === 'flatDelta' || c.id === 'cumDelta' ? formatSignedDelta(v, unit) : formatValue(v, unit);
}

/** Height of an element, kept current with a ResizeObserver. */
function useElementHeight(ref: React.RefObject<HTMLElement | null>): number {
  const [height, setHeight] = useState(600);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // The observer's first report comes after the browser's own layout, where clientHeight is free to read;
    // read here, in the effect of the screen's first render, it forced that layout early (70 ms on a pair).
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return height;
}
