// A small inline chart of a few values (one per snapshot): a line with a dot per snapshot, the base
// and target snapshots marked. Pure SVG, no library; values are data, never markup.

export interface SparklineProps {
  readonly values: readonly (number | null)[];
  readonly width?: number;
  readonly height?: number;
  /** Index of the base and target snapshots, drawn as hollow/filled larger dots. */
  readonly baseIndex?: number | null;
  readonly targetIndex?: number | null;
  /** Red when the series grew in every interval. */
  readonly monotonic?: boolean;
  readonly label?: string;
  readonly testId?: string;
}

export function Sparkline({ values, width = 64, height = 16, baseIndex = null, targetIndex = null, monotonic = false, label, testId = 'sparkline' }: SparklineProps) {
  const present = values.filter((v): v is number => v !== null);
  if (present.length === 0) return null;
  const min = Math.min(...present);
  const max = Math.max(...present);
  const pad = 2.5;
  const x = (i: number) => (values.length === 1 ? width / 2 : pad + (i * (width - 2 * pad)) / (values.length - 1));
  const y = (v: number) => (max === min ? height / 2 : height - pad - ((v - min) * (height - 2 * pad)) / (max - min));
  let d = '';
  values.forEach((v, i) => {
    if (v === null) return;
    d += `${d === '' || values[i - 1] === null ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
  });
  return (
    <svg
      className={`sparkline${monotonic ? ' sparkline-monotonic' : ''}`}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label ?? `values ${present.join(', ')}`}
      data-testid={testId}
      data-values={values.map((v) => (v === null ? '' : String(v))).join(',')}
    >
      <path d={d} fill="none" />
      {values.map((v, i) =>
        v === null ? null : (
          <circle
            key={i}
            cx={x(i)}
            cy={y(v)}
            r={i === baseIndex || i === targetIndex ? 2.4 : 1.4}
            className={i === targetIndex ? 'spark-target' : i === baseIndex ? 'spark-base' : 'spark-point'}
          />
        ),
      )}
    </svg>
  );
}
