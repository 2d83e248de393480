// The default pprof protobuf decoder: reads the wire format straight off the bytes into ProfileBuilder,
// decoding only the strings something refers to. Gives exactly the model of decodePprof.ts (the reference).
import { ProfileBuilder } from './builder.ts';
import { notPprofError, ProfileError } from './errors.ts';
import { defaultSampleTypeIndex, detectProfileKind } from './kind.ts';
import { decodeLimits, pathFrameLimit } from './limits.ts';
import { SampleMergeKeys } from './mergeKey.ts';
import type { Mapping, Profile, SampleLabel, ValueType } from './model.ts';
import { ProtoReader, WIRE_FIXED32, WIRE_FIXED64, WIRE_LEN, WIRE_VARINT } from './protoReader.ts';

// Field numbers of profile.proto (github.com/google/pprof/proto/profile.proto).
const PROFILE_SAMPLE_TYPE = 1;
const PROFILE_SAMPLE = 2;
const PROFILE_MAPPING = 3;
const PROFILE_LOCATION = 4;
const PROFILE_FUNCTION = 5;
const PROFILE_STRING_TABLE = 6;
const PROFILE_DROP_FRAMES = 7;
const PROFILE_KEEP_FRAMES = 8;
const PROFILE_TIME_NANOS = 9;
const PROFILE_DURATION_NANOS = 10;
const PROFILE_PERIOD_TYPE = 11;
const PROFILE_PERIOD = 12;
const PROFILE_COMMENT = 13;
const PROFILE_DEFAULT_SAMPLE_TYPE = 14;

const TOP_LEVEL_NAMES = ['', 'a sample type', 'a sample', 'a mapping', 'a location', 'a function', 'a string', '', '', '', '', 'the period type'];

const SAMPLE_LOCATION_ID = 1;
const SAMPLE_VALUE = 2;
const SAMPLE_LABEL = 3;
const LOCATION_ID = 1;
const LOCATION_ADDRESS = 3;
const LOCATION_LINE = 4;
const LINE_FUNCTION_ID = 1;
const LINE_LINE = 2;

/** Growable list of int32 pairs (byte ranges, or index pairs). */
class PairList {
  data = new Int32Array(64);
  length = 0;
  push(a: number, b: number): void {
    if (this.length + 2 > this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = a;
    this.data[this.length++] = b;
  }
  get count(): number {
    return this.length >> 1;
  }
}

/** Maps the file's numeric ids to dense indexes: a flat array when ids are small (Go writes 1..n), else a Map. */
class IdIndex {
  private readonly dense: Int32Array | null;
  private readonly sparse: Map<number, number> | null;
  /** Ids are 1..count in order (as Go writes them): the index of id v is v - 1, no lookup needed. */
  readonly inOrder: boolean;
  readonly count: number;

  constructor(ids: Float64Array, count: number) {
    let max = 0;
    let inOrder = true;
    for (let i = 0; i < count; i++) {
      if (ids[i] > max) max = ids[i];
      if (ids[i] !== i + 1) inOrder = false;
    }
    this.inOrder = inOrder;
    this.count = count;
    if (max <= count * 4 + 1024) {
      const dense = new Int32Array(max + 1).fill(-1);
      // Later duplicates win, as they do in a Map.
      for (let i = 0; i < count; i++) dense[ids[i]] = i;
      this.dense = dense;
      this.sparse = null;
    } else {
      const sparse = new Map<number, number>();
      for (let i = 0; i < count; i++) sparse.set(ids[i], i);
      this.dense = null;
      this.sparse = sparse;
    }
  }

  /** Index of `id`, or -1. */
  get(id: number): number {
    const dense = this.dense;
    if (dense !== null) return id < dense.length ? dense[id] : -1;
    return this.sparse!.get(id) ?? -1;
  }
}

/** Strings of the table, UTF-8 decoded on first use (like pprof-format: lenient, BOM stripped). */
class LazyStrings {
  private readonly raw: Uint8Array;
  private readonly fileName: string;
  private readonly ranges: Int32Array;
  private readonly cache: (string | undefined)[];
  private decoder: TextDecoder | null = null;
  readonly count: number;

