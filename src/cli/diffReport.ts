// The `diff --json` report: the shape other tools parse, then every registered extension
// (diffExtensions.ts) adds its fields. Values are exact integers in the profile's unit.
import { byFlatDelta, functionTable, type FunctionRow } from '../calltree/functions.ts';
import type { StackValues } from '../diff/stackValues.ts';
import type { Profile, ValueType } from '../profile/model.ts';
import { diffExtensions } from './diffExtensions.ts';
import { exactInteger } from './topReport.ts';

export interface DiffFunctionJson {
  readonly name: string;
  readonly flatBase: number;
  readonly flatNew: number;
  readonly flatDelta: number;
  readonly cumBase: number;
  readonly cumNew: number;
  readonly cumDelta: number;
  /** Fields added by extensions, e.g. "patterns". */
  readonly [extra: string]: unknown;
}

export interface DiffJson {
  readonly sampleType: ValueType;
  readonly base: { readonly file: string; readonly total: number };
  readonly new: { readonly file: string; readonly total: number };
  readonly normalized: boolean;
  readonly functions: readonly DiffFunctionJson[];
  /** Fields added by extensions, e.g. "suspects". */
  readonly [extra: string]: unknown;
}

/** Everything an extension may read: both profiles, the diff (after --focus/--ignore) and its function rows. */
export interface DiffReportInput {
  readonly base: Profile;
  readonly next: Profile;
  readonly values: StackValues;
  /** Sorted as in the report (flat delta descending), same order as report.functions. */
  readonly functions: readonly FunctionRow[];
}

export function buildDiffReportInput(base: Profile, next: Profile, values: StackValues): DiffReportInput {
  return { base, next, values, functions: functionTable(values).sort(byFlatDelta) };
}

/** The core report, before extensions. */
export function buildCoreDiffJson(input: DiffReportInput): DiffJson {
  const { values } = input;
  return {
    sampleType: { type: values.sampleType.type, unit: values.sampleType.unit },
    base: { file: input.base.fileName, total: exactInteger(values.totalBase) },
    new: { file: input.next.fileName, total: exactInteger(values.totalNew) },
    normalized: values.normalized,
    functions: input.functions.map((r) => {
      const flatBase = exactInteger(r.flatBase);
      const flatNew = exactInteger(r.flatNew);
      const cumBase = exactInteger(r.cumBase);
      const cumNew = exactInteger(r.cumNew);
      return {
        name: r.name,
        flatBase,
        flatNew,
        flatDelta: exactInteger(flatNew - flatBase),
        cumBase,
        cumNew,
        cumDelta: exactInteger(cumNew - cumBase),
      };
    }),
  };
}

/**
 * The full report: the core shape with every extension applied in order. An extension that throws
 * is left out (reported through `onExtensionError`) so the pprof numbers are never lost to it.
 */
export function buildDiffJson(input: DiffReportInput, onExtensionError?: (id: string, error: unknown) => void): DiffJson {
  let report = buildCoreDiffJson(input);
  for (const extension of diffExtensions) {
    try {
      report = extension.extendJson(report, input);
    } catch (e) {
      if (!onExtensionError) throw e;
      onExtensionError(extension.id, e);
    }
  }
  return report;
}
