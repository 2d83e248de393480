// Reference protobuf decoder: pprof-format's Profile.decode, converted into our model.
// Inlined frames become separate frames (a location's lines, innermost first), as pprof does.
import { Profile as PprofProfile } from 'pprof-format';
import { ProfileBuilder } from './builder.ts';
import { notPprofError, ProfileError } from './errors.ts';
import { defaultSampleTypeIndex, detectProfileKind } from './kind.ts';
import { pathFrameLimit } from './limits.ts';
import { SampleMergeKeys } from './mergeKey.ts';
import type { Mapping, Profile, SampleLabel, ValueType } from './model.ts';

type Numeric = number | bigint;

/** pprof-format does not sign-extend int64: -5 arrives as 2^64-5. Convert once, here. */
function toNumber(v: Numeric | undefined): number {
  if (v === undefined) return 0;
  return typeof v === 'bigint' ? Number(BigInt.asIntN(64, v)) : v;
}

function toUnsigned(v: Numeric | undefined): number {
  if (v === undefined) return 0;
  return typeof v === 'bigint' ? Number(BigInt.asUintN(64, v)) : v;
}

/**
 * Walks the top-level fields (tag, then varint / fixed / length-delimited payload) without decoding them.
 * pprof-format decodes a cut-off buffer silently into a partial profile, which then fails with a misleading
 * reference error; this says where the bytes stop making sense instead.
 */
function checkTopLevelFraming(raw: Uint8Array, fileName: string): void {
  let pos = 0;
  const varint = (): number => {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (pos >= raw.length) throw new ProfileError(fileName, 'protobuf', `protobuf ended early at byte ${raw.length} (the file is truncated)`);
      const b = raw[pos++];
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value;
      scale *= 128;
    }
    throw new ProfileError(fileName, 'protobuf', `malformed varint at byte ${pos - 10}`);
  };
  const skip = (n: number, field: number, start: number): void => {
    if (n > raw.length - pos) {
      throw new ProfileError(fileName, 'protobuf', `protobuf ended early: field ${field} at byte ${start} needs ${n} bytes, ${raw.length - pos} remain (the file is truncated)`);
    }
    pos += n;
  };
  while (pos < raw.length) {
    const start = pos;
    const tag = varint();
    const field = Math.floor(tag / 8);
    const wireType = tag % 8;
    if (field === 0) throw notPprofError(fileName, `invalid field key ${tag} at byte ${start}`, start);
    if (wireType === 0) varint();
    else if (wireType === 1) skip(8, field, start);
    else if (wireType === 2) skip(varint(), field, start);
    else if (wireType === 5) skip(4, field, start);
    else throw notPprofError(fileName, `field ${field} has wire type ${wireType} at byte ${start}`, start);
  }
}

