// Base total -> new total (delta, %) and the warnings that change how the numbers should be read.
import { useShallow } from 'zustand/shallow';
import { formatPercent, formatSignedDelta, formatValue } from '../profile/units.ts';
import type { Profile } from '../profile/model.ts';
import { selectShownResult } from '../store/computeSlice.ts';
import { useAppStore, type AppState } from '../store/index.ts';
import { selectTargetProfile } from '../store/selectors.ts';
import type { ViewResult } from '../worker/pipeline.ts';
import { SearchTotalsLine } from './SearchBox.tsx';

const selectTotalsState = (s: AppState) => ({
  result: selectShownResult(s),
  computed: s.computed,
  target: selectTargetProfile(s),
  retry: s.retryCompute,
  search: s.search,
});

export function TotalsBar() {
  const { result, computed, target, retry, search } = useAppStore(useShallow(selectTotalsState));
  const warnings = result && target ? viewWarnings(result, target) : [];
  return (
    <div className="totals-bar" data-testid="totals">
      {result ? <Totals result={result} /> : <span className="muted">—</span>}
      {computed.status === 'error' && (
        <span className="warning error-text" data-testid="compute-error" role="alert">
          {computed.message}{' '}
          <button type="button" className="link" onClick={retry}>
            Retry
          </button>
        </span>
      )}
      {warnings.map((w) => (
        <span key={w} className="warning" data-testid="warning">
          ⚠ {w}
        </span>
      ))}
      {result && search && <SearchTotalsLine result={result} search={search} />}
    </div>
  );
}

function Totals({ result }: { result: ViewResult }) {
  const v = result.values;
  const unit = v.sampleType.unit;
  const delta = v.totalNew - v.totalBase;
  return (
    <span className="totals" data-testid="totals-values" data-total-base={v.totalBase} data-total-new={v.totalNew}>
      <span className="muted">{v.sampleType.type}</span>{' '}
      {v.hasBase ? (
        <>
          <strong>{formatValue(v.totalBase, unit)}</strong> → <strong>{formatValue(v.totalNew, unit)}</strong>{' '}
          <span className={delta > 0 ? 'grew' : delta < 0 ? 'shrank' : ''}>
            ({formatSignedDelta(delta, unit)}, {formatPercent(delta, v.totalBase, true)})
          </span>
          {v.normalized && <span className="muted"> normalized</span>}
        </>
      ) : (
        <>
          total <strong>{formatValue(v.totalNew, unit)}</strong>
        </>
      )}
    </span>
  );
}

/** The diff's own warnings plus sampling noise: deltas smaller than one sampling period. */
function viewWarnings(result: ViewResult, target: Profile): string[] {
  const out = result.values.warnings.map((w) => w.message);
  const v = result.values;
  const period = target.period;
  const samePeriodUnit = target.periodType !== null && target.periodType.unit === v.sampleType.unit;
  if (v.hasBase && samePeriodUnit && period > 1) {
    let small = 0;
    for (const r of result.functions ?? []) {
      const d = Math.abs(r.flatNew - r.flatBase);
      if (d > 0 && d < period) small++;
    }
    if (small > 0) {
      out.push(
        `${small} function${small === 1 ? '' : 's'} changed by less than one sampling period (${formatValue(period, v.sampleType.unit)}): such changes are noise`,
      );
    }
  }
  return out;
}