  constructor(raw: Uint8Array, fileName: string, ranges: PairList) {
    this.raw = raw;
    this.fileName = fileName;
    this.ranges = ranges.data;
    // A profile without a string table still has "" at index 0, as pprof-format gives it.
    this.count = Math.max(1, ranges.count);
    this.cache = new Array<string | undefined>(this.count);
    if (ranges.count === 0) this.cache[0] = '';
  }

  get(index: number, what: string, at: number): string {
    if (!(index < this.count)) {
      throw new ProfileError(
        this.fileName,
        'invalid-reference',
        `string index ${index} out of range (table has ${this.count}) in ${what} at byte ${at}`,
      );
    }
    const cached = this.cache[index];
    if (cached !== undefined) return cached;
    const start = this.ranges[index * 2];
    const len = this.ranges[index * 2 + 1];
    const s = this.decode(start, start + len);
    this.cache[index] = s;
    return s;
  }

  private decode(start: number, end: number): string {
    // TextDecoder beats String.fromCharCode.apply even for short ASCII names (measured: 3x).
    this.decoder ??= new TextDecoder('utf-8');
    return this.decoder.decode(this.raw.subarray(start, end));
  }
}

interface TopLevel {
  sampleTypes: PairList;
  samples: PairList;
  mappings: PairList;
  locations: PairList;
  functions: PairList;
  strings: PairList;
  periodType: PairList;
  comments: number[];
  commentAt: number;
  dropFrames: number;
  keepFrames: number;
  timeNanos: number;
  durationNanos: number;
  period: number;
  defaultSampleType: number;
  /** Byte offset of each scalar field's value, for error messages. */
  scalarAt: number;
}

export function decodeProtobuf(raw: Uint8Array, fileName: string, byteSize: number): Profile {
  try {
    return decode(raw, fileName, byteSize);
  } catch (e) {
    if (e instanceof ProfileError) throw e;
    if (e instanceof RangeError) throw new ProfileError(fileName, 'limit', `is too large to decode (${e.message})`);
    throw new ProfileError(fileName, 'protobuf', `could not be decoded (${e instanceof Error ? e.message : String(e)})`);
  }
}

function decode(raw: Uint8Array, fileName: string, byteSize: number): Profile {
  const r = new ProtoReader(raw, fileName);
  const top = scanTopLevel(r);
  const strings = new LazyStrings(raw, fileName, top.strings);

  const sampleTypes: ValueType[] = [];
  for (let i = 0; i < top.sampleTypes.count; i++) {
    sampleTypes.push(readValueType(r, strings, top.sampleTypes, i, `sample type ${i}`));
  }
  if (sampleTypes.length === 0) throw new ProfileError(fileName, 'not-a-profile', 'has no sample types (not a pprof profile)');

  const builder = new ProfileBuilder(fileName, sampleTypes.length, pathFrameLimit(raw.length));
  const functions = readFunctions(r, strings, top.functions);
  const locations = readLocations(r, builder, functions, top.locations);
  if (top.samples.count > decodeLimits.maxSamples) {
    throw new ProfileError(fileName, 'limit', `more than ${decodeLimits.maxSamples} samples`);
  }
  // Go writes location ids of one or two bytes, and a third of a heap profile's samples repeat an earlier
  // sequence: a third of the samples' bytes, in frames, holds the distinct paths of the profiles we measured,
  // so the path store seldom grows (each growth copies it, and fresh pages cost a worker dearly).
  let sampleBytes = 0;
  for (let i = 1; i < top.samples.length; i += 2) sampleBytes += top.samples.data[i];
  let locationFrames = 0;
  for (let i = 0; i < locations.count.length; i++) locationFrames += locations.count[i];
  builder.reservePathFrames(Math.ceil((sampleBytes / 3) * Math.max(1, locationFrames / Math.max(1, locations.count.length))));
  const mergeKeys = new SampleMergeKeys(top.samples.count);
  readSamples(r, builder, strings, locations, top.samples, sampleTypes.length, mergeKeys);

  const mappings: Mapping[] = [];
  for (let i = 0; i < top.mappings.count; i++) mappings.push(readMapping(r, strings, top.mappings, i));

  const at = top.scalarAt;
  const defaultType = strings.get(top.defaultSampleType, 'default sample type', at);
  let periodType: ValueType | null = null;
  if (top.periodType.count > 0) {
    periodType = readValueType(r, strings, top.periodType, top.periodType.count - 1, 'period type');
  }
  const comments = top.comments.map((c) => strings.get(c, 'a comment', top.commentAt));

  return builder.build({
    fileName,
    format: 'pprof',
    kind: detectProfileKind(sampleTypes, defaultType, fileName),
    byteSize,
    sampleTypes,
    defaultSampleType: defaultSampleTypeIndex(sampleTypes, defaultType),
    periodType: periodType && (periodType.type || periodType.unit) ? periodType : null,
    period: top.period,
    timeMs: Math.round(top.timeNanos / 1e6),
    durationNanos: top.durationNanos,
    comments,
    dropFrames: strings.get(top.dropFrames, 'drop_frames', at),
    keepFrames: strings.get(top.keepFrames, 'keep_frames', at),
    mappings,
    memStats: null,
  }, mergeKeys.finish());
}

/** One pass over the top-level message: remembers where each repeated message is and reads the scalars. */
function scanTopLevel(r: ProtoReader): TopLevel {
  const top: TopLevel = {
    sampleTypes: new PairList(),
    samples: new PairList(),
    mappings: new PairList(),
    locations: new PairList(),
    functions: new PairList(),
    strings: new PairList(),
    periodType: new PairList(),
    comments: [],
    commentAt: 0,
    dropFrames: 0,
    keepFrames: 0,
    timeNanos: 0,
    durationNanos: 0,
    period: 0,
    defaultSampleType: 0,
    scalarAt: 0,
  };
  while (r.pos < r.end) {
    const keyAt = r.pos;
    const key = r.uint();
    if (key < 8 || key > 0xffffffff) throw notPprofError(r.fileName, `invalid field key ${key} at byte ${keyAt}`, keyAt);
    const field = key >>> 3;
    const wireType = key & 7;
    let list: PairList | null = null;
    switch (field) {
      case PROFILE_SAMPLE_TYPE:
        list = top.sampleTypes;
        break;
      case PROFILE_SAMPLE:
        list = top.samples;
        break;
      case PROFILE_MAPPING:
        list = top.mappings;
        break;
      case PROFILE_LOCATION:
        list = top.locations;
        break;
      case PROFILE_FUNCTION:
        list = top.functions;
        break;
      case PROFILE_STRING_TABLE:
        list = top.strings;
        break;
      case PROFILE_PERIOD_TYPE:
        list = top.periodType;
        break;
      case PROFILE_COMMENT:
        top.commentAt = keyAt;
        if (wireType !== WIRE_VARINT && wireType !== WIRE_LEN) throw wrongTopLevelWireType(r, field, wireType, keyAt);
        readRepeatedVarint(r, wireType, field, 'comment', keyAt, (v) => top.comments.push(v), false);
        continue;
      case PROFILE_DROP_FRAMES:
      case PROFILE_KEEP_FRAMES:
      case PROFILE_TIME_NANOS:
      case PROFILE_DURATION_NANOS:
      case PROFILE_PERIOD:
      case PROFILE_DEFAULT_SAMPLE_TYPE: {
        if (wireType !== WIRE_VARINT) throw wrongTopLevelWireType(r, field, wireType, keyAt);
        top.scalarAt = keyAt;
        if (field === PROFILE_DROP_FRAMES) top.dropFrames = r.uint();
        else if (field === PROFILE_KEEP_FRAMES) top.keepFrames = r.uint();
        else if (field === PROFILE_TIME_NANOS) top.timeNanos = r.int64();
        else if (field === PROFILE_DURATION_NANOS) top.durationNanos = r.int64();
        else if (field === PROFILE_PERIOD) top.period = r.int64();
        else top.defaultSampleType = r.uint();
        continue;
      }
      default:
        if (wireType !== WIRE_VARINT && wireType !== WIRE_LEN && wireType !== WIRE_FIXED64 && wireType !== WIRE_FIXED32) {
          throw wrongTopLevelWireType(r, field, wireType, keyAt);
        }
        r.skip(wireType, keyAt);
        continue;
    }
    if (wireType !== WIRE_LEN) throw wrongTopLevelWireType(r, field, wireType, keyAt);
    const end = r.lenEnd(TOP_LEVEL_NAMES[field]);
    list.push(r.pos, end - r.pos);
    r.pos = end;
  }
  return top;
}

function wrongTopLevelWireType(r: ProtoReader, field: number, wireType: number, keyAt: number): ProfileError {
  return notPprofError(r.fileName, `field ${field} has wire type ${wireType} at byte ${keyAt}`, keyAt);
}

/** A repeated varint field, packed (one length-delimited run) or not (one value per key). */
function readRepeatedVarint(
  r: ProtoReader,
  wireType: number,
  field: number,
  what: string,
  keyAt: number,
  push: (v: number) => void,
  signed: boolean,
): void {
  if (wireType === WIRE_VARINT) {
    push(signed ? r.int64() : r.uint());
  } else if (wireType === WIRE_LEN) {
    const end = r.lenEnd(what);
    const outer = r.end;
    r.end = end;
    while (r.pos < end) push(signed ? r.int64() : r.uint());
    r.end = outer;
  } else {
    throw r.wrongWireType(field, what, wireType, keyAt);
  }
}

/** Positions the reader on message `i` of a range list and returns the previous end to restore. */
function enter(r: ProtoReader, list: PairList, i: number): number {
  const outer = r.end;
  r.pos = list.data[i * 2];
  r.end = r.pos + list.data[i * 2 + 1];
  return outer;
}

function readValueType(r: ProtoReader, strings: LazyStrings, list: PairList, i: number, what: string): ValueType {
  const at = list.data[i * 2];
  const outer = enter(r, list, i);
  let type = 0;
  let unit = 0;
  while (r.pos < r.end) {
    const keyAt = r.pos;
    const key = r.tag();
    const field = key >>> 3;
    if (field === 1 && (key & 7) === WIRE_VARINT) type = r.uint();
    else if (field === 2 && (key & 7) === WIRE_VARINT) unit = r.uint();
    else r.skip(key & 7, keyAt);
  }
  r.end = outer;
  return { type: strings.get(type, what, at), unit: strings.get(unit, what, at) };
}

function readMapping(r: ProtoReader, strings: LazyStrings, list: PairList, i: number): Mapping {
  const at = list.data[i * 2];
  const outer = enter(r, list, i);
  let start = 0;
  let limit = 0;
  let offset = 0;
  let file = 0;
  let buildId = 0;
  while (r.pos < r.end) {
    const keyAt = r.pos;
    const key = r.tag();
    if ((key & 7) !== WIRE_VARINT) {
      r.skip(key & 7, keyAt);
      continue;
    }
    const v = r.uint();
    switch (key >>> 3) {
      case 2:
        start = v;
        break;
      case 3:
        limit = v;
        break;
      case 4:
        offset = v;
        break;
      case 5:
        file = v;
        break;
      case 6:
        buildId = v;
        break;
    }
  }
  r.end = outer;
  return {
    start,
    limit,
    offset,
    file: strings.get(file, 'a mapping file', at),
    buildId: strings.get(buildId, 'a mapping build id', at),
  };
}

interface Functions {
  readonly index: IdIndex;
  readonly name: string[];
  readonly file: string[];
  /** Frame id of each function once a location has used it (-1 before): a frame is (name, file). */
  readonly frame: Int32Array;
}

function readFunctions(r: ProtoReader, strings: LazyStrings, list: PairList): Functions {
  const count = list.count;
  const ids = new Float64Array(count);
  const name: string[] = new Array<string>(count);
  const file: string[] = new Array<string>(count);
  for (let i = 0; i < count; i++) {
    const at = list.data[i * 2];
    const outer = enter(r, list, i);
    let id = 0;
    let nameIndex = 0;
    let fileIndex = 0;
    while (r.pos < r.end) {
      const keyAt = r.pos;
      const key = r.tag();
      if ((key & 7) !== WIRE_VARINT) {
        r.skip(key & 7, keyAt);
        continue;
      }
      const v = r.uint();
      const field = key >>> 3;
      if (field === 1) id = v;
      else if (field === 2) nameIndex = v;
      else if (field === 4) fileIndex = v;
    }
    r.end = outer;
    ids[i] = id;
    name[i] = strings.get(nameIndex, 'a function name', at);
    file[i] = strings.get(fileIndex, 'a function file', at);
  }
  return { index: new IdIndex(ids, count), name, file, frame: new Int32Array(count).fill(-1) };
}

interface Locations {
  readonly index: IdIndex;
  /** The file's id of location i. */
  readonly id: Float64Array;
  /** Frames of location i are frames[start[i] .. start[i] + count[i]), outermost inline caller first. */
  readonly start: Int32Array;
  readonly count: Int32Array;
  readonly frames: Int32Array;
}

function readLocations(r: ProtoReader, builder: ProfileBuilder, functions: Functions, list: PairList): Locations {
  const n = list.count;
  const ids = new Float64Array(n);
  const start = new Int32Array(n);
  const count = new Int32Array(n);
  let frames = new Int32Array(Math.max(16, n * 2));
  let frameCount = 0;
  // Lines of the current location as (function index, line) pairs, innermost first as in the file.
  const lines = new PairList();
  for (let i = 0; i < n; i++) {
    const at = list.data[i * 2];
    const outer = enter(r, list, i);
    let id = 0;
    let address = 0;
    lines.length = 0;
    while (r.pos < r.end) {
      const keyAt = r.pos;
      const key = r.tag();
      const field = key >>> 3;
      const wireType = key & 7;
      if (field === LOCATION_LINE && wireType === WIRE_LEN) {
        const lineEnd = r.lenEnd('a location line');
        const locEnd = r.end;
        r.end = lineEnd;
        let functionId = 0;
        let line = 0;
        while (r.pos < lineEnd) {
          const lineKeyAt = r.pos;
          const lineKey = r.tag();
          const lineField = lineKey >>> 3;
          if (lineField === LINE_FUNCTION_ID && (lineKey & 7) === WIRE_VARINT) functionId = r.uint();
          else if (lineField === LINE_LINE && (lineKey & 7) === WIRE_VARINT) line = r.int64();
          else r.skip(lineKey & 7, lineKeyAt);
        }
        r.end = locEnd;
        const fn = functions.index.get(functionId);
        if (fn < 0) {
          throw new ProfileError(
            r.fileName,
            'invalid-reference',
            `location at byte ${at} refers to missing function ${functionId}`,
          );
        }
        // Line numbers beyond int32 cannot be real; the frame table stores int32.
        lines.push(fn, line | 0);
      } else if (field === LOCATION_ID && wireType === WIRE_VARINT) {
        id = r.uint();
      } else if (field === LOCATION_ADDRESS && wireType === WIRE_VARINT) {
        address = r.uint();
      } else {
        r.skip(wireType, keyAt);
      }
    }
    r.end = outer;
    ids[i] = id;
    const lineCount = lines.count;
    if (frameCount + Math.max(1, lineCount) > frames.length) {
      const next = new Int32Array(Math.max(frames.length * 2, frameCount + lineCount + 16));
      next.set(frames);
      frames = next;
    }
    start[i] = frameCount;
    // pprof walks Line[] from last to first: the outermost inline caller is nearest the root.
    for (let l = lineCount - 1; l >= 0; l--) {
      const fn = lines.data[l * 2];
      let frame = functions.frame[fn];
      if (frame < 0) {
        frame = builder.internFrame(functions.name[fn], functions.file[fn], lines.data[l * 2 + 1]);
        functions.frame[fn] = frame;
      }
      frames[frameCount++] = frame;
    }
    if (lineCount === 0) frames[frameCount++] = builder.internFrame(`0x${address.toString(16)}`, '', 0);
    count[i] = frameCount - start[i];
  }
  return { index: new IdIndex(ids, n), id: ids, start, count, frames };
}

/** Caches label arrays of single-label samples (Go heap profiles label every sample with its object size). */
class LabelCache {
  private readonly byKey = new Map<string, Map<number, readonly SampleLabel[]>>();
  numeric(key: string, num: number): readonly SampleLabel[] {
    let byNum = this.byKey.get(key);
    if (byNum === undefined) {
      byNum = new Map();
      this.byKey.set(key, byNum);
    }
    let labels = byNum.get(num);
    if (labels === undefined) {
      labels = [{ key, num }];
      byNum.set(num, labels);
    }
    return labels;
  }
}

function readSamples(
  r: ProtoReader,
  builder: ProfileBuilder,
  strings: LazyStrings,
  locations: Locations,
  list: PairList,
  typeCount: number,
  mergeKeys: SampleMergeKeys,
): void {
  const fileName = r.fileName;
  const buf = r.buf;
  const ranges = list.data;
  const locIndex = locations.index;
  // The usual case inline: the lookup per location id was a tenth of a browser worker's decode of the large
  // bench profile.
  const locationsInOrder = locIndex.inOrder;
  const locationCount = locIndex.count;
  const sampleCount = list.count;
  const sequences = new LocationSequences(r, list, locations, builder);
  let path = new Int32Array(256);
  let values = new Float64Array(Math.max(8, typeCount));
  const labelRanges = new PairList();
  const labelCache = new LabelCache();
  builder.reserveSamples(sampleCount);
  // The fields are read with the position in a local and the one- and two-byte varints (every location id
  // of a Go profile below 16384) decoded inline: the reader's methods are the slow path for the rest.
  for (let s = 0; s < sampleCount; s++) {
    let pos = ranges[s * 2];
    const end = pos + ranges[s * 2 + 1];
    let depth = 0;
    let valueCount = 0;
    let hash = 0x2545f491;
    // The bytes of the sample's one packed location list (-1 when it has none or several).
    let runStart = -1;
    let runEnd = -1;
    let runs = 0;
    labelRanges.length = 0;
    while (pos < end) {
      const keyAt = pos;
      let key = buf[pos];
      if (key >= 8 && key < 0x80) {
        pos++;
      } else {
        r.pos = pos;
        r.end = end;
        key = r.tag();
        pos = r.pos;
      }
      const field = key >>> 3;
      const wireType = key & 7;
      if (field === SAMPLE_LOCATION_ID || field === SAMPLE_VALUE) {
        // Packed (one run) or not (one value per key); the run's end bounds every varint in it.
        let stop = end;
        if (wireType === WIRE_LEN) {
          r.pos = pos;
          r.end = end;
          stop = r.lenEnd(field === SAMPLE_VALUE ? 'a sample value list' : 'a sample location list');
          pos = r.pos;
          if (field === SAMPLE_LOCATION_ID) {
            runStart = pos;
            runEnd = stop;
          }
        } else if (wireType !== WIRE_VARINT) {
          throw r.wrongWireType(field, field === SAMPLE_VALUE ? 'value' : 'location_id', wireType, keyAt);
        }
        if (field === SAMPLE_LOCATION_ID) runs += wireType === WIRE_LEN ? 1 : 2;
        // A packed run may be empty; an unpacked field is one varint.
        while (wireType !== WIRE_LEN || pos < stop) {
          const at = pos;
          const b0 = pos < stop ? buf[pos] : 0x80;
          let v: number;
          if (b0 < 0x80) {
            v = b0;
            pos++;
          } else if (pos + 1 < stop && buf[pos + 1] < 0x80) {
            v = (b0 & 0x7f) | (buf[pos + 1] << 7);
            pos += 2;
          } else {
            r.pos = pos;
            r.end = stop;
            v = field === SAMPLE_VALUE ? r.int64() : r.uint();
            pos = r.pos;
          }
          if (field === SAMPLE_VALUE) {
            if (valueCount === values.length) values = grow(values, valueCount + 1);
            values[valueCount++] = v;
          } else {
            const loc = locationsInOrder ? (v - 1 < locationCount ? v - 1 : -1) : locIndex.get(v);
            if (loc < 0) {
              throw new ProfileError(fileName, 'invalid-reference', `sample ${s} refers to missing location ${v} at byte ${at}`);
            }
            if (depth === path.length) path = grow(path, depth + 1);
            path[depth++] = loc;
            hash = Math.imul(hash ^ loc, 0x9e3779b1);
            hash ^= hash >>> 15;
          }
          if (wireType !== WIRE_LEN) break;
        }
      } else if (field === SAMPLE_LABEL) {
        if (wireType !== WIRE_LEN) throw r.wrongWireType(field, 'label', wireType, keyAt);
        r.pos = pos;
        r.end = end;
        const labelEnd = r.lenEnd('a sample label');
        labelRanges.push(r.pos, labelEnd - r.pos);
        pos = labelEnd;
      } else {
        r.pos = pos;
        r.end = end;
        r.skip(wireType, keyAt);
        pos = r.pos;
      }
    }
    if (valueCount !== typeCount) {
      throw new ProfileError(fileName, 'bad-value', `sample ${s} has ${valueCount} values for ${typeCount} sample types`);
    }
    if (runs !== 1) runStart = -1;
    const sequence = sequences.intern(path, depth, hash, s, runStart, runEnd);
    mergeKeys.begin();
    let labels: readonly SampleLabel[] | undefined;
    if (labelRanges.length > 0) labels = readLabels(r, strings, labelRanges, labelCache, mergeKeys);
    mergeKeys.end(sequence);
    builder.addSample(sequences.path(sequence), values, labels);
  }
}


/**
 * The distinct location-id sequences of the samples, each with its call path. Go writes one sample per
 * (stack, object size), so a third of a heap profile's samples repeat a sequence seen before: those add no
 * second path for the trie to walk.
 */
class LocationSequences {
  private readonly builder: ProfileBuilder;
  private readonly locations: Locations;
  private readonly locIndex: IdIndex;
  // Open addressing: slot = sequence id + 1 (0 = empty), keyed by the hash of the location indexes.
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly hashOf: Int32Array;
  private readonly firstSample: Int32Array;
  // Byte range of the first sample's packed location list (start -1: none, or not one run).
  private readonly runStart: Int32Array;
  private readonly runEnd: Int32Array;
  private readonly paths: Int32Array;
  private count = 0;
  // Re-reads earlier samples to compare sequences exactly (their bytes were read once, so are well-formed).
  private readonly reader: ProtoReader;
  private readonly ranges: Int32Array;

