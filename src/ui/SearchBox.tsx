// Search by function name (plain text, not a regexp: Go names are full of "(*" and "."). Shows the
// match totals as value and % of the view's total. `/` anywhere focuses it (see useKeyboard).
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/shallow';
import { formatPercent, formatValue } from '../profile/units.ts';
import { selectShownResult } from '../store/computeSlice.ts';
import { useAppStore, type AppState } from '../store/index.ts';
import { searchTotals } from '../store/searchTotals.ts';

export const SEARCH_INPUT_ID = 'leakscope-search';

const selectSearchState = (s: AppState) => ({
  search: s.search,
  setSearch: s.setSearch,
  result: selectShownResult(s),
});

export function SearchBox() {
  const { search, setSearch, result } = useAppStore(useShallow(selectSearchState));
  const [draft, setDraft] = useState(search);
  useEffect(() => setDraft(search), [search]);
  // A short debounce keeps typing smooth on big views; the store holds the settled term.
  useEffect(() => {
    if (draft === search) return;
    const t = window.setTimeout(() => setSearch(draft), 120);
    return () => window.clearTimeout(t);
  }, [draft, search, setSearch]);

  const totals = result ? searchTotals(result.values, search) : null;
  const v = result?.values;
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
      {totals && v && (
        <span className="search-totals" data-testid="search-totals" data-match-new={totals.new} data-match-base={totals.base}>
          {totals.matchedFunctions} fn ·{' '}
          {v.hasBase
            ? `${formatValue(totals.base, v.sampleType.unit)} → ${formatValue(totals.new, v.sampleType.unit)} (${formatPercent(totals.new, v.totalNew)})`
            : `${formatValue(totals.new, v.sampleType.unit)} (${formatPercent(totals.new, v.totalNew)})`}
        </span>
      )}
    </div>
  );
}
