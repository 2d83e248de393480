// The trend as the CLI prints it with --json (a shape other tools parse):
// {"sampleType":{type,unit},"snapshots":[{file,time,total}],
//  "functions":[{name,values,monotonic,slopePerMinute}],"suspects":[{pattern,function,values,monotonic}]}
// functions sorted by trend score (flat values); suspects carry their function's cum values;
// slopePerMinute is null when the snapshots carry no time.
import type { ValueType } from '../profile/model.ts';
import { rowValues, type TrendResult } from './computeTrend.ts';

export interface TrendJsonSuspect {
  readonly pattern: string;
  readonly function: string;
  readonly values: readonly number[];
  readonly monotonic: boolean;
}

export interface TrendJson {
  readonly sampleType: ValueType;
  readonly snapshots: readonly { readonly file: string; readonly time: string | null; readonly total: number }[];
  readonly functions: readonly {
    readonly name: string;
    readonly values: readonly number[];
    readonly monotonic: boolean;
    readonly slopePerMinute: number | null;
  }[];
  readonly suspects: readonly TrendJsonSuspect[];
}

/** A suspect named by the pattern rules: which pattern and at which function. */
export interface PatternHit {
  readonly pattern: string;
  readonly function: string;
}

export function buildTrendJson(trend: TrendResult, hits: readonly PatternHit[] = []): TrendJson {
  const n = trend.snapshots.length;
  const { functions } = trend;
  const perMinute = trend.timeBasis === 'minutes';
  return {
    sampleType: { type: trend.sampleType.type, unit: trend.sampleType.unit },
    snapshots: trend.snapshots.map((s) => ({
      file: s.fileName,
      time: s.timeMs === null ? null : new Date(s.timeMs).toISOString(),
      total: s.total,
    })),
    functions: Array.from(functions.order, (f) => ({
      name: functions.name[f],
      values: rowValues(functions.flat, f, n),
      monotonic: functions.flatFit.monotonic[f] === 1,
      slopePerMinute: perMinute ? round3(functions.flatFit.slope[f]) : null,
    })),
    suspects: trendSuspects(trend, hits),
  };
}

/**
 * Pattern hits (already ranked by the pattern rules, which rank by trend when given one) with the
 * cum series of their function: the frame where a pattern shows (time.NewTimer under a loop,
 * context.WithTimeout) often holds its growth below itself, with little flat of its own.
 * A function no snapshot has is kept with zero values.
 */
export function trendSuspects(trend: TrendResult, hits: readonly PatternHit[]): TrendJsonSuspect[] {
  const n = trend.snapshots.length;
  const { functions } = trend;
  const rowOf = new Map<string, number>();
  functions.name.forEach((name, i) => rowOf.set(name, i));
  return hits.map((hit) => {
    const row = rowOf.get(hit.function);
    return {
      pattern: hit.pattern,
      function: hit.function,
      values: row === undefined ? new Array<number>(n).fill(0) : rowValues(functions.cum, row, n),
      monotonic: row !== undefined && functions.cumFit.monotonic[row] === 1,
    };
  });
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}
