// Search by function name (plain text, not a regexp: Go names are full of "(*" and "."). The match
// totals are shown in the totals bar (SearchTotalsLine). `/` anywhere focuses it (see useKeyboard);
// Enter steps through the matches.
import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/shallow';
import { formatPercent, formatValue } from '../profile/units.ts';
import { selectShownResult } from '../store/computeSlice.ts';
import { useAppStore, type AppState } from '../store/index.ts';
import { searchFlameTreeText } from '../flame/search.ts';
import type { ViewResult } from '../worker/pipeline.ts';

export const SEARCH_INPUT_ID = 'leakscope-search';

const selectSearchState = (s: AppState) => ({
  search: s.search,
  setSearch: s.setSearch,
  zoomTo: s.zoomTo,
  result: selectShownResult(s),
});

/** Functions whose name contains `term`, widest first: the order Enter steps through them. */
function matchingFunctions(result: ViewResult | null, term: string): string[] {
  if (!result?.functions || term === '') return [];
  const needle = term.toLowerCase();
  return result.functions
    .filter((f) => f.name.toLowerCase().includes(needle))
    .sort((a, b) => b.cumNew + b.cumBase - (a.cumNew + a.cumBase))
    .map((f) => f.name);
}

const THROTTLE_MS = 120;

export function SearchBox() {
  const { search, setSearch, zoomTo, result } = useAppStore(useShallow(selectSearchState));
  const [draft, setDraft] = useState(search);
  const cursor = useRef(-1);
  useEffect(() => {
    cursor.current = -1;
  }, [search, result]);
  useEffect(() => setDraft(search), [search]);
  // The first keystroke searches at once; keystrokes that follow within THROTTLE_MS are applied together at
  // its end, which keeps typing smooth on big views. The store holds the applied term.
  const lastApplied = useRef(0);
  useEffect(() => {
    if (draft === search) return;
    const wait = lastApplied.current + THROTTLE_MS - performance.now();
    const apply = () => {
      lastApplied.current = performance.now();
      setSearch(draft);
    };
    if (wait <= 0) {
      apply();
      return;
    }
    const t = window.setTimeout(apply, wait);
    return () => window.clearTimeout(t);
  }, [draft, search, setSearch]);

  return (
    <div className="search">
      <input
        id={SEARCH_INPUT_ID}
        type="search"
        data-testid="search"
        placeholder="Search functions  ( / )"
        value={draft}
        spellCheck={false}
        onChange={(e) => setDraft(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            if (draft !== search) {
              setSearch(draft);
              return;
            }
            // Enter steps through the matching functions, zooming the flame graph to each in turn.
            const matches = matchingFunctions(result, search);
            if (matches.length === 0) return;
            cursor.current = (cursor.current + 1) % matches.length;
            zoomTo(matches[cursor.current]);
          }
          if (e.key === 'Escape') {
            setDraft('');
            setSearch('');
          }
        }}
      />
    </div>
  );
}

/** Match totals of the current search, as value and % of the view's total. */
export function SearchTotalsLine({ result, search }: { readonly result: ViewResult; readonly search: string }) {
  const totals = searchFlameTreeText(result.flameTree, search)?.totals;
  if (!totals) return null;
  const v = result.values;
  const unit = v.sampleType.unit;
  return (
    <span className="search-totals" data-testid="search-totals" data-match-new={totals.totalNew} data-match-base={totals.totalBase}>
      search: {totals.matchedFunctions} fn ·{' '}
      {v.hasBase
        ? `${formatValue(totals.totalBase, unit)} → ${formatValue(totals.totalNew, unit)} (${formatPercent(totals.totalNew, v.totalNew)} of new)`
        : `${formatValue(totals.totalNew, unit)} (${formatPercent(totals.totalNew, v.totalNew)})`}
    </span>
  );
}
