// How one series of values moves across snapshots: grew in every step (monotonic), least-squares
// slope over time, how well a straight line fits (R²), and the trend score that ranks them.
// Pure arithmetic over row-major Float64Array matrices (row = series, column = snapshot), so the
// 400k-stack case allocates a few columns, not an object per series.

export interface SeriesFit {
  /** Grew strictly in every interval. */
  readonly monotonic: boolean;
  /** How many intervals grew (value[i+1] > value[i]), out of `intervals` = snapshots − 1. */
  readonly grewIntervals: number;
  readonly intervals: number;
  /** Least-squares slope in value units per x unit (per minute, or per step when times are unknown). */
  readonly slope: number;
  /** Coefficient of determination of that line; 0 for a flat series. */
  readonly r2: number;
  readonly score: number;
}

/** The same numbers for many series at once, one typed column each. */
export interface SeriesFitColumns {
  readonly length: number;
  readonly intervals: number;
  readonly monotonic: Uint8Array;
  readonly grewIntervals: Uint16Array;
  readonly slope: Float64Array;
  readonly r2: Float64Array;
  readonly score: Float64Array;
}

/** x positions of the snapshots (minutes since the first, or step numbers), with their mean and spread. */
export interface FitAxis {
  readonly x: Float64Array;
  readonly meanX: number;
  readonly sxx: number;
}

export function fitAxis(x: ArrayLike<number>): FitAxis {
  const xs = Float64Array.from(x);
  let mean = 0;
  for (let i = 0; i < xs.length; i++) mean += xs[i];
  mean = xs.length > 0 ? mean / xs.length : 0;
  let sxx = 0;
  for (let i = 0; i < xs.length; i++) sxx += (xs[i] - mean) * (xs[i] - mean);
  return { x: xs, meanX: mean, sxx };
}

/**
 * Trend score: positive slope × R² × (share of intervals that grew)². A steady leak 0,5,10,15,20
 * scores 5; a one-off jump 0,0,0,0,20 scores 4 × 0.5 × (1/4)² = 0.125; churn 0,10,0 scores 0.
 */
export function trendScore(slope: number, r2: number, grewIntervals: number, intervals: number): number {
  if (!(slope > 0) || intervals === 0) return 0;
  const grewShare = grewIntervals / intervals;
  return slope * r2 * grewShare * grewShare;
}

/** Fits every row of a row-major matrix with `axis.x.length` columns. */
export function fitRows(matrix: Float64Array, rows: number, axis: FitAxis): SeriesFitColumns {
  const n = axis.x.length;
  const intervals = Math.max(0, n - 1);
  const monotonic = new Uint8Array(rows);
  const grewIntervals = new Uint16Array(rows);
  const slope = new Float64Array(rows);
  const r2 = new Float64Array(rows);
  const score = new Float64Array(rows);
  const dx = new Float64Array(n);
  for (let i = 0; i < n; i++) dx[i] = axis.x[i] - axis.meanX;
  for (let row = 0; row < rows; row++) {
    const base = row * n;
    let sum = 0;
    let grew = 0;
    for (let i = 0; i < n; i++) {
      const v = matrix[base + i];
      sum += v;
      if (i > 0 && v > matrix[base + i - 1]) grew++;
    }
    const meanY = n > 0 ? sum / n : 0;
    let sxy = 0;
    let syy = 0;
    for (let i = 0; i < n; i++) {
      const dy = matrix[base + i] - meanY;
      sxy += dx[i] * dy;
      syy += dy * dy;
    }
    const s = axis.sxx > 0 ? sxy / axis.sxx : 0;
    // R² of a simple linear regression is the squared correlation: sxy² / (sxx · syy).
    const fit = axis.sxx > 0 && syy > 0 ? (sxy * sxy) / (axis.sxx * syy) : 0;
    monotonic[row] = intervals > 0 && grew === intervals ? 1 : 0;
    grewIntervals[row] = grew;
    slope[row] = s;
    r2[row] = fit;
    score[row] = trendScore(s, fit, grew, intervals);
  }
  return { length: rows, intervals, monotonic, grewIntervals, slope, r2, score };
}

/** One series, e.g. for a test or a tooltip. */
export function fitSeries(values: ArrayLike<number>, axis: FitAxis): SeriesFit {
  const cols = fitRows(Float64Array.from(values), 1, axis);
  return seriesFitAt(cols, 0);
}

export function seriesFitAt(cols: SeriesFitColumns, row: number): SeriesFit {
  return {
    monotonic: cols.monotonic[row] === 1,
    grewIntervals: cols.grewIntervals[row],
    intervals: cols.intervals,
    slope: cols.slope[row],
    r2: cols.r2[row],
    score: cols.score[row],
  };
}

/** Row indexes with a positive score, best first; ties by larger last-minus-first growth, then index. */
export function rankRows(cols: SeriesFitColumns, matrix: Float64Array, n: number, limit = Infinity): Int32Array {
  const picked: number[] = [];
  for (let row = 0; row < cols.length; row++) if (cols.score[row] > 0) picked.push(row);
  const growth = (row: number): number => (n > 0 ? matrix[row * n + n - 1] - matrix[row * n] : 0);
  picked.sort((a, b) => cols.score[b] - cols.score[a] || growth(b) - growth(a) || a - b);
  return Int32Array.from(limit < picked.length ? picked.slice(0, limit) : picked);
}
