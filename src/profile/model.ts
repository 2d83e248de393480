// The one in-memory profile model every format decodes into. Plain, readonly, column-oriented:
// typed arrays and interned frames instead of an object per sample, so 500k-sample profiles stay small.

export type Bytes = number;
export type Nanoseconds = number;

export type ProfileFormat = 'pprof' | 'heap-text' | 'goroutine-text';

export type ProfileKind =
  | 'heap'
  | 'allocs'
  | 'goroutine'
  | 'cpu'
  | 'block'
  | 'mutex'
  | 'threadcreate'
  | 'unknown';

export interface ValueType {
  readonly type: string;
  readonly unit: string;
}

/** Frames are identified by value (function name + file); `line` is the first line seen, for display only. */
export interface FrameTable {
  readonly length: number;
  readonly name: readonly string[];
  readonly file: readonly string[];
  readonly line: Int32Array;
}

/**
 * A trie of call stacks. Stack `i` is the path root -> ... -> frame[i]; parent[i] is -1 at a root frame.
 * Parents always have smaller ids than their children, so one forward pass can fold values up the tree.
 */
export interface StackTable {
  readonly length: number;
  readonly frame: Int32Array;
  readonly parent: Int32Array;
  readonly depth: Int32Array;
}

export interface SampleLabel {
  readonly key: string;
  readonly str?: string;
  readonly num?: number;
  readonly unit?: string;
}

export interface Mapping {
  readonly start: number;
  readonly limit: number;
  readonly offset: number;
  readonly file: string;
  readonly buildId: string;
}

/** The `# runtime.MemStats` block of a legacy text heap profile, field name -> value. */
export type MemStats = Readonly<Record<string, number>>;

export interface SampleTable {
  readonly length: number;
  /** Leaf stack id of each sample; -1 for a sample with an empty stack. */
  readonly stack: Int32Array;
  /** One column per sample type: values[typeIndex][sampleIndex]. */
  readonly values: readonly Float64Array[];
  /** Sparse: labels[i] is undefined for a sample without labels. Empty array when no sample has labels. */
  readonly labels: readonly (readonly SampleLabel[] | undefined)[];
  /**
   * Optional: equal ids = samples pprof would merge (Profile.Merge: identical locations — in one Go-written
   * profile, identical location-id lists — and identical labels). go tool pprof merges those before
   * -normalize rounds each sample, and frames by value cannot tell two call sites of one function apart, so
   * the diff rounds per group. Dense ids (0..groups-1) in order of first appearance. Set by the protobuf
   * decoders. Absent for text formats: Go writes each heap bucket (stack and object size) once, and pprof's
   * legacy parser labels each sample with its object size, so no two text samples would merge.
   */
  readonly mergeKey?: Int32Array;
}

export interface Profile {
  readonly fileName: string;
  readonly format: ProfileFormat;
  readonly kind: ProfileKind;
  /** Size of the file as given (before any gunzip). */
  readonly byteSize: number;
  readonly sampleTypes: readonly ValueType[];
  /** Index into sampleTypes that go tool pprof shows by default. */
  readonly defaultSampleType: number;
  readonly periodType: ValueType | null;
  readonly period: number;
  /** Wall-clock time the profile was taken, in ms since the epoch (0 when unknown). */
  readonly timeMs: number;
  readonly durationNanos: Nanoseconds;
  readonly comments: readonly string[];
  readonly dropFrames: string;
  readonly keepFrames: string;
  readonly mappings: readonly Mapping[];
  readonly frames: FrameTable;
  readonly stacks: StackTable;
  readonly samples: SampleTable;
  readonly memStats: MemStats | null;
}

export function sampleTypeIndex(profile: Profile, type: string): number {
  return profile.sampleTypes.findIndex((t) => t.type === type);
}

export function assertNever(value: never): never {
  throw new Error(`unexpected value ${String(value)}`);
}
