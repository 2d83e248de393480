// Builds a Profile incrementally: interns frames by value, collects call paths and appends samples into
// growable typed arrays; build() makes the stack trie of all the paths at once and hands back a finished value.
import { ProfileError } from './errors.ts';
import { GrowableFloat64, GrowableInt32 } from './growableArrays.ts';
import { decodeLimits } from './limits.ts';
import type {
  FrameTable,
  Mapping,
  MemStats,
  Profile,
  ProfileFormat,
  ProfileKind,
  SampleLabel,
  ValueType,
} from './model.ts';
import { buildStackTrie } from './stackTrie.ts';

// Frame ids stay below 2^24 (a limit error past it), far above decodeLimits.maxFrames.
const FRAME_KEY_SPACE = 0x1000000;

export interface ProfileHeader {
  fileName: string;
  format: ProfileFormat;
  kind: ProfileKind;
  byteSize: number;
  sampleTypes: readonly ValueType[];
  defaultSampleType: number;
  periodType: ValueType | null;
  period: number;
  timeMs: number;
  durationNanos: number;
  comments: readonly string[];
  dropFrames: string;
  keepFrames: string;
  mappings: readonly Mapping[];
  memStats: MemStats | null;
}

export class ProfileBuilder {
  private readonly fileName: string;
  private readonly frameIndex = new Map<string, number>();
  private readonly frameNames: string[] = [];
  private readonly frameFiles: string[] = [];
  private readonly frameLines = new GrowableInt32();
  // Call paths, root first, one after another: path i is pathFrames[pathOffsets[i] .. pathOffsets[i + 1]).
  private readonly pathFrames = new GrowableInt32();
  private readonly pathOffsets = new GrowableInt32();
  private readonly sampleStack = new GrowableInt32();
  private readonly sampleValues: GrowableFloat64[];
  private readonly sampleLabels: (readonly SampleLabel[] | undefined)[] = [];
  private anyLabels = false;

  private readonly maxPathFrames: number;

  /** `maxPathFrames`: the most frames all added paths may hold together (limits.ts pathFrameLimit). */
  constructor(fileName: string, sampleTypeCount: number, maxPathFrames = Infinity) {
    this.fileName = fileName;
    this.maxPathFrames = maxPathFrames;
    this.sampleValues = Array.from({ length: sampleTypeCount }, () => new GrowableFloat64());
    this.pathOffsets.push(0);
  }

  get sampleCount(): number {
    return this.sampleStack.length;
  }

  internFrame(name: string, file: string, line: number): number {
    // \u0000 cannot occur in Go symbol or file names, so it separates the two parts unambiguously.
    const key = `${name}\u0000${file}`;
    let id = this.frameIndex.get(key);
    if (id === undefined) {
      id = this.frameNames.length;
      if (id >= decodeLimits.maxFrames || id >= FRAME_KEY_SPACE) {
        throw new ProfileError(this.fileName, 'limit', `more than ${decodeLimits.maxFrames} distinct frames`);
      }
      this.frameIndex.set(key, id);
      this.frameNames.push(name);
      this.frameFiles.push(file);
      this.frameLines.push(line);
    }
    return id;
  }

  /** Sizes the sample columns for `count` samples (a decoder that knows the count up front). */
  reserveSamples(count: number): void {
    this.sampleStack.reserve(count);
    for (const column of this.sampleValues) column.reserve(count);
  }

  /**
   * Adds the call path frames[0 .. count) (root first) and returns its id for addSample (-1 for an empty
   * path). Paths are not compared here: build() gives equal paths the same stack.
   */
  addPath(frames: ArrayLike<number>, count: number): number {
    if (count === 0) return -1;
    const at = this.openPath(count);
    const data = this.pathFrames.data;
    for (let k = 0; k < count; k++) data[at + k] = frames[k];
    return this.closePath(at + count);
  }

