// Which Go profile a set of sample types is. Go writes block and mutex profiles with the same
// sample types, so the file name breaks that tie.
import type { ProfileKind, ValueType } from './model.ts';

export function detectProfileKind(sampleTypes: readonly ValueType[], defaultType: string, fileName: string): ProfileKind {
  const types = new Set(sampleTypes.map((t) => t.type));
  if (types.has('inuse_space') || types.has('alloc_space')) {
    return defaultType === 'alloc_space' || defaultType === 'alloc_objects' ? 'allocs' : 'heap';
  }
  if (types.has('goroutine')) return 'goroutine';
  if (types.has('cpu') || (types.has('samples') && sampleTypes.some((t) => t.unit === 'nanoseconds'))) return 'cpu';
  if (types.has('contentions') || types.has('delay')) return /mutex/i.test(fileName) ? 'mutex' : 'block';
  if (types.has('threadcreate')) return 'threadcreate';
  return 'unknown';
}

/** pprof's rule: the `default_sample_type` field when set and present, else the last sample type. */
export function defaultSampleTypeIndex(sampleTypes: readonly ValueType[], defaultType: string): number {
  if (defaultType) {
    const i = sampleTypes.findIndex((t) => t.type === defaultType);
    if (i >= 0) return i;
  }
  return Math.max(0, sampleTypes.length - 1);
}
