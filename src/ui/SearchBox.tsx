// Search by function name (plain text, not a regexp: Go names are full of "(*" and "."). The match
// totals are shown in the totals bar (SearchTotalsLine). `/` anywhere focuses it (see useKeyboard).
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/shallow';
import { formatPercent, formatValue } from '../profile/units.ts';
import { useAppStore, type AppState } from '../store/index.ts';
import { searchTotals } from '../store/searchTotals.ts';
import type { ViewResult } from '../worker/pipeline.ts';

export const SEARCH_INPUT_ID = 'leakscope-search';

const selectSearchState = (s: AppState) => ({
  search: s.search,
  setSearch: s.setSearch,
});

export function SearchBox() {
  const { search, setSearch } = useAppStore(useShallow(selectSearchState));
  const [draft, setDraft] = useState(search);
  useEffect(() => setDraft(search), [search]);
  // A short debounce keeps typing smooth on big views; the store holds the settled term.
  useEffect(() => {
    if (draft === search) return;
    const t = window.setTimeout(() => setSearch(draft), 120);
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
          if (e.key === 'Enter') setSearch(draft);
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
  const totals = searchTotals(result.values, search);
  if (!totals) return null;
  const v = result.values;
  const unit = v.sampleType.unit;
  return (
    <span className="search-totals" data-testid="search-totals" data-match-new={totals.new} data-match-base={totals.base}>
      search: {totals.matchedFunctions} fn ·{' '}
      {v.hasBase
        ? `${formatValue(totals.base, unit)} → ${formatValue(totals.new, unit)} (${formatPercent(totals.new, v.totalNew)} of new)`
        : `${formatValue(totals.new, unit)} (${formatPercent(totals.new, v.totalNew)})`}
    </span>
  );
}