  /**
   * addPath for the frames of locations[depth - 1], …, locations[0] (a sample's location list, leaf first),
   * where location i has the frames table.frames[table.start[i] .. + table.count[i]). Writes them straight
   * into the path store: a large profile's paths hold some ten million frames, worth copying once only.
   */
  addLocationPath(locations: Int32Array, depth: number, table: { readonly start: Int32Array; readonly count: Int32Array; readonly frames: Int32Array }): number {
    const { start, count: countOf, frames } = table;
    let count = 0;
    for (let j = 0; j < depth; j++) count += countOf[locations[j]];
    if (count === 0) return -1;
    let at = this.openPath(count);
    const data = this.pathFrames.data;
    for (let j = depth - 1; j >= 0; j--) {
      const loc = locations[j];
      const first = start[loc];
      const last = first + countOf[loc];
      for (let f = first; f < last; f++) data[at++] = frames[f];
    }
    return this.closePath(at);
  }

  /** Sizes the path store for about `frames` frames in all (a decoder's estimate; more still fit). */
  reservePathFrames(frames: number): void {
    this.pathFrames.reserve(Math.min(frames, this.maxPathFrames));
  }

  /** Checks the limits for a new path of `count` frames and makes room for it; returns where it starts. */
  private openPath(count: number): number {
    if (count > decodeLimits.maxStackDepth) {
      throw new ProfileError(this.fileName, 'limit', `a stack is deeper than ${decodeLimits.maxStackDepth} frames`);
    }
    const out = this.pathFrames;
    const at = out.length;
    if (at + count > this.maxPathFrames) {
      throw new ProfileError(this.fileName, 'limit', `its call paths hold more than ${this.maxPathFrames} frames in all (limit: ${decodeLimits.maxPathFramesPerByte} per byte of profile)`);
    }
    if (at + count > out.data.length) out.reserve(Math.max(at + count, out.data.length * 2));
    return at;
  }

  /** Ends the path whose frames were written up to `end`; returns its id. */
  private closePath(end: number): number {
    this.pathFrames.length = end;
    this.pathOffsets.push(end);
    return this.pathOffsets.length - 2;
  }

  /** addPath for frames listed leaf first, as text profiles list them. */
  addLeafFirstPath(frames: readonly number[]): number {
    const count = frames.length;
    const rootFirst = new Int32Array(count);
    for (let k = 0; k < count; k++) rootFirst[k] = frames[count - 1 - k];
    return this.addPath(rootFirst, count);
  }

  /** `path`: an id from addPath (-1 for a sample with an empty stack). */
  addSample(path: number, values: ArrayLike<number>, labels?: readonly SampleLabel[]): void {
    if (this.sampleStack.length >= decodeLimits.maxSamples) {
      throw new ProfileError(this.fileName, 'limit', `more than ${decodeLimits.maxSamples} samples`);
    }
    this.sampleStack.push(path);
    for (let i = 0; i < this.sampleValues.length; i++) this.sampleValues[i].push(values[i] ?? 0);
    if (labels && labels.length > 0) {
      this.anyLabels = true;
      this.sampleLabels[this.sampleStack.length - 1] = labels;
    }
  }

  /** `mergeKey`: the decoder's SampleTable.mergeKey column (one id per added sample), when it has one. */
  build(header: ProfileHeader, mergeKey?: Int32Array): Profile {
    const frames: FrameTable = {
      length: this.frameNames.length,
      name: this.frameNames,
      file: this.frameFiles,
      line: this.frameLines.finish(),
    };
    const { stacks, leaf } = buildStackTrie({
      count: this.pathOffsets.length - 1,
      frames: this.pathFrames.data,
      offsets: this.pathOffsets.data,
    });
    const count = this.sampleStack.length;
    const sampleStack = this.sampleStack.finish();
    for (let i = 0; i < count; i++) if (sampleStack[i] >= 0) sampleStack[i] = leaf[sampleStack[i]];
    if (mergeKey && mergeKey.length !== count) {
      throw new Error(`mergeKey has ${mergeKey.length} ids for ${count} samples`);
    }
    let labels: (readonly SampleLabel[] | undefined)[] = [];
    if (this.anyLabels) {
      labels = this.sampleLabels;
      labels.length = count;
    }
    return {
      ...header,
      frames,
      stacks,
      samples: {
        length: count,
        stack: sampleStack,
        values: this.sampleValues.map((v) => v.finish()),
        labels,
        ...(mergeKey ? { mergeKey } : {}),
      },
    };
  }
}