  constructor(r: ProtoReader, samples: PairList, locations: Locations, builder: ProfileBuilder) {
    const sampleCount = samples.count;
    this.reader = new ProtoReader(r.buf, r.fileName);
    this.ranges = samples.data;
    this.builder = builder;
    this.locations = locations;
    this.locIndex = locations.index;
    let bits = 4;
    while (1 << bits < sampleCount * 2) bits++;
    this.slots = new Int32Array(1 << bits);
    this.mask = (1 << bits) - 1;
    this.hashOf = new Int32Array(Math.max(1, sampleCount));
    this.firstSample = new Int32Array(Math.max(1, sampleCount));
    this.runStart = new Int32Array(Math.max(1, sampleCount));
    this.runEnd = new Int32Array(Math.max(1, sampleCount));
    this.paths = new Int32Array(Math.max(1, sampleCount));
  }

  /** Call path of a sequence id (ProfileBuilder.addPath; -1 for the empty stack). */
  path(sequence: number): number {
    return this.paths[sequence];
  }

  /** The id of the sequence path[0 .. depth) (leaf first), read from sample `sample`; equal ids = equal sequences. */
  intern(path: Int32Array, depth: number, hash: number, sample: number, runStart: number, runEnd: number): number {
    const slots = this.slots;
    const mask = this.mask;
    let h = (hash ^ depth) & mask;
    for (;;) {
      const slot = slots[h];
      if (slot === 0) break;
      const id = slot - 1;
      if (this.hashOf[id] === hash && (this.sameRun(id, runStart, runEnd) || this.sameLocations(this.firstSample[id], path, depth))) return id;
      h = (h + 1) & mask;
    }
    const id = this.count++;
    slots[h] = id + 1;
    this.hashOf[id] = hash;
    this.firstSample[id] = sample;
    this.runStart[id] = runStart;
    this.runEnd[id] = runEnd;
    this.paths[id] = this.builder.addLocationPath(path, depth, this.locations);
    return id;
  }

