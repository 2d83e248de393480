// Whether two profiles can be diffed, as go tool pprof decides it (same sample types and units,
// same period type), with messages that name both files and say what each one is.
import type { Profile, ProfileFormat, ProfileKind, ValueType } from '../profile/model.ts';
import { formatValue } from '../profile/units.ts';
import { DiffError } from './errors.ts';
import type { DiffWarning } from './stackValues.ts';

const KIND_PHRASE: Readonly<Record<ProfileKind, string>> = {
  heap: 'a heap profile',
  allocs: 'an allocs (heap) profile',
  goroutine: 'a goroutine profile',
  cpu: 'a CPU profile',
  block: 'a block profile',
  mutex: 'a mutex profile',
  threadcreate: 'a threadcreate profile',
  unknown: 'a profile of unknown kind',
};

const FORMAT_PHRASE: Readonly<Record<ProfileFormat, string>> = {
  pprof: 'a protobuf profile',
  'heap-text': 'a legacy text heap profile',
  'goroutine-text': 'a text goroutine profile',
};

export function describeKind(kind: ProfileKind): string {
  return KIND_PHRASE[kind];
}

// heap and allocs are the same profile with another default sample type; pprof diffs them freely.
function family(kind: ProfileKind): ProfileKind {
  return kind === 'allocs' ? 'heap' : kind;
}

function typeList(types: readonly ValueType[]): string {
  return types.map((t) => `${t.type}/${t.unit}`).join(', ');
}

function sameTypes(a: readonly ValueType[], b: readonly ValueType[]): boolean {
  if (a.length !== b.length) return false;
  const keys = new Set(a.map((t) => `${t.type}\u0000${t.unit}`));
  return b.every((t) => keys.has(`${t.type}\u0000${t.unit}`));
}

/** null when `base` and `next` can be diffed; otherwise the reason, naming both files. */
export function incompatibility(base: Profile, next: Profile): DiffError | null {
  const a = family(base.kind);
  const b = family(next.kind);
  if (a !== b && a !== 'unknown' && b !== 'unknown') {
    return new DiffError(
      'incompatible-kinds',
      `${base.fileName} is ${describeKind(base.kind)}, ${next.fileName} is ${describeKind(next.kind)}: only profiles of the same kind can be diffed`,
    );
  }
  if (!sameTypes(base.sampleTypes, next.sampleTypes)) {
    return new DiffError(
      'incompatible-sample-types',
      `${base.fileName} has sample types ${typeList(base.sampleTypes)} but ${next.fileName} has ${typeList(next.sampleTypes)}: only profiles with the same sample types and units can be diffed`,
    );
  }
  const pa = base.periodType;
  const pb = next.periodType;
  // A text profile may not state a period type; only two stated, different ones are a conflict.
  if (pa && pb && (pa.type !== pb.type || pa.unit !== pb.unit)) {
    return new DiffError(
      'incompatible-period-types',
      `${base.fileName} is sampled per ${pa.type}/${pa.unit} but ${next.fileName} per ${pb.type}/${pb.unit}: only profiles with the same period type can be diffed`,
    );
  }
  return null;
}

/** Differences that do not stop a diff but change how to read it. */
export function compatibilityWarnings(base: Profile, next: Profile): DiffWarning[] {
  const warnings: DiffWarning[] = [];
  if (base.format !== next.format) {
    warnings.push({
      code: 'formats-differ',
      message: `${base.fileName} is ${FORMAT_PHRASE[base.format]} and ${next.fileName} ${FORMAT_PHRASE[next.format]}: frames one form does not name (a debug=1 goroutine text names no runtime frames) show up as changes`,
    });
  }
  if (base.period !== next.period && base.period > 0 && next.period > 0) {
    const unit = next.periodType?.unit ?? '';
    if (family(next.kind) === 'heap') {
      warnings.push({
        code: 'period-differs',
        message: `the profiles were taken at different MemProfileRates (${base.fileName}: ${formatValue(base.period, unit)}, ${next.fileName}: ${formatValue(next.period, unit)}); values are unsampled estimates, so small allocations compare less precisely`,
      });
    } else {
      warnings.push({
        code: 'period-differs',
        message: `the profiles were taken with different sampling periods (${base.fileName}: ${base.period}, ${next.fileName}: ${next.period})`,
      });
    }
  }
  return warnings;
}
