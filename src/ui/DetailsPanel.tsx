// The hovered (else selected) frame: function, file:line, base -> new, delta (absolute and %), and
// its share of the total; for the frame under the pointer and for the function as a whole.
import { useShallow } from 'zustand/shallow';
import type { FunctionRow } from '../calltree/functions.ts';
import { formatPercent, formatSignedDelta, formatValue } from '../profile/units.ts';
import { selectShownResult } from '../store/computeSlice.ts';
import { useAppStore, type AppState } from '../store/index.ts';
import { PatternLinks } from './patterns/PatternLinks.tsx';
import { FunctionTrendDetails } from './trend/FunctionSparkline.tsx';

const selectDetailsState = (s: AppState) => ({
  result: selectShownResult(s),
  frame: s.hovered ?? s.selected,
  isHover: s.hovered !== null,
});

export function DetailsPanel() {
  const { result, frame, isHover } = useAppStore(useShallow(selectDetailsState));
  if (!result) return <div className="empty">No profile yet.</div>;
  if (!frame) return <div className="empty">Hover or click a frame, or pick a row of the top table.</div>;
  const values = result.values;
  const unit = values.sampleType.unit;
  const row: FunctionRow | undefined = result.functions?.find((r) => r.name === frame.name);
  const file = frame.file ?? row?.file ?? '';
  return (
    <div className="details" data-testid="details">
      <div className="muted">{isHover ? 'Under the pointer' : 'Selected'}</div>
      <h3 className="details-name">{frame.name}</h3>
      {file && (
        <div className="details-file">
          {file}
          {frame.line ? `:${frame.line}` : ''}
        </div>
      )}
      <dl className="details-grid">
        {frame.value && (
          <ValueLines label="This frame" base={frame.value.base} next={frame.value.new} unit={unit} hasBase={values.hasBase} total={values.totalNew} />
        )}
        {row && (
          <>
            <ValueLines label="Flat (function)" base={row.flatBase} next={row.flatNew} unit={unit} hasBase={values.hasBase} total={values.totalNew} />
            <ValueLines label="Cum (function)" base={row.cumBase} next={row.cumNew} unit={unit} hasBase={values.hasBase} total={values.totalNew} />
          </>
        )}
      </dl>
      <FunctionTrendDetails name={frame.name} />
      <PatternLinks functionName={frame.name} />
      {frame.path && frame.path.length > 1 && (
        <div className="details-path">
          <div className="muted">Call path</div>
          <ol>
            {frame.path.map((name, i) => (
              <li key={i}>{name}</li>
            ))}
          </ol>
        </div>
      )}
    </div>
  );
}

function ValueLines(props: { label: string; base: number; next: number; unit: string; hasBase: boolean; total: number }) {
  const { base, next, unit } = props;
  const delta = next - base;
  return (
    <>
      <dt>{props.label}</dt>
      <dd>
        {props.hasBase ? (
          <>
            <span>
              {formatValue(base, unit)} → {formatValue(next, unit)}
            </span>{' '}
            <span className={delta > 0 ? 'grew' : delta < 0 ? 'shrank' : ''}>
              {formatSignedDelta(delta, unit)} ({base === 0 ? (next === 0 ? '0%' : 'new') : formatPercent(delta, base, true)})
            </span>
          </>
        ) : (
          <span>{formatValue(next, unit)}</span>
        )}
        <span className="muted"> · {formatPercent(next, props.total)} of total</span>
      </dd>
    </>
  );
}