  /** Whether sequence `id` was read from the same bytes as the packed list at [start, end): equal ids for sure. */
  private sameRun(id: number, start: number, end: number): boolean {
    const other = this.runStart[id];
    if (start < 0 || other < 0 || this.runEnd[id] - other !== end - start) return false;
    const buf = this.reader.buf;
    for (let i = 0; i < end - start; i++) if (buf[other + i] !== buf[start + i]) return false;
    return true;
  }

  /** Whether sample `sample` of the file lists exactly the locations path[0 .. depth). */
  private sameLocations(sample: number, path: Int32Array, depth: number): boolean {
    const reader = this.reader;
    reader.pos = this.ranges[sample * 2];
    const end = reader.pos + this.ranges[sample * 2 + 1];
    reader.end = end;
    let i = 0;
    while (reader.pos < end) {
      const key = reader.uint();
      const wireType = key & 7;
      if (key >>> 3 !== SAMPLE_LOCATION_ID) {
        reader.skip(wireType, reader.pos);
        continue;
      }
      const stop = wireType === WIRE_LEN ? reader.lenEnd('') : end;
      reader.end = stop;
      while (wireType !== WIRE_LEN || reader.pos < stop) {
        if (i >= depth || this.locIndex.get(reader.uint()) !== path[i]) return false;
        i++;
        if (wireType !== WIRE_LEN) break;
      }
      reader.end = end;
    }
    return i === depth;
  }


}

/** A copy of `a` with room for at least `atLeast` entries (twice as many, at least). */
function grow<A extends Int32Array<ArrayBuffer> | Float64Array<ArrayBuffer>>(a: A, atLeast: number): A {
  const next = new (a.constructor as new (length: number) => A)(Math.max(atLeast, a.length * 2));
  next.set(a);
  return next;
}

function readLabels(
  r: ProtoReader,
  strings: LazyStrings,
  list: PairList,
  cache: LabelCache,
  mergeKeys: SampleMergeKeys,
): readonly SampleLabel[] {
  const labels: SampleLabel[] = [];
  for (let i = 0; i < list.count; i++) {
    const at = list.data[i * 2];
    r.pos = at;
    r.end = at + list.data[i * 2 + 1];
    let keyIndex = 0;
    let strIndex = 0;
    let num = 0;
    let unitIndex = 0;
    while (r.pos < r.end) {
      const keyAt = r.pos;
      const key = r.tag();
      if ((key & 7) !== WIRE_VARINT) {
        r.skip(key & 7, keyAt);
        continue;
      }
      switch (key >>> 3) {
        case 1:
          keyIndex = r.uint();
          break;
        case 2:
          strIndex = r.uint();
          break;
        case 3:
          num = r.int64();
          break;
        case 4:
          unitIndex = r.uint();
          break;
        default:
          r.uint();
      }
    }
    mergeKeys.label(keyIndex, strIndex, num, unitIndex);
    // Constant descriptions: a template string here would be built for every sample.
    const key = strings.get(keyIndex, 'a sample label key', at);
    if (strIndex !== 0) {
      labels.push({ key, str: strings.get(strIndex, 'a sample label value', at) });
      continue;
    }
    const unit = strings.get(unitIndex, 'a sample label unit', at);
    if (!unit && list.count === 1) return cache.numeric(key, num);
    labels.push(unit ? { key, num, unit } : { key, num });
  }
  return labels;
}