export function decodePprofReference(raw: Uint8Array, fileName: string, byteSize: number): Profile {
  checkTopLevelFraming(raw, fileName);
  let pb: PprofProfile;
  try {
    pb = PprofProfile.decode(raw);
  } catch (e) {
    throw new ProfileError(fileName, 'protobuf', `not a valid pprof protobuf (${e instanceof Error ? e.message : String(e)})`);
  }
  const strings = pb.stringTable.strings;
  const str = (i: Numeric | undefined, what: string): string => {
    const n = toUnsigned(i);
    if (n >= strings.length) {
      throw new ProfileError(fileName, 'invalid-reference', `${what} refers to string ${n}, but the string table has ${strings.length}`);
    }
    return strings[n];
  };

  const sampleTypes: ValueType[] = pb.sampleType.map((t, i) => ({
    type: str(t.type, `sample type ${i}`),
    unit: str(t.unit, `sample type ${i}`),
  }));
  if (sampleTypes.length === 0) throw new ProfileError(fileName, 'not-a-profile', 'has no sample types (not a pprof profile)');

  const builder = new ProfileBuilder(fileName, sampleTypes.length, pathFrameLimit(raw.length));
  const functions = new Map<number, { name: string; file: string }>();
  for (const fn of pb.function) {
    functions.set(toUnsigned(fn.id), { name: str(fn.name, 'a function name'), file: str(fn.filename, 'a function file') });
  }

  // Frames of each location, root-most (outermost inline caller) first.
  const locationFrames = new Map<number, number[]>();
  for (const loc of pb.location) {
    const frames: number[] = [];
    for (let i = loc.line.length - 1; i >= 0; i--) {
      const line = loc.line[i];
      const fn = functions.get(toUnsigned(line.functionId));
      if (!fn) {
        throw new ProfileError(fileName, 'invalid-reference', `location ${toUnsigned(loc.id)} refers to missing function ${toUnsigned(line.functionId)}`);
      }
      frames.push(builder.internFrame(fn.name, fn.file, toNumber(line.line)));
    }
    if (frames.length === 0) {
      frames.push(builder.internFrame(`0x${toUnsigned(loc.address).toString(16)}`, '', 0));
    }
    locationFrames.set(toUnsigned(loc.id), frames);
  }

  const values = new Float64Array(sampleTypes.length);
  const mergeKeys = new SampleMergeKeys(pb.sample.length);
  const pathKeys = new Map<string, number>();
  for (let s = 0; s < pb.sample.length; s++) {
    const sample = pb.sample[s];
    const path: number[] = [];
    mergeKeys.begin();
    for (let i = sample.locationId.length - 1; i >= 0; i--) mergeKeys.location(toUnsigned(sample.locationId[i]));
    for (let i = sample.locationId.length - 1; i >= 0; i--) {
      const frames = locationFrames.get(toUnsigned(sample.locationId[i]));
      if (!frames) {
        throw new ProfileError(fileName, 'invalid-reference', `sample ${s} refers to missing location ${toUnsigned(sample.locationId[i])}`);
      }
      path.push(...frames);
    }
    const pathId = builder.addPath(path, path.length);
    // SampleMergeKeys needs a key equal for equal location lists: the frame path is one (coarser is fine).
    const pathText = path.join(',');
    let pathKey = pathKeys.get(pathText);
    if (pathKey === undefined) {
      pathKey = pathKeys.size;
      pathKeys.set(pathText, pathKey);
    }
    if (sample.value.length !== sampleTypes.length) {
      throw new ProfileError(fileName, 'bad-value', `sample ${s} has ${sample.value.length} values for ${sampleTypes.length} sample types`);
    }
    for (let i = 0; i < values.length; i++) values[i] = toNumber(sample.value[i]);
    for (const l of sample.label) mergeKeys.label(toUnsigned(l.key), toUnsigned(l.str), toNumber(l.num), toUnsigned(l.numUnit));
    mergeKeys.end(pathKey);
    let labels: SampleLabel[] | undefined;
    if (sample.label.length > 0) {
      labels = sample.label.map((l) => {
        const key = str(l.key, `sample ${s} label`);
        const strIndex = toUnsigned(l.str);
        if (strIndex !== 0) return { key, str: str(l.str, `sample ${s} label ${key}`) };
        const unit = str(l.numUnit, `sample ${s} label ${key}`);
        return unit ? { key, num: toNumber(l.num), unit } : { key, num: toNumber(l.num) };
      });
    }
    builder.addSample(pathId, values, labels);
  }

  const mappings: Mapping[] = pb.mapping.map((m) => ({
    start: toUnsigned(m.memoryStart),
    limit: toUnsigned(m.memoryLimit),
    offset: toUnsigned(m.fileOffset),
    file: str(m.filename, 'a mapping file'),
    buildId: str(m.buildId, 'a mapping build id'),
  }));
  const defaultType = str(pb.defaultSampleType, 'default sample type');
  const periodType = pb.periodType
    ? { type: str(pb.periodType.type, 'period type'), unit: str(pb.periodType.unit, 'period type') }
    : null;

  return builder.build({
    fileName,
    format: 'pprof',
    kind: detectProfileKind(sampleTypes, defaultType, fileName),
    byteSize,
    sampleTypes,
    defaultSampleType: defaultSampleTypeIndex(sampleTypes, defaultType),
    periodType: periodType && (periodType.type || periodType.unit) ? periodType : null,
    period: toNumber(pb.period),
    timeMs: Math.round(toNumber(pb.timeNanos) / 1e6),
    durationNanos: toNumber(pb.durationNanos),
    comments: pb.comment.map((c) => str(c, 'a comment')),
    dropFrames: str(pb.dropFrames, 'drop_frames'),
    keepFrames: str(pb.keepFrames, 'keep_frames'),
    mappings,
    memStats: null,
  }, mergeKeys.finish());
}
