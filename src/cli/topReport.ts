// The `top` report of one profile: the --json shape other tools parse, built from StackValues.
import { byFlatNew, functionTable } from '../calltree/functions.ts';
import type { StackValues } from '../diff/stackValues.ts';
import type { Profile, ValueType } from '../profile/model.ts';

export interface TopFunctionJson {
  readonly name: string;
  readonly flat: number;
  readonly cum: number;
}

export interface TopJson {
  readonly file: string;
  readonly format: Profile['format'];
  readonly kind: Profile['kind'];
  readonly sampleType: ValueType;
  readonly total: number;
  readonly functions: readonly TopFunctionJson[];
}

/** Values are reported as exact integers in the profile's unit (text heap profiles unsample to fractions). */
export function exactInteger(v: number): number {
  const r = Math.round(v);
  return r === 0 ? 0 : r; // no -0 in JSON
}

export function buildTopJson(profile: Profile, values: StackValues): TopJson {
  const rows = functionTable(values).sort(byFlatNew);
  return {
    file: profile.fileName,
    format: profile.format,
    kind: profile.kind,
    sampleType: { type: values.sampleType.type, unit: values.sampleType.unit },
    total: exactInteger(values.totalNew),
    functions: rows.map((r) => ({ name: r.name, flat: exactInteger(r.flatNew), cum: exactInteger(r.cumNew) })),
  };
}
