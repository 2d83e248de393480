// The diff of two profiles for one sample type, with go tool pprof's -diff_base semantics.
import type { Profile } from '../profile/model.ts';
import { alignProfiles } from './align.ts';
import { compatibilityWarnings, incompatibility } from './compatibility.ts';
import { addSamplesByStack, cumulativeWarnings, dropZeroStacks, resolveSampleType, type StackValues } from './stackValues.ts';

export interface DiffOptions {
  /** Sample type name (e.g. "inuse_space"); defaults to the new profile's default sample type. */
  readonly sampleType?: string;
  /** pprof's -normalize. */
  readonly normalize?: boolean;
}

/** Go's math.Round: half away from zero (JS Math.round rounds -2.5 to -2). */
function goRound(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

function columnTotal(column: Float64Array): number {
  let total = 0;
  for (let i = 0; i < column.length; i++) total += column[i];
  return total;
}

/**
 * As `go tool pprof -diff_base base next` (Go 1.19's fetchProfiles + profile.Merge): refuse
 * incompatible profiles (kind, sample types and units, period type); with `normalize`, scale so both
 * totals match — pprof 1.19 calls `next.Normalize(base)`, which multiplies each NEW sample by
 * baseTotal/newTotal with math.Round per sample (ScaleN), not the base — per sample as pprof sees it,
 * i.e. per samples.mergeKey group (pprof merges samples with identical locations and labels first):
 * exact against the diffnorm_* references; scale base by −1 and merge samples by stack of frame values;
 * drop stacks that are zero.
 * Instead of storing base as negative values we keep `selfBase` positive beside `selfNew`
 * (delta = new − base), so widths for vanished stacks stay available. The union of stacks is cached
 * per pair, so switching sample type only re-sums one column.
 */
export function diffProfiles(base: Profile, next: Profile, options: DiffOptions = {}): StackValues {
  const problem = incompatibility(base, next);
  if (problem) throw problem;
  const newType = resolveSampleType(next, options.sampleType);
  const sampleType = next.sampleTypes[newType];
  const baseType = resolveSampleType(base, sampleType.type);
  const alignment = alignProfiles(base, next);
  const n = alignment.stacks.length;

  const baseColumn = base.samples.values[baseType];
  const newColumn = next.samples.values[newType];
  const rawBaseTotal = columnTotal(baseColumn);
  const rawNewTotal = columnTotal(newColumn);
  const normalize = options.normalize === true;
  const ratio = normalize ? (rawNewTotal === 0 ? 0 : rawBaseTotal / rawNewTotal) : 1;

  const selfBase = new Float64Array(n);
  const totalBase = rawBaseTotal;
  addSamplesByStack(base, baseColumn, selfBase, alignment.baseStack);

  const selfNew = new Float64Array(n);
  let totalNew = 0;
  const newSampleStack = next.samples.stack;
  const mergeKey = next.samples.mergeKey;
  if (ratio !== 1 && mergeKey && mergeKey.length === next.samples.length) {
    // Round each group of samples pprof would have merged, not each sample (see SampleTable.mergeKey).
    let groups = 0;
    for (let i = 0; i < mergeKey.length; i++) groups = Math.max(groups, mergeKey[i] + 1);
    const groupValue = new Float64Array(groups);
    const groupStack = new Int32Array(groups).fill(-1);
    for (let i = 0; i < next.samples.length; i++) {
      groupValue[mergeKey[i]] += newColumn[i];
      groupStack[mergeKey[i]] = newSampleStack[i];
    }
    for (let g = 0; g < groups; g++) {
      const v = goRound(groupValue[g] * ratio);
      totalNew += v;
      const s = groupStack[g];
      if (s >= 0) selfNew[s] += v;
    }
  } else if (ratio === 1) {
    totalNew = rawNewTotal;
    addSamplesByStack(next, newColumn, selfNew);
  } else {
    for (let i = 0; i < next.samples.length; i++) {
      const v = goRound(newColumn[i] * ratio);
      totalNew += v;
      const s = newSampleStack[i];
      if (s >= 0) selfNew[s] += v;
    }
  }

  const kept = dropZeroStacks(alignment.stacks, selfBase, selfNew);
  const warnings = [...compatibilityWarnings(base, next), ...cumulativeWarnings(sampleType)];
  if (normalize && (rawBaseTotal === 0 || rawNewTotal === 0)) {
    warnings.push({
      code: 'normalize-empty-profile',
      message: `cannot normalize: the ${rawNewTotal === 0 ? 'new' : 'base'} profile's ${sampleType.type} total is zero`,
    });
  }
  return {
    frames: alignment.frames,
    stacks: kept.stacks,
    selfBase: kept.selfBase,
    selfNew: kept.selfNew,
    totalBase,
    totalNew,
    sampleType,
    hasBase: true,
    normalized: normalize,
    normalizeRatio: ratio,
    baseFile: base.fileName,
    newFile: next.fileName,
    warnings,
  };
}
