// A function's flat values across the loaded snapshots, for the top table and the hover panel.
// Renders nothing unless 3+ snapshots of one kind are loaded.
import { useShallow } from 'zustand/shallow';
import { formatValue } from '../../profile/units.ts';
import { useAppStore, type AppState } from '../../store/index.ts';
import { describeTrend } from '../../trend/describe.ts';
import { Sparkline } from './Sparkline.tsx';
import { functionSeries, selectSnapshotGroup, useTrend } from './trendModel.ts';
import './trend.css';

const selectPairIndexes = (s: AppState) => {
  const group = selectSnapshotGroup(s);
  return { base: group.findIndex((e) => e.id === s.baseId), target: group.findIndex((e) => e.id === s.targetId) };
};

export function usePairIndexes(): { base: number; target: number } {
  return useAppStore(useShallow(selectPairIndexes));
}

/** Inline sparkline of `name`'s flat values (cum when `series` says so), red when it grew every time. */
export function FunctionSparkline({ name, series = 'flat' }: { readonly name: string; readonly series?: 'flat' | 'cum' }) {
  const trend = useTrend();
  const pair = usePairIndexes();
  const s = functionSeries(trend, name);
  if (!s) return null;
  const values = series === 'flat' ? s.flat : s.cum;
  const fit = series === 'flat' ? s.flatFit : s.cumFit;
  // Nothing to draw for a function with no value of its own in any snapshot; keep the column aligned.
  if (values.every((v) => v === 0)) return <span className="fn-sparkline fn-sparkline-empty" aria-hidden="true" />;
  return (
    <span className="fn-sparkline" title={`${series}: ${values.map((v) => formatValue(v, s.unit)).join(' → ')}\n${describeTrend(fit, s.unit, s.timeBasis)}`}>
      <Sparkline values={values} width={40} height={14} baseIndex={pair.base} targetIndex={pair.target} monotonic={fit.monotonic} testId="function-sparkline" label={`${name} ${series} across snapshots`} />
    </span>
  );
}

/** The hover panel's block: flat and cum across snapshots with the trend reading. */
export function FunctionTrendDetails({ name }: { readonly name: string | null | undefined }) {
  const trend = useTrend();
  const pair = usePairIndexes();
  const s = functionSeries(trend, name);
  if (!s) return null;
  return (
    <div className="function-trend" data-testid="function-trend">
      <div className="muted">Across {s.flat.length} snapshots</div>
      {(['flat', 'cum'] as const).map((kind) => {
        const values = kind === 'flat' ? s.flat : s.cum;
        const fit = kind === 'flat' ? s.flatFit : s.cumFit;
        return (
          <div key={kind} className="function-trend-row" data-series={kind} data-monotonic={fit.monotonic}>
            <span className="function-trend-label">{kind}</span>
            <Sparkline values={values} width={96} height={22} baseIndex={pair.base} targetIndex={pair.target} monotonic={fit.monotonic} />
            <span className="function-trend-values">{values.map((v) => formatValue(v, s.unit)).join(' → ')}</span>
            <span className={fit.monotonic ? 'grew' : 'muted'}>{describeTrend(fit, s.unit, s.timeBasis)}</span>
          </div>
        );
      })}
    </div>
  );
}
