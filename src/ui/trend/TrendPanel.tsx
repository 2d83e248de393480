// The "Trend" tab: with 3+ snapshots of one kind, the functions and stacks that grew steadiest
// (monotonic, by slope and fit) — a leak grows every time, churn goes up and down.
import { formatValue } from '../../profile/units.ts';
import { useAppStore, type AppState } from '../../store/index.ts';
import { rankStacks, rowValues, stackFunctionNames } from '../../trend/computeTrend.ts';
import { describeTrend } from '../../trend/describe.ts';
import { seriesFitAt } from '../../trend/fit.ts';
import { usePairIndexes } from './FunctionSparkline.tsx';
import { Sparkline } from './Sparkline.tsx';
import { allowLargeTrend, selectTrend } from './trendModel.ts';
import './trend.css';

const FUNCTIONS_SHOWN = 40;
const STACKS_SHOWN = 12;
const selectZoomTo = (s: AppState) => s.zoomTo;

export function TrendPanel() {
  const outcome = useAppStore(selectTrend);
  const zoomTo = useAppStore(selectZoomTo);
  const pair = usePairIndexes();
  if (!outcome) return <div className="empty">Load 3 or more profiles of one kind, taken minutes apart, to see what grows in every one.</div>;
  if (!outcome.ok) {
    return (
      <div className="empty" role={'tooLarge' in outcome || 'pending' in outcome ? undefined : 'alert'} aria-busy={'pending' in outcome || undefined}>
        <p>{outcome.message}</p>
        {'tooLarge' in outcome && (
          <p>
            <button type="button" data-testid="trend-compute" onClick={allowLargeTrend}>
              Compute the trend now
            </button>{' '}
            <span className="muted">or run it outside the page: npm run --silent cli -- trend FILE1 FILE2 FILE3 …</span>
          </p>
        )}
      </div>
    );
  }
  const trend = outcome.trend;
  const { functions } = trend;
  const n = trend.snapshots.length;
  const unit = trend.sampleType.unit;
  const growing = Array.from(functions.order).filter((f) => functions.flatFit.score[f] > 0);
  const steady = growing.filter((f) => functions.flatFit.monotonic[f] === 1).length;
  const leaves = rankStacks(trend, STACKS_SHOWN);
  return (
    <div className="trend-panel" data-testid="trend-panel">
      <p className="trend-summary">
        {trend.sampleType.type} across {n} snapshots: <strong>{steady}</strong> function{steady === 1 ? '' : 's'} grew in every interval
        {growing.length > steady ? `, ${growing.length - steady} more grew overall` : ''}. Steadiest first (flat values).
      </p>
      {trend.notes.map((note) => (
        <p key={note} className="trend-note">
          {note}
        </p>
      ))}
      <table className="trend-table">
        <thead>
          <tr>
            <th>trend</th>
            <th className="num">first → last</th>
            <th>growth</th>
            <th>function</th>
          </tr>
        </thead>
        <tbody>
          {growing.slice(0, FUNCTIONS_SHOWN).map((f) => {
            const values = rowValues(functions.flat, f, n);
            const fit = seriesFitAt(functions.flatFit, f);
            const name = functions.name[f];
            return (
              <tr key={name} data-testid="trend-row" data-function={name} data-monotonic={fit.monotonic} data-values={values.join(',')} onClick={() => zoomTo(name)}>
                <td>
                  <Sparkline values={values} baseIndex={pair.base} targetIndex={pair.target} monotonic={fit.monotonic} />
                </td>
                <td className="num">
                  {formatValue(values[0], unit)} → {formatValue(values[n - 1], unit)}
                </td>
                <td className={fit.monotonic ? 'grew' : 'muted'}>{describeTrend(fit, unit, trend.timeBasis)}</td>
                <td className="trend-name">
                  <bdi>{name}</bdi>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {growing.length === 0 && <div className="empty">Nothing grew across these snapshots.</div>}
      {leaves.length > 0 && (
        <>
          <h4>Stacks that grew steadiest</h4>
          <ol className="trend-stacks">
            {Array.from(leaves, (row) => {
              const names = stackFunctionNames(trend, row);
              const values = rowValues(trend.stacks.self, row, n);
              const fit = seriesFitAt(trend.stacks.fit, row);
              const leaf = names[names.length - 1];
              return (
                <li key={row} data-testid="trend-stack" data-leaf={leaf} data-monotonic={fit.monotonic}>
                  <Sparkline values={values} baseIndex={pair.base} targetIndex={pair.target} monotonic={fit.monotonic} />
                  <button type="button" className="link trend-stack-leaf" onClick={() => zoomTo(leaf)} title={names.join('\n')}>
                    <bdi>{leaf}</bdi>
                  </button>
                  <span className="muted trend-stack-path">
                    <bdi>{names.slice(Math.max(0, names.length - 4), -1).reverse().join(' ← ')}</bdi>
                  </span>
                  <span className={fit.monotonic ? 'grew' : 'muted'}>{describeTrend(fit, unit, trend.timeBasis)}</span>
                </li>
              );
            })}
          </ol>
        </>
      )}
    </div>
  );
}
