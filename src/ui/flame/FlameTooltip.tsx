// The hover card over the flame graph: function, file:line, base → new, delta (absolute and %), share of
// total, self values, patterns. React text nodes only: names are never parsed as HTML.
import type { FlameFrame } from '../../flame/flameChart.ts';
import { formatCount, formatPercent } from '../../profile/units.ts';

const MINUS = '\u2212';

export interface FlameTooltipProps {
  readonly frame: FlameFrame<number>;
  readonly x: number;
  readonly y: number;
  readonly containerWidth: number;
  readonly format: (value: number) => string;
}

export function signed(format: (v: number) => string, value: number): string {
  return value < 0 ? `${MINUS}${format(-value)}` : `+${format(value)}`;
}

export function deltaPercent(base: number, next: number): string {
  if (base === 0) return next === 0 ? '0%' : 'new';
  return formatPercent(next - base, base, true);
}

export function FlameTooltip({ frame, x, y, containerWidth, format }: FlameTooltipProps) {
  const left = x < containerWidth * 0.6;
  const style = left ? { left: x + 14, top: y + 16 } : { right: Math.max(4, containerWidth - x + 14), top: y + 16 };
  const merged = frame.kind === 'merged';
  const diff = frame.differential;
  return (
    <div className="flame-tooltip" style={style} data-testid="flame-tooltip" role="tooltip">
      <div className="flame-tooltip-name">{frame.name}</div>
      {!merged && frame.file && (
        <div className="flame-tooltip-file">
          {frame.file}
          {frame.line ? `:${frame.line}` : ''}
        </div>
      )}
      {merged && (
        <div className="flame-tooltip-note">
          {formatCount(frame.mergedChildren)} frame{frame.mergedChildren === 1 ? '' : 's'} narrower than a pixel
          {frame.mergedFrames > frame.mergedChildren ? ` (${formatCount(frame.mergedFrames)} with their callees)` : ''}, summed
          here. Click to zoom into the parent.
        </div>
      )}
      <dl className="flame-tooltip-grid">
        {diff ? (
          <>
            <dt>base → new</dt>
            <dd>
              {format(frame.totalBase)} → {format(frame.totalNew)}
            </dd>
            <dt>delta</dt>
            <dd className={frame.delta > 0 ? 'grew' : frame.delta < 0 ? 'shrank' : ''}>
              {signed(format, frame.delta)} ({deltaPercent(frame.totalBase, frame.totalNew)})
            </dd>
            <dt>share of total</dt>
            <dd>
              {formatPercent(frame.totalNew, frame.rootNew)} of new · {formatPercent(frame.totalBase, frame.rootBase)} of base
            </dd>
            {!merged && (frame.selfBase !== 0 || frame.selfNew !== 0) && (
              <>
                <dt>self</dt>
                <dd>
                  {format(frame.selfBase)} → {format(frame.selfNew)} ({signed(format, frame.selfNew - frame.selfBase)})
                </dd>
              </>
            )}
          </>
        ) : (
          <>
            <dt>value</dt>
            <dd>{format(frame.totalNew)}</dd>
            <dt>share of total</dt>
            <dd>{formatPercent(frame.totalNew, frame.rootNew)}</dd>
            {!merged && frame.selfNew !== 0 && (
              <>
                <dt>self</dt>
                <dd>{format(frame.selfNew)}</dd>
              </>
            )}
          </>
        )}
      </dl>
      {frame.isNew && <div className="flame-tooltip-badge">new in the target</div>}
      {frame.patterns.length > 0 && (
        <div className="flame-tooltip-patterns">
          leak pattern{frame.patterns.length === 1 ? '' : 's'}: {frame.patterns.join(', ')}
        </div>
      )}
    </div>
  );
}
